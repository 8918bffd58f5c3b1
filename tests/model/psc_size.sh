#!/bin/sh
# The psc_size rows recover the modelled cache size (issue 21, item 5):
# build/tlbprobe-model --psc-pde N (psc_cap_pde=N) gives a psc_size.pde
# capacity interval that contains N, --psc-pdpte N likewise for
# psc_size.pdpte, and a machine without the cache (0) says "none", not 0.
# Appends "PASS name" / "FAIL name: reason" to $RESULTS (tests/model/run.sh
# calls it); exits 1 if a check failed.
set -u
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
MODEL=$BUILD/tlbprobe-model
RESULTS=${RESULTS:-$BUILD/test-results/model.txt}
failed=0
pass() { echo "PASS $1" >> "$RESULTS"; }
fail() { echo "FAIL $1: $2" >> "$RESULTS"; failed=1; }

# capacity ROW LOG: the row's capacity= value.
capacity() {
	sed -n "s/.*# result: name=$1 .* capacity=\([^ ]*\).*/\1/p" "$2"
}

# contains N INTERVAL: whether lo..hi (hi empty: open) holds N.
contains() {
	lo=${2%%..*} hi=${2#*..}
	[ "$2" != none ] && [ "$1" -ge "$lo" ] && { [ -z "$hi" ] || [ "$1" -le "$hi" ]; }
}

log=$(mktemp)
trap 'rm -f "$log"' EXIT
for level in pde pdpte; do
	for n in 16 24 0; do
		name=model.psc_size.$level.cap$n
		"$MODEL" --vendor amd --psc-$level "$n" --tests "psc_size.$level" \
			> "$log" 2>&1
		got=$(capacity "psc_size.$level" "$log")
		if [ -z "$got" ]; then
			fail "$name" "no capacity= on the result line"
		elif [ "$n" -eq 0 ] && [ "$got" = none ]; then
			pass "$name"
		elif [ "$n" -gt 0 ] && contains "$n" "$got"; then
			pass "$name"
		else
			fail "$name" "capacity=$got for a cache of $n"
		fi
	done
done
# Negative: a cache of 16 is not reported as one of 24 or more.
"$MODEL" --vendor amd --psc-pde 16 --tests psc_size.pde > "$log" 2>&1
got=$(capacity psc_size.pde "$log")
if [ -n "$got" ] && ! contains 24 "$got"; then
	pass model.psc_size.pde.cap16_not_24
else
	fail model.psc_size.pde.cap16_not_24 "capacity=$got"
fi
exit $failed
