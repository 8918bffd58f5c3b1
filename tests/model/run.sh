#!/bin/sh
# The MMU model in `make test` (docs/model.md): the experiments run against
# the model for every vendor, and each scenario's derived class must agree
# with the catalogue (a stated class, or the compiled-in derived one:
# harness/derived_classes.c).
# One line per check, "PASS name" or "FAIL name: reason", in
# $BUILD/test-results/model.txt.  Exits 1 if any check failed.
set -u
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
MODEL=$BUILD/tlbprobe-model
RESULTS=$BUILD/test-results/model.txt
LOGS=$BUILD/logs
mkdir -p "$BUILD/test-results" "$LOGS"
: > "$RESULTS"
failed=0
pass() { echo "PASS $1" >> "$RESULTS"; }
fail() { echo "FAIL $1: $2" >> "$RESULTS"; failed=1; }

for v in intel amd amd-tce tcg; do
	log=$LOGS/model-$v.log
	"$MODEL" --vendor "$v" > "$log" 2> "$log.err"
	rc=$?
	summary=$(grep '^# model: vendor=' "$log")
	echo "model-test: $v: exit $rc; $summary"
	if [ "$rc" -ne 0 ]; then
		fail "model.$v.classes" "exit $rc: $(grep MISMATCH "$log" | sed 's/.*name=//' | tr '\n' ';') $(head -c 300 "$log.err")"
	elif ! grep -Eq '^# TLBPROBE-DONE verdict=pass( |$)' "$log"; then
		fail "model.$v.classes" "no pass done marker in $log"
	else
		pass "model.$v.classes"
	fi
	# Every page-table store went through the seam (kernel/hw.h).  TCG
	# keeps no history (no PSC; the TLB fills on access): nothing to miss.
	case $v/$summary in
	tcg/*) ;;
	*" bypassed_stores=0 "*) pass "model.$v.no_bypassed_stores" ;;
	*) fail "model.$v.no_bypassed_stores" "$summary" ;;
	esac
done

# Done-when: the intel model shows the stale walk of the 2018 Linux code,
# classified by the kernel's own classify_read().
if grep -Eq '# result: name=linux\.28ee90fe6048 .* stale_walk=[1-9]' "$LOGS/model-intel.log"; then
	pass model.intel.stale_walk_28ee90fe6048
else
	fail model.intel.stale_walk_28ee90fe6048 "no stale_walk in the result line"
fi
# ... and none where the fix is sufficient (negative).
if grep -Eq '# result: name=linux\.5e0fb5df2ee8 .* coherent=[1-9][0-9]* stale_tlb=0 stale_walk=0 fault=0' "$LOGS/model-intel.log"; then
	pass model.intel.coherent_5e0fb5df2ee8
else
	fail model.intel.coherent_5e0fb5df2ee8 "not all coherent"
fi

# Walk levels and walk faults on the intel model, end to end through the kernel's own
# report: each level's canary and accessed bits (a PUD collapse without a
# flush walks through stale PDEs and, in slots that never had a PTE page,
# through the stale PDPTE), faults that only a walk explains in the zeroed
# reuse rows, and the run's caching line; under tcg, caching is absent.
check_line() {	# NAME LOG REGEX
	if grep -Eq "$3" "$2"; then pass "$1"; else fail "$1" "no line matches /$3/ in $2"; fi
}
intel=$LOGS/model-intel.log
check_line model.intel.walk_levels "$intel" \
	'# result: name=pud_collapse\.noflush .* stale_walk=[1-9][0-9]* .*stale_walk_pdpte=[1-9][0-9]* .*reused_a_pde=[1-9][0-9]* reused_a_pdpte=[1-9]'
check_line model.intel.pmd_no_pdpte_walk "$intel" \
	'# result: name=pmd_collapse\.noflush .*stale_walk_pdpte=0 .*reused_a_pdpte=0 '
check_line model.intel.walk_fault "$intel" \
	'# result: name=pmd_collapse\.noflush\.reuse_zero .* walk_fault=[1-9]'
check_line model.intel.first_untouched "$intel" \
	'# result: name=linux\.28ee90fe6048 .* first_untouched_coherent=0 first_untouched_walk=[1-9]'
check_line model.intel.caching_observed "$intel" \
	'^# caching: status=observed witnesses=[1-9][0-9]* seen=[1-9]'
check_line model.tcg.caching_absent "$LOGS/model-tcg.log" '^# caching: status=absent accel=model '

# Control for the comparison itself: without the compiled-in classes
# (harness/derived_classes.c) a derived row counts as observation, so the
# intel model must disagree on the PUD fix, and say which row.
"$MODEL" --vendor intel --catalogue-only --tests 'linux.5e0fb5df2ee8.pud' \
	> "$LOGS/model-intel-catalogue-only.log" 2>&1
rc=$?
if [ "$rc" -eq 1 ] && grep -q 'name=linux.5e0fb5df2ee8.pud vendor=intel catalogue=observation derived=correctness MISMATCH' \
	"$LOGS/model-intel-catalogue-only.log"; then
	pass model.mismatch_detected
else
	fail model.mismatch_detected "exit $rc, expected 1 and a MISMATCH line"
fi

# A bad vendor is a usage error (3) with a message.
"$MODEL" --vendor via > /dev/null 2> "$LOGS/model-usage.err"
rc=$?
if [ "$rc" -eq 3 ] && grep -q 'unknown vendor' "$LOGS/model-usage.err"; then
	pass model.usage_error
else
	fail model.usage_error "exit $rc"
fi

# The checker's table is what the model allows now, and the classes the
# kernel compiles in are what it derives now (make model-table).
if scripts/model-table.sh "$MODEL" "$LOGS/derived_classes.c" > "$LOGS/model-allowed.table" &&
	cmp -s "$LOGS/model-allowed.table" profiles/model-allowed.table; then
	pass model.table_current
else
	fail model.table_current "profiles/model-allowed.table differs from what the model allows now: run make model-table and commit it"
fi
if cmp -s "$LOGS/derived_classes.c" harness/derived_classes.c; then
	pass model.classes_current
else
	fail model.classes_current "harness/derived_classes.c differs from what the model derives now: run make model-table and commit it ($(diff harness/derived_classes.c "$LOGS/derived_classes.c" | grep '^[<>]' | head -3 | tr '\n' ' '))"
fi

# Part C: the issue's edited log.  Each vendor's model log, dressed as a KVM
# run on each vendor, passes kvm and metal (negative); with stale walks and
# reused accessed bits in pmd_collapse.invlpg_out, which INVLPG forbids, it
# must fail both, naming the rule (positive).
CHECK=$BUILD/tlbprobe-check
# The stale walks are moved out of the touched stale TLB reads, so the log
# stays consistent (probes= still adds up) and only the architecture can
# object to it.
edited_log() { # VENDOR STALE_WALK OUT
	# Each vendor's own model log: AMD's INVPCID type 0 reaches further
	# than Intel's (APM vol. 2 3.1.7), so Intel's log is no AMD's.
	local src=intel
	[ "$1" = AuthenticAMD ] && src=amd
	sed -e "s/^# env: accel=model vendor=$src .*/# env: vendor=$1 family=6 model=85 stepping=7 brand=\"edited\"\n# env: hypervisor=\"KVMKVMKVM\" accel=kvm qemu=1/" \
	    -e "/# result: name=pmd_collapse.invlpg_out /s/ reused_a=0 reused_a_pde=0 / reused_a=$2 reused_a_pde=$2 /" \
	    "$LOGS/model-$src.log" |
	perl tests/model/move-probes.pl pmd_collapse.invlpg_out touched \
		stale_tlb stale_walk "$2" > "$3"
}
for vendor in GenuineIntel:'intel|INVLPG invalidates every paging-structure-cache entry of the current PCID (SDM 4.10.4.1; APM vol. 2 5.5.3, 3.1.7 (EFER.TCE))' \
	      AuthenticAMD:'amd|INVLPG with EFER.TCE=0 invalidates every paging-structure-cache entry of the current PCID (SDM 4.10.4.1; APM vol. 2 5.5.3, 3.1.7 (EFER.TCE))'; do
	v=${vendor%%:*}
	want=${vendor#*:}
	edited_log "$v" 0 "$LOGS/edited-$v-clean.log"
	edited_log "$v" 8 "$LOGS/edited-$v.log"
	for p in kvm metal; do
		"$CHECK" --profile "$p" "$LOGS/edited-$v-clean.log" > "$LOGS/edited-$v-clean.$p.txt" 2>&1
		rc=$?
		if [ "$rc" -eq 0 ]; then
			pass "model.edited_log.$v.$p.clean_passes"
		else
			fail "model.edited_log.$v.$p.clean_passes" "exit $rc: $(tail -1 "$LOGS/edited-$v-clean.$p.txt")"
		fi
		"$CHECK" --profile "$p" "$LOGS/edited-$v.log" > "$LOGS/edited-$v.$p.txt" 2>&1
		rc=$?
		if [ "$rc" -eq 1 ] &&
		   grep -qF "pmd_collapse.invlpg_out: expected only coherent,stale_tlb on ${want%%|*}: ${want#*|} [architectural violation], observed stale_walk=8" "$LOGS/edited-$v.$p.txt" &&
		   grep -q "pmd_collapse.invlpg_out: expected .* \\[architectural violation\\], observed reused_a_pde=8" "$LOGS/edited-$v.$p.txt"; then
			pass "model.edited_log.$v.$p.fails"
		else
			fail "model.edited_log.$v.$p.fails" "exit $rc: $(head -3 "$LOGS/edited-$v.$p.txt" | tr '\n' ' ')"
		fi
	done
	"$CHECK" --profile kvm --json "$LOGS/edited-$v.log" > "$LOGS/edited-$v.json" 2> /dev/null
	if command -v jq > /dev/null &&
	   jq -e '[.problems[] | select(.kind == "architectural violation" and .scenario == "pmd_collapse.invlpg_out")] | length == 2' \
		"$LOGS/edited-$v.json" > /dev/null; then
		pass "model.edited_log.$v.json"
	else
		fail "model.edited_log.$v.json" "no architectural violation in the JSON"
	fi
done
"$CHECK" report --html "$LOGS/edited.html" "$LOGS/edited-GenuineIntel.log" > /dev/null 2>&1
if grep -q 'architectural violation' "$LOGS/edited.html"; then
	pass model.edited_log.html
else
	fail model.edited_log.html "the HTML report does not name the violation"
fi

# Part C by category (a flush's reach is per slot): on AMD with TCE a stale walk is
# allowed in a 2 MiB slot other than the flushed one, never in a slot that
# never had a PTE page.  The amd model's log as a bare-metal AMD run passes
# metal; three stale walks moved into cat=no_table must fail it.
dress_amd() { # SED-EXPR OUT
	sed -e 's/^# env: accel=model vendor=amd .*/# env: vendor=AuthenticAMD family=25 model=1 stepping=1 brand="edited"\n# env: hypervisor="" accel=none qemu=0/' \
	    -e "$1" "$LOGS/model-amd.log" > "$2"
}
tce=pud_collapse.invlpg_in.tce
dress_amd 's/^//' "$LOGS/edited-tce-clean.log"
dress_amd 's/^//' /dev/stdout |
	perl tests/model/move-probes.pl "$tce" no_table coherent stale_walk 3 \
	> "$LOGS/edited-tce.log"
if grep -Eq "# hist: name=$tce cat=other_subslot .* stale_walk=[1-9]" "$LOGS/edited-tce-clean.log" &&
   "$CHECK" --profile metal "$LOGS/edited-tce-clean.log" > "$LOGS/edited-tce-clean.txt" 2>&1; then
	pass model.category.tce_other_subslot_allowed
else
	fail model.category.tce_other_subslot_allowed "$(tail -2 "$LOGS/edited-tce-clean.txt" | tr '\n' ' ')"
fi
"$CHECK" --profile metal "$LOGS/edited-tce.log" > "$LOGS/edited-tce.txt" 2>&1
rc=$?
if [ "$rc" -eq 1 ] && grep -q "$tce: expected only coherent.* in category no_table on amd: .*\[architectural violation\], observed cat=no_table stale_walk=3" "$LOGS/edited-tce.txt"; then
	pass model.category.tce_no_table_forbidden
else
	fail model.category.tce_no_table_forbidden "exit $rc: $(head -2 "$LOGS/edited-tce.txt" | tr '\n' ' ')"
fi

# Every TCG log of this test run (boot tests run before this) and the
# captured ones lie inside the tcg model: no architectural violation, and
# the check really ran (no "skipped" note).
for log in "$LOGS"/*.log tests/checker/logs/tcg-*.log; do
	[ -f "$log" ] || continue
	grep -q '^# env: .*accel=tcg' "$log" || continue
	grep -q '^# TLBPROBE-DONE' "$log" || continue
	name=$(basename "$log" .log)
	out=$("$CHECK" --profile tcg "$log" 2>&1)
	# Incomplete logs (exit 2) are never judged, architecturally or not.
	[ $? -eq 2 ] && continue
	if printf '%s\n' "$out" | grep -q 'architectural checks skipped'; then
		fail "model.tcg_log_inside.$name" "$(printf '%s\n' "$out" | grep -m1 'skipped')"
	elif printf '%s\n' "$out" | grep -q '\[architectural violation\]'; then
		fail "model.tcg_log_inside.$name" "$(printf '%s\n' "$out" | grep -m1 'architectural violation')"
	else
		pass "model.tcg_log_inside.$name"
	fi
done

# The flushed page is probed in every iteration of every row whose flush
# names one page (the flushed_page category has as many units as the row
# has iterations), and every probe category a model log has is in the
# checker's table: a category the table lacks is an error here, where the
# checker could only judge it by its scenario's union.
for v in intel amd amd-tce tcg; do
	log=$LOGS/model-$v.log
	bad=$(awk '/# result: name=/ { match($0, /name=[^ ]+/); n = substr($0, RSTART + 5, RLENGTH - 5);
			match($0, / iters=[0-9]+/); it[n] = substr($0, RSTART + 7, RLENGTH - 7) }
		/# hist: .*cat=flushed_page/ { match($0, /name=[^ ]+/); n = substr($0, RSTART + 5, RLENGTH - 5);
			match($0, / units=[0-9]+/); f[n] = substr($0, RSTART + 7, RLENGTH - 7) }
		END { for (n in it) if (n ~ /(invlpg|invpcid0|5e0fb5df2ee8)/ &&
			n !~ /(_out|^smp\.|^control\.)/ && f[n] != it[n])
			printf " %s(%s of %s)", n, f[n] == "" ? 0 : f[n], it[n] }' "$log")
	if [ -z "$bad" ]; then
		pass "model.$v.flushed_page_every_iteration"
	else
		fail "model.$v.flushed_page_every_iteration" "flushed page not probed in every iteration:$bad"
	fi
	out=$("$CHECK" --profile metal "$log" 2>&1)
	if printf '%s\n' "$out" | grep -q 'not in model-allowed.table'; then
		fail "model.$v.table_has_categories" "$(printf '%s\n' "$out" | grep -m1 'not in model-allowed')"
	else
		pass "model.$v.table_has_categories"
	fi
done
# Control: with a table that lacks the flushed_page lines, the checker
# says so for the intel log.
tabdir=$(mktemp -d)
cp profiles/*.profile "$tabdir/"
grep -v ' flushed_page ' profiles/model-allowed.table > "$tabdir/model-allowed.table"
if TLBPROBE_PROFILE_DIR=$tabdir "$CHECK" --profile metal "$LOGS/model-intel.log" 2>&1 |
	grep -q 'probe categories not in model-allowed.table for intel'; then
	pass model.table_missing_category_control
else
	fail model.table_missing_category_control "a table without flushed_page lines went unremarked"
fi
rm -rf "$tabdir"
# Per-row conclusiveness from the no-flush twin (checker/caching.c).
# A shadow MMU (stale TLB entries, no paging-structure cache: the model
# with every PSC capped at 0) makes the split rows conclusive on their TLB
# part, though the machine shows no paging-structure caching at all.
log=$LOGS/model-shadow-mmu.log
"$MODEL" --vendor intel --machine psc_cap_pde=0,psc_cap_pdpte=0,psc_cap_pml4e=0 \
	> "$log" 2> "$log.err"
out=$("$CHECK" --profile kvm "$log" 2>&1)
if ! grep -q '^ *# result: name=pmd_split.clear_noflush .* stale_tlb=[1-9]' "$log" ||
   grep '^ *# result: name=pmd_collapse.noflush ' "$log" | grep -q ' stale_walk=[1-9]'; then
	fail model.twin.shadow_mmu "the log is no shadow MMU's (stale TLB, no PSC): $log"
elif ! printf '%s\n' "$out" | grep -q 'caching: inconclusive: no paging-structure'; then
	fail model.twin.shadow_mmu "the machine-wide caching status is not 'not observed'"
elif ! printf '%s\n' "$out" | grep -q 'pmd_split.clear_invlpg: parts tlb=yes pde=n/a pdpte=n/a' ||
     printf '%s\n' "$out" | grep -Eq '_split\.[a-z_.]*: inconclusive$'; then
	fail model.twin.shadow_mmu "a split row is not conclusive on its TLB part: $(printf '%s\n' "$out" | grep -m2 '_split')"
else
	pass model.twin.shadow_mmu
fi
# A legal machine (seed 25) where pmd_collapse.noflush shows stale walks
# but linux.28ee90fe6048 shows nothing: linux.5e0fb5df2ee8 is inconclusive.
log=$LOGS/model-twin-unshown.log
"$MODEL" --vendor intel --machine random --seed 25 \
	--tests 'control.*,pmd_collapse.noflush,linux.28ee90fe6048,linux.5e0fb5df2ee8' \
	> "$log" 2> "$log.err"
out=$("$CHECK" --profile metal "$log" 2>&1)
if ! grep '^ *# result: name=pmd_collapse.noflush ' "$log" | grep -q ' stale_walk=[1-9]' ||
   ! grep -Eq '^ *# result: name=linux.28ee90fe6048 .* probes=([0-9]+) coherent=\1 ' "$log"; then
	fail model.twin.linux_unshown "seed 25 no longer draws that machine: $log"
elif ! printf '%s\n' "$out" | grep -q 'linux.5e0fb5df2ee8: inconclusive$'; then
	fail model.twin.linux_unshown "linux.5e0fb5df2ee8 is not inconclusive"
else
	pass model.twin.linux_unshown
fi

# The answer block (docs/log-format.md, "Answer"): on the intel model the
# 2018 variant is unsafe and its fix safe; under tcg nothing can tell.
check_line model.intel.answer_unsafe "$intel" \
	'^# answer: linux\.28ee90fe6048: unsafe here \(stale walks [1-9][0-9]*/[1-9][0-9]*\)$'
