#!/bin/bash
# The fleet page: the table of results/README.md (between its
# "fleet-table" markers) and $BUILD/fleet.html, both from results/*.log.
#
#   scripts/fleet-report.sh BUILD            rewrite the table, write the HTML
#   scripts/fleet-report.sh BUILD --check    exit 1 if the table is stale
set -u
BUILD=${1:?usage: fleet-report.sh BUILD [--check]}
MODE=${2:-}
README=results/README.md
BEGIN='<!-- fleet-table: begin (make report rewrites this table from results/*.log) -->'
END='<!-- fleet-table: end -->'
logs=(results/*.log)
[ -e "${logs[0]}" ] || { echo "fleet-report: no results/*.log" >&2; exit 1; }
table=$(perl scripts/fleet-table.pl "$BUILD/tlbprobe-check" "${logs[@]}") || exit 1
grep -qxF "$BEGIN" "$README" && grep -qxF "$END" "$README" ||
	{ echo "fleet-report: $README lacks the fleet-table markers" >&2; exit 1; }
new=$(T="$table" awk -v b="$BEGIN" -v e="$END" '
	$0 == b { print; print ENVIRON["T"]; skip = 1; next }
	$0 == e { skip = 0 }
	!skip { print }' "$README")
if [ "$MODE" = --check ]; then
	if [ "$new" = "$(cat "$README")" ]; then
		echo "fleet-report: $README is up to date (${#logs[@]} logs)"
		exit 0
	fi
	echo "fleet-report: the table in $README is stale: run make report and commit it" >&2
	diff <(cat "$README") <(echo "$new") >&2
	exit 1
fi
[ "$new" = "$(cat "$README")" ] || printf '%s\n' "$new" >"$README"
"$BUILD/tlbprobe-check" report --md "$BUILD/fleet.md" --html "$BUILD/fleet.html" \
	"${logs[@]}" >"$BUILD/fleet.txt" 2>&1
[ -s "$BUILD/fleet.html" ] || { echo "fleet-report: no $BUILD/fleet.html" >&2; exit 1; }
echo "fleet: $README table and $BUILD/fleet.html (${#logs[@]} logs from results/)"
