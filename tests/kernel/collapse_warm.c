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
 * the range cached, as any later walk may leave them.  A faulting access
 * would not do for the last part: a #PF invalidates the paging-structure-
 * cache entries for its address (SDM 4.10.4.1).  So one guard PTE per PTE
 * page stays present through the flush, and a read through it walks the
 * PML4E, PDPTE and PDE.
 *
 * That read also leaves a 4 KiB TLB entry inside the future huge page.
 * Left there (as this warm-up once did), the collapse gives the CPU two
 * translations of different sizes for one address: a page-size conflict
 * that Linux never makes (vunmap flushed the range), that Intel leaves
 * undefined where more than the size changes (SDM 4.10.2.3) and that is
 * AMD erratum 383 (machine check) on Family 10h.  No guard outside the
 * region would do instead: every address under the PDE (PMD collapse) or
 * the PDPTE (PUD collapse) is inside the future huge page.  So the guard
 * PTE is cleared and its page flushed with INVLPG, which drops its TLB
 * entry (4.10.4.1).  INVLPG also drops paging-structure-cache entries: all
 * of the current PCID on Intel and on AMD with EFER.TCE=0, those on the
 * guard's path with TCE=1 (4.10.4.1; APM vol. 2 5.5.3), the PDE among
 * them.  The upper entries are then walked again without a leaf: a
 * software prefetch of each probe address and of the guard (hw_prefetch:
 * it never faults, and with the PTEs not present it can leave no TLB
 * entry, 4.10.2.1, while the entries above may be cached, 4.10.3.1).
 * Whether a prefetch walks is the CPU's choice, so the warm-up makes
 * upper-level caching possible, never certain: what a run observed is
 * said by its "# caching:" line.
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
		fixture_flush(FLUSH_INVLPG, va);
		hw_prefetch(va);
	}
	for (int i = 0; i < st->nr_probes; i++)
		hw_prefetch(st->probe[i].va);
	return ok;
}

bool collapse_warm(const struct scenario *s, struct scen_ctx *c,
		   struct iter_state *st, u64 it)
{
	return st->p->warm == WARM_LINUX ? warm_linux(s, c, st, it) :
	       warm_plain(s, c, st, it);
}
