// SPDX-License-Identifier: MIT
/*
 * Where each page-table page is reachable, and what to remember before a
 * store changes it.
 *
 * A table page is "mounted" where a walk can reach it: from CR3 (for every
 * PCID that has been current since its last invalidation), or from an
 * explicitly kept PSC entry (for that entry's PCIDs).  Before a store
 * changes a present entry of a mounted table, the translation or PSC entry
 * it gave at each mount may already be cached (SDM 4.10.2.2, 4.10.3.1:
 * entries may be cached at any time, speculatively), so it is kept.  A
 * shadow copy of every mounted table catches words that changed without
 * going through mmu_store() (counted in m->bypassed, and still recorded,
 * late, so as never to allow less than the architecture).
 *
 * Only the tracked VA range is mounted from CR3 (mmu_init()): the rest of
 * the address space keeps no history, and a read there is the current walk.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/mmu_internal.h"
#include "mm/phys.h"

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		fprintf(stderr, "model: out of memory\n");
		abort();
	}
	return p;
}

void idx_alloc(struct mmu *m)
{
	m->idx = xrealloc(NULL, sizeof(*m->idx));
	memset(m->idx, 0, sizeof(*m->idx));
	memset(m->idx->bucket, -1, sizeof(m->idx->bucket));
	memset(m->idx->kbucket, -1, sizeof(m->idx->kbucket));
	memset(m->idx->shbucket, -1, sizeof(m->idx->shbucket));
	m->idx->dirty = true;
}

void idx_free(struct mmu *m)
{
	free(m->idx->mt);
	free(m->idx->sh);
	free(m->idx->in.psc);
	free(m->idx);
}

void idx_mark_dirty(struct mmu *m)
{
	m->idx->dirty = true;
}

static void rebuild(struct mmu *m);

/*
 * After an invalidation or a register write: the mounts change now, and
 * the words changed behind the model's back were already recorded by the
 * idx_sync() the operation began with.
 */
void idx_refresh(struct mmu *m)
{
	/*
	 * Lazily: reads do not use the index, so several flushes and
	 * register writes in a row cost one rebuild, at the next store or
	 * operation (idx_sync()).
	 */
	if (m->vendor != MMU_TCG)
		m->idx->refresh = true;
}

static unsigned int pa_hash(u64 pa)
{
	return (unsigned int)((pa >> 12) * 0x9E3779B97F4A7C15ULL >> 54) &
	       (IDX_BUCKETS - 1);
}

static unsigned int mount_hash(u64 table, int level, u64 va)
{
	u64 k = (table >> 12) ^ (va >> 12) * 0xff51afd7ed558ccdULL ^ (u64)level;

	return (unsigned int)(k * 0x9E3779B97F4A7C15ULL >> 52) & (IDX_KBUCKETS - 1);
}

static struct shadow *shadow_of(struct mmu_index *x, u64 table)
{
	for (int i = x->shbucket[pa_hash(table)]; i >= 0; i = x->sh[i].next)
		if (x->sh[i].table == table)
			return &x->sh[i];
	return NULL;
}

static void shadow_take(struct mmu_index *x, u64 table)
{
	unsigned int h = pa_hash(table);
	struct shadow *s;

	if (shadow_of(x, table))
		return;
	if (x->nsh == x->capsh) {
		x->capsh = x->capsh ? 2 * x->capsh : 64;
		x->sh = xrealloc(x->sh, (size_t)x->capsh * sizeof(*x->sh));
	}
	s = &x->sh[x->nsh];
	s->table = table;
	memcpy(s->word, phys_to_virt(table), sizeof(s->word));
	s->next = x->shbucket[h];
	x->shbucket[h] = x->nsh++;
}

static bool in_track(const struct mmu *m, u64 va, u64 size)
{
	return va + size - 1 >= m->track_lo && va <= m->track_hi - 1;
}

/* The VA an entry maps, sign-extended at the top level (canonical form). */
static u64 entry_va(u64 base, unsigned int i, int level)
{
	u64 va = base + (u64)i * mmu_entry_size(level);

	if (level == 4 && i >= 256)
		va |= 0xFFFF000000000000ULL;
	return va;
}

/*
 * The entries [*lo, *hi) of a table at level whose entry 0 maps va that
 * map a tracked VA (in_track() of each, at once).  The top level's
 * sign-extended half is left to in_track() entry by entry.
 */
static void track_span(const struct mmu *m, u64 va, int level,
		       unsigned int *lo, unsigned int *hi)
{
	u64 size = mmu_entry_size(level), first, last;

	*lo = 0;
	*hi = 512;
	if (level == 4) {
		while (*lo < *hi && !in_track(m, entry_va(va, *lo, level), size))
			++*lo;
		while (*hi > *lo && !in_track(m, entry_va(va, *hi - 1, level), size))
			--*hi;
		return;
	}
	if (m->track_hi <= va || m->track_lo > va + 512 * size - 1) {
		*hi = 0;
		return;
	}
	first = m->track_lo > va ? (m->track_lo - va) / size : 0;
	last = (m->track_hi - 1 - va) / size;
	*lo = (unsigned int)first;
	*hi = last >= 511 ? 512 : (unsigned int)last + 1;
}

