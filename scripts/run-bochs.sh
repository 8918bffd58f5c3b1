#!/bin/bash
# SPDX-License-Identifier: MIT
# Boot tlbprobe's ISO in Bochs and exit with the kernel's verdict, as
# scripts/run-qemu.sh does for QEMU: 0 pass (or inconclusive), 1 fail,
# 2 no verdict.  The last line printed on stdout is the verdict:
# "tlbprobe: verdict pass|fail ...", "tlbprobe: verdict inconclusive (...)"
# or "tlbprobe: no verdict: WHY".
# Variables: CPU (a Bochs model, `bochs -help cpu`; max or empty means
# corei7_skylake_x), MEM (512M, 3G, ...), SMP, CMDLINE (baked into the run's
# own ISO), TIMEOUT (seconds), LOG (also keep the serial log there), BUILD,
# BOCHS_ARGS (extra bochsrc lines, ';' separated), ISO (an ISO the caller
# built with CMDLINE; default: the run's own, as scripts/run-qemu.sh makes it).
#
# Bochs never exits by itself when the guest halts and ignores SIGTERM, so
# the kernel writes "Shutdown" to Bochs' port 0x8900 after its done marker
# (kernel/platform.c); a run that never gets there is killed at TIMEOUT.
set -u
BUILD=${BUILD:-build}
CPU=${CPU:-}
BOOT=${BOOT:-iso}
MEM=${MEM:-512M}
SMP=${SMP:-1}
CMDLINE=${CMDLINE:-}
TIMEOUT=${TIMEOUT:-300}
LOG=${LOG:-}
BOCHS_ARGS=${BOCHS_ARGS:-}
ISO_GIVEN=${ISO:-}
ISO=${ISO:-}
BIOS=${BOCHS_BIOS:-/usr/share/bochs/BIOS-bochs-latest}
VGABIOS=${BOCHS_VGABIOS:-/usr/share/vgabios/vgabios.bin}

die() {
	echo "run-bochs: $*" >&2
	rc_no_verdict "$*"
}

[ "$CPU" = max ] || [ -z "$CPU" ] && CPU=corei7_skylake_x
[ "${BOOT:-iso}" = iso ] || die "Bochs boots the ISO only (BOOT=iso), not BOOT=$BOOT"
[ -z "${QEMU_ARGS:-}" ] || die "QEMU_ARGS are QEMU's; give Bochs lines in BOCHS_ARGS"
[ -z "${ACCEL:-}" ] || die "ACCEL is QEMU's; Bochs always emulates"

# --- the Bochs side: configuration and the run --------------------------

check_inputs() {
	command -v bochs >/dev/null ||
		die "bochs is not installed (make deps, or apt-get install bochs bochsbios vgabios bochs-term)"
	[ -r "$BIOS" ] || die "no Bochs BIOS at $BIOS (package bochsbios)"
	[ -r "$VGABIOS" ] || die "no VGA BIOS at $VGABIOS (package vgabios)"
	[ -r "$ISO" ] || die "no $ISO (make iso)"
	bochs -help cpu 2>&1 | grep -qx "$CPU" ||
		die "CPU '$CPU' is not a Bochs model; 'bochs -help cpu' lists them"
	[[ $SMP =~ ^[1-9][0-9]*$ ]] || die "SMP must be a number of CPUs, not '$SMP'"
	[[ $TIMEOUT =~ ^[1-9][0-9]*$ ]] || die "TIMEOUT must be seconds, not '$TIMEOUT'"
}

# write_bochsrc FILE SERIAL: the host memory is the guest's up to 2 GiB,
# Bochs' limit; a larger guest's rest is swapped to a file (slowly).
write_bochsrc() {
	local rc=$1 serial=$2 mib host extra
	mib=$(rc_mem_mib "$MEM") && [ "$mib" -ge 32 ] ||
		die "MEM must be a size such as 512M or 3G (at least 32M), not '$MEM'"
	host=$mib
	[ "$host" -gt 2048 ] && host=2048
	{
		echo "memory: guest=$mib, host=$host"
		echo "cpu: model=$CPU, count=$SMP, ips=50000000, reset_on_triple_fault=0"
		echo "romimage: file=$BIOS"
		echo "vgaromimage: file=$VGABIOS"
		echo "ata0-master: type=cdrom, path=$ISO, status=inserted"
		echo "boot: cdrom"
		echo "com1: enabled=1, mode=file, dev=$serial"
		echo "port_e9_hack: enabled=1"
		# Debian's Bochs has no nogui; term draws into the discarded stdout.
		echo "display_library: term"
		echo "clock: sync=none, time0=local"
		echo "log: $rc.out"
		echo "panic: action=fatal"
		echo "error: action=report"
		echo "info: action=ignore"
		echo "debug: action=ignore"
		IFS=';' read -ra extra <<< "$BOCHS_ARGS"
		for l in "${extra[@]}"; do
			[ -n "$l" ] && echo "$l"
		done
	} > "$rc"
}

