// SPDX-License-Identifier: MIT
/*
 * The experiment code (tests/kernel/, harness/) on the host, over the
 * arena and the cacheless host CPU of tests/host/hw_host.c: the catalogue
 * is well formed, the flush table says what the manuals say, and whole
 * scenarios run, with every probe coherent (there is no cache to go stale)
 * and the flushes they issue where the table says.
 */
#include <math.h>
#include <string.h>

#include "tests/host/host_test.h"
#include "tests/host/host_hw.h"
#include "checker/bounds.h"
#include "harness/scenario.h"
#include "harness/smi_count.h"
#include "harness/iter_budget.h"
#include "tests/kernel/fixture.h"
#include "kernel/cmdline.h"
#include "kernel/cpu.h"
#include "mm/cpu_mode.h"
#include "mm/flush.h"
#include "kernel/io.h"
#include "mm/phys.h"

#define NFRAMES		(ARENA_PA_END / PAGE_SIZE)

static u8 bitmap[NFRAMES / 8];
static struct frame_alloc fa;
static struct pgt pgt;
static struct options opt;
static const struct mem_range ram[] = {
	{ ARENA_PA_BASE, ARENA_PA_END, MEM_AVAILABLE },
};

static int group_setup(void **state)
{
	(void)state;
	arena_setup(0);
	falloc_init(&fa, bitmap, sizeof(bitmap), ram, 1, NULL, 0);
	if (pgt_init(&pgt, &fa, hw_flush))
		return -1;
	host_hw_reset(pgt.root_pa);
	options_default(&opt);
	opt.iters = 4;
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	arena_teardown();
	return 0;
}

static const struct scenario *find(const char *name)
{
	const struct scenario *s = scenario_find(name);

	if (!s)
		fail_msg("no scenario %s", name);
	return s;
}

/* Run one scenario as the runner would (minus the KTAP lines). */
static struct scen_result run(const char *name)
{
	const struct scenario *s = find(name);
	struct scen_ctx c = { .pgt = &pgt, .fa = &fa, .opt = &opt };
	struct scen_result r = { 0 };
	u64 free_before = fa.free_frames;

	rng_seed(&c.rng, 7);
	host_console_reset();
	r.skip = s->skip ? (s->skip)(s, &c) : NULL;
	assert_null(r.skip);
	s->run(s, &c, &r);
	assert_false(r.error);
	/* Every entry the walks met was written through the seam. */
	assert_int_equal(host_hw.unseen_entries, 0);
	/* The fixture's frames are taken once; nothing else may leak. */
	if (strncmp(name, "control.", 8))
		assert_true(fa.free_frames + 1024 >= free_before);
	return r;
}

/*
 * The seam check itself: a PTE stored behind the seam's back (as a model
 * would never see it) is caught by the next walk through it; one stored
 * through the seam is not.
 */
static void test_seam_sees_every_entry(void **state)
{
	const u64 va = FIX_FAR_VA - PMD_SIZE;
	u64 pa = ARENA_PA_END - PAGE_SIZE, value, *pte;
	struct fault_info fi;

	(void)state;
	host_hw.unseen_entries = 0;
	assert_int_equal(pgt_map_4k(&pgt, va, pa, PTE_RW), 0);
	assert_int_equal(hw_read64(va, &value, &fi), 0);
	assert_int_equal(host_hw.unseen_entries, 0);
	pte = pgt_entry(&pgt, va, PT_LEVEL_PTE);
	hw_write_entry(pte, *pte | PTE_D);
	assert_int_equal(hw_read64(va, &value, &fi), 0);
	assert_int_equal(host_hw.unseen_entries, 0);
	*pte = pa | PTE_P;		/* behind the seam */
	assert_int_equal(hw_read64(va, &value, &fi), 0);
	assert_int_equal(host_hw.unseen_entries, 1);
	pgt_unmap(&pgt, va);
	host_hw.unseen_entries = 0;
}

