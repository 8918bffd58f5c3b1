#!/bin/bash
# fleet-test.sh BUILD RESULTS: the fleet table's bounds against known
# Clopper-Pearson values, and results/README.md's table against the logs.
set -u
BUILD=$1 RESULTS=$2
: >"$RESULTS"
record() { printf '%s %s%s\n' "$1" "$2" "${3:+: $3}" | tee -a "$RESULTS"; }

# K N LOWER UPPER, to 4 significant digits: the rule-of-three case (0 of
# 1000: 1 - 0.05^(1/1000)), and two-sided intervals from the tables.
while read -r k n lo hi; do
	got=$(perl scripts/fleet-table.pl --bound "$k" "$n")
	if awk -v g="$got" -v lo="$lo" -v hi="$hi" 'BEGIN { split(g, a, " ");
		exit !((a[1] == 0 && lo == 0 || (a[1] - lo) ^ 2 < (lo * 1e-3) ^ 2) &&
		       (a[2] - hi) ^ 2 < (hi * 1e-3) ^ 2) }'; then
		record PASS "fleet.bound_${k}_of_$n"
	else
		record FAIL "fleet.bound_${k}_of_$n" "got '$got', expected $lo $hi"
	fi
done <<'EOT'
0 1000 0 0.002991
0 3 0 0.6316
1 10 0.002529 0.4450
5 100 0.01643 0.1128
10 10 0.6915 1
EOT

if out=$(scripts/fleet-report.sh "$BUILD" --check 2>&1); then
	record PASS fleet.table_current
else
	record FAIL fleet.table_current "$(echo "$out" | head -n 1)"
fi