# drain_screen STDOUT: read the screen Bochs draws, and throw it away.  With
# stdout not a terminal, the term display opens a pseudo-terminal of its
# own ("Bochs connected to screen /dev/pts/N") and writes every screen
# update into it; nobody reads that terminal, so once its buffer is full
# Bochs blocks in write() for good: the guest stops mid-run, SIGINT is
# never seen (exit 137), the serial file's buffered tail is lost.  Runs
# that draw more (two CPUs, long runs) hit it sooner: this was the "stall"
# of docs/lab.md.
drain_screen() {
	local pty="" i
	for ((i = 0; i < 600; i++)); do
		pty=$(grep -a -o -m1 'connected to screen "/dev/pts/[0-9]*"' "$1" 2>/dev/null |
			sed 's/.*"\(.*\)"/\1/')
		[ -n "$pty" ] && exec cat "$pty" > /dev/null 2>&1
		sleep 0.05
	done
}

# run_bochs RC SERIAL: sets rc and bochs_err.  Debian builds Bochs with its
# debugger, which waits at the first instruction: the command file says
# "continue".  At TIMEOUT, SIGINT stops the simulation into that debugger,
# which finds no more commands and quits, writing out the serial log it
# buffers; it ignores SIGTERM, so SIGKILL follows if it does not.
run_bochs() {
	local drainer
	echo "run-bochs: CPU=$CPU MEM=$MEM SMP=$SMP CMDLINE='$CMDLINE'" >&2
	echo c > "$1.cmds"
	drain_screen "$1.stdout" &
	drainer=$!
	timeout -s INT -k 15 "$TIMEOUT" bochs -q -f "$1" -rc "$1.cmds" \
		</dev/null >"$1.stdout" 2>&1
	rc=$?
	kill "$drainer" 2>/dev/null
	wait "$drainer" 2>/dev/null
	# RDMSR of unknown registers and the like are logged as errors
	# on every run: only a panic or Bochs' parting message says why.
	bochs_err=$(grep -a -A1 'Bochs is exiting with the following message' \
		"$1.stdout" | tail -1 | grep -v 'Shutdown port: shutdown requested')
	[ -n "$bochs_err" ] ||
		bochs_err=$(grep -a '>>PANIC<<' "$1.out" 2>/dev/null | tail -1)
}

# --- main: the emulator-independent half is scripts/run-common.sh -------
# (the run's own directory, ISO and log; the command-line check; the
# verdict from the done marker; the no-verdict wording)
RC_EMU=Bochs
# shellcheck source=scripts/run-common.sh
. "$(dirname "$0")/run-common.sh"
rc_check_request
rc_grub_cmdline
rc_setup
if [ -n "${ISO_GIVEN:-}" ]; then
	RC_ISO=$ISO	# built by the caller with this CMDLINE (checked below)
else
	rc_iso || rc_no_verdict "could not build the ISO for this command line (grub-mkrescue's messages are above)"
fi
ISO=$RC_ISO
check_inputs
write_bochsrc "$RC_DIR/bochsrc" "$RC_LOG"
# Show the log as it grows, as run-qemu.sh does with -serial stdio
# (VERBOSE=1: all of it; else rc_show's summary).
{ tail -n +1 -f "$RC_LOG" --pid=$$ 2>/dev/null & echo $! > "$RC_DIR/tail.pid"; wait; } | rc_show &
show=$!
start=$EPOCHREALTIME
run_bochs "$RC_DIR/bochsrc" "$RC_LOG"
wall=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
sleep 0.3
# The tail ends; rc_show reads to the end and says where the log is.
kill "$(cat "$RC_DIR/tail.pid")" 2>/dev/null
wait $show 2>/dev/null
echo "run-bochs: Bochs exit status $rc after ${wall}s" >&2
# Bochs has no exit channel that carries the verdict: the log alone does.
rc_finish "$rc" "$wall" "${bochs_err:-}" any
