// SPDX-License-Identifier: MIT
/*
 * Reads: the set of outcomes the architecture allows, and the one the
 * model picks.  A read may be served by any kept TLB entry for va (SDM
 * 4.10.2.3), by a walk that begins at any kept PSC entry on va's path
 * (4.10.3.2: the processor may use any PSC entry that matches) and reads
 * the current memory below it, or by a walk of the current tables from
 * CR3.  A walk sets the accessed bits of the entries it reads (4.8) and
 * nothing else; a TLB hit sets none.
 */
#include "model/mmu_internal.h"
#include "mm/phys.h"
#include "kernel/traps.h"

struct walk_path {
	u64 pa[4];
	int n;
};

static unsigned int index_of(u64 va, int level)
{
	return (unsigned int)(va >> (12 + 9 * (level - 1))) & 511;
}

static struct mmu_outcome walk_from(struct mmu *m, u64 table, int level,
				    u64 va, u8 via, struct walk_path *wp)
{
	struct mmu_outcome o = { .via = via };

	for (int l = level; l >= 1; l--) {
		u64 epa = table + 8 * index_of(va, l), e = mmu_read_entry(epa);

		if (m->mutant)
			e = mutant_entry(m, epa, e);

		o.level = (u8)l;
		if (!(e & 1)) {
			o.fault = true;
			o.pf_error = 0;
			return o;
		}
		if (mmu_entry_rsvd(m, e, l)) {
			o.fault = true;
			o.pf_error = PF_P | PF_RSVD;
			return o;
		}
		if (wp)
			wp->pa[wp->n++] = epa;
		if (mmu_is_leaf(m, e, l)) {
			u64 size = mmu_entry_size(l);

			o.pa = (e & ADDR_MASK & ~(size - 1)) | (va & (size - 1));
			return o;
		}
		table = e & ADDR_MASK;
	}
	return o;
}

int mmu_current_level(struct mmu *m, u64 va)
{
	struct mmu_outcome o = walk_from(m, m->cr3 & ADDR_MASK, 4, va, VIA_CR3,
					 NULL);

	return o.fault ? 0 : o.level;
}

struct collect {
	struct mmu_outcome *out;
	int n, max;
	u64 va;
	int slot;
};

static bool same(const struct mmu_outcome *a, const struct mmu_outcome *b)
{
	return a->fault == b->fault && a->pa == b->pa &&
	       a->pf_error == b->pf_error && a->level == b->level &&
	       a->via == b->via;
}

static void put(struct collect *c, struct mmu_outcome o)
{
	for (int i = 0; i < c->n; i++)
		if (same(&c->out[i], &o))
			return;
	if (c->n < c->max)
		c->out[c->n++] = o;
}

static void tlb_hit(struct mmu *m, struct tlb_ent *t, void *arg)
{
	struct collect *c = arg;
	u64 size = mmu_entry_size(t->level);
	struct mmu_outcome o = { .via = VIA_TLB, .level = t->level };

	(void)m;
	if (!(t->global || (t->pcids & slot_bit(c->slot))) || !tlb_covers(t, c->va))
		return;
	o.pa = (t->val & ADDR_MASK & ~(size - 1)) | (c->va & (size - 1));
	put(c, o);
}

int mmu_allowed(struct mmu *m, u64 va, struct mmu_outcome *out, int max)
{
	struct collect c = { out, 0, max, va, mmu_cur_slot(m) };

	put(&c, walk_from(m, m->cr3 & ADDR_MASK, 4, va, VIA_CR3, NULL));
	for (int i = 0; i < m->psc->n; i++) {
		const struct psc_ent *e = &m->psc->e[i];

		if (e->dead || !(e->pcids & slot_bit(c.slot)) ||
		    (va & ~(mmu_entry_size(e->level) - 1)) != e->va)
			continue;
		put(&c, walk_from(m, e->val & ADDR_MASK, e->level - 1, va,
				  e->level, NULL));
	}
	tlb_for_va(m, va, tlb_hit, &c);
	return c.n;
}

