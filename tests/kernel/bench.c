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
	    .op = OP_INVLPG_4K, .flush = FLUSH_INVLPG),
	ROW("invlpg.2m", "cycles: INVLPG of a present 2 MiB page",
	    .op = OP_INVLPG_2M, .flush = FLUSH_INVLPG),
	ROW("invlpg.1g", "cycles: INVLPG of a present 1 GiB page",
	    .op = OP_INVLPG_1G, .flush = FLUSH_INVLPG),
	ROW("invlpg.unmapped", "cycles: INVLPG of an unmapped address",
	    .op = OP_INVLPG_UNMAPPED, .flush = FLUSH_INVLPG),
	ROW("cr3", "cycles: MOV to CR3, no PCID",
	    .op = OP_CR3, .flush = FLUSH_CR3),
	ROW("cr3.pcid", "cycles: MOV to CR3 with PCID 1 (flushing)",
	    .op = OP_CR3_PCID),
	ROW("cr3.noflush",
	    "cycles: MOV to CR3 with PCID 1 and bit 63 (no flush)",
	    .op = OP_CR3_NOFLUSH),
	ROW("pge", "cycles: CR4.PGE off and on again",
	    .op = OP_PGE, .flush = FLUSH_PGE),
	ROW("invpcid0", "cycles: INVPCID type 0 (address)",
	    .op = OP_INVPCID, .flush = FLUSH_INVPCID_ADDR),
	ROW("invpcid1", "cycles: INVPCID type 1 (PCID)",
	    .op = OP_INVPCID, .flush = FLUSH_INVPCID_CTX),
	ROW("invpcid2", "cycles: INVPCID type 2 (all, globals)",
	    .op = OP_INVPCID, .flush = FLUSH_INVPCID_ALL_G),
	ROW("invpcid3", "cycles: INVPCID type 3 (all but globals)",
	    .op = OP_INVPCID, .flush = FLUSH_INVPCID_ALL),
	ROW("collapse.28ee90fe6048",
	    "cycles: PMD collapse, clear+free+alloc+set_huge, no flush",
	    .op = OP_COLLAPSE, .flush = FLUSH_NONE),
	ROW("collapse.5e0fb5df2ee8",
	    "cycles: PMD collapse with INVLPG of the first page",
	    .op = OP_COLLAPSE, .flush = FLUSH_INVLPG),
	ROW("collapse.fullflush", "cycles: PMD collapse with a full flush",
	    .op = OP_COLLAPSE, .flush = FLUSH_FULL),
	ROW("collapse.revert", "cycles: no collapse, refill the 512 PTEs",
	    .op = OP_COLLAPSE, .revert = true),
	ROW("refill.none", "cycles: touch K pages, no flush before",
	    .op = OP_REFILL, .flush = FLUSH_NONE),
	ROW("refill.invlpg", "cycles: touch K pages after INVLPG of each",
	    .op = OP_REFILL, .flush = FLUSH_INVLPG),
	ROW("refill.cr3", "cycles: touch K pages after MOV to CR3",
	    .op = OP_REFILL, .flush = FLUSH_CR3),
	ROW("refill.pge", "cycles: touch K pages after a CR4.PGE toggle",
	    .op = OP_REFILL, .flush = FLUSH_PGE),
	ROW("smp.ipi", "cycles: IPI to every other CPU and back (no flush)",
	    .op = OP_SMP, .smp = SB_IPI),
	ROW("smp.call", "cycles: mailbox call of an empty function on cpu 1",
	    .op = OP_SMP, .smp = SB_CALL),
	ROW("smp.shootdown.page",
	    "cycles: INVLPG of one page on every CPU by IPI, acknowledged",
	    .op = OP_SMP, .smp = SB_PAGE),
	ROW("smp.shootdown.full",
	    "cycles: full flush on every CPU by IPI, acknowledged",
	    .op = OP_SMP, .smp = SB_FULL),
	ROW("smp.invlpgb", "cycles: INVLPGB of one page + TLBSYNC",
	    .op = OP_SMP, .smp = SB_INVLPGB),
	ROW("reach.4k",
	    "cycles per access, 2 MiB..1 GiB working sets, 4 KiB pages",
	    .op = OP_REACH, .psize = 0),
	ROW("reach.2m",
	    "cycles per access, 2 MiB..1 GiB working sets, 2 MiB pages",
	    .op = OP_REACH, .psize = 1),
	ROW("reach.1g",
	    "cycles per access, 2 MiB..1 GiB working sets, 1 GiB pages",
	    .op = OP_REACH, .psize = 2),
};
static const size_t nr_rows = ARRAY_SIZE(rows);

/* A figure's flush (none where it times something else) and its CPUs. */
static void bench_params(const struct scenario *s, struct row_params *p)
{
	const struct bench_def *d = bench_def(s);

	if (d->op != OP_SMP)
		p->flush = flush_name(d->flush);
	p->cpus = d->op == OP_SMP ? 2 : 1;
}

static const char *skip_for(const struct scenario *s, struct scen_ctx *c)
{
	const struct bench_def *d = bench_def(s);
	const char *why = NULL;

	switch (d->op) {
	case OP_INVLPG_1G:
		if (!cpu_info.pdpe1gb)
			return "cpuid lacks pdpe1gb (1 GiB pages)";
		if (fixture_huge1g(c, &why) == FA_NO_FRAME)
			return why;
		break;
	case OP_CR3_PCID:
	case OP_CR3_NOFLUSH:
		if (!cpu_info.pcid)
			return "cpuid lacks pcid";
		break;
	case OP_REACH:
		return bench_skip_reach(s, c);
	case OP_SMP:
		return bench_skip_smp(s, c);
	default:
		/* The flush the figure times (or flushes before) decides. */
		why = flush_lacks(d->flush, flush_features(&cpu_info));
		if (why)
			return why;
		break;
	}
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
		bench_report_skip(bench_short_name(s), bench_def(s)->op == OP_REACH ?
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
	switch (bench_def(s)->op) {
	case OP_COLLAPSE:
		bench_run_collapse(s, c, r);
		break;
	case OP_REFILL:
		bench_run_refill(s, c, r);
		break;
	case OP_REACH:
		bench_run_reach(s, c, r);
		break;
	case OP_SMP:
		bench_run_smp(s, c, r);
		break;
	default:
		bench_run_flush(s, c, r);
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
