#!/bin/bash
# shellcheck disable=SC2054  # QEMU options are comma lists
# tlbprobe bundle: boot the tlbprobe kernel in the bundled QEMU, under KVM
# when the CPU has hardware virtualisation, and judge the serial log.
# Installed as `run` at the top of the bundle (scripts/bundle-make.sh).
# Needs only bash and coreutils, grep and sed: no packages, no network.
set -u

B=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
ME=${0##*/}

usage() {
	cat <<EOF
usage: ./$ME [options]

Boots tlbprobe (bundled kernel, QEMU and firmware) once and writes, next to
this script (or in --out DIR), never over an earlier run's files (a second
run in the same second gets DATE-2, -3, ...):
  tlbprobe-HOST-DATE.log          the serial log (send this one back)
  tlbprobe-HOST-DATE.qemu.txt     QEMU's command line and messages
  tlbprobe-HOST-DATE.verdict.txt  the checker's verdict
  tlbprobe-HOST-DATE.json         the run as JSON
  tlbprobe-HOST-DATE.html         the run as an HTML report

options:
  --iters N        iterations per scenario, 1..1000000 (kernel default 16)
  --tests GLOBS    scenarios to run, e.g. 'control.*,pmd_collapse.*' (default all)
  --seed N         seed of the randomised layouts (kernel default 1)
  --smp N          virtual CPUs, 1..256 (default: this machine's CPUs, at
                   least 2, so the smp family runs too)
  --mem SIZE       guest memory, e.g. 3G or 4096M (default 3G; the 1 GiB
                   scenarios need 3G or more)
  --timeout SEC    stop QEMU after SEC seconds (default 1800)
  --accel A        kvm or tcg (default: kvm when /dev/kvm works and the CPU
                   shows VMX or SVM, tcg otherwise)
  --boot B         kernel (QEMU -kernel, default), iso (SeaBIOS + GRUB) or
                   uefi (OVMF + GRUB); iso and uefi run the command line baked
                   into the ISO, so they take none of --iters/--tests/--seed
  --out DIR        write the files to DIR instead of next to this script
  -h, --help       this text

exit status: 0 the kernel's done marker says verdict=pass; 1 verdict=fail;
2 no verdict (no done marker, QEMU failed or timed out, or the checker found
the log incomplete or malformed); 3 bad usage.
EOF
}

die_usage() {
	echo "$ME: $*" >&2
	echo "$ME: see ./$ME --help" >&2
	exit 3
}

is_uint() { [[ $1 =~ ^[0-9]+$ ]] && [ "${#1}" -le 9 ]; }

# All of the host's CPUs, at least 2: the smp family needs a second one.
SMP=$(nproc 2>/dev/null || echo 2)
[ "$SMP" -ge 2 ] 2>/dev/null || SMP=2
[ "$SMP" -le 256 ] || SMP=256
ITERS="" TESTS="" SEED="" MEM=3G TIMEOUT=1800 ACCEL="" BOOT=kernel OUT=$B
while [ $# -gt 0 ]; do
	opt=$1
	case $opt in
	-h|--help) usage; exit 0 ;;
	--*=*) val=${opt#*=}; opt=${opt%%=*}; shift ;;
	--iters|--tests|--seed|--smp|--mem|--timeout|--accel|--boot|--out)
		[ $# -ge 2 ] || die_usage "$opt needs a value"
		val=$2; shift 2 ;;
	*) die_usage "unknown option '$opt'" ;;
	esac
	case $opt in
	--iters)
		is_uint "$val" && [ "$val" -ge 1 ] && [ "$val" -le 1000000 ] ||
			die_usage "--iters must be 1..1000000, not '$val'"
		ITERS=$val ;;
	--tests)
		[[ $val =~ ^[A-Za-z0-9_.*?,-]+$ ]] ||
			die_usage "--tests takes comma-separated globs of scenario names (letters, digits, _ . - * ?), not '$val'"
		TESTS=$val ;;
	--seed)
		is_uint "$val" || die_usage "--seed must be a non-negative integer, not '$val'"
		SEED=$val ;;
	--smp)
		is_uint "$val" && [ "$val" -ge 1 ] && [ "$val" -le 256 ] ||
			die_usage "--smp must be 1..256, not '$val'"
		SMP=$val ;;
	--mem)
		[[ $val =~ ^[1-9][0-9]{0,6}[MG]$ ]] ||
			die_usage "--mem must be a size such as 3G or 4096M, not '$val'"
		MEM=$val ;;
	--timeout)
		is_uint "$val" && [ "$val" -ge 1 ] ||
			die_usage "--timeout must be a positive number of seconds, not '$val'"
		TIMEOUT=$val ;;
	--accel)
		case $val in kvm|tcg) ACCEL=$val ;;
		*) die_usage "--accel must be kvm or tcg, not '$val'" ;; esac ;;
	--boot)
		case $val in kernel|iso|uefi) BOOT=$val ;;
		*) die_usage "--boot must be kernel, iso or uefi, not '$val'" ;; esac ;;
	--out)
		[ -n "$val" ] || die_usage "--out needs a directory"
		OUT=$val ;;
	*) die_usage "unknown option '$opt'" ;;
	esac
