#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Compare the kernel output of two serial logs, line for line, from
# "KTAP version 1" to the done marker, CRs stripped.  What may differ
# between two builds without any result changing is masked: timings
# (tsc_hz, elapsed_ms), code addresses (rip=, which move when the kernel's
# code does) and mem_usable_kib (the usable RAM excludes the kernel image,
# whose size changes with the code).  Lines matching EXCLUDE (an extended
# regex, optional) are dropped from NEW first, e.g. scenarios added since.
# usage: scripts/compare-logs.sh OLD NEW [EXCLUDE]; exit status 0 if equal.
[ $# -ge 2 ] || { echo "usage: $0 OLD NEW [EXCLUDE]" >&2; exit 2; }
old=$1 new=$2 ex=${3:-}
norm() {
	tr -d '\r' < "$1" | sed -n '/^KTAP version 1/,/TLBPROBE-DONE/p' |
	sed -E 's/tsc_hz=[0-9]+/tsc_hz=T/; s/elapsed_ms=[0-9]+/elapsed_ms=T/;
		s/ rip=0x[0-9a-f]+/ rip=R/; s/mem_usable_kib=[0-9]+/mem_usable_kib=K/'
}
a=$(mktemp) b=$(mktemp)
trap 'rm -f "$a" "$b"' EXIT
norm "$old" > "$a"
if [ -n "$ex" ]; then norm "$new" | grep -Ev "$ex"; else norm "$new"; fi > "$b"
[ -s "$a" ] || { echo "$0: no KTAP output in $old" >&2; exit 2; }
if diff "$a" "$b"; then
	echo "identical: $(wc -l < "$a") lines"
fi