static void test_catalogue_names(void **state)
{
	size_t nf, total = 0;
	const struct family *const *f = families_all(&nf);

	(void)state;
	assert_true(nf >= 8);
	for (size_t i = 0; i < nf; i++) {
		size_t len = strlen(f[i]->name);

		assert_true(f[i]->count > 0);
		if (i)
			assert_true(f[i - 1]->order < f[i]->order);
		for (size_t j = 0; j < f[i]->count; j++) {
			const struct scenario *s = &f[i]->scen[j];

			/* "<family>.<rest>": the runner's prefixes rely on it. */
			assert_true(strlen(s->name) > len + 1);
			assert_memory_equal(s->name, f[i]->name, len);
			assert_int_equal(s->name[len], '.');
			assert_non_null(s->desc);
			assert_non_null(s->run);
			assert_null(strpbrk(s->name, " \t#,="));
			total++;
		}
	}
	/* Unique across the whole catalogue. */
	for (size_t i = 0; i < nf; i++)
		for (size_t j = 0; j < f[i]->count; j++)
			for (size_t k = 0; k < nf; k++)
				for (size_t l = 0; l < f[k]->count; l++)
					if (i != k || j != l)
						assert_string_not_equal(
							f[i]->scen[j].name,
							f[k]->scen[l].name);
	assert_true(total > 90);
}

static void test_selection(void **state)
{
	char err[256];

	(void)state;
	assert_int_equal(check_selection("pmd_collapse.*", err, sizeof(err)), 0);
	assert_int_equal(check_selection("linux.revert,control.*", err,
					 sizeof(err)), 0);
	assert_int_equal(check_selection("nonesuch", err, sizeof(err)), -1);
	assert_contains(err, "matches no scenario");
}

/* A cacheless CPU: the collapse engine's negative control, end to end. */
static void test_pmd_collapse_noflush_coherent(void **state)
{
	struct scen_result r;

	(void)state;
	r = run("pmd_collapse.noflush");
	assert_int_equal(r.iters, opt.iters);
	assert_int_equal(hist_total(&r.h), opt.iters * 16);
	assert_int_equal(hist_count(&r.h, OUT_COHERENT), opt.iters * 16);
	/* The walk set the huge leaf's A bit every time, no reused page's. */
	assert_contains(r.extra, " reused_a=0 ");
	assert_contains(r.extra, " huge_a=4");
	assert_int_equal(host_hw.flushes[FLUSH_NONE], 0);
}

/* Linux's sequence: the one INVLPG goes to the region's first page. */
static void test_linux_invlpg_first_page(void **state)
{
	struct scen_result r;
	u64 before = host_hw.flushes[FLUSH_INVLPG];

	(void)state;
	r = run("linux.5e0fb5df2ee8");
	assert_true(r.pass);
	assert_int_equal(hist_count(&r.h, OUT_COHERENT), hist_total(&r.h));
	/* One per iteration, and one for the warm-up's guard page. */
	assert_int_equal(host_hw.flushes[FLUSH_INVLPG] - before, 2 * opt.iters);
	assert_int_equal(host_hw.last[FLUSH_INVLPG].va & (PMD_SIZE - 1), 0);
	assert_true(host_hw.last[FLUSH_INVLPG].va >= FIX_PMD_REGION);
}

/* The new primitive: the same instruction, at the region's last page. */
static void test_linux_invlpg_last_page(void **state)
{
	struct scen_result r;
	u64 before = host_hw.flushes[FLUSH_INVLPG_LAST];

	(void)state;
	r = run("linux.invlpg_last");
	assert_true(r.pass);
	assert_int_equal(hist_count(&r.h, OUT_COHERENT), hist_total(&r.h));
	assert_int_equal(host_hw.flushes[FLUSH_INVLPG_LAST] - before, opt.iters);
	assert_int_equal(host_hw.last[FLUSH_INVLPG_LAST].va & (PMD_SIZE - 1),
			 PMD_SIZE - PAGE_SIZE);
}

static void test_linux_revert_coherent(void **state)
{
	struct scen_result r;

	(void)state;
	r = run("linux.revert");
	assert_true(r.pass);
	assert_int_equal(hist_count(&r.h, OUT_COHERENT), hist_total(&r.h));
	assert_contains(r.extra, " huge_a=0");
}

static void test_reuse_patterns_run(void **state)
{
	(void)state;
	run("pmd_collapse.noflush.reuse_zero");
	run("pmd_collapse.noflush.reuse_rsvd");
	run("pmd_collapse.noflush.reuse_data");
	assert_string_equal(host_console_text(), "");
}

