#!/bin/bash
# SPDX-License-Identifier: MIT
# One boot in Bochs (make bochs-test, part of make test): the controls and
# the PCID and INVPCID rows on corei7_skylake_x, rows QEMU TCG can only
# skip; with SMP=2 (BOCHS_TEST_SMP=2) also two SMP rows.  Checks that the run ends with a verdict
# and Bochs leaves by itself (the shutdown port, well before the timeout),
# that the kernel says emulator=bochs and the checker's auto profile is
# bochs, never metal, with nothing outside it and no architectural finding
# (the model's allowed sets, checker/arch.c), that the MCE controls skip
# with the reason instead of aborting, and that the PCID, INVPCID and SMP
# rows ran.  Usage: bochs-test.sh RESULTS (ISO, CMDLINE, BUILD from make).
set -u
RESULTS=${1:-build/test-results/bochs.txt}
BUILD=${BUILD:-build}
CHECK=$BUILD/tlbprobe-check
LOGS=$BUILD/logs
SMP=${SMP:-1}
NAME=bochs-skylake-smp$SMP
LOG=$LOGS/$NAME.log
TIMES=$BUILD/test-results/boot-times.txt
CPU_MODEL=${BOCHS_TEST_CPU:-corei7_skylake_x}
LIMIT=${BOCHS_TEST_TIMEOUT:-300}
mkdir -p "$LOGS" "$(dirname "$RESULTS")"
: > "$RESULTS"

record() {
	printf '%s %s%s\n' "$1" "$2" "${3:+: $3}" | tee -a "$RESULTS"
}

# check NAME COMMAND...: PASS when the command succeeds.
check() {
	local name=$1 why=$2
	shift 2
	if "$@" >/dev/null 2>&1; then
		record PASS "bochs.$name"
	else
		record FAIL "bochs.$name" "$why"
	fi
}

if ! command -v bochs >/dev/null; then
	record FAIL bochs.installed "bochs is not installed (make deps installs bochs bochsbios vgabios bochs-term)"
	exit 1
fi

start=$EPOCHREALTIME
out=$(CPU=$CPU_MODEL SMP=$SMP MEM=512M TIMEOUT=$LIMIT LOG=$LOG \
	nice -n 10 scripts/run-bochs.sh 2>"$LOGS/$NAME.bochs.txt")
rc=$?
wall=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
echo "$NAME $wall" >> "$TIMES"
verdict=$(tail -1 <<< "$out")
echo "bochs-test: $verdict (${wall}s)"

check exit_status "run-bochs exited $rc: $verdict" test "$rc" = 0
check verdict "the last line is not a verdict: $verdict" \
	grep -Eq '^tlbprobe: verdict (pass|inconclusive)' <<< "$verdict"
# Killed at the timeout is status 137; the shutdown port ends it sooner.
check exited_by_itself "Bochs ran ${wall}s of a ${LIMIT}s limit (exit $rc)" \
	grep -q 'Bochs exit status 1 after' "$LOGS/$NAME.bochs.txt"
check emulator_bochs "no '# env: emulator=bochs' in $LOG" \
	grep -Eq '^# env: emulator=bochs ' "$LOG"
[ "$SMP" = 1 ] || check second_cpu_online "CPU 1 did not come up ($LOG)" \
	grep -Eq '^# cpu: index=1 .*state=online' "$LOG"

out=$("$CHECK" "$LOG" 2>&1)
jrc=$?
check auto_profile_bochs "the auto profile is not bochs: $(tail -1 <<< "$out")" \
	grep -Eq 'match(es)? profile bochs' <<< "$out"
check profile_match "tlbprobe-check (auto) exited $jrc: $(tail -1 <<< "$out")" test "$jrc" = 0
check no_arch_finding "an architectural violation in $LOG" \
	bash -c '! "$0" "$1" | grep -q "architectural violation"' "$CHECK" "$LOG"
check never_metal "the checker judged a Bochs log as metal" \
	bash -c '! "$0" "$1" | grep -q "profile metal"' "$CHECK" "$LOG"

# The rows TCG skips: here they must have run (an ok line, not a SKIP).
ran() {
	grep -Eq "^ *ok [0-9]+ $1[[:space:]]*\$" "$LOG"
}
check mce_skip_reason "control.mce_raised did not skip with the read-back reason" \
	grep -Eq 'ok [0-9]+ control\.mce_raised # SKIP .*did not keep the value' "$LOG"
rows="pmd_collapse.cr3.pcid pmd_collapse.invpcid1.pcid"
[ "$SMP" = 1 ] || rows+=" smp.5e0fb5df2ee8.shootdown smp.5e0fb5df2ee8.pcid.shootdown"
for row in $rows; do
	check "ran_$row" "$row did not run (no ok line in $LOG)" ran "${row//./\\.}"
done
! grep -q '^FAIL ' "$RESULTS"