done
if [ "$BOOT" != kernel ] && [ -n "$ITERS$TESTS$SEED" ]; then
	die_usage "--boot $BOOT runs the command line baked into the ISO; --iters, --tests and --seed need --boot kernel"
fi

mkdir -p "$OUT" 2>/dev/null && [ -w "$OUT" ] ||
	{ echo "$ME: cannot write to $OUT; give a writable directory with --out DIR" >&2; exit 3; }
OUT=$(cd "$OUT" && pwd -P)

# Every bundled program runs through the bundled loader with the bundled
# libraries only: nothing from the host's /lib is mixed in.
LOADER=$B/lib/ld-linux-x86-64.so.2
bundled() {
	local prog=$1
	shift
	"$LOADER" --library-path "$B/lib" --argv0 "$prog" "$B/bin/$prog" "$@"
}
for f in "$LOADER" "$B/bin/qemu-system-x86_64" "$B/bin/tlbprobe-check" "$B/tlbprobe.elf"; do
	[ -r "$f" ] || { echo "$ME: $f missing: the bundle is incomplete; unpack it again" >&2; exit 2; }
done
export QEMU_MODULE_DIR=$B/lib/qemu
export TLBPROBE_PROFILE_DIR=$B/share/tlbprobe/profiles

cpuinfo_field() {
	grep -m1 "^$1[[:space:]]*:" /proc/cpuinfo 2>/dev/null | sed 's/^[^:]*:[[:space:]]*//'
}