/* Higher is staler: a walk through freed memory, then a stale TLB entry. */
static int staleness(const struct mmu_outcome *o, const struct mmu_outcome *cur)
{
	bool differs = o->fault != cur->fault || o->pa != cur->pa ||
		       o->pf_error != cur->pf_error;

	/* Equal results: a cached entry over a walk (no accessed bits set). */
	if (!differs)
		return o->via == VIA_CR3 ? 0 : 1;
	if (o->via >= VIA_PDE && o->via <= VIA_PML4E)
		return o->fault ? 3 : 4;
	return 2;
}

static int choose(const struct mmu_outcome *o, int n, enum mmu_policy pol,
		  struct rng *rng)
{
	int best = 0;

	if (pol == MMU_RANDOM && rng)
		return (int)rng_below(rng, (u64)n);
	for (int i = 1; i < n; i++)
		if (staleness(&o[i], &o[0]) > staleness(&o[best], &o[0]))
			best = i;
	return best;
}

/* QEMU's large-page span: the smallest aligned block covering them all. */
static void tcg_add_large(struct mmu *m, u64 va, u64 size)
{
	u64 mask = ~(size - 1);

	if (m->tcg_lp_addr == (u64)-1) {
		m->tcg_lp_addr = va & mask;
		m->tcg_lp_mask = mask;
		return;
	}
	mask &= m->tcg_lp_mask;
	while ((m->tcg_lp_addr ^ va) & mask)
		mask <<= 1;
	m->tcg_lp_mask = mask;
	m->tcg_lp_addr &= mask;
}

static void set_accessed(struct mmu *m, const struct walk_path *wp)
{
	for (int i = 0; i < wp->n; i++) {
		u64 e = mmu_read_entry(wp->pa[i]);

		if (!(e & PTE_A_BIT))
			idx_cpu_write(m, wp->pa[i], e | PTE_A_BIT);
	}
}

struct mmu_outcome mmu_read(struct mmu *m, u64 va, enum mmu_policy pol,
			    struct rng *rng, struct mmu_outcome *allowed,
			    int *nr_allowed)
{
	struct mmu_outcome local[MMU_MAX_OUTCOMES], *o = allowed ? allowed : local;
	int n, k;
	struct mmu_outcome pick;
	struct walk_path wp = { .n = 0 };

	idx_unquiet(m);
	/* A legal machine may evict or flush between any two accesses. */
	legal_before_access(m);
	n = mmu_allowed(m, va, o, MMU_MAX_OUTCOMES);
	m->reads++;
	if (nr_allowed)
		*nr_allowed = n;
	if (m->legal.on)
		k = legal_choose(m, o, n, choose(o, n, MMU_STALEST, NULL));
	else
		k = choose(o, n, pol, rng);
	pick = o[k];
	/* APM vol. 2 5.5.3: AMD walks the current tables before a #PF. */
	if (pick.fault && m->legal.amd_rewalk && !o[0].fault) {
		pick = o[0];
		m->legal.rewalked++;
	}
	if (pick.via == VIA_TLB)
		legal_touch_tlb(m, va, &pick);
	if (pick.via != VIA_TLB) {
		u64 start = m->cr3 & ADDR_MASK;
		int level = 4;

		/* Walk again, the same way, to find the entries it read. */
		for (int i = 0; pick.via != VIA_CR3 && i < m->psc->n; i++) {
			const struct psc_ent *e = &m->psc->e[i];

			if (!e->dead && e->level == pick.via &&
			    (e->pcids & slot_bit(mmu_cur_slot(m))) &&
			    (va & ~(mmu_entry_size(e->level) - 1)) == e->va) {
				struct mmu_outcome w = walk_from(m, e->val & ADDR_MASK,
								 e->level - 1, va,
								 e->level, NULL);

				if (same(&w, &pick)) {
					m->psc->e[i].used = m->legal.clock;
					start = e->val & ADDR_MASK;
					level = e->level - 1;
					break;
				}
			}
		}
		walk_from(m, start, level, va, pick.via, &wp);
		set_accessed(m, &wp);
		m->walks++;
	}
	if (pick.fault) {
		mmu_pf_invalidate(m, va);
	} else if (m->vendor == MMU_TCG && pick.via != VIA_TLB) {
		/* QEMU fills one entry per 4 KiB page it actually accessed. */
		tlb_add(m, va, 1, (pick.pa & ADDR_MASK) | 1, 1, false);
		if (pick.level >= 2)
			tcg_add_large(m, va, mmu_entry_size(pick.level));
	}
	return pick;
}
