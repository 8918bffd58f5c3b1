#!/bin/sh
# SPDX-License-Identifier: MIT
# One batch of `make soundness` (scripts/soundness.sh): machines FROM..TO of
# one kind, each run on the model and its log checked with the metal and
# kvm profiles; one tab-separated line per machine on stdout, read by
# scripts/soundness-sum.pl:
#
#   L vendor iters seed model_rc metal_rc kvm_rc arch inconclusive
#     first_metal first_kvm stale(control.stale_tlb) stale(pmd_collapse.noflush)
#     stale(linux.28ee90fe6048)
#   M mutant vendor iters seed model_rc caught first_row caught_by
#
#   soundness-one.sh legal VENDOR ITERS FROM TO
#   soundness-one.sh mutant VENDOR ITERS FROM TO NAME
set -u
kind=$1 vendor=$2 iters=$3 from=$4 to=$5 mutant=${6:-}
model=${MODEL:-build/tlbprobe-model} check=${CHECK:-build/tlbprobe-check}
dir=$(mktemp -d "${TMPDIR:-/tmp}/soundness-one.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
iters_opt=
[ "$iters" = default ] || iters_opt="--iters $iters"

# The first finding's row (an architectural one first), and its kind.
first_row() {
	awk -v lf="$1" '
		index($0, lf ":") == 1 && / expected / {
			s = substr($0, length(lf) + 2); sub(/^[0-9]+: /, "", s)
			sub(/:.*/, "", s)
			if (/architectural violation/ && !arch) arch = s
			if (!any) any = s
		}
		END { if (arch) print arch "\tarch"; else if (any) print any "\tprofile"
		      else print "-\t-" }' "$2"
}

# The share of a row's probes that did not read coherent.
stale() {
	awk -v row="$2" '
		$0 ~ "# result: name=" row " " {
			for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
			if (v["probes"] > 0) printf "%.4f", 1 - v["coherent"] / v["probes"]
			found = 1; exit
		}
		END { if (!found) printf "-" }' "$1"
}

seed=$from
while [ "$seed" -le "$to" ]; do
	log=$dir/$seed.log
	if [ "$kind" = legal ]; then
		# shellcheck disable=SC2086
		"$model" --vendor "$vendor" --machine random --seed "$seed" \
			$iters_opt > "$log" 2> "$dir/err"
	else
		# shellcheck disable=SC2086
		"$model" --vendor "$vendor" --mutant "$mutant" --policy random \
			--seed "$seed" $iters_opt > "$log" 2> "$dir/err"
	fi
	rc=$?
	"$check" --profile metal "$log" > "$dir/metal" 2>&1
	mrc=$?
	if [ "$kind" = legal ]; then
		"$check" --profile kvm "$log" > "$dir/kvm" 2>&1
		krc=$?
		arch=$(cat "$dir/metal" "$dir/kvm" | grep -c 'architectural violation')
		inc=$(sed -n 's/^# TLBPROBE-DONE .*inconclusive=\([0-9]*\).*/\1/p' "$log")
		printf 'L\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
			"$vendor" "$iters" "$seed" "$rc" "$mrc" "$krc" "$arch" \
			"${inc:-0}" "$(first_row "$log" "$dir/metal" | cut -f1)" \
			"$(first_row "$log" "$dir/kvm" | cut -f1)" \
			"$(stale "$log" control.stale_tlb)" \
			"$(stale "$log" pmd_collapse.noflush)" \
			"$(stale "$log" linux.28ee90fe6048)"
	else
		caught=0
		[ "$mrc" -eq 1 ] && caught=1
		printf 'M\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$mutant" "$vendor" \
			"$iters" "$seed" "$rc" "$caught" "$(first_row "$log" "$dir/metal")"
	fi
	seed=$((seed + 1))
done