check_line model.intel.answer_safe "$intel" \
	'^# answer: linux\.5e0fb5df2ee8: safe here \([1-9][0-9]* collapses, none stale: rate < [0-9.]+%\)$'
check_line model.intel.answer_pdpte "$intel" '^# answer: PDPTE cache: seen \('
check_line model.tcg.answer_cannot_tell "$LOGS/model-tcg.log" \
	'^# answer: linux\.5e0fb5df2ee8: cannot tell here \(no paging-structure caches under TCG\)$'
if grep '^# answer: linux\.' "$LOGS/model-tcg.log" | grep -vq 'cannot tell here'; then
	fail model.tcg.answer_all_cannot_tell "$(grep '^# answer: linux\.' "$LOGS/model-tcg.log" | grep -v 'cannot tell' | head -1)"
else
	pass model.tcg.answer_all_cannot_tell
fi
check_line model.twin.answer_unshown "$LOGS/model-twin-unshown.log" \
	'^# answer: linux\.5e0fb5df2ee8: cannot tell here \(the twin linux\.28ee90fe6048 showed no stale entry\)$'
check_line model.twin.kernel_inc "$LOGS/model-twin-unshown.log" \
	'^# table: linux\.5e0fb5df2ee8 +correctness inc '
# The kernel decides every row as the checker does: the checker finds
# each model log's answer block right and the kernel's count its own.
for log in "$LOGS"/model-intel.log "$LOGS"/model-amd.log "$LOGS"/model-amd-tce.log \
	   "$LOGS"/model-tcg.log "$LOGS"/model-shadow-mmu.log "$LOGS"/model-twin-unshown.log; do
	name=model.answer_agrees.$(basename "$log" .log)
	out=$("$CHECK" --profile metal "$log" 2>&1)
	if ! grep -q '^# answer: verdict: ' "$log"; then
		fail "$name" "no answer block in $log"
	elif printf '%s\n' "$out" | grep -Eq 'answer block:|the kernel counts inconclusive'; then
		fail "$name" "$(printf '%s\n' "$out" | grep -Em1 'answer block:|the kernel counts')"
	else
		pass "$name"
	fi