/*
 * The Linux-style warm-up walks the upper levels but leaves no 4 KiB
 * translation inside the future huge page (collapse_warm.c): no read of
 * the huge page could meet one on a CPU that kept it.  The positive
 * control: pmd_collapse.noflush leaves its touched pages' 4 KiB entries
 * on purpose, and the detector sees them.
 */
static void test_linux_warm_up_leaves_no_small_leaf(void **state)
{
	static const char *const rows[] = {
		"linux.28ee90fe6048", "linux.5e0fb5df2ee8", "linux.fullflush",
		"linux.invlpg_last",
	};
	u64 before, prefetches;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		before = host_hw.size_conflicts;
		prefetches = host_hw.prefetches;
		run(rows[i]);
		if (host_hw.size_conflicts != before)
			fail_msg("%s: %llu reads met a 4 KiB translation inside "
				 "the huge page", rows[i],
				 (unsigned long long)(host_hw.size_conflicts - before));
		/* The upper levels are walked again without a leaf. */
		assert_true(host_hw.prefetches > prefetches);
	}
	before = host_hw.size_conflicts;
	run("pmd_collapse.noflush");
	assert_true(host_hw.size_conflicts > before);
}

/*
 * Level attribution on a cacheless CPU: nothing walks a reused page, so no
 * accessed bit is set at either level and no fault is a walk fault; the
 * present-looking data pattern runs like the others.
 */
static void test_levels_and_data_p(void **state)
{
	struct scen_result r;

	(void)state;
	r = run("pmd_collapse.noflush.reuse_data_p");
	assert_int_equal(hist_count(&r.h, OUT_COHERENT), hist_total(&r.h));
	assert_contains(r.extra, " reused_a=0 reused_a_pde=0 reused_a_pdpte=0 ");
	/* The first untouched probe of each iteration, counted on its own. */
	assert_contains(r.extra, " first_untouched_coherent=4 first_untouched_walk=0");
	assert_true(r.witness == false);
	r = run("pmd_collapse.noflush");
	assert_true(r.witness);
	assert_false(r.psc_seen);
}

/* SMIs per scenario: Intel's counter where RDMSR works, else nothing. */
static void test_smi_count(void **state)
{
	struct cpu_info saved = cpu_info;
	struct scen_result r = { 0 };
	struct smi_mark m;

	(void)state;
	memcpy(cpu_info.vendor, "GenuineIntel", 13);
	host_hw.smi_count = 5;
	smi_mark_begin(&m);
	host_hw.smi_count = 7;
	smi_mark_end(&m, &r);
	assert_string_equal(r.extra, " smi=2");
	/* No such MSR (#GP through fault capture): no key, no abort. */
	r.extra[0] = '\0';
	host_hw.no_smi_count = true;
	smi_mark_begin(&m);
	smi_mark_end(&m, &r);
	assert_string_equal(r.extra, "");
	host_hw.no_smi_count = false;
	/* Not Intel: 0x34 is not read at all. */
	memcpy(cpu_info.vendor, "AuthenticAMD", 13);
	smi_mark_begin(&m);
	host_hw.smi_count = 9;
	smi_mark_end(&m, &r);
	assert_string_equal(r.extra, "");
	cpu_info = saved;
}

/*
 * EFER.TCE through fault capture: a CPU that advertises TCE but refuses
 * the write makes the TCE rows skip with the reason, never abort.
 */
static void test_tce_refused_is_a_skip(void **state)
{
	struct cpu_info saved = cpu_info;
	/* Refused before any 1 GiB is needed: the row runs in the arena. */
	const struct scenario *s = find("linux.5e0fb5df2ee8.pud.tce");
	struct scen_ctx c = { .pgt = &pgt, .fa = &fa, .opt = &opt };
	struct scen_result r = { 0 };

	(void)state;
	cpu_info.tce = true;
	host_hw.refuse_efer_writes = true;
	rng_seed(&c.rng, 7);
	s->run(s, &c, &r);
	host_hw.refuse_efer_writes = false;
	assert_non_null(r.skip);
	assert_contains(r.skip, "EFER.TCE write refused");
	assert_false(r.error);
	assert_int_equal(hist_total(&r.h), 0);
	assert_int_equal(host_hw.efer, 0);
	cpu_info = saved;
}