static void mount(struct mmu *m, u64 table, int level, u64 va, u64 pcids)
{
	struct mmu_index *x = m->idx;
	unsigned int h = pa_hash(table), kh = mount_hash(table, level, va);
	const volatile u64 *w = phys_to_virt(table);
	struct mount *mt;
	unsigned int lo, hi;
	u64 e;

	for (int i = x->kbucket[kh]; i >= 0; i = x->mt[i].knext) {
		mt = &x->mt[i];
		if (mt->table == table && mt->level == level && mt->va == va) {
			if (!(pcids & ~mt->pcids))
				return;
			pcids &= ~mt->pcids;
			mt->pcids |= pcids;
			goto children;
		}
	}
	if (x->nmt == x->capmt) {
		x->capmt = x->capmt ? 2 * x->capmt : 256;
		x->mt = xrealloc(x->mt, (size_t)x->capmt * sizeof(*x->mt));
	}
	mt = &x->mt[x->nmt];
	mt->table = table;
	mt->level = (u8)level;
	mt->va = va;
	mt->pcids = pcids;
	mt->next = x->bucket[h];
	mt->knext = x->kbucket[kh];
	x->bucket[h] = x->nmt;
	x->kbucket[kh] = x->nmt++;
	shadow_take(x, table);
children:
	if (level < 2)
		return;
	/* Only the entries that map tracked VAs (most of a table is not). */
	track_span(m, va, level, &lo, &hi);
	for (unsigned int i = lo; i < hi; i++) {
		e = w[i];
		if (!(e & 1) || mmu_entry_rsvd(m, e, level) ||
		    mmu_is_leaf(m, e, level))
			continue;
		mount(m, e & ADDR_MASK, level - 1, entry_va(va, i, level), pcids);
	}
}

static void record_at(struct mmu *m, const struct mount *mt, unsigned int i,
		      u64 old)
{
	u64 va = entry_va(mt->va, i, mt->level);

	if (!(old & 1) || mmu_entry_rsvd(m, old, mt->level))
		return;
	if (!in_track(m, va, mmu_entry_size(mt->level)))
		return;
	if (mmu_is_leaf(m, old, mt->level))
		tlb_add(m, va, mt->level, old, mt->pcids,
			(old & (1ULL << 8)) && mmu_global_ok(m));
	else
		psc_add(m, va, mt->level, old, mt->pcids);
}

static bool record_all(struct mmu *m, u64 pa, u64 old)
{
	struct mmu_index *x = m->idx;
	u64 table = pa & ADDR_MASK;
	unsigned int i = (unsigned int)(pa & 0xfff) / 8;
	bool upper = false;

	for (int k = x->bucket[pa_hash(table)]; k >= 0; k = x->mt[k].next) {
		if (x->mt[k].table != table)
			continue;
		record_at(m, &x->mt[k], i, old);
		upper |= x->mt[k].level >= 2;
	}
	return upper;
}

/* Words of mounted tables that changed behind the model's back. */
static void sync_shadows(struct mmu *m)
{
	struct mmu_index *x = m->idx;

	for (int s = 0; s < x->nsh; s++) {
		u64 *now = phys_to_virt(x->sh[s].table);

		if (!memcmp(now, x->sh[s].word, sizeof(x->sh[s].word)))
			continue;
		for (unsigned int i = 0; i < 512; i++) {
			u64 old = x->sh[s].word[i];

			/*
			 * Software clearing A or D counts too: a translation
			 * cached before keeps serving without setting them.
			 */
			if (old == now[i])
				continue;
			m->bypassed++;
			if (record_all(m, x->sh[s].table + 8 * i, old))
				x->dirty = true;
			x->sh[s].word[i] = now[i];
		}
	}
}

static void rebuild(struct mmu *m)
{
	struct mmu_index *x = m->idx;

	x->nmt = 0;
	x->nsh = 0;
	memset(x->bucket, -1, sizeof(x->bucket));
	memset(x->kbucket, -1, sizeof(x->kbucket));
	memset(x->shbucket, -1, sizeof(x->shbucket));
	if (m->cr3 & ADDR_MASK)
		mount(m, m->cr3 & ADDR_MASK, 4, 0, m->live);
	for (int i = 0; i < m->psc->n; i++) {
		const struct psc_ent *e = &m->psc->e[i];

		if (!e->dead)
			mount(m, e->val & ADDR_MASK, e->level - 1, e->va, e->pcids);
	}
	idx_inputs_save(m);
	x->dirty = false;
	x->refresh = false;
}