done
# Negative: the same intel log with a contradicting answer, with a
# figure changed, with a line gone, or with answer= changed fails.
tmp=$(mktemp -d)
sed 's/^# answer: linux\.28ee90fe6048: unsafe here.*/# answer: linux.28ee90fe6048: safe here (16 collapses, none stale: rate < 17.1%)/' "$intel" > "$tmp/contradict.log"
sed '/^# answer: linux\.5e0fb5df2ee8:/s/rate < [0-9.]*%/rate < 1.7%/' "$intel" > "$tmp/figure.log"
grep -v '^# answer: linux\.fullflush:' "$intel" > "$tmp/dropped.log"
sed 's/ answer=\([0-9]*\)/ answer=1\1/' "$intel" > "$tmp/count.log"
for d in contradict figure dropped count; do
	out=$("$CHECK" --profile metal "$tmp/$d.log" 2>&1)
	if cmp -s "$intel" "$tmp/$d.log"; then
		fail "model.answer_damaged.$d" "the damage changed nothing"
	elif printf '%s\n' "$out" | grep -q 'FAIL: the answer block contradicts the results'; then
		pass "model.answer_damaged.$d"
	else
		fail "model.answer_damaged.$d" "$(printf '%s\n' "$out" | tail -1)"
	fi
done
rm -rf "$tmp"

