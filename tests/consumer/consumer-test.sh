#!/bin/bash
# make consumer-test: the checker's TAP (--tap) and JUnit (--junit) read by
# the consumers CI uses, on a default TCG log, the PVM log in results/
# (which says nothing: 14 inconclusive rows) and a fatal log (a bad
# option): prove and Perl's TAP::Parser, Python's tap.py (python3-tap),
# junitparser (python3-junitparser).  Each must read them without error
# and count what the checker counts (tests, failures, skips, and the
# inconclusive rows by name, as skips); a consumer that is not installed
# is a SKIP, never a pass.  What prove and tap.py make of a raw serial log
# is recorded as a NOTE (docs/checker.md, "TAP and JUnit").
set -u
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
CHECK=$BUILD/tlbprobe-check
RESULTS=$BUILD/test-results/consumer.txt
PY=/usr/bin/python3
LOGS="tests/checker/logs/tcg-max.pass.log results/kvm-pvm-amd-epyc.log tests/checker/logs/bad-option.log"
mkdir -p "$BUILD/test-results"
: > "$RESULTS"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

rec() { printf '%s %s%s\n' "$1" "consumer.$2" "${3:+: $3}" | tee -a "$RESULTS"; }

have_tappy=1 have_junit=1 have_prove=1
"$PY" -c 'import tap' 2> /dev/null || have_tappy=0
"$PY" -c 'import junitparser' 2> /dev/null || have_junit=0
command -v prove > /dev/null && perl -MTAP::Parser -e 1 2> /dev/null || have_prove=0

# agree NAME WANT GOT: the consumer's counts are the checker's.
agree() {
	if [[ $3 == error:* ]]; then rec FAIL "$1" "could not read it: ${3#error: }"
	elif [ "$2" = "$3" ]; then rec PASS "$1" "$3"
	else rec FAIL "$1" "counted '$3', the checker '$2'"
	fi
}

for log in $LOGS; do
	n=$(basename "$log" .log)
	"$CHECK" --json --tap "$tmp/$n.tap" --junit "$tmp/$n.xml" "$log" \
		> "$tmp/$n.json" 2> /dev/null
	st=$?
	if [ $st -gt 1 ] || [ ! -s "$tmp/$n.tap" ] || [ ! -s "$tmp/$n.xml" ]; then
		rec FAIL "$n.checker" "exit $st, no TAP or JUnit written"
		continue
	fi
	want=$("$PY" tests/consumer/read.py json "$tmp/$n.json")
	# The PVM log's rows say nothing: the consumers must see skips.
	case $n in
	kvm-pvm-*)
		[[ $want == *"inconclusive=-" ]] &&
			rec FAIL "$n.inconclusive" "the checker finds no inconclusive row" ;;
	esac
	if [ $have_prove = 1 ]; then
		prove -e cat "$tmp/$n.tap" > "$tmp/$n.prove" 2>&1
		pst=$?
		if grep -q 'Parse errors' "$tmp/$n.prove"; then
			rec FAIL "$n.prove" "$(grep -m1 'Parse errors' "$tmp/$n.prove")"
		elif [ $(( pst != 0 )) != $(( st != 0 )) ]; then
			rec FAIL "$n.prove" "prove exit $pst, checker exit $st"
		else
			rec PASS "$n.prove" "exit $pst: $(tail -1 "$tmp/$n.prove")"
		fi
		agree "$n.tap-parser" "$want" "$(perl tests/consumer/read-tap.pl "$tmp/$n.tap")"
	else
		rec SKIP "$n.prove" "prove or TAP::Parser (perl) not installed"
	fi
	if [ $have_tappy = 1 ]; then
		agree "$n.tappy" "$want" "$("$PY" tests/consumer/read.py tappy "$tmp/$n.tap" 2>&1 | grep -v '^$')"
	else
		rec SKIP "$n.tappy" "python3-tap not installed"
	fi
	if [ $have_junit = 1 ]; then
		agree "$n.junitparser" "$want" "$("$PY" tests/consumer/read.py junit "$tmp/$n.xml")"
		grep -q ' timestamp="[0-9-]*T[0-9:]*" hostname="[^"]' "$tmp/$n.xml" &&
			rec PASS "$n.junit-origin" "every suite has timestamp= and hostname=" ||
			rec FAIL "$n.junit-origin" "a <testsuite> lacks timestamp= or hostname="
	else
		rec SKIP "$n.junitparser" "python3-junitparser not installed"
	fi
	# A fatal run's cause is its first failure, for consumers too.
	if [ "$n" = bad-option ]; then
		"$CHECK" --profile tcg --tap "$tmp/$n-tcg.tap" "$log" > /dev/null 2>&1
		first=$(grep -m1 '^not ok' "$tmp/$n-tcg.tap")
		[[ $first == *' - (run)' ]] && [ "$(grep -c '^not ok' "$tmp/$n-tcg.tap")" -gt 1 ] &&
			rec PASS "$n.first-failure" "'$first', then the required rows" ||
			rec FAIL "$n.first-failure" "the first failure is '$first'"
	fi
	# The serial log itself: what a consumer sees without the checker.
	[ "$n" = tcg-max.pass ] || continue
	[ $have_prove = 1 ] &&
		rec NOTE "$n.raw-tap-parser" "the serial log read as TAP: $(perl tests/consumer/read-tap.pl "$log")"
	[ $have_tappy = 1 ] &&
		rec NOTE "$n.raw-tappy" "the serial log read by tap.py: $("$PY" tests/consumer/read.py tappy "$log" 2>&1 | grep -v '^$' | cut -c1-160)"
done

# A negative control: a consumer count that differs is caught.
bad=$("$PY" tests/consumer/read.py json "$tmp/kvm-pvm-amd-epyc.json" 2>/dev/null | sed 's/skip=[0-9]*/skip=0/')
good=$("$PY" tests/consumer/read.py json "$tmp/kvm-pvm-amd-epyc.json" 2>/dev/null)
[ -n "$good" ] && [ "$bad" != "$good" ] && rec PASS negative_control "a skip count of 0 differs from '$good'" ||
	rec FAIL negative_control "the comparison cannot fail"

fails=$(grep -c '^FAIL ' "$RESULTS")
echo "consumer-test: $(grep -c '^PASS ' "$RESULTS") passed, $fails failed ($RESULTS)"
[ "$fails" = 0 ]
