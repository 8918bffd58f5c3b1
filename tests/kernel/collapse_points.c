// SPDX-License-Identifier: MIT
/*
 * Where a collapse iteration probes, and what each hypothesis says a read
 * there returns (collapse_iter.h): touched pages (read before the
 * collapse) and untouched ones in the slots that had PTE pages, and at PUD
 * level addresses in slots that never had one.
 */
#include "tests/kernel/collapse_iter.h"

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

static void pick_pages_in_slot(struct scen_ctx *c, struct iter_state *st,
			       u64 slot_va, int ntouch, int nuntouch)
{
	unsigned int used[PMD_TOUCH + PMD_UNTOUCH];
	int n = 0;

	while (n < ntouch + nuntouch) {
		used[n] = pick_distinct(c, used, n, GUARD_PAGE);
		add_probe(st, slot_va + used[n] * PAGE_SIZE + fixture_offset(c),
			  n < ntouch, true);
		n++;
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
	for (int i = 0; i < OTHER_SLOT_PROBES; i++) {
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


struct expect collapse_expect_after(const struct iter_state *st,
				    const struct probe_pt *pp)
{
	struct expect e;

	e.coherent = st->huge_pa + (pp->va - st->base);
	e.stale = pp->mapped_small ? pp->small : EXPECT_NONE;
	e.walk = st->lf->canary + (pp->va & (PAGE_SIZE - 1));
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
	struct expect e = { pp->small, EXPECT_NONE, EXPECT_NONE };

	return e;
}

void collapse_pick_points(struct scen_ctx *c, struct iter_state *st)
{
	pick_subslots(c, st);
	pick_probes(c, st);
	sign_targets(st);
}
