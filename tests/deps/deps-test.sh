#!/bin/sh
# SPDX-License-Identifier: MIT
#
# The dependency rules (docs/hacking.md) over the real tree, with a
# positive control that must trip every rule (tests/deps/cases), and the
# licence rule: every SPDX tag says MIT, as LICENSE does.  Writes
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

# One licence (LICENSE, MIT): every SPDX tag must name it.  Prints the
# files under the given roots whose tag says anything else.
other_licences() {
	grep -rIl --exclude-dir=.git --exclude-dir=build \
		'SPDX-License-Identifier:' "$@" 2>/dev/null |
	while read -r f; do
		grep -m1 'SPDX-License-Identifier:' "$f" |
			grep -Eq 'SPDX-License-Identifier: *MIT( |\*|$)' ||
			echo "$f: $(grep -m1 -o 'SPDX-License-Identifier:.*' "$f")"
	done
}
other_licences boot kernel mm harness model checker scripts tests mk \
	Makefile linker.ld > "$tmp/licence.log"
[ -s "$tmp/licence.log" ]
result licence $? 1 "$tmp/licence.log"
# Positive control: a file tagged with another licence is named.
mkdir -p "$tmp/licence-case"
printf '// SPDX-License-Identifier: GPL-2.0\n' > "$tmp/licence-case/gpl.c"
printf '// SPDX-License-Identifier: MIT\n' > "$tmp/licence-case/mit.c"
other_licences "$tmp/licence-case" > "$tmp/licence-case.log"
grep -q 'gpl.c' "$tmp/licence-case.log" && ! grep -q 'mit.c' "$tmp/licence-case.log"
result licence_positive_control $? 0 "$tmp/licence-case.log"

cat "$out"
exit $status
