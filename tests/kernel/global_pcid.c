// SPDX-License-Identifier: MIT
/*
 * INVLPG of a global page with CR4.PCIDE=1.  One iteration:
 *   1. PCIDs on, PCID 1 current; map a 4 KiB page global (G=1, CR4.PGE=1)
 *      and read it: its translation may now be cached as a global entry;
 *   2. re-point the PTE at another signed frame; INVLPG the page in PCID 1
 *      (or, in the twin, nothing);
 *   3. MOV to CR3 with PCID 2 (no NOFLUSH: PCID 2's non-global entries go,
 *      global ones stay) and read the page from there.
 * SDM 4.10.4.1: INVLPG invalidates the TLB entries for the page for the
 * current PCID and any global TLB entries for it regardless of PCID, and a
 * MOV to CR3 keeps global entries.  So after the INVLPG only the new frame
 * may be read from any PCID: a correctness row.  Without it the global
 * entry may serve PCID 2 (an observation: the twin).  Intel's errata
 * ADL063 / RPL042 say Alder and Raptor Lake below a microcode revision may
 * leave the global entry: the checker names that (checker/errata.c).
 */
#include "tests/kernel/fixture.h"
#include "harness/iter_budget.h"
#include "kernel/cpu.h"
#include "mm/cpu_mode.h"

#define PCID_FILL	1
#define PCID_PROBE	2

static void gp_params(const struct scenario *s, struct row_params *p)
{
	p->level = "pte";
	p->flush = flush_name(s->variant ? FLUSH_INVLPG : FLUSH_NONE);
	p->global = 1;
	p->pcid = 1;
	p->cpus = 1;
}

static bool gp_iter(const struct scenario *s, struct scen_ctx *c,
		    const struct fixture_frames *fx, u64 it,
		    struct scen_result *r)
{
	u64 page = FIX_GP_REGION + rng_below(&c->rng, 512) * PAGE_SIZE;
	u64 off = fixture_offset(c), root = c->pgt->root_pa;
	struct expect before = { fx->small[0] + off, fx->small[1] + off,
				 fx->canary + off, EXPECT_NONE };
	struct expect after = { fx->small[1] + off, fx->small[0] + off,
				fx->canary + off, EXPECT_NONE };
	struct probe p = { .name = s->name, .iter = it, .va = page + off,
			   .expect = &before, .touched = true,
			   .want = OUT_COHERENT };
	bool ok;

	fixture_full_flush();
	pcid_enable(root);
	pcid_switch(root, PCID_FILL, false);
	if (pgt_map_4k(c->pgt, page, fx->small[0], PTE_RW | PTE_G)) {
		pcid_disable(root);
		return false;
	}
	ok = fixture_probe(c, &p, NULL, NULL) == OUT_COHERENT;
	hw_write_entry(pgt_entry(c->pgt, page, PT_LEVEL_PTE),
		       fx->small[1] | PTE_P | PTE_RW | PTE_G);
	if (s->variant)
		fixture_flush(FLUSH_INVLPG, page);
	pcid_switch(root, PCID_PROBE, false);
	p.expect = &after;
	p.cat = s->variant ? CAT_FLUSHED : CAT_TOUCHED;
	p.want = s->cls == CLASS_CORRECTNESS ? OUT_COHERENT : OUT_NR;
	if (fixture_probe(c, &p, r, NULL) != OUT_COHERENT &&
	    s->cls == CLASS_CORRECTNESS)
		r->pass = false;
	pcid_disable(root);
	pgt_unmap(c->pgt, page);
	fixture_full_flush();
	return ok;
}

static void run_gp(const struct scenario *s, struct scen_ctx *c,
		   struct scen_result *r)
{
	const struct fixture_frames *fx = fixture_row_begin(c, r);
	struct iter_budget ib;

	if (!fx)
		return;
	r->pass = true;
	r->twin = s->variant ? "global_pcid.noflush" : NULL;
	iter_budget_start(&ib, c, r->twin);
	for (u64 it = 0; iter_budget_more(&ib, c, s, r); it++) {
		if (!gp_iter(s, c, fx, it, r)) {
			fixture_iter_error(s->name, it,
					   "the warm-up read did not behave", r);
			break;
		}
		r->iters++;
		result_unit_end(r);
		report_progress(s->name, it + 1, iter_budget_total(c));
	}
	iter_budget_end(&ib, c, r);
}

static const char *skip_gp(const struct scenario *s, struct scen_ctx *c)
{
	(void)s;
	(void)c;
	if (!cpu_info.pcid)
		return "cpuid lacks pcid";
	if (!cpu_info.pge)
		return "cpuid lacks pge (global pages)";
	return NULL;
}

/* The model derives every row's class (harness/derived_classes.c). */
#define DER CLASS_DERIVED

#define ROW(n, cl, v, d) { .name = "global_pcid." n, .desc = d, .cls = cl, \
	.run = run_gp, .skip = skip_gp, .params = gp_params, .variant = v }

static const struct scenario rows[] = {
	ROW("invlpg", DER, 1,
	    "global page re-pointed, INVLPG in PCID 1, read from PCID 2 (SDM 4.10.4.1)"),
	ROW("noflush", DER, 0,
	    "global page re-pointed, no flush, read from PCID 2 (the twin)"),
};

FAMILY(global_pcid, 62, false, rows);
