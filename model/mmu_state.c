// SPDX-License-Identifier: MIT
/*
 * The model's state: registers, PCID slots, and the explicit sets of TLB
 * and paging-structure-cache entries that may be cached although the
 * current tables no longer produce them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/mmu_internal.h"
#include "mm/phys.h"

static const char *const vendor_names[MMU_VENDOR_NR] = {
	[MMU_INTEL] = "intel",
	[MMU_AMD] = "amd",
	[MMU_AMD_TCE] = "amd-tce",
	[MMU_TCG] = "tcg",
};

int mmu_vendor_parse(const char *name)
{
	for (int v = 0; v < MMU_VENDOR_NR; v++)
		if (!strcmp(name, vendor_names[v]))
			return v;
	return -1;
}

const char *mmu_vendor_name(enum mmu_vendor v)
{
	return v < MMU_VENDOR_NR ? vendor_names[v] : "?";
}

void mmu_params_default(struct mmu_params *p)
{
	p->invpcid0_psc = INVPCID0_PSC_PATH;
	p->invlpg_fractured = FRACTURED_KEEP;
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		fprintf(stderr, "model: out of memory\n");
		abort();
	}
	return p;
}

void mmu_init(struct mmu *m, enum mmu_vendor v, const struct mmu_params *p,
	      u64 track_lo, u64 track_hi)
{
	memset(m, 0, sizeof(*m));
	m->vendor = v;
	if (p)
		m->par = *p;
	else
		mmu_params_default(&m->par);
	m->track_lo = track_lo;
	m->track_hi = track_hi;
	m->maxphyaddr = v == MMU_TCG ? 40 : 46;
	m->pdpe1gb = true;
	m->efer = v == MMU_AMD_TCE ? EFER_TCE_BIT : 0;
	m->tlb = xrealloc(NULL, sizeof(*m->tlb));
	memset(m->tlb, 0, sizeof(*m->tlb));
	memset(m->tlb->bucket, -1, sizeof(m->tlb->bucket));
	m->psc = xrealloc(NULL, sizeof(*m->psc));
	memset(m->psc, 0, sizeof(*m->psc));
	idx_alloc(m);
	m->nr_slots = 1;	/* slot 0 is PCID 0 */
	m->live = 1;
	m->tcg_lp_addr = (u64)-1;
}

void mmu_destroy(struct mmu *m)
{
	free(m->tlb->e);
	free(m->tlb);
	free(m->psc->e);
	free(m->psc);
	idx_free(m);
}

int mmu_slot_of(struct mmu *m, u16 pcid)
{
	for (int s = 0; s < m->nr_slots; s++)
		if (m->slot_pcid[s] == pcid)
			return s;
	if (m->nr_slots == 64) {
		fprintf(stderr, "model: more than 64 PCIDs in use\n");
		abort();
	}
	m->slot_pcid[m->nr_slots] = pcid;
	return m->nr_slots++;
}

int mmu_cur_slot(struct mmu *m)
{
	u16 pcid = (m->cr4 & CR4_PCIDE_BIT) ? (u16)(m->cr3 & 0xfff) : 0;

	return mmu_slot_of(m, pcid);
}

bool mmu_tce(const struct mmu *m)
{
	return (m->vendor == MMU_AMD || m->vendor == MMU_AMD_TCE) &&
	       (m->efer & EFER_TCE_BIT);
}

u64 mmu_global_ok(const struct mmu *m)
{
	return !!(m->cr4 & CR4_PGE_BIT);
}

u64 mmu_entry_size(int level)
{
	return 1ULL << (12 + 9 * (level - 1));
}

u64 mmu_read_entry(u64 pa)
{
	return *(volatile u64 *)phys_to_virt(pa);
}

/* SDM 4.5.4, tables 4-14 to 4-20: reserved bits make the walk fault. */
bool mmu_entry_rsvd(const struct mmu *m, u64 e, int level)
{
	u64 above = ((1ULL << 52) - 1) & ~((1ULL << m->maxphyaddr) - 1);

	if (!(e & 1))
		return false;
	if (e & above)
		return true;
	if (level == 4 && (e & (1ULL << 7)))
		return true;
	if (level == 3 && (e & (1ULL << 7)) && !m->pdpe1gb)
		return true;
	/* Large pages: the address bits below the page size, but PAT (12). */
	if ((level == 3 || level == 2) && (e & (1ULL << 7)) &&
	    (e & (mmu_entry_size(level) - 1) & ADDR_MASK & ~(1ULL << 12)))
		return true;
	return false;
}

bool mmu_is_leaf(const struct mmu *m, u64 e, int level)
{
	(void)m;
	return level == 1 || ((level == 2 || level == 3) && (e & (1ULL << 7)));
}

static unsigned int tlb_hash(u64 va, int level)
{
	u64 k = (va >> 12) * 0x9E3779B97F4A7C15ULL + (u64)level;

	return (unsigned int)(k >> 52) & (TLB_BUCKETS - 1);
}

bool tlb_covers(const struct tlb_ent *t, u64 va)
{
	u64 page = va & ~(PAGE_SIZE - 1);

	if ((va & ~(mmu_entry_size(t->level) - 1)) != t->va)
		return false;
	for (int i = 0; i < t->nholes; i++)
		if (t->holes[i] == page)
			return false;
	return true;
}

