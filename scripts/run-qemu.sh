#!/bin/bash
# Boot tlbprobe in QEMU and exit with the kernel's verdict.
#   exit 0: the serial log ends with "# TLBPROBE-DONE verdict=pass" and QEMU
#   exited through isa-debug-exit with the pass value; 1: verdict=fail and
#   the fail value (a correctness test or control failed, or the kernel
#   aborted); 2: anything else, no verdict (QEMU failed, timed out, or the
#   guest rebooted or stopped without the done marker).  The last line
#   printed on stdout is the verdict: "tlbprobe: verdict pass|fail ...",
#   "tlbprobe: verdict inconclusive (...)" (exit 0: nothing failed, but the
#   machine showed no paging-structure caching) or
#   "tlbprobe: no verdict: WHY".
# Variables: BOOT (iso|kernel, more in mk/*.mk), CPU, MEM, SMP, ACCEL
# (kvm|tcg; default kvm when /dev/kvm is usable with VMX/SVM), CMDLINE, QEMU_ARGS,
# TIMEOUT (seconds), LOG (also copy the serial log there), BUILD.
set -u
BUILD=${BUILD:-build}
BOOT=${BOOT:-iso}
CPU=${CPU:-max}
MEM=${MEM:-3G}
SMP=${SMP:-2}
CMDLINE=${CMDLINE:-}
QEMU_ARGS=${QEMU_ARGS:-}
TIMEOUT=${TIMEOUT:-300}
LOG=${LOG:-}

# KVM is worth defaulting to only with hardware virtualisation (VMX/SVM):
# then the guest's page walks and TLB are the CPU's own.  A software KVM
# such as PVM shadows the page tables instead, which hides every stale
# translation this tool looks for (see results/README.md).
kvm_usable() {
	[ -r /dev/kvm ] && [ -w /dev/kvm ] || return 1
	grep -qwE 'vmx|svm' /proc/cpuinfo || return 2
	echo quit | timeout 10 qemu-system-x86_64 -accel kvm -machine none \
		-nodefaults -display none -monitor stdio >/dev/null 2>&1
}

if [ -z "${ACCEL:-}" ]; then
	kvm_usable
	case $? in
	0) ACCEL=kvm ;;
	2) echo "run-qemu: /dev/kvm works but the CPU shows no VMX/SVM (a software KVM such as PVM): using TCG; ACCEL=kvm forces KVM" >&2
	   ACCEL=tcg ;;
	*) ACCEL=tcg ;;
	esac
fi
case "$ACCEL" in
kvm|tcg) ;;
*) echo "run-qemu: ACCEL must be kvm or tcg, not '$ACCEL'" >&2; exit 2 ;;
esac
# TCG cannot offer -cpu host; say so rather than let QEMU fail obscurely.
if [ "$ACCEL" = tcg ] && [ "$CPU" = host ]; then
	echo "run-qemu: CPU=host needs ACCEL=kvm" >&2
	exit 2
fi

args=(-machine q35,accel="$ACCEL" -cpu "$CPU" -m "$MEM" -smp "$SMP"
	-display none -serial stdio -no-reboot -monitor none -nodefaults
	-device isa-debug-exit,iobase=0xf4,iosize=0x04)

if ! declare -F boot_args_"$BOOT" >/dev/null; then
	for f in "$(dirname "$0")"/boot-*.sh; do
		[ -f "$f" ] && . "$f"
	done
fi

boot_args_iso() {
	args+=(-drive file="$BUILD/tlbprobe.iso",format=raw,media=cdrom -boot d)
}
boot_args_kernel() {
	args+=(-kernel "$BUILD/tlbprobe.elf" -append "$CMDLINE")
}

if ! declare -F boot_args_"$BOOT" >/dev/null; then
	echo "run-qemu: unknown BOOT '$BOOT'" >&2
	exit 2
fi
boot_args_"$BOOT" || exit 2
# shellcheck disable=SC2206
args+=($QEMU_ARGS)

# The serial log always goes to a file: the verdict is read from it.
serial_log=${LOG:-}
if [ -z "$serial_log" ]; then
	serial_log=$(mktemp "${TMPDIR:-/tmp}/tlbprobe-serial.XXXXXX") || exit 2
	# shellcheck disable=SC2064  # expanded now on purpose
	trap "rm -f '$serial_log'; $(trap -p EXIT | sed "s/^trap -- '\(.*\)' EXIT\$/\1/")" EXIT
else
	mkdir -p "$(dirname "$serial_log")"
fi

run() {
	echo "run-qemu: BOOT=$BOOT ACCEL=$ACCEL CPU=$CPU MEM=$MEM SMP=$SMP CMDLINE='$CMDLINE'" >&2
	errlog=$(mktemp)
	timeout --foreground -k 5 "$TIMEOUT" qemu-system-x86_64 "${args[@]}" \
		</dev/null 2> >(tee "$errlog" >&2) | tee "$serial_log"
	rc=${PIPESTATUS[0]}
	sleep 0.1
	qemu_err=$(cat "$errlog")
	rm -f "$errlog"
}

# log_damage LOG: fails, printing the checker's first complaint, when the
# checker finds the log damaged (status 2); any other status is a verdict.
log_damage() {
	local out
	out=$("$BUILD/tlbprobe-check" --profile metal "$1" 2>&1)
	[ $? -ne 2 ] && return 0
	grep -m1 'malformed' <<< "$out" || tail -1 <<< "$out"
	return 1
}

