#!/bin/sh
# Write the allowed-outcome table the checker reads (docs/model.md,
# "The table") to stdout: the union, per vendor, scenario and probe
# category, of what the MMU model allowed over several runs (the stalest
# policy and seeded random choices, several seeds), so that outcomes that
# depend on an earlier choice (a #PF drops cached entries) are all in.
# With a second argument, also write there the C table of the classes the
# model derives per vendor and row (harness/derived_classes.c, read by
# harness/vendor_class.c), from the stalest run (the classes do not depend
# on the policy: docs/model.md, "Derived classes").
# Usage: scripts/model-table.sh build/tlbprobe-model [CLASSES.c]
set -u
model=${1:?usage: $0 path/to/tlbprobe-model [classes.c]}
classes=${2:-}
tmp=$(mktemp)
derived=$(mktemp)
trap 'rm -f "$tmp" "$derived" "$derived".*' EXIT
for v in intel amd amd-tce tcg; do
	for run in "stalest 1" "random 1" "random 2" "random 3" "random 4"; do
		set -- $run
		out=/dev/null
		[ "$1" = stalest ] && out=$derived.$v
		"$model" --vendor "$v" --policy "$1" --seed "$2" --table "$tmp" \
			> "$out"
		rc=$?
		if [ "$rc" -gt 1 ]; then
			echo "model-table: $model --vendor $v --policy $1 --seed $2: exit $rc" >&2
			exit 1
		fi
	done
done
[ -z "$classes" ] || scripts/derived-classes.sh "$derived" > "$classes" ||
	exit 1
rm -f "$derived".*
echo "# Allowed outcomes per vendor, scenario and probe category (* = all),"
echo "# from build/tlbprobe-model: make model-table.  Generated; do not edit."
echo "# Read by tlbprobe-check (docs/checker.md, architectural violations)."
LC_ALL=C sort -u "$tmp"
