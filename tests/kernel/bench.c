// SPDX-License-Identifier: MIT
/*
 * The bench family (docs/bench.md): its rows, their skip checks, and the
 * run that dispatches each to its figure (bench.h).  Every scenario is
 * class bench: it runs only when a tests= pattern starts with "bench", and
 * it is "ok" whenever it ran; the figures are in "# bench:" lines.
 */
#include "tests/kernel/bench.h"
#include "kernel/cpu.h"
#include "kernel/glob.h"
#include "kernel/strutil.h"

static const char *bench_skip(const struct scenario *s, struct scen_ctx *c);
static void run_bench(const struct scenario *s, struct scen_ctx *c,
		      struct scen_result *r);
static void bench_params(const struct scenario *s, struct row_params *p);

/* Rows: name (after "bench."), description, then bench_def by name. */
#define ROW(n, d, ...) { .name = "bench." n, .desc = d,			\
	.cls = CLASS_BENCH, .skip = bench_skip, .run = run_bench,	\
	.params = bench_params, .param = &(const struct bench_def){ __VA_ARGS__ } }

static const struct scenario rows[] = {
	ROW("invlpg.4k", "cycles: INVLPG of a present 4 KiB page",
	    .fig = BENCH_FLUSH, .flush = FLUSH_INVLPG, .psize = 0),
	ROW("invlpg.2m", "cycles: INVLPG of a present 2 MiB page",
	    .fig = BENCH_FLUSH, .flush = FLUSH_INVLPG, .psize = 1),
	ROW("invlpg.1g", "cycles: INVLPG of a present 1 GiB page",
	    .fig = BENCH_FLUSH, .flush = FLUSH_INVLPG, .psize = 2),
	ROW("invlpg.unmapped", "cycles: INVLPG of an unmapped address",
	    .fig = BENCH_FLUSH, .flush = FLUSH_INVLPG,
	    .variant = BV_UNMAPPED),
	ROW("cr3", "cycles: MOV to CR3, no PCID",
	    .fig = BENCH_FLUSH, .flush = FLUSH_CR3),
	ROW("cr3.pcid", "cycles: MOV to CR3 with PCID 1 (flushing)",
	    .fig = BENCH_FLUSH, .flush = FLUSH_CR3, .variant = BV_PCID),
	ROW("cr3.noflush",
	    "cycles: MOV to CR3 with PCID 1 and bit 63 (no flush)",
	    .fig = BENCH_FLUSH, .flush = FLUSH_NONE,
	    .variant = BV_CR3_NOFLUSH),
	ROW("pge", "cycles: CR4.PGE off and on again",
	    .fig = BENCH_FLUSH, .flush = FLUSH_PGE),
	ROW("invpcid0", "cycles: INVPCID type 0 (address)",
	    .fig = BENCH_FLUSH, .flush = FLUSH_INVPCID_ADDR),
	ROW("invpcid1", "cycles: INVPCID type 1 (PCID)",
	    .fig = BENCH_FLUSH, .flush = FLUSH_INVPCID_CTX),
	ROW("invpcid2", "cycles: INVPCID type 2 (all, globals)",
	    .fig = BENCH_FLUSH, .flush = FLUSH_INVPCID_ALL_G),
	ROW("invpcid3", "cycles: INVPCID type 3 (all but globals)",
	    .fig = BENCH_FLUSH, .flush = FLUSH_INVPCID_ALL),
	ROW("collapse.28ee90fe6048",
	    "cycles: PMD collapse, clear+free+alloc+set_huge, no flush",
	    .fig = BENCH_COLLAPSE, .flush = FLUSH_NONE),
	ROW("collapse.5e0fb5df2ee8",
	    "cycles: PMD collapse with INVLPG of the first page",
	    .fig = BENCH_COLLAPSE, .flush = FLUSH_INVLPG),
	ROW("collapse.fullflush", "cycles: PMD collapse with a full flush",
	    .fig = BENCH_COLLAPSE, .flush = FLUSH_FULL),
	ROW("collapse.revert", "cycles: no collapse, refill the 512 PTEs",
	    .fig = BENCH_COLLAPSE, .flush = FLUSH_NONE,
	    .variant = BV_REVERT),
	ROW("refill.none", "cycles: touch K pages, no flush before",
	    .fig = BENCH_REFILL, .flush = FLUSH_NONE),
	ROW("refill.invlpg", "cycles: touch K pages after INVLPG of each",
	    .fig = BENCH_REFILL, .flush = FLUSH_INVLPG),
	ROW("refill.cr3", "cycles: touch K pages after MOV to CR3",
	    .fig = BENCH_REFILL, .flush = FLUSH_CR3),
	ROW("refill.pge", "cycles: touch K pages after a CR4.PGE toggle",
	    .fig = BENCH_REFILL, .flush = FLUSH_PGE),
	ROW("smp.ipi", "cycles: IPI to every other CPU and back (no flush)",
	    .fig = BENCH_SMP, .flush = FLUSH_NONE, .variant = BV_IPI),
	ROW("smp.call", "cycles: mailbox call of an empty function on cpu 1",
	    .fig = BENCH_SMP, .flush = FLUSH_NONE, .variant = BV_CALL),
	ROW("smp.shootdown.page",
	    "cycles: INVLPG of one page on every CPU by IPI, acknowledged",
	    .fig = BENCH_SMP, .flush = FLUSH_SHOOTDOWN),
	ROW("smp.shootdown.full",
	    "cycles: full flush on every CPU by IPI, acknowledged",
	    .fig = BENCH_SMP, .flush = FLUSH_SHOOTDOWN_FULL),
	ROW("smp.invlpgb", "cycles: INVLPGB of one page + TLBSYNC",
	    .fig = BENCH_SMP, .flush = FLUSH_INVLPGB),
	ROW("reach.4k",
	    "cycles per access, 2 MiB..1 GiB working sets, 4 KiB pages",
	    .fig = BENCH_REACH, .flush = FLUSH_NONE, .psize = 0),
	ROW("reach.2m",
	    "cycles per access, 2 MiB..1 GiB working sets, 2 MiB pages",
	    .fig = BENCH_REACH, .flush = FLUSH_NONE, .psize = 1),
	ROW("reach.1g",
	    "cycles per access, 2 MiB..1 GiB working sets, 1 GiB pages",
	    .fig = BENCH_REACH, .flush = FLUSH_NONE, .psize = 2),
};
static const size_t nr_rows = ARRAY_SIZE(rows);