# The smp rows on two modelled CPUs (model/cpus.c): each row that runs has
# its result and derived class; the local CPU reads coherent after its own
# flush, while the remote one may read stale (so the check can fail); the
# race rows say they are not modelled rather than pass.
for v in intel amd amd-tce tcg; do
	log=$LOGS/model-$v.log
	ran=$(grep -c '# result: name=smp\.' "$log")
	derived=$(grep -c '# model: name=smp\.[^ ]* vendor=' "$log")
	if [ "$ran" -ge 5 ] && [ "$ran" -eq $((derived + 1)) ]; then
		pass "model.$v.smp_rows_derived"
	else
		fail "model.$v.smp_rows_derived" "$ran smp results, $derived derived (the control has none)"
	fi
	if grep -Eq ' smp\.race\.[^ ]* # SKIP unmodelled=concurrent:' "$log" &&
	   ! grep -q '# result: name=smp\.race\.' "$log"; then
		pass "model.$v.smp_race_unmodelled"
	else
		fail "model.$v.smp_race_unmodelled" "a race row ran, or skipped without the mark"
	fi
	for row in smp.5e0fb5df2ee8.local smp.fullflush.local smp.5e0fb5df2ee8.pcid.shootdown; do
		[ "$v" = tcg ] && [ "$row" = smp.5e0fb5df2ee8.pcid.shootdown ] && continue
		local_sets=$(grep "# model: name=$row cpu=0 cat=" "$log" | sed 's/.* allowed=\([^ ]*\).*/\1/')
		remote_sets=$(grep "# model: name=$row cpu=1 cat=" "$log" | sed 's/.* allowed=\([^ ]*\).*/\1/')
		if [ -n "$local_sets" ] && ! printf '%s\n' "$local_sets" | tr ',' '\n' | grep -vq '^coherent@' &&
		   printf '%s\n' "$remote_sets" | grep -q stale; then
			pass "model.$v.local_coherent.$row"
		else
			fail "model.$v.local_coherent.$row" "cpu0: $(echo $local_sets) cpu1: $(echo $remote_sets)"
		fi
	done
