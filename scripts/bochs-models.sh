#!/bin/bash
# SPDX-License-Identifier: MIT
# Boot ISO (default $BUILD/bochs-models/tlbprobe.iso, `make bochs-models`
# builds it with the control family and two PCID/INVPCID rows) once per
# Bochs CPU model and print a markdown table: model, verdict, seconds,
# the emulator= the kernel logged, the checker's auto profile, and the rows
# that ran which QEMU TCG skips (PCID, INVPCID, TCE).  Models: the
# arguments, or every model `bochs -help cpu` lists without long mode
# ones (Pentium to Pentium 4 Willamette, Core Duo, Atom N270: no x86-64).
# Logs: $BUILD/logs/bochs-models/.
# Variables: BUILD, ISO, SMP (1), MEM (512M), TIMEOUT (300 per model),
# RUN_BOCHS (scripts/run-bochs.sh).
set -u
BUILD=${BUILD:-build}
ISO=${ISO:-$BUILD/bochs-models/tlbprobe.iso}
SMP=${SMP:-1}
MEM=${MEM:-512M}
TIMEOUT=${TIMEOUT:-300}
RUN_BOCHS=${RUN_BOCHS:-scripts/run-bochs.sh}
dir=$BUILD/logs/bochs-models
mkdir -p "$dir"
models=("$@")
NO_LONG_MODE='pentium pentium_mmx amd_k6_2_chomper p2_klamath p3_katmai p4_willamette core_duo_t2400_yonah atom_n270'
[ ${#models[@]} -gt 0 ] ||
	mapfile -t models < <(bochs -help cpu 2>&1 | grep -E '^[a-z0-9_]+$' |
		grep -vxF -f <(tr ' ' '\n' <<< "$NO_LONG_MODE"))

# tcg_skipped LOG: the rows that ran here and that TCG can only skip.
tcg_skipped() {
	grep -aE '^ *(not )?ok [0-9]+ [^ ]*(pcid|invpcid|\.tce)[^ ]*[[:space:]]*$' "$1" |
		tr -d '\r' | awk '{ print $NF }' | paste -sd ' ' -
}

echo "| model | verdict | seconds | emulator= | auto profile | rows that ran which TCG skips |"
echo "| --- | --- | --- | --- | --- | --- |"
for m in "${models[@]}"; do
	log=$dir/$m.log
	start=$EPOCHREALTIME
	verdict=$(ISO=$ISO CPU=$m SMP=$SMP MEM=$MEM TIMEOUT=$TIMEOUT LOG=$log \
		nice -n 10 "$RUN_BOCHS" 2>"$dir/$m.bochs.txt" | tail -1)
	secs=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')
	emu=$(sed -n 's/^# env: emulator=\([^ ]*\).*/\1/p' "$log" 2>/dev/null | head -1)
	prof=$("$BUILD/tlbprobe-check" --json --quiet "$log" 2>/dev/null |
		jq -r '.profile.name // "-"' 2>/dev/null)
	printf '| %s | %s | %s | %s | %s | %s |\n' "$m" "${verdict#tlbprobe: }" \
		"$secs" "${emu:--}" "${prof:--}" "$(tcg_skipped "$log" 2>/dev/null)"
done
