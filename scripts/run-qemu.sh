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
# TIMEOUT (seconds), LOG (also copy the serial log there; default
# $BUILD/logs/last.log), BUILD, VERBOSE (1: the whole serial log on stdout
# as it comes; else a line per family and the answer: rc_show).  The emulator-independent part (the run's
# own directory, the command-line check, the verdict) is scripts/run-common.sh.
set -u
RC_EMU=QEMU
. "$(dirname "$0")/run-common.sh"
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
*) rc_no_verdict "ACCEL must be kvm or tcg, not '$ACCEL'" ;;
esac
# TCG cannot offer -cpu host; say so rather than let QEMU fail obscurely.
if [ "$ACCEL" = tcg ] && [ "$CPU" = host ]; then
	rc_no_verdict "CPU=host needs ACCEL=kvm (TCG cannot offer the host CPU)"
fi
rc_check_request

args=(-machine q35,accel="$ACCEL" -cpu "$CPU" -m "$MEM" -smp "$SMP"
	-display none -serial stdio -no-reboot -monitor none -nodefaults
	-device isa-debug-exit,iobase=0xf4,iosize=0x04)

if ! declare -F boot_args_"$BOOT" >/dev/null; then
	for f in "$(dirname "$0")"/boot-*.sh; do
		[ -f "$f" ] && . "$f"
	done
fi

boot_args_iso() {
	args+=(-drive file="$RC_ISO",format=raw,media=cdrom -boot d)
}
# QEMU's multiboot loader hands the kernel "PATH CMDLINE": a path relative
# to the tree keeps spaces in the tree's own location out of it (the
# kernel skips a path of several words too, kernel/cmdline.c).
boot_args_kernel() {
	local k=$BUILD/tlbprobe.elf
	if [[ $k == *[[:space:]]* ]] || [ ! -r "$k" ]; then
		k=$RC_DIR/tlbprobe.elf
		cp "$BUILD/tlbprobe.elf" "$k" || return 1
		k=$(realpath --relative-to=. "$k")
		[[ $k == *[[:space:]]* ]] && k=$(realpath "$k")
	fi
	args+=(-kernel "$k" -append "$CMDLINE")
	RC_CMDLINE_PREFIX="$k "
	if [ $((${#k} + 1 + ${#CMDLINE})) -gt "$RC_CMDLINE_MAX" ]; then
		rc_no_verdict "CMDLINE is ${#CMDLINE} bytes, and QEMU puts the ${#k}-byte image path and a space before it: the kernel takes at most $RC_CMDLINE_MAX in all"
	fi
}

if ! declare -F boot_args_"$BOOT" >/dev/null; then
	rc_no_verdict "unknown BOOT '$BOOT' (iso, kernel, uefi, pxe, pxe-uefi, ipxe)"
fi
rc_setup
# A network boot runs the command line baked into its TFTP tree (make
# netboot NETBOOT_CMDLINE=...): that is the one the log must show.
case $BOOT in
pxe|pxe-uefi|ipxe)
	nb=${NETBOOT:-$BUILD/netboot}/cmdline.txt
	if [ -r "$nb" ]; then
		baked=$(head -n 1 "$nb")
		if [ -n "$CMDLINE" ] && [ "$CMDLINE" != "$baked" ]; then
			rc_no_verdict "CMDLINE='$CMDLINE', but the TFTP tree $nb boots '$baked' (make netboot NETBOOT_CMDLINE=...)"
		fi
		CMDLINE=$baked
	fi
	# iPXE's multiboot puts the kernel's name first.
	[ "$BOOT" = ipxe ] && RC_CMDLINE_STRIP_PATH=1 ;;
esac
case $BOOT in
kernel) ;;
*) rc_grub_cmdline ;;
esac
case $BOOT in
iso|uefi) rc_iso || rc_no_verdict "could not build the ISO for this command line (grub-mkrescue's messages are above)" ;;
esac
boot_args_"$BOOT" 2> "$RC_DIR/boot.why" ||
	rc_no_verdict "BOOT=$BOOT cannot start: $(grep -v '^$' "$RC_DIR/boot.why" | tail -1 | sed 's/^run-qemu: //')"
# shellcheck disable=SC2206
args+=($QEMU_ARGS)

serial_log=$RC_LOG

run() {
	echo "run-qemu: BOOT=$BOOT ACCEL=$ACCEL CPU=$CPU MEM=$MEM SMP=$SMP CMDLINE='$CMDLINE'" >&2
	errlog=$(mktemp)
	timeout --foreground -k 5 "$TIMEOUT" qemu-system-x86_64 "${args[@]}" \
		</dev/null 2> >(tee "$errlog" >&2) | tee "$serial_log" | rc_show
	rc=${PIPESTATUS[0]}
	sleep 0.1
	qemu_err=$(cat "$errlog")
	rm -f "$errlog"
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
# isa-debug-exit makes the guest's value v QEMU's status 2v+1, so a pass
# (v = 0) is status 1: say so, or it reads as a failure.
case $rc in
1) exit_why=": the exit device's pass value" ;;
3) exit_why=": the exit device's fail value" ;;
*) exit_why= ;;
esac
echo "run-qemu: QEMU exit status $rc after ${wall}s$exit_why" >&2
if ! RC_VERDICT_LOG=$(report_log 2> "$RC_DIR/report.why"); then
	rc_keep_log
	rc_no_verdict "$(cat "$RC_DIR/report.why")"
fi
# isa-debug-exit: value 0 gives status 1 (pass), 1 gives 3 (fail).
case $rc in
1) exit_ok=pass ;;
3) exit_ok=fail ;;
*) exit_ok=none ;;
esac
rc_finish "$rc" "$wall" "$qemu_err" "$exit_ok"