done
BUILD=$BUILD RESULTS=$RESULTS tests/model/psc_size.sh || failed=1

# The command line (model/opts.c): --help lists every option, and each bad
# input exits 3 with a message that names it.
help=$("$MODEL" --help)
missing=
for o in $(sed -n 's/^[[:space:]]*{ "\([a-z0-9-]*\)",.*/\1/p' model/opts.c); do
	printf '%s\n' "$help" | grep -q -- "--$o" || missing="$missing --$o"
done
if [ -z "$missing" ]; then pass model.usage.help_lists_all; else fail model.usage.help_lists_all "missing:$missing"; fi
for bad in "|--vendor is required" "--vendor|missing value for: --vendor" \
	   "--vendor x|unknown vendor" "--vendor intel --bogus|unknown or ambiguous option: --bogus" \
	   "--vendor intel stray|unexpected argument: stray" \
	   "--vendor intel --catalogue-only=1|takes no value" \
	   "--vendor intel --policy x|--policy must be" "--vendor intel --mutant x|unknown mutant"; do
	args=${bad%%|*} want=${bad#*|}
	# shellcheck disable=SC2086
	err=$("$MODEL" $args 2>&1 >/dev/null)
	rc=$?
	if [ "$rc" -eq 3 ] && printf '%s\n' "$err" | head -1 | grep -qF -- "$want"; then
		pass "model.usage.bad[$args]"
	else
		fail "model.usage.bad[$args]" "exit $rc: $(printf '%s\n' "$err" | head -1)"
	fi
done

grep -c '^PASS' "$RESULTS" | sed 's/^/model-test: passed /'
exit $failed
