// SPDX-License-Identifier: MIT
/*
 * Made present without a flush.  A not-present entry is never cached
 * (SDM 4.10.2.3, 4.10.3.1: only entries with P=1 are; 4.10.4.3: a change
 * of P from 0 to 1 needs no invalidation; AMD APM vol. 2 5.5.3 alike), so
 * software may make a page or a table present and use it at once.
 *   new_pde       in a PTE page P that one PDE already links (and a read
 *                 through it warmed), a not-present PTE made present; then
 *                 P linked under a second, not-present PDE; both without a
 *                 flush; a read through the new PDE must give the new
 *                 frame, no fault.  A shadow MMU that links P's shadow
 *                 without syncing it fails here (KVM 65855ed8b034).
 *   pcid_noflush  the same made-present PTE under PCID 1, a switch to PCID
 *                 2, back to PCID 1 with NOFLUSH (CR3 bit 63), read.
 *   pcid_remap    a present PTE read and re-pointed under PCID 1, the same
 *                 switches: PCID 1's cached translation may serve the read
 *                 (NOFLUSH keeps it: SDM 4.10.4.1), an observation
 *                 (07ffaf343e34 class).
 * The MMU model derives each class (docs/model.md).
 */
#include "tests/kernel/fixture.h"
#include "harness/iter_budget.h"
#include "kernel/cpu.h"
#include "mm/cpu_mode.h"

#define PCID_A		1
#define PCID_B		2

enum present_kind { PR_NEW_PDE, PR_PCID_NOFLUSH, PR_PCID_REMAP };

static void pr_params(const struct scenario *s, struct row_params *p)
{
	p->level = s->variant == PR_NEW_PDE ? "pmd" : "pte";
	p->flush = flush_name(FLUSH_NONE);
	p->pcid = s->variant != PR_NEW_PDE;
	p->cpus = 1;
}

struct pr_iter {
	u64 slot_a, slot_b;	/* 2 MiB slots: P's first link, the new one */
	u64 warm, page;		/* page offsets in the slot: read first, made present */
	u64 off;
};

static void pr_pick(struct scen_ctx *c, struct pr_iter *t)
{
	u64 a = rng_below(&c->rng, 512), b = rng_below(&c->rng, 511);

	t->slot_a = FIX_PR_REGION + a * PMD_SIZE;
	t->slot_b = FIX_PR_REGION + (b >= a ? b + 1 : b) * PMD_SIZE;
	t->warm = rng_below(&c->rng, 512) * PAGE_SIZE;
	t->page = (t->warm + (1 + rng_below(&c->rng, 511)) * PAGE_SIZE) %
		  PMD_SIZE;
	t->off = fixture_offset(c);
}

/* The probe the row judges: coherent wanted where the row is correctness. */
static void pr_judge(const struct scenario *s, struct scen_ctx *c, u64 it,
		     u64 va, const struct expect *e, enum probe_cat cat,
		     struct scen_result *r)
{
	struct probe p = { .name = s->name, .iter = it, .va = va, .expect = e,
			   .touched = s->variant == PR_PCID_REMAP, .cat = cat,
			   .want = s->cls == CLASS_CORRECTNESS ? OUT_COHERENT :
				   OUT_NR };

	if (fixture_probe(c, &p, r, NULL) != OUT_COHERENT &&
	    s->cls == CLASS_CORRECTNESS)
		r->pass = false;
}

static bool pr_warm(const struct scenario *s, struct scen_ctx *c, u64 it,
		    u64 va, const struct expect *e)
{
	struct probe p = { .name = s->name, .iter = it, .va = va, .expect = e,
			   .touched = true, .want = OUT_COHERENT };

	return fixture_probe(c, &p, NULL, NULL) == OUT_COHERENT;
}

static bool new_pde(const struct scenario *s, struct scen_ctx *c,
		    const struct fixture_frames *fx, const struct pr_iter *t,
		    u64 it, struct scen_result *r)
{
	struct expect warm = { fx->small[0] + t->off, EXPECT_NONE,
			       fx->canary + t->off, EXPECT_NONE };
	struct expect fresh = { fx->small[1] + t->off, EXPECT_NONE,
				fx->canary + t->off, EXPECT_NONE };
	struct flush_req full = { .kind = FLUSH_FULL };
	u64 *pde_a, *pde_b, table;
	bool ok;

	if (pgt_map_4k(c->pgt, t->slot_a + t->warm, fx->small[0], PTE_RW))
		return false;
	ok = pr_warm(s, c, it, t->slot_a + t->warm + t->off, &warm);
	pde_a = pgt_entry(c->pgt, t->slot_a, PT_LEVEL_PMD);
	pde_b = pgt_entry(c->pgt, t->slot_b, PT_LEVEL_PMD);
	table = *pde_a & PTE_ADDR_MASK;
	/* Both stores without a flush: P=0 entries are never cached. */
	hw_write_entry((u64 *)phys_to_virt(table) + (t->page >> 12),
		       fx->small[1] | PTE_P | PTE_RW);
	hw_write_entry(pde_b, table | PTE_P | PTE_RW);
	pr_judge(s, c, it, t->slot_b + t->page + t->off, &fresh, CAT_UNTOUCHED,
		 r);
	hw_write_entry(pde_b, 0);
	pmd_free_pte_page(c->pgt, t->slot_a, &full);
	return ok;
}