/* One MCE control run with the MCA registers as host_hw has them. */
static struct scen_result run_mce(const char *name)
{
	const struct scenario *s = find(name);
	struct scen_ctx c = { .pgt = &pgt, .fa = &fa, .opt = &opt };
	struct scen_result r = { 0 };
	u64 raised = host_hw.mc_raised;

	rng_seed(&c.rng, 7);
	s->run(s, &c, &r);
	assert_false(r.error);
	if (r.skip) {
		/* A skip stages nothing and raises nothing. */
		assert_int_equal(host_hw.mc_raised, raised);
		assert_int_equal(host_hw.mc0_status, 0);
		assert_int_equal(host_hw.mcg_status, 0);
		assert_int_equal(hist_total(&r.h), 0);
	}
	return r;
}

/*
 * MCA registers that take a WRMSR without #GP but keep nothing (Bochs):
 * both MCE controls skip with the reason instead of raising a #MC that
 * finds no bank; refused writes (#GP) skip too; working banks run.
 */
static void test_mce_staging_reads_back(void **state)
{
	static const char *const rows[] = { "control.mce_logged",
					    "control.mce_raised" };
	struct scen_result r;
	unsigned int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		host_hw.drop_mca_writes = true;
		r = run_mce(rows[i]);
		host_hw.drop_mca_writes = false;
		assert_non_null(r.skip);
		assert_contains(r.skip, "MC0_STATUS did not keep the value");
		host_hw.refuse_mca_writes = true;
		r = run_mce(rows[i]);
		host_hw.refuse_mca_writes = false;
		assert_non_null(r.skip);
		assert_contains(r.skip, "refuses writes to MC0_STATUS (#GP)");
		r = run_mce(rows[i]);
		assert_null(r.skip);
		assert_true(r.pass);
		assert_int_equal(hist_count(&r.h, OUT_MCE), hist_total(&r.h));
	}
}

/*
 * The table's zero bound, 1 - 0.05^(1/n), in fixed point (no floating
 * point in the kernel) against the values libm gives (python3, and
 * tlbprobe-check bound 0 N), within 1e-6 relative or 2 ppb.
 */
static void test_zero_bound(void **state)
{
	static const struct { u64 n, ppb; } want[] = {
		{ 1, 950000000 }, { 2, 776393202 }, { 3, 631596850 },
		{ 16, 170749723 }, { 100, 29513050 }, { 256, 11633876 },
		{ 4096, 731113 }, { 65536, 45710 }, { 1000000, 2996 },
	};
	char buf[32];

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		u64 got = zero_bound_ppb(want[i].n);
		u64 diff = got > want[i].ppb ? got - want[i].ppb : want[i].ppb - got;

		if (diff > 2 && diff * 1000000 > want[i].ppb)
			fail_msg("n=%llu: %llu ppb, want %llu",
				 (unsigned long long)want[i].n,
				 (unsigned long long)got,
				 (unsigned long long)want[i].ppb);
	}
	/* The example: 0 in 4096 probes is < 0.073%. */
	fmt_pct(buf, sizeof(buf), zero_bound_ppb(4096));
	assert_string_equal(buf, "0.073%");
	fmt_pct(buf, sizeof(buf), zero_bound_ppb(16));
	assert_string_equal(buf, "17.1%");
	fmt_pct(buf, sizeof(buf), zero_bound_ppb(256));
	assert_string_equal(buf, "1.2%");
	fmt_pct(buf, sizeof(buf), zero_bound_ppb(1000000));
	assert_string_equal(buf, "0.00030%");
	fmt_pct(buf, sizeof(buf), 99600000);
	assert_string_equal(buf, "10.0%");
}

/*
 * The kernel's table and the checker agree (checker/bounds.c is the one
 * implementation; the kernel keeps a fixed-point copy of the zero case):
 * within 1e-6 relative or 2 ppb over n from 1 to 2^20.
 */
static void test_zero_bound_matches_checker(void **state)
{
	double lo, hi, want;

	(void)state;
	for (u64 n = 1; n <= (1u << 20); n = n < 64 ? n + 1 : n * 3 / 2) {
		u64 got = zero_bound_ppb(n);

		cp_bounds(0, (long long)n, &lo, &hi);
		want = hi * 1e9;
		if (fabs((double)got - want) > 2 && fabs((double)got - want) > want * 1e-6)
			fail_msg("n=%llu: kernel %llu ppb, checker %.1f",
				 (unsigned long long)n, (unsigned long long)got, want);
		assert_true(lo == 0);
	}
}