# verdict_exit RC LOG QEMU_ERR: the verdict comes from the log's done marker
# (docs/log-format.md); QEMU's exit status must agree with it, since
# isa-debug-exit value 0 and QEMU's own failures both give status 1.
# The last line printed is the verdict; the exit status is 0 pass, 1 fail,
# 2 no verdict.
verdict_exit() {
	local rc=$1 log=$2 err=$3 marker verdict why
	marker=$(tr -d '\r\000' < "$log" | grep -a '^# TLBPROBE-DONE ' | tail -1)
	verdict=$(sed -n 's/^# TLBPROBE-DONE verdict=\(pass\|fail\)\( .*\)\{0,1\}$/\1/p' <<< "$marker")
	# A marker that survived a damaged serial line is not evidence: the
	# checker's integrity checks (checksums, counts) must hold too.
	if [ -n "$verdict" ] && [ -x "$BUILD/tlbprobe-check" ] &&
	   ! damaged=$(log_damage "$log"); then
		echo "tlbprobe: no verdict: the serial log is damaged or inconsistent ($damaged)"
		exit 2
	fi
	case $verdict:$rc in
	pass:1)
		# Nothing failed, but a machine that never showed a cached
		# upper-level entry cannot show the bug: say so, never "pass".
		inc=$(sed -n 's/.* inconclusive=\([0-9]*\).*/\1/p' <<< "$marker")
		if [[ $marker == *" caching=not-observed"* ]]; then
			echo "tlbprobe: verdict inconclusive (nothing failed, but no paging-structure caching was observed on this machine: ${inc:-the} correctness results say nothing)"
		else
			echo "tlbprobe: verdict pass"
		fi
		exit 0 ;;
	fail:3)
		why=$(sed -n 's/.* \(reason=[^ ]*\).*/\1/p' <<< "$marker")
		err=$(tr -d '\r\000' < "$log" | grep -a -m1 '^# error: ' | cut -c10-)
		echo "tlbprobe: verdict fail${why:+ ($why${err:+: $err})}"
		exit 1 ;;
	esac
	case $rc in
	124|137) why="timed out after ${TIMEOUT}s" ;;
	*) why="QEMU exit status $rc" ;;
	esac
	err=$(grep -av '^run-qemu:' <<< "$err" | grep -a . | tail -3 | tr '\n' ' ')
	if [ -n "$verdict" ]; then
		why="the log says verdict=$verdict but QEMU did not exit through isa-debug-exit ($why)"
	elif [ -n "$marker" ]; then
		why="malformed done marker '$marker' ($why)"
	else
		why="no done marker in the serial log ($why)"
	fi
	echo "tlbprobe: no verdict: $why${err:+; QEMU said: $err}"
	exit 2
}

# report_log: where the kernel's report goes.  console=ttyS1..3 sends it to
# the Nth extra "-serial" of QEMU_ARGS (ttyS0 is stdio here); the verdict
# can be read only from a file, so it must be "-serial file:PATH".
report_log() {
	local n a i=0
	n=$(sed -n 's/.*\(^\| \)console=ttyS\([0-3]\).*/\2/p' <<< "$CMDLINE")
	if [[ " $CMDLINE" == *" console=mmio"* ]]; then
		echo "the report goes to an MMIO UART (console=mmio), which this runner cannot read" >&2
		return 1
	fi
	if [ -z "$n" ] || [ "$n" = 0 ]; then
		echo "$serial_log"
		return 0
	fi
	# shellcheck disable=SC2086
	set -- $QEMU_ARGS
	while [ $# -gt 0 ]; do
		a=$1
		shift
		[ "$a" = -serial ] || continue
		i=$((i + 1))
		if [ "$i" = "$n" ]; then
			if [[ $1 == file:* ]]; then
				echo "${1#file:}"
				return 0
			fi
			break
		fi
	done
	echo "the report goes to ttyS$n; give QEMU_ARGS with '-serial file:PATH' as extra -serial number $n for the runner to read the verdict" >&2
	return 1
}

start=$EPOCHREALTIME
run
# Some hosts (nested or PVM KVM) refuse the IA32_ARCH_CAPABILITIES MSR that
# QEMU sets for -cpu max/host; the guest does not need it, so retry without.
if [ "$ACCEL" = kvm ] && [[ "$qemu_err" == *"failed to set MSR 0x10a"* ]]; then
	echo "run-qemu: this KVM refuses MSR 0x10a; retrying with -cpu $CPU,-arch-capabilities" >&2
	for i in "${!args[@]}"; do
		[ "${args[$i]}" = "$CPU" ] && args[$i]="$CPU,-arch-capabilities"
	done
	CPU="$CPU,-arch-capabilities"
	start=$EPOCHREALTIME
	run
fi
wall=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
echo "run-qemu: QEMU exit status $rc after ${wall}s" >&2
if ! verdict_log=$(report_log 2> "$serial_log.why"); then
	echo "tlbprobe: no verdict: $(cat "$serial_log.why")"
	rm -f "$serial_log.why"
	exit 2
fi
rm -f "$serial_log.why"
verdict_exit "$rc" "$verdict_log" "$qemu_err"
