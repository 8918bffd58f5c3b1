#!/bin/sh
# SPDX-License-Identifier: MIT
#
# The dependency rules (docs/hacking.md) over the real tree, with a
# positive control that must trip every rule (tests/deps/cases).  Writes
# PASS/FAIL lines to $BUILD/test-results/deps.txt.  Needs the kernel
# objects ($BUILD/k, from `make kernel`); builds the checker's objects.
BUILD=${BUILD:-build}
CC=${HOSTCC:-gcc}
out=$BUILD/test-results/deps.txt
tmp=$BUILD/deps
mkdir -p "$BUILD/test-results" "$tmp/checker" "$tmp/cases/kernel" "$tmp/cases/mm"
: > "$out"
status=0

result() {	# result NAME RC WANT_RC LOGFILE
	if [ "$2" = "$3" ]; then
		echo "PASS deps.$1" >> "$out"
	else
		echo "FAIL deps.$1" >> "$out"
		sed 's/^/  /' "$4"
		status=1
	fi
}

# The kernel, its framework and its experiments.
perl scripts/check-deps.pl "$BUILD/k" . kernel mm harness tests/kernel \
	> "$tmp/kernel.log" 2>&1
result kernel $? 0 "$tmp/kernel.log"

# The checker, built here without linking.
rc=0
for f in checker/*.c; do
	$CC -std=c11 -D_GNU_SOURCE -I. -c "$f" -o "$tmp/${f%.c}.o" \
		2>> "$tmp/checker.log" || rc=1
done
if [ $rc = 0 ]; then
	perl scripts/check-deps.pl "$tmp" . checker > "$tmp/checker.log" 2>&1
	rc=$?
fi
result checker $rc 0 "$tmp/checker.log"

# Positive control: an include circle, a link circle and the core
# including tests/ must each be reported.
c=tests/deps/cases
$CC -I$c -c $c/kernel/ping.c -o "$tmp/cases/kernel/ping.o" &&
$CC -I$c -c $c/mm/pong.c -o "$tmp/cases/mm/pong.o"
perl scripts/check-deps.pl "$tmp/cases" $c kernel mm > "$tmp/cases.log" 2>&1
rc=$?
for want in "include circle" "link circle" "mm/pong.c includes tests/kernel/probe_me.h"; do
	grep -q "$want" "$tmp/cases.log" || rc=0
done
result positive_control $rc 1 "$tmp/cases.log"

cat "$out"
exit $status