/*
 * Units, not probes: 16 reads in each of 3 iterations, a stale walk in 5
 * reads of one of them, count 3 units with one stale (docs/log-format.md).
 */
static void test_units_count_iterations(void **state)
{
	struct scen_result r = { 0 };

	(void)state;
	for (int it = 0; it < 3; it++) {
		for (int i = 0; i < 16; i++)
			result_read(&r, i < 8 ? CAT_TOUCHED : CAT_UNTOUCHED, i < 8,
				    it == 1 && i >= 11 ? OUT_STALE_WALK : OUT_COHERENT);
		result_unit_end(&r);
	}
	result_unit_end(&r);	/* an empty unit is not one */
	assert_int_equal(r.units, 3);
	assert_int_equal(hist_total(&r.h), 48);
	assert_int_equal(hist_count(&r.h, OUT_STALE_WALK), 5);
	assert_int_equal(r.unit_out[OUT_STALE_WALK], 1);
	assert_int_equal(r.unit_out[OUT_COHERENT], 3);
	assert_int_equal(r.cat_units[CAT_TOUCHED], 3);
	assert_int_equal(r.cat_stale[CAT_TOUCHED], 0);
	assert_int_equal(r.cat_units[CAT_UNTOUCHED], 3);
	assert_int_equal(r.cat_stale[CAT_UNTOUCHED], 1);
	assert_int_equal(hist_total(&r.cat[CAT_UNTOUCHED]), 24);
	/* Reads outside any category count in the row only. */
	result_reads(&r, CAT_NONE, true, OUT_STALE_TLB, 7);
	result_unit_end(&r);
	assert_int_equal(r.units, 4);
	assert_int_equal(r.unit_out[OUT_STALE_TLB], 1);
	assert_int_equal(hist_count(&r.h, OUT_STALE_TLB), 7);
	assert_int_equal(r.cat_units[CAT_TOUCHED], 3);
}

/*
 * The boot-time EFER.TCE clear goes through fault capture and reads EFER
 * back: a refused clear leaves efer_tce=1 with the reason, never a #GP
 * that ends the run, and a clear that holds reads back 0.
 */
static void test_tce_clear_read_back(void **state)
{
	const char *why;
	int got;

	(void)state;
	host_hw.efer = EFER_TCE;
	host_hw.refuse_efer_writes = true;
	got = tce_clear_checked(true, &why);
	host_hw.refuse_efer_writes = false;
	assert_int_equal(got, 1);
	assert_non_null(why);
	assert_contains(why, "EFER.TCE clear refused");
	got = tce_clear_checked(true, &why);
	assert_int_equal(got, 0);
	assert_null(why);
	assert_int_equal(host_hw.efer & EFER_TCE, 0);
	/* Without TCE in CPUID nothing is written; the bit is read as it is. */
	host_hw.efer = EFER_TCE;
	got = tce_clear_checked(false, &why);
	assert_int_equal(got, 1);
	assert_null(why);
	host_hw.efer = 0;
}

/*
 * iters=auto: a clean row stops when its zero bound over units, divided
 * by the twin's rate, reaches the target; without a twin that showed
 * anything, the bound is unconditioned.  20%: 1 - 0.05^(1/14) = 19.3%, so
 * 14 units; with w = 1/2 the bound must reach 10%: 29 units.  A
 * correctness row stops at its first finding, the budget ends a row that
 * cannot reach the target, and a fixed iters= runs exactly that many.
 */
