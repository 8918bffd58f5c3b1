#!/bin/bash
# make run-output-test: `make run` fits a terminal (README, "make run"):
# from QEMU's start to the verdict a passing default run prints at most
# MAX_LINES lines, among them a line per family of the log and the whole
# answer block, and ends with the verdict; the whole serial log is in
# build/logs/last.log (LOG=), where the README's checker command says PASS
# and every "# table:" line fits in 100 columns; VERBOSE=1 streams the
# whole log (the negative control: it is far over MAX_LINES).
set -u
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
MAX_LINES=${MAX_LINES:-40}
RESULTS=$BUILD/test-results/run-output.txt
mkdir -p "$BUILD/test-results"
: > "$RESULTS"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

rec() { printf '%s %s%s\n' "$1" "run-output.$2" "${3:+: $3}" | tee -a "$RESULTS"; }
check() { if [ -z "$2" ]; then rec PASS "$1"; else rec FAIL "$1" "$2"; fi; }

# from_qemu FILE: the lines from QEMU's start ("run-qemu: BOOT=") on.
from_qemu() { awk '/^run-qemu: BOOT=/ { p = 1 } p' "$1"; }

make -s --no-print-directory BUILD="$BUILD" run ACCEL=tcg CMDLINE="iters=2" \
	LOG="$tmp/last.log" > "$tmp/quiet.out" 2>&1
rc=$?
n=$(from_qemu "$tmp/quiet.out" | wc -l)
check exit "$([ $rc = 0 ] || echo "make run exited $rc: $(tail -1 "$tmp/quiet.out")")"
check lines "$([ "$n" -gt 0 ] && [ "$n" -le "$MAX_LINES" ] ||
	echo "$n lines from QEMU's start to the verdict, more than $MAX_LINES (or none)")"
check verdict-last "$(tail -1 "$tmp/quiet.out" | grep -q '^tlbprobe: verdict pass$' ||
	echo "last line '$(tail -1 "$tmp/quiet.out")'")"
fams=$(tr -d '\r' < "$tmp/last.log" | grep -c '^  # Subtest: ')
shown=$(grep -c '^run: [a-z_0-9]* *[0-9]* rows: ' "$tmp/quiet.out")
check family-lines "$([ "$fams" -gt 0 ] && [ "$shown" = "$fams" ] ||
	echo "$shown family lines for $fams families")"
want=$(tr -d '\r' < "$tmp/last.log" | grep -c '^# answer: ')
got=$(grep -c '^# answer: ' "$tmp/quiet.out")
check answer-block "$([ "$want" -gt 0 ] && [ "$got" = "$want" ] ||
	echo "$got answer lines shown, the log has $want")"
check no-build-output "$(grep -m1 -E '^(gcc|cc|ld|nasm) ' "$tmp/quiet.out")"
out=$("$BUILD/tlbprobe-check" --profile tcg "$tmp/last.log" 2>&1)
check log-checks-pass "$(grep -q ': PASS: ' <<< "$out" || tail -1 <<< "$out")"
wide=$(tr -d '\r' < "$tmp/last.log" | grep '^# table: ' | awk 'length > 100 { print length; exit }')
check table-100-columns "${wide:+a # table: line of $wide columns}"

make -s --no-print-directory BUILD="$BUILD" run ACCEL=tcg CMDLINE="iters=2" \
	VERBOSE=1 LOG="$tmp/verbose.log" > "$tmp/verbose.out" 2>&1
n=$(from_qemu "$tmp/verbose.out" | wc -l)
logn=$(wc -l < "$tmp/verbose.log")
check verbose-streams "$([ "$n" -gt "$MAX_LINES" ] && [ "$n" -ge "$logn" ] ||
	echo "VERBOSE=1 printed $n lines for a $logn-line log")"

fails=$(grep -c '^FAIL ' "$RESULTS")
echo "run-output-test: $(grep -c '^PASS ' "$RESULTS") passed, $fails failed ($RESULTS)"
[ "$fails" = 0 ]
