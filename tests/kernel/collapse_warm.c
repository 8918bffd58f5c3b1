// SPDX-License-Identifier: MIT
/*
 * The collapse engine's warm-ups (collapse_iter.h): plain reads of the
 * small pages (TLB and upper caches warm), or the state vunmap() leaves
 * (only the upper entries cached).
 */
#include "tests/kernel/collapse_iter.h"
#include "mm/phys.h"

static bool warm_plain(const struct scenario *s, struct scen_ctx *c,
		       struct iter_state *st, u64 it)
{
	bool ok = true;

	for (int i = 0; i < st->nr_probes; i++) {
		struct expect e = collapse_expect_before(&st->probe[i]);

		if (st->probe[i].touched)
			ok &= fixture_probe(c, &(struct probe){
				.name = s->name, .iter = it, .va = st->probe[i].va,
				.expect = &e, .touched = true, .want = OUT_COHERENT,
			}, NULL, NULL) == OUT_COHERENT;
	}
	return ok;
}

/*
 * As vunmap() leaves things: the PTEs cleared and the range flushed (Linux
 * flushes everything past 33 pages), with the upper entries that lead to
 * the range still cached.  A faulting access would not do for the last
 * part: a #PF invalidates the paging-structure-cache entries for its
 * address (SDM 4.10.4.1).  So one guard PTE per PTE page stays present
 * through the flush, a read through it caches the PML4E, PDPTE and PDE,
 * and it is then cleared without a flush.  Its TLB entry stays stale, but
 * no probe ever reads the guard page.
 */
static bool warm_linux(const struct scenario *s, struct scen_ctx *c,
		       struct iter_state *st, u64 it)
{
	bool ok = warm_plain(s, c, st, it);
	volatile u64 *t;
	u64 guard[MAX_SUBSLOTS], va;

	for (int i = 0; i < st->nr_subslots; i++) {
		t = phys_to_virt(st->tables[i]);
		guard[i] = t[GUARD_PAGE];
		pgt_fill_table(st->tables[i], 0);
		hw_write_entry(&t[GUARD_PAGE], guard[i]);
	}
	fixture_full_flush();
	for (int i = 0; i < st->nr_subslots; i++) {
		struct probe_pt g = { 0 };

		va = st->base + st->subslot[i] * PMD_SIZE + GUARD_PAGE * PAGE_SIZE;
		g.small = (guard[i] & PTE_ADDR_MASK);
		struct expect e = collapse_expect_before(&g);

		ok &= fixture_probe(c, &(struct probe){
			.name = s->name, .iter = it, .va = va, .expect = &e,
			.touched = true, .want = OUT_COHERENT,
		}, NULL, NULL) == OUT_COHERENT;
		t = phys_to_virt(st->tables[i]);
		hw_write_entry(&t[GUARD_PAGE], 0);
	}
	return ok;
}


bool collapse_warm(const struct scenario *s, struct scen_ctx *c,
		   struct iter_state *st, u64 it)
{
	return st->p->warm == WARM_LINUX ? warm_linux(s, c, st, it) :
	       warm_plain(s, c, st, it);
}