void tlb_add(struct mmu *m, u64 va, int level, u64 val, u64 pcids, bool global)
{
	struct mmu_tlb *t = m->tlb;
	unsigned int h;
	struct tlb_ent *e;

	val &= ~ENTRY_IGNORED_BITS;
	va &= ~(mmu_entry_size(level) - 1);
	if ((!pcids && !global) || !legal_fills(m))
		return;
	h = tlb_hash(va, level);
	for (int i = t->bucket[h]; i >= 0; i = t->e[i].next) {
		e = &t->e[i];
		if (!e->dead && e->va == va && e->level == level && e->val == val &&
		    e->global == global && !e->nholes) {
			e->pcids |= pcids;
			e->used = m->legal.clock;
			return;
		}
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 1024;
		t->e = xrealloc(t->e, (size_t)t->cap * sizeof(*t->e));
	}
	e = &t->e[t->n];
	memset(e, 0, sizeof(*e));
	e->va = va;
	e->val = val;
	e->pcids = pcids;
	e->level = (u8)level;
	e->global = global;
	e->used = m->legal.clock;
	e->next = t->bucket[h];
	t->bucket[h] = t->n++;
}

/* A fresh entry that is never merged with others (it may get holes). */
int tlb_add_new(struct mmu *m, u64 va, int level, u64 val, u64 pcids, bool global)
{
	struct mmu_tlb *t = m->tlb;
	unsigned int h;
	struct tlb_ent *e;

	va &= ~(mmu_entry_size(level) - 1);
	h = tlb_hash(va, level);
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 1024;
		t->e = xrealloc(t->e, (size_t)t->cap * sizeof(*t->e));
	}
	e = &t->e[t->n];
	memset(e, 0, sizeof(*e));
	e->va = va;
	e->val = val & ~ENTRY_IGNORED_BITS;
	e->pcids = pcids;
	e->level = (u8)level;
	e->global = global;
	e->used = m->legal.clock;
	e->next = t->bucket[h];
	t->bucket[h] = t->n;
	return t->n++;
}

/*
 * The entries that could map va (any page size), in index order as a full
 * scan meets them; -1 when more than max.
 */
int tlb_candidates(struct mmu *m, u64 va, int *idx, int max)
{
	const struct mmu_tlb *t = m->tlb;
	int n = 0;

	for (int level = 1; level <= 3; level++) {
		u64 base = va & ~(mmu_entry_size(level) - 1);

		for (int i = t->bucket[tlb_hash(base, level)]; i >= 0;
		     i = t->e[i].next) {
			if (t->e[i].va != base || t->e[i].level != level)
				continue;
			if (n == max)
				return -1;
			idx[n++] = i;
		}
	}
	/* Insertion sort: a handful of entries. */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && idx[j - 1] > idx[j]; j--) {
			int x = idx[j];

			idx[j] = idx[j - 1];
			idx[j - 1] = x;
		}
	return n;
}

void tlb_for_va(struct mmu *m, u64 va, void (*fn)(struct mmu *, struct tlb_ent *, void *),
		void *arg)
{
	struct mmu_tlb *t = m->tlb;

	for (int level = 1; level <= 3; level++) {
		u64 base = va & ~(mmu_entry_size(level) - 1);

		for (int i = t->bucket[tlb_hash(base, level)]; i >= 0; i = t->e[i].next)
			if (!t->e[i].dead && t->e[i].level == level &&
			    t->e[i].va == base)
				fn(m, &t->e[i], arg);
	}
}

void tlb_clear(struct mmu *m)
{
	m->tlb->n = 0;
	m->tlb->ndead = 0;
	memset(m->tlb->bucket, -1, sizeof(m->tlb->bucket));
}

/* Drop dead entries and rebuild the chains: after large invalidations. */
void tlb_compact(struct mmu *m)
{
	struct mmu_tlb *t = m->tlb;
	int n = 0;

	memset(t->bucket, -1, sizeof(t->bucket));
	for (int i = 0; i < t->n; i++) {
		unsigned int h;

		if (t->e[i].dead)
			continue;
		t->e[n] = t->e[i];
		h = tlb_hash(t->e[n].va, t->e[n].level);
		t->e[n].next = t->bucket[h];
		t->bucket[h] = n++;
	}
	t->n = n;
	t->ndead = 0;
}

void psc_add(struct mmu *m, u64 va, int level, u64 val, u64 pcids)
{
	struct mmu_psc *p = m->psc;
	struct psc_ent *e;

	val &= ~ENTRY_IGNORED_BITS;
	va &= ~(mmu_entry_size(level) - 1);
	if (!pcids || !legal_fills(m))
		return;
	for (int i = 0; i < p->n; i++) {
		e = &p->e[i];
		if (!e->dead && e->va == va && e->level == level && e->val == val) {
			e->pcids |= pcids;
			e->used = m->legal.clock;
			return;
		}
	}
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 256;
		p->e = xrealloc(p->e, (size_t)p->cap * sizeof(*p->e));
	}
	e = &p->e[p->n++];
	e->va = va;
	e->val = val;
	e->pcids = pcids;
	e->level = (u8)level;
	e->dead = false;
	e->used = m->legal.clock;
}

void psc_clear(struct mmu *m)
{
	m->psc->n = 0;
}

void psc_compact(struct mmu *m)
{
	struct mmu_psc *p = m->psc;
	int n = 0;

	for (int i = 0; i < p->n; i++)
		if (!p->e[i].dead)
			p->e[n++] = p->e[i];
	p->n = n;
}
