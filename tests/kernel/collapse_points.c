// SPDX-License-Identifier: MIT
/*
 * Where a collapse iteration probes, and what each hypothesis says a read
 * there returns (collapse_iter.h): touched pages (read before the
 * collapse) and untouched ones in the slots that had PTE pages, and at PUD
 * level addresses in slots that never had one.  In every iteration of a
 * row whose flush names one address, the page it names is one of them: a
 * flush that fails to drop its own page (an erratum, a hypervisor's
 * emulation) shows there first.
 */
#include "tests/kernel/collapse_iter.h"
#include "mm/flush.h"

static bool in_list(const unsigned int *v, int n, unsigned int x)
{
	for (int i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

static unsigned int pick_distinct(struct scen_ctx *c, const unsigned int *used,
				  int n, unsigned int range)
{
	unsigned int x;

	do
		x = (unsigned int)rng_below(&c->rng, range);
	while (in_list(used, n, x));
	return x;
}

/* Sub-slots (2 MiB slots mapped with PTE pages): slot 0 always, as Linux flushes there. */
static void pick_subslots(struct scen_ctx *c, struct iter_state *st)
{
	st->nr_subslots = st->p->level == PT_LEVEL_PUD ? MAX_SUBSLOTS : 1;
	st->subslot[0] = 0;
	for (int i = 1; i < st->nr_subslots; i++)
		st->subslot[i] = pick_distinct(c, st->subslot, i, 512);
}

static void add_probe(struct iter_state *st, u64 va, bool touched, bool mapped)
{
	struct probe_pt *pp = &st->probe[st->nr_probes++];

	pp->va = va;
	pp->touched = touched;
	pp->mapped_small = mapped;
}

static u64 collapse_region_size(const struct iter_state *st)
{
	return st->p->level == PT_LEVEL_PUD ? PUD_SIZE : PMD_SIZE;
}

u64 collapse_flushed_page(const struct iter_state *st)
{
	const struct collapse_param *p = st->p;
	u64 size = collapse_region_size(st);

	if (flush_scope(p->flush)->tlb != TLB_ADDR || p->flush_outside || p->revert)
		return 0;
	return ALIGN_DOWN(flush_region_va(p->flush, st->base, size), PAGE_SIZE);
}

/* The flushed page's index in the 2 MiB slot at slot_va, or -1. */
static int flushed_in_slot(const struct iter_state *st, u64 slot_va)
{
	u64 f = collapse_flushed_page(st);

	if (!f || ALIGN_DOWN(f, PMD_SIZE) != slot_va)
		return -1;
	return (int)((f - slot_va) / PAGE_SIZE);
}

/*
 * The flushed page, where it lies in this slot, is the first touched
 * probe (the last page is the Linux warm-up's guard, collapse_warm.c: read
 * as a touched probe too, it is warmed the same way); the rest are drawn
 * from the pages before the guard.
 */
static void pick_pages_in_slot(struct scen_ctx *c, struct iter_state *st,
			       u64 slot_va, int ntouch, int nuntouch)
{
	unsigned int used[PMD_TOUCH + PMD_UNTOUCH];
	int n = 0, flushed = flushed_in_slot(st, slot_va);

	if (flushed >= 0) {
		used[n++] = (unsigned int)flushed;
		add_probe(st, slot_va + (u64)flushed * PAGE_SIZE +
			  fixture_offset(c), true, true);
	}
	/*
	 * A flush of every page (INVLPGB, an INVLPG loop): the region's last
	 * page too, touched, for a range end off by one misses it first.
	 */
	if (flush_scope(st->p->flush)->at == FLUSH_AT_EACH && n < ntouch &&
	    slot_va + PMD_SIZE == st->base + collapse_region_size(st)) {
		used[n++] = GUARD_PAGE;
		add_probe(st, slot_va + GUARD_PAGE * PAGE_SIZE +
			  fixture_offset(c), true, true);
	}
	while (n < ntouch + nuntouch) {
		used[n] = pick_distinct(c, used, n, GUARD_PAGE);
		add_probe(st, slot_va + used[n] * PAGE_SIZE + fixture_offset(c),
			  n < ntouch, true);
		n++;
	}
}

/*
 * PUD level: addresses in slots that never had a PTE page; the flushed
 * page first where it lies in one (invlpg_last names the GiB's last page).
 */
static void pick_other_slots(struct scen_ctx *c, struct iter_state *st,
			     unsigned int *other)
{
	u64 f = collapse_flushed_page(st);
	unsigned int fslot = f ? (unsigned int)((f - st->base) / PMD_SIZE) : 512;
	int i = 0;

	if (f && !in_list(st->subslot, st->nr_subslots, fslot)) {
		other[i++] = fslot;
		add_probe(st, f + fixture_offset(c), false, false);
	}
	for (; i < OTHER_SLOT_PROBES; i++) {
		unsigned int s;

		do
			s = (unsigned int)rng_below(&c->rng, 512);
		while (in_list(st->subslot, st->nr_subslots, s) ||
		       in_list(other, i, s));
		other[i] = s;
		add_probe(st, st->base + s * PMD_SIZE +
			  rng_below(&c->rng, 512) * PAGE_SIZE + fixture_offset(c),
			  false, false);
	}
}

static void pick_probes(struct scen_ctx *c, struct iter_state *st)
{
	unsigned int other[OTHER_SLOT_PROBES];

	st->nr_probes = 0;
	if (st->p->level == PT_LEVEL_PMD) {
		pick_pages_in_slot(c, st, st->base, PMD_TOUCH, PMD_UNTOUCH);
		return;
	}
	for (int i = 0; i < st->nr_subslots; i++)
		pick_pages_in_slot(c, st, st->base + st->subslot[i] * PMD_SIZE,
				   TOUCH_PER_SLOT, UNTOUCH_PER_SLOT);
	pick_other_slots(c, st, other);
}


struct expect collapse_expect_after(const struct iter_state *st,
				    const struct probe_pt *pp)
{
	struct expect e;

	e.coherent = st->huge_pa + (pp->va - st->base);
	e.stale = pp->mapped_small ? pp->small : EXPECT_NONE;
	e.walk = st->fx->canary + (pp->va & (PAGE_SIZE - 1));
	/* Only a PUD collapse frees a PMD page for a stale PDPTE to reach. */
	e.walk_pdpte = st->p->level == PT_LEVEL_PUD ?
		       st->fx->canary_pdpte + (pp->va & (PAGE_SIZE - 1)) :
		       EXPECT_NONE;
	return e;
}


static void sign_targets(const struct iter_state *st)
{
	/* 2 MiB targets are signed whole; a GiB only where probes read. */
	if (st->p->level != PT_LEVEL_PUD)
		return;
	for (int i = 0; i < st->nr_probes; i++)
		sign_frames(st->huge_pa + ALIGN_DOWN(st->probe[i].va - st->base,
						     PAGE_SIZE), 1);
}


struct expect collapse_expect_before(const struct probe_pt *pp)
{
	struct expect e = { pp->small, EXPECT_NONE, EXPECT_NONE, EXPECT_NONE };

	return e;
}

void collapse_pick_points(struct scen_ctx *c, struct iter_state *st)
{
	pick_subslots(c, st);
	pick_probes(c, st);
	sign_targets(st);
}
