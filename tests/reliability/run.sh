#!/bin/bash
# SPDX-License-Identifier: MIT
# No false pass from the way a run is driven: each case drives a run the way
# a user or a lab could get wrong (two runs at once, hostile or long command
# lines, a failed run before a pass, a damaged "# env:" line, too little
# memory, a killed QEMU, a bad LOG=) and asserts the exact outcome: the exit
# status, the last line, and that the log is on disk.  The bundle's cases
# (a path with spaces, two runs in one second, a checker FAIL) are in
# tests/bundle/bundle-test.sh.
#   tests/reliability/run.sh    (make reliability-test; part of make test)
# RELIABILITY_TRIALS=N repeats the two-runs-at-once case N times (default 2).
# Writes PASS/FAIL lines to $BUILD/test-results/reliability.txt.
set -u
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
TRIALS=${RELIABILITY_TRIALS:-2}
RESULTS=$BUILD/test-results/reliability.txt
CHECK=$BUILD/tlbprobe-check
mkdir -p "$BUILD/test-results"
: > "$RESULTS"
T=$(mktemp -d "${TMPDIR:-/tmp}/tlbprobe-reliability.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
export BUILD ACCEL=tcg TIMEOUT=60

record() {
	printf '%s %s%s\n' "$1" "reliability.$2" "${3:+: $3}" | tee -a "$RESULTS"
}

# expect NAME WANT_RC PATTERN VAR=VALUE...: one run through the runner; the
# exit status must be WANT_RC and the last line match the grep -E PATTERN.
expect() {
	local name=$1 want=$2 pat=$3 rc last
	shift 3
	env "$@" LOG="$T/$name.log" scripts/run-qemu.sh > "$T/$name.out" 2> "$T/$name.err"
	rc=$?
	last=$(tail -n 1 "$T/$name.out")
	if [ "$rc" = "$want" ] && grep -qE -- "$pat" <<< "$last"; then
		record PASS "$name" "exit $rc: ${last:0:160}"
	else
		record FAIL "$name" "exit $rc (want $want), last line '${last:0:300}', want /$pat/"
	fi
}

# log_cmdline LOG: the cmdline= the kernel reported (crc= and quotes off).
log_cmdline() {
	grep -a -m1 '^# env: .* cmdline="' "$1" | tr -d '\r' |
		sed 's/.* cmdline="//; s/ crc=[0-9a-f]\{8\}$//; s/"$//'
}

# 1. Two `make run` at once in one tree, different command lines, BOOT=iso
# (the ISO carries the command line): each log shows its own.
for i in $(seq 1 "$TRIALS"); do
	a="tests=control.fresh_map iters=$((100 + i)) seed=$$"
	b="tests=control.canary_pte iters=$((200 + i)) seed=$$"
	make -s --no-print-directory run BOOT=iso ACCEL=tcg CMDLINE="$a" \
		LOG="$T/par-a$i.log" > "$T/par-a$i.out" 2>&1 &
	pa=$!
	make -s --no-print-directory run BOOT=iso ACCEL=tcg CMDLINE="$b" \
		LOG="$T/par-b$i.log" > "$T/par-b$i.out" 2>&1 &
	pb=$!
	wait $pa; ra=$?
	wait $pb; rb=$?
	ga=$(log_cmdline "$T/par-a$i.log") gb=$(log_cmdline "$T/par-b$i.log")
	if [ "$ra" = 0 ] && [ "$rb" = 0 ] && [ "$ga" = "$a" ] && [ "$gb" = "$b" ]; then
		record PASS "concurrent.$i" "each of two runs at once booted its own command line"
	else
		record FAIL "concurrent.$i" "exit $ra/$rb; A asked '$a', ran '$ga'; B asked '$b', ran '$gb'; $(tail -n1 "$T/par-a$i.out") / $(tail -n1 "$T/par-b$i.out")"
	fi
done

# 2. The machine runs another command line than asked (QEMU's last -append
# wins): no verdict, never the pass that run would print.
expect cmdline_mismatch 2 'no verdict: the machine ran another command line' \
	BOOT=kernel CMDLINE="tests=control.fresh_map iters=2" \
	QEMU_ARGS="-append tests=control.canary_pte"

# 3. Hostile command lines reach the kernel as typed (GRUB and -kernel), or
# are refused before the boot.
expect semicolon_iso 1 "iters must be 1..1000000, not '3;tests=nosuch'" \
	BOOT=iso CMDLINE='iters=3;tests=nosuch'
expect hash_iso 1 "unknown option '#tests'" BOOT=iso CMDLINE='iters=3 #tests=nosuch'
expect ampersand_iso 1 "pattern 'a&b' matches no scenario" BOOT=iso CMDLINE='tests=a&b'
expect dollar_iso 1 "pattern 'control\\.\\\$x' matches no scenario" BOOT=iso CMDLINE='tests=control.$x'
expect quote_iso 2 'no verdict: CMDLINE holds a quote or a backslash' BOOT=iso CMDLINE="tests=it's"
expect quote_kernel 1 "pattern 'it's\\\\x' matches no scenario" BOOT=kernel CMDLINE="tests=it's\\x"
expect newline 2 'no verdict: CMDLINE holds a control character' BOOT=kernel CMDLINE=$'iters=2\ntests=x'
long600="tests=control.fresh_map iters=2$(printf ' seed=%04d' $(seq 1 57))"
expect long600_iso 0 '^tlbprobe: verdict pass$' BOOT=iso CMDLINE="$long600"
if [ "$(log_cmdline "$T/long600_iso.log")" = "$long600" ]; then
	record PASS long600_iso.whole "${#long600} bytes arrived whole"
else
	record FAIL long600_iso.whole "the log's cmdline= differs from the ${#long600} bytes asked"
fi
long5000="tests=control.fresh_map iters=2$(printf ' seed=%04d' $(seq 1 497))"
expect long5000 2 "no verdict: CMDLINE is ${#long5000} bytes; the kernel takes at most 4095" \
	BOOT=kernel CMDLINE="$long5000"
# Past the runner: the kernel itself refuses a line it would have to cut.
long4100="iters=2$(printf ' seed=%04d' $(seq 1 409))"
timeout 60 qemu-system-x86_64 -machine q35,accel=tcg -m 256M -display none \
	-serial stdio -no-reboot -monitor none -nodefaults \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-kernel "$BUILD/tlbprobe.elf" -append "$long4100" < /dev/null > "$T/k4100.log" 2>&1
if grep -aq '^# error: the command line is longer than the 4095 bytes' "$T/k4100.log" &&
	grep -aq '^# TLBPROBE-DONE verdict=fail reason=fatal' "$T/k4100.log"; then
	record PASS kernel_4100 "the kernel fails a ${#long4100}-byte line with # error:"
else
	record FAIL kernel_4100 "$(grep -a '^# error\|DONE' "$T/k4100.log" | head -2 | tr '\n' ' ')"
fi

# 4. A failed complete run, then a pass: the checker says FAIL (1).
"$CHECK" --profile tcg tests/checker/cases/failed-then-pass.log > "$T/ftp.out" 2>&1
rc=$?
if [ $rc = 1 ] && grep -q ': FAIL: run 1 at line 1 failed' "$T/ftp.out"; then
	record PASS failed_then_pass "exit 1, names run 1"
else
	record FAIL failed_then_pass "exit $rc: $(tail -n1 "$T/ftp.out")"
fi

# 5. One changed byte in a sealed "# env:" line is damage (2); the same log
# undamaged is judged (not 2); a log from before seal=2 checks as before.
env_case() {
	local name=$1 from=$2 to=$3 rc0 rc1
	"$CHECK" --profile auto "$T/long600_iso.log" > /dev/null 2>&1
	rc0=$?
	sed "0,/^# env: .*$from/s//&/; s/$from/$to/" "$T/long600_iso.log" > "$T/$name.log"
	"$CHECK" --profile auto "$T/$name.log" > "$T/$name.out" 2>&1
	rc1=$?
	if [ $rc0 != 2 ] && [ $rc1 = 2 ] && ! cmp -s "$T/long600_iso.log" "$T/$name.log"; then
		record PASS "$name" "undamaged exit $rc0, '$from' -> '$to' exit 2"
	else
		record FAIL "$name" "undamaged exit $rc0, damaged exit $rc1 (want 2): $(grep -m1 malformed "$T/$name.out")"
	fi
}
env_case env_accel accel=tcg accel=kcg
env_case env_vendor vendor= vendpr=
"$CHECK" --profile tcg tests/checker/logs/tcg-max.pass.log > /dev/null 2>&1
rc=$?
[ $rc = 0 ] && record PASS old_unsealed_env "a log without seal= still passes" ||
	record FAIL old_unsealed_env "tests/checker/logs/tcg-max.pass.log: exit $rc"

# 6. Too little memory fails at once, with a message.
start=$EPOCHREALTIME
expect mem2m 2 'no verdict: MEM=2M is too little memory' BOOT=iso MEM=2M
secs=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
awk -v s="$secs" 'BEGIN { exit !(s < 5) }' && record PASS mem2m.fast "${secs}s" ||
	record FAIL mem2m.fast "${secs}s, not under 5 s"
expect mem1 2 'no verdict: MEM=1 is too little memory' BOOT=kernel MEM=1

# 7. kill -9 of QEMU mid-run: said to be a kill, not a timeout, and the
# partial log is kept where LOG= says.
tag=tlbprobe-reliability-$$
env BOOT=kernel CMDLINE="iters=100000" QEMU_ARGS="-name $tag" LOG="$T/kill.log" \
	scripts/run-qemu.sh > "$T/kill.out" 2> "$T/kill.err" &
runner=$!
qpid=""
# Kill once the kernel is running a scenario: the run's own serial log
# (named on the runner's "run: files in DIR" line) shows a "# start:".
for _ in $(seq 1 200); do
	dir=$(sed -n 's/^run: files in \(.*\); the serial log.*/\1/p' "$T/kill.err")
	qpid=$(pgrep -f -- "^qemu-system-x86_64 .*-name $tag" | head -n1)
	[ -n "$qpid" ] && [ -n "$dir" ] && grep -aq '^ *# start:' "$dir/serial.log" 2>/dev/null && break
	sleep 0.1
done
[ -n "$qpid" ] && kill -9 "$qpid"
wait $runner
rc=$?
last=$(tail -n1 "$T/kill.out")
if [ $rc = 2 ] && [[ $last == *"QEMU was killed (signal 9"* ]] && [ -s "$T/kill.log" ]; then
	record PASS kill9 "exit 2, '${last:0:120}', $(wc -l < "$T/kill.log") log lines kept"
else
	record FAIL kill9 "exit $rc, '$last', log $(wc -c < "$T/kill.log" 2>/dev/null) bytes"
fi

# 8. A time limit is said to be one, and the log is kept.
expect timeout 2 'no verdict: .*timed out after 2s' BOOT=kernel CMDLINE="iters=100000" TIMEOUT=2
[ -s "$T/timeout.log" ] && record PASS timeout.log_kept ||
	record FAIL timeout.log_kept "no log at LOG="

# 9. Every refusal ends with "tlbprobe: no verdict: WHY", WHY not empty.
expect bad_accel 2 '^tlbprobe: no verdict: ACCEL must be kvm or tcg' ACCEL=xen
expect bad_boot 2 "^tlbprobe: no verdict: unknown BOOT 'bogus'" BOOT=bogus
expect host_tcg 2 '^tlbprobe: no verdict: CPU=host needs ACCEL=kvm' CPU=host
env BOOT=kernel LOG=/proc/nonexistent/x.log scripts/run-qemu.sh > "$T/badlog.out" 2>&1
rc=$?
last=$(tail -n1 "$T/badlog.out")
[ $rc = 2 ] && [[ $last == "tlbprobe: no verdict: cannot write the log LOG=/proc/nonexistent/x.log" ]] &&
	record PASS bad_log "$last" || record FAIL bad_log "exit $rc, '$last'"

# 10. A log of many runs checks in the memory of a run, not of the file
# (docs/checker.md, "Memory"): 300 runs (about 30 MB) stay below the
# file's size, which any reader holding the file exceeds, and within 4 MB
# of what 50 runs take.  The 1 GB figure: make big-log-check.
big() {
	tests/reliability/big-log.sh "$1" "$T/big$1.log"
}
b50=$(big 50)
r50=$?
b300=$(big 300)
r300=$?
kb50=$(sed -n 's/.*max RSS \([0-9]*\) kB.*/\1/p' <<< "$b50")
kb300=$(sed -n 's/.*max RSS \([0-9]*\) kB.*/\1/p' <<< "$b300")
bytes300=$(sed -n 's/.*runs, \([0-9]*\) bytes.*/\1/p' <<< "$b300")
if [ $r50 = 0 ] && [ $r300 = 0 ] && [ -n "$kb50" ] && [ -n "$kb300" ] &&
	[ "$kb300" -lt $((bytes300 / 1024)) ] && [ "$kb300" -lt $((kb50 + 4096)) ]; then
	record PASS big_log "300 runs: ${kb300} kB for a $((bytes300 / 1024)) kB log; 50 runs: ${kb50} kB"
else
	record FAIL big_log "exit $r50/$r300: '$b50' / '$b300' (want RSS below the log's size and within 4096 kB of 50 runs)"
fi

fails=$(grep -c '^FAIL ' "$RESULTS")
echo "reliability: $(grep -c '^PASS ' "$RESULTS") passed, $fails failed ($RESULTS)"
[ "$fails" = 0 ]