static bool pcid_case(const struct scenario *s, struct scen_ctx *c,
		      const struct fixture_frames *fx, const struct pr_iter *t,
		      u64 it, struct scen_result *r)
{
	bool remap = s->variant == PR_PCID_REMAP;
	u64 va = t->slot_a + t->page, root = c->pgt->root_pa;
	struct expect old = { fx->small[0] + t->off, EXPECT_NONE,
			      fx->canary + t->off, EXPECT_NONE };
	struct expect now = { fx->small[1] + t->off,
			      remap ? fx->small[0] + t->off : EXPECT_NONE,
			      fx->canary + t->off, EXPECT_NONE };
	bool ok = true;

	/* P's table exists (a warm page beside it), so only the PTE changes. */
	if (pgt_map_4k(c->pgt, t->slot_a + t->warm, fx->small[0], PTE_RW))
		return false;
	pcid_enable(root);
	pcid_switch(root, PCID_A, false);
	if (remap) {
		ok = !pgt_map_4k(c->pgt, va, fx->small[0], PTE_RW) &&
		     pr_warm(s, c, it, va + t->off, &old);
		hw_write_entry(pgt_entry(c->pgt, va, PT_LEVEL_PTE),
			       fx->small[1] | PTE_P | PTE_RW);
	} else {
		ok = !pgt_map_4k(c->pgt, va, fx->small[1], PTE_RW);
	}
	pcid_switch(root, PCID_B, false);
	pcid_switch(root, PCID_A, true);
	if (ok)
		pr_judge(s, c, it, va + t->off, &now,
			 remap ? CAT_TOUCHED : CAT_UNTOUCHED, r);
	pcid_disable(root);
	pgt_unmap(c->pgt, va);
	pmd_free_pte_page(c->pgt, t->slot_a,
			  &(struct flush_req){ .kind = FLUSH_FULL });
	return ok;
}

static void run_present(const struct scenario *s, struct scen_ctx *c,
			struct scen_result *r)
{
	const struct fixture_frames *fx = fixture_row_begin(c, r);
	struct iter_budget ib;
	struct pr_iter t;
	bool ok;

	if (!fx)
		return;
	r->pass = true;
	iter_budget_start(&ib, c, NULL);
	for (u64 it = 0; iter_budget_more(&ib, c, s, r); it++) {
		pr_pick(c, &t);
		fixture_full_flush();
		ok = s->variant == PR_NEW_PDE ? new_pde(s, c, fx, &t, it, r) :
		     pcid_case(s, c, fx, &t, it, r);
		fixture_full_flush();
		if (!ok) {
			fixture_iter_error(s->name, it,
					   "the warm-up did not behave", r);
			break;
		}
		r->iters++;
		result_unit_end(r);
		report_progress(s->name, it + 1, iter_budget_total(c));
	}
	iter_budget_end(&ib, c, r);
}

static const char *skip_present(const struct scenario *s, struct scen_ctx *c)
{
	(void)c;
	if (s->variant == PR_NEW_PDE)
		return NULL;
	if (!cpu_info.pcid)
		return "cpuid lacks pcid";
	if (!cpu_info.pge)
		return "cpuid lacks pge (no full flush across PCIDs)";
	return NULL;
}

/* The model derives every row's class (harness/derived_classes.c). */
#define DER CLASS_DERIVED

#define ROW(n, cl, v, d) { .name = "present." n, .desc = d, .cls = cl, \
	.run = run_present, .skip = skip_present, .params = pr_params, \
	.variant = v }

static const struct scenario rows[] = {
	ROW("new_pde", DER, PR_NEW_PDE,
	    "PTE made present, its table linked under a new PDE, no flush: new frame"),
	ROW("pcid_noflush", DER, PR_PCID_NOFLUSH,
	    "PTE made present in PCID 1, PCID 2, back to 1 with NOFLUSH: new frame"),
	ROW("pcid_remap", DER, PR_PCID_REMAP,
	    "PTE re-pointed in PCID 1, PCID 2, back to 1 with NOFLUSH: either"),
};

FAMILY(present, 63, false, rows);