static void sync_index(struct mmu *m, bool shadows)
{
	if (m->vendor == MMU_TCG)
		return;
	if (shadows)
		sync_shadows(m);
	if (m->idx->refresh && !m->idx->dirty && idx_inputs_same(m))
		m->idx->refresh = false;
	if (m->idx->dirty || m->idx->refresh)
		rebuild(m);
}

/* Bring the index up to date with memory; TCG keeps no history. */
void idx_sync(struct mmu *m)
{
	sync_index(m, true);
	m->idx->quiet = false;
}

/*
 * In a run of flushes with no read or store between (an INVLPG of each
 * page of a region, a shootdown), a word changed behind the model's back
 * is found at the run's first flush or after the run: recorded late, it
 * allows more, never less, and it is counted all the same.
 */
void idx_sync_flush(struct mmu *m)
{
	sync_index(m, !m->idx->quiet);
	m->idx->quiet = true;
}

void idx_unquiet(struct mmu *m)
{
	m->idx->quiet = false;
}

void idx_record_old(struct mmu *m, u64 pa, u64 old)
{
	if (record_all(m, pa, old))
		m->idx->dirty = true;
}

static void shadow_update(struct mmu *m, u64 pa, u64 val)
{
	struct shadow *s = shadow_of(m->idx, pa & ADDR_MASK);

	if (s)
		s->word[(pa & 0xfff) / 8] = val;
}

/* Every CPU's shadow: one CPU's accessed bit is no store to the others. */
void idx_cpu_write(struct mmu *m, u64 pa, u64 val)
{
	struct mmu *p = m;

	*(volatile u64 *)phys_to_virt(pa) = val;
	do {
		shadow_update(p, pa, val);
		p = p->next_cpu;
	} while (p && p != m);
}

static bool is_pointer(const struct mmu *m, u64 e, int level)
{
	return (e & 1) && !mmu_entry_rsvd(m, e, level) && !mmu_is_leaf(m, e, level);
}

#define MAX_NEW_MOUNTS 64

struct new_mount {
	u64 table, va, pcids;
	int level;
};

/*
 * Record what the entry at pa gave, and keep the index current: a table
 * linked where there was none is mounted at once; an unlinked or replaced
 * table pointer makes the index dirty (rebuilt at the next operation),
 * since what was reachable only through it no longer is.  Leaf stores
 * change nothing, so filling a table stays cheap.
 */
static void store_upper(struct mmu *m, u64 pa, u64 old, u64 val)
{
	struct mmu_index *x = m->idx;
	u64 table = pa & ADDR_MASK;
	unsigned int i = (unsigned int)(pa & 0xfff) / 8;
	struct new_mount add[MAX_NEW_MOUNTS];
	int nadd = 0;

	for (int k = x->bucket[pa_hash(table)]; k >= 0; k = x->mt[k].next) {
		const struct mount *mt = &x->mt[k];
		int l = mt->level;
		u64 cva;

		if (mt->table != table)
			continue;
		record_at(m, mt, i, old);
		if (l < 2)
			continue;
		if (is_pointer(m, old, l) &&
		    (!is_pointer(m, val, l) || ((old ^ val) & ADDR_MASK))) {
			x->dirty = true;
			continue;
		}
		if (is_pointer(m, old, l) || !is_pointer(m, val, l))
			continue;
		cva = entry_va(mt->va, i, l);
		if (!in_track(m, cva, mmu_entry_size(l)))
			continue;
		if (nadd == MAX_NEW_MOUNTS) {
			x->dirty = true;
			continue;
		}
		add[nadd++] = (struct new_mount){ val & ADDR_MASK, cva, mt->pcids,
						  l - 1 };
	}
	if (x->dirty)
		return;
	for (int k = 0; k < nadd; k++)
		mount(m, add[k].table, add[k].level, add[k].va, add[k].pcids);
}

/* What one CPU's model remembers before the word at pa changes. */
static void store_note(struct mmu *m, u64 pa, u64 val)
{
	u64 old;

	m->idx->quiet = false;
	if (m->vendor == MMU_TCG)
		return;
	/* Cheap when no table pointer changed since last time. */
	if (m->idx->dirty || m->idx->refresh)
		idx_sync(m);
	old = mmu_read_entry(pa);
	if (old != val)
		store_upper(m, pa, old, val);
	if (m->mutant)
		mutant_store(m, pa, old, val);
}

/*
 * The tables are shared: every CPU on m's ring (m->next_cpu) may have
 * cached what the word gave, so each records it before the one store.
 */
void mmu_store(struct mmu *m, u64 pa, u64 val)
{
	struct mmu *p = m;

	do {
		store_note(p, pa, val);
		p = p->next_cpu;
	} while (p && p != m);
	*(volatile u64 *)phys_to_virt(pa) = val;
	p = m;
	do {
		shadow_update(p, pa, val);
		p = p->next_cpu;
	} while (p && p != m);
}

void mmu_sync(struct mmu *m)
{
	idx_sync(m);
}