/* A figure's flush kind (none where it times something else), its CPUs. */
static void bench_params(const struct scenario *s, struct row_params *p)
{
	const struct bench_def *d = bench_def(s);

	p->flush = flush_name(d->flush);
	p->cpus = d->fig == BENCH_SMP ? 2 : 1;
}

static const char *skip_for(const struct scenario *s, struct scen_ctx *c)
{
	const struct bench_def *d = bench_def(s);
	const char *why = NULL;

	if (d->fig == BENCH_REACH)
		return bench_skip_reach(s, c);
	if (d->fig == BENCH_SMP)
		return bench_skip_smp(s, c);
	if (d->fig == BENCH_FLUSH && d->psize == 2) {
		if (!cpu_info.pdpe1gb)
			return "cpuid lacks pdpe1gb (1 GiB pages)";
		if (fixture_huge1g(c, &why) == FA_NO_FRAME)
			return why;
	}
	if (bench_uses_pcid(d) && !cpu_info.pcid)
		return "cpuid lacks pcid";
	/* The flush the figure times (or flushes before) decides. */
	why = flush_lacks(d->flush, flush_features(&cpu_info));
	if (why)
		return why;
	if (fixture_get_frames(c, &why) == NULL)
		return why;
	return NULL;
}

/*
 * Whether a scenario after s in this family is selected too.  By name: the
 * runner hands a copy of the row (harness/runner.c), not a pointer into
 * rows[], so the tables print once, after the last selected row.
 */
static bool more_follow(const struct scenario *s, const struct scen_ctx *c)
{
	size_t i = 0;

	while (i < nr_rows && !str_eq(rows[i].name, s->name))
		i++;
	for (i++; i < nr_rows; i++)
		if (glob_match_list(c->opt->tests, rows[i].name))
			return true;
	return false;
}

static const char *bench_skip(const struct scenario *s, struct scen_ctx *c)
{
	const char *why = skip_for(s, c);

	if (why) {
		bench_prepare();
		bench_report_skip(bench_short_name(s), bench_def(s)->fig == BENCH_REACH ?
				  "cycles_per_access" : "cycles", why);
		if (!more_follow(s, c))
			bench_print_tables();
	}
	return why;
}

static void run_bench(const struct scenario *s, struct scen_ctx *c,
		      struct scen_result *r)
{
	u64 free_before;

	bench_prepare();
	fixture_reset_diagnostics();
	/* The window's PDPT stays for good: make it before counting frames. */
	if (!pgt_entry_alloc(c->pgt, bench_va(BSLOT_UNMAPPED), PT_LEVEL_PUD)) {
		diag(DIAG_ERROR, "no frame for the window's page table");
		r->error = true;
		return;
	}
	free_before = c->fa->free_frames;
	switch (bench_def(s)->fig) {
	case BENCH_FLUSH:
		bench_run_flush(s, c, r);
		break;
	case BENCH_COLLAPSE:
		bench_run_collapse(s, c, r);
		break;
	case BENCH_REFILL:
		bench_run_refill(s, c, r);
		break;
	case BENCH_REACH:
		bench_run_reach(s, c, r);
		break;
	case BENCH_SMP:
		bench_run_smp(s, c, r);
		break;
	}
	r->pass = true;
	/* Everything mapped was unmapped, every table page freed. */
	if (c->fa->free_frames != free_before) {
		diag(DIAG_ERROR, "name=%s frames free before %llu, after %llu",
		     s->name, (unsigned long long)free_before,
		     (unsigned long long)c->fa->free_frames);
		r->error = true;
	}
	if (!more_follow(s, c))
		bench_print_tables();
}


FAMILY(bench, 70, true, rows);
