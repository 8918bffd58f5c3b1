#!/bin/sh
# SPDX-License-Identifier: MIT
# make soundness (docs/model.md, "Soundness"): legal machines drawn by the
# model (--machine random) for every vendor, at the kernel's default
# iterations and at iters=4, each log checked with the metal and kvm
# profiles; then every mutant (--mutant) on its seeds.  Prints the two
# tables and, with DOC set, writes them into DOC between the markers.
#
#   MACHINES=1000 SEEDS=100 JOBS=2 DOC=docs/model.md scripts/soundness.sh
#
# MACHINES legal machines per vendor and per iteration count in ITERS
# (default "default 4": the kernel's default iterations, and 4); SEEDS
# seeds per mutant, on the first vendor it applies to.
#
# Exit: 0 when no legal machine failed or had an architectural finding and
# every runnable mutant was caught in >= 99% of its runs; 1 otherwise.
set -u
here=$(dirname "$0")
MODEL=${MODEL:-build/tlbprobe-model}
CHECK=${CHECK:-build/tlbprobe-check}
MACHINES=${MACHINES:-1000}
SEEDS=${SEEDS:-100}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
BATCH=${BATCH:-25}
VENDORS=${VENDORS:-intel amd amd-tce tcg}
ITERS=${ITERS:-default 4}
DOC=${DOC:-}
export MODEL CHECK
for n in "$MACHINES" "$SEEDS" "$JOBS" "$BATCH"; do
	case $n in
	''|*[!0-9]*|0) echo "soundness: MACHINES, SEEDS, JOBS and BATCH must" \
		"be positive numbers (got '$n')" >&2; exit 3 ;;
	esac
done
for f in "$MODEL" "$CHECK"; do
	[ -x "$f" ] || { echo "soundness: $f is missing: run make first" >&2; exit 3; }
done
work=$(mktemp -d "${TMPDIR:-/tmp}/soundness.XXXXXX") || exit 1
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
"$MODEL" --mutant list > "$work/mutants" || exit 1

# One job per line: KIND VENDOR ITERS FROM TO [MUTANT].
batches() {
	from=1
	while [ "$from" -le "$2" ]; do
		to=$((from + BATCH - 1))
		[ "$to" -gt "$2" ] && to=$2
		echo "$1 $from $to $3"
		from=$((to + 1))
	done
}
{
	for v in $VENDORS; do
		for it in $ITERS; do
			batches "legal $v $it" "$MACHINES" ""
		done
	done
	awk -F'\t' '/^[^\t]/ { name = $1; v = $2; sub(/^vendors=/, "", v)
		split(v, w, " "); first[name] = w[1] }
		/^\tnot runnable/ { skip[name] = 1 }
		END { for (n in first) if (!skip[n]) print n, first[n] }' \
		"$work/mutants" | sort | while read -r name v; do
		batches "mutant $v default" "$SEEDS" "$name"
	done
} > "$work/jobs"
total=$(wc -l < "$work/jobs")
start=$(date +%s)
echo "soundness: $total batches on $JOBS jobs ($MACHINES legal machines per" \
	"vendor at each of iters=$(echo $ITERS | tr ' ' ','), $SEEDS seeds per" \
	"mutant)" >&2
i=0
while read -r kind v it from to mut; do
	i=$((i + 1))
	echo "$i $kind $v $it $from $to${mut:+ $mut}"
done < "$work/jobs" |
	xargs -P "$JOBS" -L 1 sh -c 'n=$1; shift
		"$0" "$@" > "'"$work"'/out.$n" 2> "'"$work"'/err.$n"; echo "$n"' \
		"$here/soundness-one.sh" |
	{
		done_n=0
		while read -r _; do
			done_n=$((done_n + 1))
			printf '\rsoundness: %d/%d batches, %ds' "$done_n" "$total" \
				$(($(date +%s) - start)) >&2
		done
		echo >&2
	}
cat "$work"/out.* > "$work/lines" 2>/dev/null
got=$(grep -c . "$work/lines")
want=$(awk '{ n += $5 - $4 + 1 } END { print n }' "$work/jobs")
if [ "$got" -ne "$want" ]; then
	echo "soundness: $got of $want machine results came back:" >&2
	cat "$work"/err.* >&2
	exit 1
fi
perl "$here/soundness-sum.pl" table "$work/lines" "$work/mutants" $DOC
status=$?
echo "soundness: $want machines in $(($(date +%s) - start)) s on $JOBS jobs" >&2
exit $status
