#!/bin/bash
# The bundle is self-contained: unpack it into a fresh directory and run it
# under TCG with the host's QEMU, firmware, QEMU-only libraries and this
# source tree hidden (a private mount namespace, tests/bundle/hide-host.sh).
# The logs must carry the done marker and pass the checker; every program
# the bundled loader starts must load only bundled objects (LD_DEBUG).
# Writes PASS/FAIL/SKIP lines to $BUILD/test-results/bundle.txt.
set -u
cd "$(dirname "$0")/../.." || exit 1
REPO=$(pwd -P)
BUILD=${BUILD:-build}
BUNDLE=${BUNDLE:?BUNDLE=path of the tarball}
CHECK=$BUILD/tlbprobe-check
RESULTS=$BUILD/test-results/bundle.txt
MAX_BYTES=41943040
: >"$RESULTS"

record() {
	printf '%s %s%s\n' "$1" "$2" "${3:+: $3}" | tee -a "$RESULTS"
}

size=$(stat -c %s "$BUNDLE")
if [ "$size" -le $MAX_BYTES ]; then
	record PASS bundle.size "$((size / 1024)) KiB <= 40 MiB"
else
	record FAIL bundle.size "$size bytes > $MAX_BYTES"
fi

# Spaces in the path on purpose: QEMU hands the kernel "PATH CMDLINE", and
# a bundle unpacked in "/tmp/a b/c d/" must still run (kernel/cmdline.c).
T=$(mktemp -d "${TMPDIR:-/tmp}/tlbprobe bundle test.XXXXXX")/'a b'/'c d'
mkdir -p "$T" || { record FAIL bundle.unpack "cannot create $T"; exit 1; }
trap 'rm -rf "${T%/a b/c d}"' EXIT
tar -C "$T" -xzf "$BUNDLE" || { record FAIL bundle.unpack "tar failed"; exit 1; }
D=$(echo "$T"/tlbprobe-bundle-*)
[ -x "$D/run" ] || { record FAIL bundle.unpack "no run script in $BUNDLE"; exit 1; }
cp tests/bundle/hide-host.sh "$T/hide-host.sh"
mkdir -m 1777 "$T/ld"
chmod a+rx "${T%/a b/c d}" "${T%/c d}" "$T"
# ./run must not need root: as root, run it as nobody, from a bundle
# directory nobody owns.
AS_USER=()
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1 && command -v setpriv >/dev/null; then
	chown -R nobody "$D"
	AS_USER=(setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups)
fi

# in_hidden CMD...: run CMD in the unpacked bundle with the host hidden.
HIDDEN=0
if [ "$(id -u)" = 0 ] && unshare -m --propagation private true 2>/dev/null; then
	HIDDEN=1
fi
in_hidden() {
	if [ $HIDDEN = 1 ]; then
		(cd "$D" && HIDE_EXTRA="$REPO" unshare -m --propagation private \
			"$T/hide-host.sh" "$@")
	else
		(cd "$D" && "$@")
	fi
}

