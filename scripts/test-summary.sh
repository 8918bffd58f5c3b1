#!/bin/sh
# Count the PASS/FAIL lines that every test step wrote under DIR and print
# the closing line CI reads: "N passed, N failed".  Exit 1 on any failure
# or when nothing ran at all.
dir=${1:-build/test-results}
pass=$(cat "$dir"/*.txt 2>/dev/null | grep -c '^PASS ')
fail=$(cat "$dir"/*.txt 2>/dev/null | grep -c '^FAIL ')
skip=$(cat "$dir"/*.txt 2>/dev/null | grep -c '^SKIP ')
if [ "$fail" -gt 0 ]; then
	echo "Failures:"
	grep -h '^FAIL ' "$dir"/*.txt | sed 's/^/  /'
fi
if grep -qh '^NOTE ' "$dir"/*.txt 2>/dev/null; then
	echo "Notes:"
	grep -h '^NOTE ' "$dir"/*.txt | sed 's/^/  /'
fi
if [ "$skip" -gt 0 ]; then
	echo "Skipped:"
	grep -h '^SKIP ' "$dir"/*.txt | sed 's/^/  /'
fi
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