# Pick the accelerator.  KVM shows the hardware's TLB and page walks only
# with VMX/SVM (EPT/NPT); a software KVM such as PVM shadows the guest's
# page tables, which hides every stale translation tlbprobe looks for.
why=""
kvm_works() {
	echo quit | timeout 20 "$LOADER" --library-path "$B/lib" \
		"$B/bin/qemu-system-x86_64" -accel kvm -machine none -nodefaults \
		-display none -monitor stdio >/dev/null 2>&1
}
if [ -z "$ACCEL" ]; then
	if [ ! -e /dev/kvm ]; then
		why="there is no /dev/kvm (no KVM module loaded, or this is a container without it)"
	elif [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then
		why="/dev/kvm exists but $(id -un) cannot open it (add the user to group '$(stat -c %G /dev/kvm)' and log in again)"
	elif ! grep -qwE 'vmx|svm' /proc/cpuinfo; then
		why="/dev/kvm works but /proc/cpuinfo shows no vmx or svm flag: a software KVM (such as PVM) that shadows the page tables and hides what tlbprobe looks for; --accel kvm forces it"
	elif ! kvm_works; then
		why="/dev/kvm is there but QEMU could not start a KVM machine"
	else
		ACCEL=kvm
	fi
	[ -n "$ACCEL" ] || ACCEL=tcg
fi
if [ "$ACCEL" = kvm ] && { [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; }; then
	echo "$ME: --accel kvm, but $(id -un) cannot open /dev/kvm (missing, or not in its group); run without --accel for TCG" >&2
	exit 2
fi
if [ "$ACCEL" = kvm ]; then
	CPU=host
	if grep -qwE 'vmx|svm' /proc/cpuinfo; then
		echo "$ME: accelerator KVM with -cpu host: the guest's TLB and page walks are this CPU's own"
	else
		echo "$ME: accelerator KVM (as asked) with -cpu host, but /proc/cpuinfo shows no vmx or svm: a software KVM (such as PVM) shadows the page tables, so expect the stale-translation controls to fail"
	fi
else
	CPU=max
	echo "$ME: accelerator TCG (emulation), because ${why:-you asked for it (--accel tcg)}."
	echo "$ME: TCG checks tlbprobe's detectors and flush paths; it has no paging-structure caches, so it says nothing about this CPU's hardware"
fi

host=$(uname -n | tr -c 'A-Za-z0-9_.\n-' '_')
stamp=$(date -u +%Y%m%dT%H%M%SZ)
# The log is created with noclobber: two runs in one second (or two at
# once) each get their own name, and no file of an earlier run is replaced.
base=$OUT/tlbprobe-$host-$stamp
n=1
until (set -C; : >"$base.log") 2>/dev/null; do
	n=$((n + 1))
	[ "$n" -le 1000 ] || { echo "$ME: cannot create a new log in $OUT" >&2; exit 2; }
	base=$OUT/tlbprobe-$host-$stamp-$n
done
LOG=$base.log
QEMU_TXT=$base.qemu.txt

cmdline=""
[ -n "$TESTS" ] && cmdline+="tests=$TESTS "
[ -n "$ITERS" ] && cmdline+="iters=$ITERS "
[ -n "$SEED" ] && cmdline+="seed=$SEED "
cmdline=${cmdline% }

args=(-machine q35,accel="$ACCEL" -cpu "$CPU" -m "$MEM" -smp "$SMP"
	-display none -serial stdio -no-reboot -monitor none -nodefaults
	-L "$B/share/qemu"
	-device isa-debug-exit,iobase=0xf4,iosize=0x04)
ovmf_dir=""
case $BOOT in
kernel) args+=(-kernel "$B/tlbprobe.elf" -append "$cmdline") ;;
iso) args+=(-drive file="$B/tlbprobe.iso",format=raw,media=cdrom,readonly=on -boot d) ;;
uefi)
	ovmf_dir=$(mktemp -d "${TMPDIR:-/tmp}/tlbprobe-ovmf.XXXXXX") || exit 2
	trap 'rm -rf "$ovmf_dir"' EXIT
	cp "$B/share/ovmf/OVMF_VARS_4M.fd" "$ovmf_dir/vars.fd" || exit 2
	args+=(-drive if=pflash,format=raw,unit=0,readonly=on,file="$B/share/ovmf/OVMF_CODE_4M.fd"
		-drive if=pflash,format=raw,unit=1,file="$ovmf_dir/vars.fd"
		-drive file="$B/tlbprobe.iso",format=raw,media=cdrom,readonly=on -boot d) ;;
esac

# The log starts with what the serial port cannot say: the host, its
# microcode and the bundle.  The checker skips everything before the
# kernel's first "KTAP version 1".
{
	echo "tlbprobe-run: date=$(date -u +%Y-%m-%dT%H:%M:%SZ) host=$host kernel=\"$(uname -sr)\""
	echo "tlbprobe-run: cpu=\"$(cpuinfo_field 'model name')\" microcode=$(cpuinfo_field microcode || true) host_hypervisor=$(grep -qw hypervisor /proc/cpuinfo && echo yes || echo no)"
	echo "tlbprobe-run: accel=$ACCEL cpu_model=$CPU smp=$SMP mem=$MEM boot=$BOOT cmdline=\"$cmdline\" $(sed -n 's/^version=/bundle=/p' "$B/VERSION" 2>/dev/null)"
	[ -n "$why" ] && echo "tlbprobe-run: tcg_because=\"$why\""
} >"$LOG"