if [ $HIDDEN = 1 ]; then
	# The hiding itself must work, or the test proves nothing.
	capstone=$(readlink -f /lib/x86_64-linux-gnu/libcapstone.so.4)
	out=$(in_hidden bash -c 'qemu-system-x86_64 --version; ls /usr/share/seabios; ls '"'$REPO'"';
		echo capstone_bytes=$(stat -c %s '"'$capstone'"')' 2>&1)
	if grep -q 'QEMU emulator' <<<"$out" || grep -q 'bios-256k' <<<"$out" ||
		grep -q Makefile <<<"$out" || ! grep -q 'capstone_bytes=0$' <<<"$out"; then
		record FAIL bundle.host_hidden "the host's QEMU, SeaBIOS or the source tree is still visible: $(echo "$out" | tr '\n' ' ' | cut -c1-300)"
	else
		record PASS bundle.host_hidden
	fi
else
	record SKIP bundle.host_hidden "unshare -m needs root (mount namespaces); ran with the host visible, the LD_DEBUG check below still applies"
fi

# run_case NAME WANT_RC ARGS...: ./run with ARGS; output in $T/NAME.out.
run_case() {
	local name=$1 want=$2 rc start
	shift 2
	start=$EPOCHREALTIME
	in_hidden "${AS_USER[@]}" env LD_DEBUG=libs LD_DEBUG_OUTPUT="$T/ld/$name" \
		./run --accel tcg "$@" \
		>"$T/$name.out" 2>&1
	rc=$?
	awk -v n="$name" -v a="$start" -v b="$EPOCHREALTIME" \
		'BEGIN { printf "%s %.2f s\n", n, b - a }' >>"$BUILD/test-results/bundle-times.dat"
	if [ "$rc" = "$want" ]; then
		record PASS "bundle.$name.exit_status"
	else
		record FAIL "bundle.$name.exit_status" "./run $* exited $rc, expected $want: $(tail -n 3 "$T/$name.out" | tr '\n' ' ')"
	fi
}

# newest_log: the log the last ./run wrote.
newest_log() { ls -t "$D"/tlbprobe-*.log 2>/dev/null | head -n 1; }

# judge NAME: the log must end in the done marker and pass the build's checker.
judge() {
	local name=$1 log out
	log=$(newest_log)
	if [ -z "$log" ]; then
		record FAIL "bundle.$name.checker" "no log written"
		return
	fi
	cp "$log" "$BUILD/test-results/bundle-$name.log"
	if out=$("$CHECK" --profile tcg "$log" 2>&1); then
		record PASS "bundle.$name.checker"
	else
		record FAIL "bundle.$name.checker" "$(echo "$out" | tail -n 3 | tr '\n' ' ')"
	fi
	for ext in qemu.txt verdict.txt json html; do
		if [ ! -s "${log%.log}.$ext" ]; then
			record FAIL "bundle.$name.files" "${log%.log}.$ext missing or empty"
			return
		fi
	done
	if grep -q '"status": "pass"' "${log%.log}.json" &&
		grep -q ': PASS: ' "${log%.log}.verdict.txt"; then
		record PASS "bundle.$name.files"
	else
		record FAIL "bundle.$name.files" "the bundle's own checker did not say pass"
	fi
}

# no_host_libs NAME: every process the bundled loader started loaded only
# objects from the bundle (glibc's LD_DEBUG=libs "calling init:" lines).
no_host_libs() {
	local name=$1 f bundled=0 mixed="" tcg=0
	for f in "$T"/ld/"$name".*; do
		[ -e "$f" ] || continue
		grep -q "calling init: $D/lib/" "$f" || continue
		bundled=$((bundled + 1))
		grep -q "calling init: $D/lib/qemu/accel-tcg" "$f" && tcg=1
		if grep 'calling init: ' "$f" | grep -qv "calling init: $D/lib/"; then
			mixed="$mixed $(grep 'calling init: ' "$f" | grep -v "calling init: $D/lib/" | head -n 2 | tr '\n' ' ')"
		fi
	done
	if [ $bundled -lt 2 ] || [ $tcg = 0 ]; then
		record FAIL "bundle.$name.bundled_libraries" "expected QEMU (with the TCG module) and the checker under the bundled loader; found $bundled process(es), tcg module loaded: $tcg"
	elif [ -n "$mixed" ]; then
		record FAIL "bundle.$name.bundled_libraries" "host objects loaded:$mixed"
	else
		record PASS "bundle.$name.bundled_libraries" "$bundled processes, all objects from the bundle"
	fi
}

# The full catalogue by -kernel, as ./run does by default.
rm -f "$BUILD/test-results/bundle-times.dat"
run_case kernel 0
judge kernel
no_host_libs kernel
if grep -q 'accelerator TCG (emulation), because you asked for it' "$T/kernel.out"; then
	record PASS bundle.kernel.tcg_line
else
	record FAIL bundle.kernel.tcg_line "no line saying why TCG was used"
fi

# The ISO through the bundled SeaBIOS and GRUB, and under the bundled OVMF.
run_case iso 0 --boot iso
judge iso
run_case uefi 0 --boot uefi
judge uefi

# The exit status comes from the done marker: a kernel that stops on an
# unexpected exception says verdict=fail (1); a run cut off by --timeout
# has no marker (2), whatever QEMU's status was.
run_case abort 1 --tests selftest.unexpected_fault
run_case timeout 2 --tests pmd_collapse.noflush --iters 1000000 --timeout 2
if grep -q 'no verdict: the log has no done marker' "$T/timeout.out"; then
	record PASS bundle.timeout.message
else
	record FAIL bundle.timeout.message "$(tail -n 2 "$T/timeout.out" | tr '\n' ' ')"
fi

# The checker's FAIL is the run's FAIL: one scenario passes in the kernel,
# but the bundle's tcg profile (edited here, in this unpacked copy only)
# demands a stale read that a fresh mapping cannot give.  (A narrow
# selection alone no longer fails: require applies to the selected rows.)
prof=$D/share/tlbprobe/profiles/tcg.profile
cp "$prof" "$T/tcg.profile.orig"
echo 'control.fresh_map : must stale_tlb' >> "$prof"
run_case checker_fail 1 --tests control.fresh_map --iters 1
cp "$T/tcg.profile.orig" "$prof"
if grep -q 'run: verdict FAIL (the checker: ' "$T/checker_fail.out"; then
	record PASS bundle.checker_fail.verdict
else
	record FAIL bundle.checker_fail.verdict "$(tail -n 2 "$T/checker_fail.out" | tr '\n' ' ')"
fi

# Two runs in the same second (started together) keep two sets of files.
before=$(ls "$D"/tlbprobe-*.log | wc -l)
(cd "$D" && ./run --accel tcg --tests selftest.unexpected_fault >"$T/same1.out" 2>&1) &
(cd "$D" && ./run --accel tcg --tests selftest.unexpected_fault >"$T/same2.out" 2>&1) &
wait
after=$(ls "$D"/tlbprobe-*.log | wc -l)
l1=$(sed -n 's/^run: log *//p' "$T/same1.out")
l2=$(sed -n 's/^run: log *//p' "$T/same2.out")
if [ $((after - before)) = 2 ] && [ -n "$l1" ] && [ "$l1" != "$l2" ] &&
	grep -q 'TLBPROBE-DONE' "$l1" && grep -q 'TLBPROBE-DONE' "$l2"; then
	record PASS bundle.same_second "two runs at once kept ${l1##*/} and ${l2##*/}"
else
	record FAIL bundle.same_second "two runs at once: $((after - before)) new logs ('$l1', '$l2')"
fi

# Bad input: exit 3 and a message naming the problem.
bad() {
	local name=$1 want=$2 rc
	shift 2
	(cd "$D" && ./run "$@") >"$T/bad.out" 2>&1
	rc=$?
	if [ $rc = 3 ] && grep -q -- "$want" "$T/bad.out"; then
		record PASS "bundle.usage.$name"
	else
		record FAIL "bundle.usage.$name" "./run $* exited $rc: $(head -n 2 "$T/bad.out" | tr '\n' ' ')"
	fi
}
bad iters_zero "--iters must be 1..1000000, not '0'" --iters 0
bad smp_word "--smp must be 1..256, not 'two'" --smp two
bad timeout_missing "--timeout needs a value" --timeout
bad unknown "unknown option '--frob'" --frob
bad tests_space "--tests takes comma-separated globs" --tests 'a b'
bad iso_iters "--boot iso runs the command line baked into the ISO" --boot iso --iters 4
if (cd "$D" && ./run --help) | grep -q -- '--timeout SEC'; then
	record PASS bundle.usage.help
else
	record FAIL bundle.usage.help "--help does not list the options"
fi
