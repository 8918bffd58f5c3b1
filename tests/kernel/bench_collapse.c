// SPDX-License-Identifier: MIT
/*
 * The cost of the Linux collapse sequences at PMD level (bench.h), with
 * the very code the collapse experiments run (linux_seq.h).
 */
#include "tests/kernel/bench.h"
#include "tests/kernel/linux_seq.h"

#define COLLAPSE_WARM	8	/* pages read before each collapse */

struct collapse_arg {
	struct scen_ctx *c;
	struct linux_collapse lc;
	u64 table;		/* the PTE page, freed and taken back */
	bool revert;
	bool huge;		/* the huge entry is in place */
	u64 pte_page;		/* the PTE page (revert) */
	bool failed;
};

static void collapse_setup(void *p)
{
	struct collapse_arg *a = p;
	u64 *pde;

	if (a->failed)
		return;
	if (a->revert) {
		/* As vunmap() leaves it: PTEs cleared, flushed. */
		pgt_fill_table(a->pte_page, 0);
		fixture_full_flush();
		return;
	}
	if (a->huge) {
		pde = pgt_entry(a->c->pgt, a->lc.va, PT_LEVEL_PMD);
		hw_write_entry(pde, 0);
		falloc_free(a->c->fa, a->table);
		a->huge = false;
	}
	fixture_full_flush();
	if (bench_map_small(a->c, a->lc.va, a->lc.huge_pa)) {
		a->failed = true;
		return;
	}
	pde = pgt_entry(a->c->pgt, a->lc.va, PT_LEVEL_PMD);
	a->table = *pde & PTE_ADDR_MASK;
	for (int i = 0; i < COLLAPSE_WARM; i++)
		(void)*(volatile u64 *)(a->lc.va + (u64)i * 61 * PAGE_SIZE);
}

/* clear + flush as told + free, take the page back, set the huge entry. */
static void op_collapse(void *p)
{
	struct collapse_arg *a = p;

	if (a->failed)
		return;
	if (linux_collapse(a->c->pgt, &a->lc)) {
		a->failed = true;
		return;
	}
	a->huge = true;
}

/* The plain revert: the new mapping written into the existing PTE page. */
static void op_revert(void *p)
{
	struct collapse_arg *a = p;

	linux_revert_pte_page(a->pte_page, a->lc.huge_pa, PTE_RW);
}

void bench_run_collapse(const struct scenario *s, struct scen_ctx *c,
			struct scen_result *r)
{
	const char *why = NULL;
	struct collapse_arg a = {
		.c = c,
		.lc = {
			.level = PT_LEVEL_PMD,
			.va = bench_va(BSLOT_COLLAPSE),
			.huge_pa = bench_frames_2m(c, &why),
			.leaf_flags = PTE_RW,
			.req = { .kind = bench_def(s)->flush },
			.nr_tables = 1,
		},
		.revert = bench_def(s)->variant == BV_REVERT,
	};
	struct bench_stats st;

	a.lc.tables = &a.table;
	a.lc.req.va = flush_region_va(a.lc.req.kind, a.lc.va, PMD_SIZE);
	if (a.revert) {
		if (bench_map_small(c, a.lc.va, a.lc.huge_pa)) {
			diag(DIAG_ERROR, "could not map the small pages");
			r->error = true;
			bench_unmap_gib(c, a.lc.va);
			return;
		}
		a.pte_page = *pgt_entry(c->pgt, a.lc.va, PT_LEVEL_PMD) &
			     PTE_ADDR_MASK;
	}
	bench_measure(collapse_setup, a.revert ? op_revert : op_collapse, &a,
		      bench_heavy_reps(), &st);
	if (a.huge) {
		hw_write_entry(pgt_entry(c->pgt, a.lc.va, PT_LEVEL_PMD), 0);
		falloc_free(c->fa, a.table);
	}
	fixture_full_flush();
	bench_unmap_gib(c, a.lc.va);
	if (a.failed) {
		diag(DIAG_ERROR, "name=%s a step of the collapse failed", s->name);
		r->error = true;
		return;
	}
	bench_report(bench_short_name(s), &st);
	r->iters = st.n;
}