run_qemu() {
	{
		printf 'command: %q' "$B/bin/qemu-system-x86_64"
		printf ' %q' "${args[@]}"
		echo
		echo "started: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	} >>"$QEMU_TXT"
	start=$(date +%s)
	timeout --foreground -k 5 "$TIMEOUT" "$LOADER" --library-path "$B/lib" \
		--argv0 qemu-system-x86_64 "$B/bin/qemu-system-x86_64" "${args[@]}" \
		</dev/null 2> >(tee -a "$QEMU_TXT" >&2) | tee -a "$LOG"
	qemu_rc=${PIPESTATUS[0]}
	wall=$(($(date +%s) - start))
	sleep 0.2
	echo "QEMU exit status $qemu_rc after ${wall}s" >>"$QEMU_TXT"
}

echo "$ME: writing $LOG"
: >"$QEMU_TXT"
run_qemu
# Some KVM hosts refuse the IA32_ARCH_CAPABILITIES MSR that QEMU sets for
# -cpu host; the guest does not need it, so try once more without it.
if [ "$ACCEL" = kvm ] && grep -q 'failed to set MSR 0x10a' "$QEMU_TXT"; then
	echo "$ME: this KVM refuses MSR 0x10a; retrying with -cpu host,-arch-capabilities" | tee -a "$QEMU_TXT"
	for i in "${!args[@]}"; do
		[ "${args[$i]}" = host ] && args[$i]=host,-arch-capabilities
	done
	echo "tlbprobe-run: retry cpu_model=host,-arch-capabilities (this KVM refused MSR 0x10a)" >>"$LOG"
	run_qemu
fi
case $qemu_rc in
124) echo "$ME: QEMU timed out after ${TIMEOUT}s (--timeout)" >&2 ;;
137) if [ "$wall" -ge "$TIMEOUT" ]; then
	echo "$ME: QEMU timed out after ${TIMEOUT}s (--timeout)" >&2
     else
	echo "$ME: QEMU was killed (signal 9) after ${wall}s" >&2
     fi ;;
esac

# The verdict is the kernel's done marker, not QEMU's exit status.
marker=$(tr -d '\r' <"$LOG" | grep -aE '^[[:space:]]*# TLBPROBE-DONE verdict=(pass|fail)([[:space:]]|$)' | tail -n 1)
case $marker in
*verdict=pass*) rc=0 ;;
*verdict=fail*) rc=1 ;;
*) rc=2 ;;
esac

# The checker judges the log against the profile for its accelerator
# (tcg, kvm; docs/checker.md) and writes the JSON and HTML forms.
bundled tlbprobe-check "$LOG" >"$base.verdict.txt" 2>&1
check_rc=$?
bundled tlbprobe-check --json --quiet "$LOG" >"$base.json" 2>/dev/null
bundled tlbprobe-check report --html "$base.html" "$LOG" >/dev/null 2>&1
# The checker's verdict and the kernel's must agree for a pass: a log the
# checker fails (a result outside the profile, an earlier failed run) is a
# failed run, whatever the done marker says.
if [ $check_rc -ge 2 ]; then
	rc=2
elif [ $check_rc -eq 1 ] && [ $rc -eq 0 ]; then
	rc=1
fi

echo
echo "$ME: log      $LOG"
echo "$ME: checker  $(tail -n 1 "$base.verdict.txt") (exit $check_rc; all of it in $base.verdict.txt)"
echo "$ME: reports  $base.json $base.html"
case $rc in
0) echo "$ME: verdict pass (done marker: ${marker#"${marker%%[! ]*}"})" ;;
1) if [ $check_rc -eq 1 ] && [[ $marker == *verdict=pass* ]]; then
	echo "$ME: verdict FAIL (the checker: $(tail -n 1 "$base.verdict.txt" | sed 's/^.*: FAIL: //'))"
   else
	echo "$ME: verdict FAIL (done marker: ${marker#"${marker%%[! ]*}"}); see the not ok lines in the log"
   fi ;;
*) if [ -z "$marker" ]; then
	echo "$ME: no verdict: the log has no done marker (QEMU exit status $qemu_rc; see $QEMU_TXT)"
   else
	echo "$ME: no verdict: the checker found the log incomplete or malformed (see $base.verdict.txt)"
   fi ;;
esac
[ "$ACCEL" = tcg ] && echo "$ME: this was TCG: please send logs from KVM with VMX/SVM or from bare metal (README.txt)"
exit $rc
