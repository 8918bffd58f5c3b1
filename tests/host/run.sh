#!/bin/sh
# Run the host unit-test binaries and record one line per test case.
#
# Usage: tests/host/run.sh RESULTS BINARY...
# Each BINARY is build/host/test_<group>; its cmocka TAP output is shown
# and turned into "PASS <group>.<case>" / "FAIL <group>.<case>" lines
# ("SKIP" for a skipped case) in RESULTS (truncated first).  A binary
# that is missing (did not build) or that dies before reporting every case
# it planned adds a FAIL line of its own, so a crash is never a silent
# pass.  Exits 1 if anything failed.
set -u

results=$1
shift
: > "$results"
status=0
total_pass=0
total_fail=0

for bin in "$@"; do
	rm -f "$bin.out" "$bin.err" "$bin.results"
	name=${bin##*/}
	group=${name#test_}
	if [ ! -x "$bin" ]; then
		echo "host-test: $group: $bin did not build"
		echo "FAIL $group.build" >> "$results"
		total_fail=$((total_fail + 1))
		status=1
		continue
	fi
	CMOCKA_MESSAGE_OUTPUT=tap "$bin" > "$bin.out" 2> "$bin.err"
	rc=$?
	cat "$bin.out"
	cat "$bin.err" >&2
	awk -v g="$group" -v rc="$rc" '
		function emit(verdict, name) {
			sub(/^test_/, "", name)
			print verdict " " g "." name
			seen++
			if (verdict == "FAIL")
				failed++
		}
		/^1\.\.[0-9]+$/ { plan = substr($0, 4) + 0; next }
		/^ok [0-9]+ - / { sub(/^ok [0-9]+ - /, ""); emit("PASS", $0); next }
		# scripts/test-summary.sh counts SKIP lines apart.
		/^not ok [0-9]+ # SKIP / {
			sub(/^not ok [0-9]+ # SKIP /, ""); emit("SKIP", $0); next
		}
		/^not ok [0-9]+ - / { sub(/^not ok [0-9]+ - /, ""); emit("FAIL", $0) }
		END {
			if (seen < plan || (rc != 0 && !failed))
				print "FAIL " g ".exit_status_" rc
		}
	' "$bin.out" > "$bin.results"
	cat "$bin.results" >> "$results"
	pass=$(grep -c '^PASS ' "$bin.results")
	fail=$(grep -c '^FAIL ' "$bin.results")
	skip=$(grep -c '^SKIP ' "$bin.results")
	echo "host-test: $group: $pass passed, $fail failed, $skip skipped (exit $rc)"
	total_pass=$((total_pass + pass))
	total_fail=$((total_fail + fail))
	if [ "$rc" -ne 0 ] || [ "$fail" -ne 0 ]; then
		status=1
	fi
done

echo "host-test: $total_pass passed, $total_fail failed; results in $results"
exit $status
