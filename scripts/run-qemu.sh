#!/bin/bash
# Boot tlbprobe in QEMU and exit with the kernel's verdict.
#   exit 0: the run passed; 1: it failed (a correctness test or control
#   failed, or the kernel aborted); 2: no verdict (QEMU failed, timed out,
#   or the guest rebooted or stopped without the done marker).
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

run() {
	echo "run-qemu: BOOT=$BOOT ACCEL=$ACCEL CPU=$CPU MEM=$MEM SMP=$SMP CMDLINE='$CMDLINE'" >&2
	errlog=$(mktemp)
	if [ -n "$LOG" ]; then
		mkdir -p "$(dirname "$LOG")"
		timeout --foreground -k 5 "$TIMEOUT" qemu-system-x86_64 "${args[@]}" \
			</dev/null 2> >(tee "$errlog" >&2) | tee "$LOG"
		rc=${PIPESTATUS[0]}
	else
		timeout --foreground -k 5 "$TIMEOUT" qemu-system-x86_64 "${args[@]}" \
			</dev/null 2> >(tee "$errlog" >&2)
		rc=$?
	fi
	sleep 0.1
	qemu_err=$(cat "$errlog")
	rm -f "$errlog"
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
case $rc in
1) exit 0 ;;
3) exit 1 ;;
124|137) echo "run-qemu: timed out after ${TIMEOUT}s" >&2; exit 2 ;;
*) echo "run-qemu: no verdict from the kernel (QEMU status $rc)" >&2; exit 2 ;;
esac