static void test_iters_auto(void **state)
{
	struct options o = opt;
	struct scen_ctx c = { .opt = &o };
	static const struct scenario row = { .name = "x.y", .cls = CLASS_CORRECTNESS };
	static const struct scenario obs = { .name = "x.z", .cls = CLASS_OBSERVATION };
	struct scen_result r;
	struct iter_budget b;

	(void)state;
	o.iters_auto = true;
	o.iters = OPT_ITERS_MAX;
	o.target_ppb = 200000000;	/* 20% */
	o.budget_s = 10;
	r = (struct scen_result){ 0 };
	iter_budget_start(&b, &c, NULL);
	while (iter_budget_more(&b, &c, &row, &r)) {
		result_read(&r, CAT_TOUCHED, true, OUT_COHERENT);
		result_unit_end(&r);
		r.iters++;
	}
	assert_int_equal(r.iters, 14);
	assert_string_equal(b.ended, "target");
	/* A twin that showed stale entries in half its units: w = 1/2. */
	report_scenario_end(1, "x.twin", CLASS_OBSERVATION, &(struct scen_result){
		.pass = true, .units = 8, .unit_out = { [OUT_STALE_WALK] = 4 } });
	r = (struct scen_result){ 0 };
	iter_budget_start(&b, &c, "x.twin");
	assert_int_equal(b.w_ppb, 500000000);
	while (iter_budget_more(&b, &c, &row, &r)) {
		result_read(&r, CAT_TOUCHED, true, OUT_COHERENT);
		result_unit_end(&r);
		r.iters++;
	}
	assert_int_equal(r.iters, 29);
	/* A correctness row stops at its first finding. */
	r = (struct scen_result){ 0 };
	iter_budget_start(&b, &c, NULL);
	while (iter_budget_more(&b, &c, &row, &r)) {
		result_read(&r, CAT_TOUCHED, true, r.iters == 3 ? OUT_STALE_TLB : OUT_COHERENT);
		result_unit_end(&r);
		r.iters++;
	}
	assert_int_equal(r.iters, 4);
	assert_string_equal(b.ended, "finding");
	/* An observation row's stale reads are its measurement: 14 units too. */
	r = (struct scen_result){ 0 };
	iter_budget_start(&b, &c, NULL);
	while (iter_budget_more(&b, &c, &obs, &r)) {
		result_read(&r, CAT_TOUCHED, true, OUT_STALE_TLB);
		result_unit_end(&r);
		r.iters++;
	}
	assert_int_equal(r.iters, 14);
	/* A target out of reach (0.001%: 300,000 units): the budget ends it. */
	o.target_ppb = 10000;
	r = (struct scen_result){ 0 };
	host_now_ms = 1000;
	iter_budget_start(&b, &c, NULL);
	while (iter_budget_more(&b, &c, &obs, &r)) {
		result_read(&r, CAT_TOUCHED, true, OUT_STALE_TLB);
		result_unit_end(&r);
		r.iters++;
		host_now_ms += 100;
	}
	host_now_ms = 0;
	assert_int_equal(r.iters, 100);
	assert_string_equal(b.ended, "budget");
	/* Fixed iters: exactly that many. */
	o.iters_auto = false;
	o.iters = 5;
	r = (struct scen_result){ 0 };
	iter_budget_start(&b, &c, NULL);
	while (iter_budget_more(&b, &c, &row, &r))
		r.iters++;
	assert_int_equal(r.iters, 5);
}

static void test_split_runs(void **state)
{
	struct scen_result r;

	(void)state;
	r = run("pmd_split.clear_invlpg");
	assert_true(r.pass);
	assert_int_equal(hist_count(&r.h, OUT_COHERENT), hist_total(&r.h));
}

/*
 * The controls on a CPU that caches nothing: the negatives pass, the
 * walk/fault/unknown positives fire, and the stale-TLB positive fails,
 * since this CPU cannot show the effect: the control catches that.
 */
static void test_controls_on_cacheless_cpu(void **state)
{
	(void)state;
	assert_true(run("control.fresh_map").pass);
	assert_true(run("control.canary_pte").pass);
	assert_true(run("control.unknown_value").pass);
	assert_true(run("control.fault_unmapped").pass);
	assert_true(run("control.rsvd_fault").pass);
	assert_true(run("control.remap_invlpg").pass);
	assert_true(run("control.ad_fresh_walk").pass);
	assert_true(run("control.mce_logged").pass);
	assert_true(run("control.mce_raised").pass);
	assert_false(run("control.stale_tlb").pass);
	assert_false(run("control.ad_cached").pass);
}

/*
 * What those two controls expect is allowed, not required: all reads
 * coherent make them inconclusive (a skip with the reason), not failed,
 * under TCG too (its software TLB evicts on conflicts; the tcg profile
 * still requires a stale read: control.stale_tlb : must stale_tlb).
 */
static void test_allowed_controls_inconclusive(void **state)
{
	struct cpu_info saved = cpu_info;
	struct scen_result r;

	(void)state;
	r = run("control.stale_tlb");
	assert_non_null(r.inconclusive);
	assert_contains(r.inconclusive, "no stale TLB entry observed");
	r = run("control.ad_cached");
	assert_non_null(r.inconclusive);
	assert_null(run("control.fresh_map").inconclusive);
	cpu_info.hypervisor_bit = true;
	memcpy(cpu_info.hypervisor, "TCGTCGTCGTCG", 13);
	r = run("control.stale_tlb");
	assert_false(r.pass);
	assert_non_null(r.inconclusive);
	cpu_info = saved;
}

/*
 * Every collapse, split and linux row that can run in the arena (not the
 * 1 GiB ones), with every CPU feature on: on a CPU that caches nothing,
 * every probe of every row must read coherent, and every entry the walks
 * meet must have been written through the seam.
 */
static void test_every_row_coherent_on_cacheless_cpu(void **state)
{
	static const char *const fams[] = {
		"pmd_collapse", "pud_collapse", "pmd_split", "pud_split", "linux",
	};
	struct cpu_info saved = cpu_info;
	struct scen_ctx c = { .pgt = &pgt, .fa = &fa, .opt = &opt };
	size_t nf, ran = 0;
	const struct family *const *f = families_all(&nf);

	(void)state;
	cpu_info.pcid = cpu_info.invpcid = cpu_info.tce = true;
	for (size_t i = 0; i < nf; i++) {
		bool wanted = false;

		for (size_t k = 0; k < ARRAY_SIZE(fams); k++)
			wanted |= !strcmp(f[i]->name, fams[k]);
		for (size_t j = 0; wanted && j < f[i]->count; j++) {
			const struct scenario *s = &f[i]->scen[j];
			struct scen_result r = { 0 };

			rng_seed(&c.rng, 7);
			if (s->skip && (s->skip)(s, &c))
				continue;
			s->run(s, &c, &r);
			if (r.error || hist_count(&r.h, OUT_COHERENT) !=
				       hist_total(&r.h) || !hist_total(&r.h) ||
			    !r.pass || host_hw.unseen_entries)
				fail_msg("%s: error=%d pass=%d coherent=%llu of %llu "
					 "unseen=%llu", s->name, r.error, r.pass,
					 (unsigned long long)hist_count(&r.h, OUT_COHERENT),
					 (unsigned long long)hist_total(&r.h),
					 (unsigned long long)host_hw.unseen_entries);
			/* One unit per iteration on one CPU, never per probe. */
			if (r.units != r.iters || r.unit_out[OUT_COHERENT] != r.iters)
				fail_msg("%s: units=%llu iters=%llu", s->name,
					 (unsigned long long)r.units,
					 (unsigned long long)r.iters);
			ran++;
		}
	}
	cpu_info = saved;
	/* All but the PUD rows (no free GiB in the arena): 44 today. */
	assert_true(ran >= 40);
	assert_false(host_hw.pcide);
	assert_int_equal(host_hw.efer, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seam_sees_every_entry),
		cmocka_unit_test(test_catalogue_names),
		cmocka_unit_test(test_selection),
		cmocka_unit_test(test_pmd_collapse_noflush_coherent),
		cmocka_unit_test(test_linux_invlpg_first_page),
		cmocka_unit_test(test_linux_invlpg_last_page),
		cmocka_unit_test(test_linux_revert_coherent),
		cmocka_unit_test(test_reuse_patterns_run),
		cmocka_unit_test(test_linux_warm_up_leaves_no_small_leaf),
		cmocka_unit_test(test_levels_and_data_p),
		cmocka_unit_test(test_smi_count),
		cmocka_unit_test(test_tce_refused_is_a_skip),
		cmocka_unit_test(test_mce_staging_reads_back),
		cmocka_unit_test(test_zero_bound),
		cmocka_unit_test(test_zero_bound_matches_checker),
		cmocka_unit_test(test_units_count_iterations),
		cmocka_unit_test(test_tce_clear_read_back),
		cmocka_unit_test(test_iters_auto),
		cmocka_unit_test(test_split_runs),
		cmocka_unit_test(test_controls_on_cacheless_cpu),
		cmocka_unit_test(test_allowed_controls_inconclusive),
		cmocka_unit_test(test_every_row_coherent_on_cacheless_cpu),
	};

	return cmocka_run_group_tests_name("experiments", tests, group_setup,
					   group_teardown);
}
