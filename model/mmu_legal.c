// SPDX-License-Identifier: MIT
/*
 * Legal machines: one concrete CPU among those the architecture permits,
 * drawn from a seed (`tlbprobe-model --machine random`, docs/model.md).
 *
 * The model keeps every entry a CPU *may* hold; a real CPU holds some of
 * them, loses them at any moment and serves a read from whichever it has.
 * Each knob here is one way real machines differ, and each only takes away
 * from what the model keeps or picks among what it allows, so a legal
 * machine can never read an outcome mmu_allowed() would not give:
 *
 * - eviction between any two accesses, and full flushes at random moments
 *   (an SMI, a vCPU moved to another physical CPU): SDM 4.10.2.2 and
 *   4.10.3.1 let a CPU drop any entry at any time;
 * - whether a translation about to go stale was in the cache at all (it
 *   got there only if a walk, speculative or not, filled it while the
 *   tables still gave it: SDM 4.10.2.3, 4.10.3.1; the model records only
 *   what the tables gave at that moment, so a fill never caches anything
 *   a walk of the then-current tables would not have given);
 * - a paging-structure cache and a TLB of limited size (LRU over the kept
 *   entries; the current tables' entries are a walk away, so a cap of N
 *   means "N stale entries at most");
 * - AMD's re-walk of the current tables before it reports a #PF (APM
 *   vol. 2 5.5.3): the current walk is always allowed;
 * - which outcome a read gets when several are cached;
 * - the readings of the named ambiguities (fractured entries, INVPCID
 *   type 0's reach into the PSC), drawn into struct mmu_params.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/mmu_internal.h"

static bool coin(struct mmu_legal *l, u32 ppm)
{
	return ppm && rng_below(&l->rng, 1000000) < ppm;
}

/* Log-uniform-ish rates, so that rare and frequent both get drawn. */
static u32 draw_ppm(struct rng *r)
{
	static const u32 rates[] = { 0, 0, 100, 1000, 10000, 50000, 200000,
				     500000 };

	return rates[rng_below(r, ARRAY_SIZE(rates))];
}

static int draw_cap(struct rng *r)
{
	static const int caps[] = { -1, -1, 0, 1, 2, 4, 16, 64, 512 };

	return caps[rng_below(r, ARRAY_SIZE(caps))];
}

void mmu_legal_draw(struct mmu_legal *l, struct mmu_params *par,
		    enum mmu_vendor v, u64 seed)
{
	struct rng r;
	static const u32 fills[] = { 1000000, 1000000, 900000, 500000, 100000 };
	static const u32 stalest[] = { 1000000, 900000, 500000, 0 };

	rng_seed(&r, seed ^ 0x6C6567616CULL);
	*l = (struct mmu_legal){ .on = true };
	l->evict_ppm = draw_ppm(&r);
	l->flush_ppm = draw_ppm(&r) / 10;
	l->fill_ppm = fills[rng_below(&r, ARRAY_SIZE(fills))];
	l->stalest_ppm = stalest[rng_below(&r, ARRAY_SIZE(stalest))];
	for (int lv = 2; lv <= 4; lv++)
		l->psc_cap[lv] = draw_cap(&r);
	l->tlb_cap = draw_cap(&r);
	l->amd_rewalk = (v == MMU_AMD || v == MMU_AMD_TCE) && rng_below(&r, 2);
	par->invlpg_fractured = rng_below(&r, 2) ? FRACTURED_DROP : FRACTURED_KEEP;
	par->invpcid0_psc = rng_below(&r, 2) ? INVPCID0_PSC_ALL : INVPCID0_PSC_PATH;
	rng_seed(&l->rng, rng_next(&r));
}

int mmu_legal_describe(const struct mmu_legal *l, char *buf, int len)
{
	return snprintf(buf, (size_t)len,
			"evict_ppm=%u flush_ppm=%u fill_ppm=%u stalest_ppm=%u "
			"psc_cap=%d,%d,%d tlb_cap=%d amd_rewalk=%d",
			l->evict_ppm, l->flush_ppm, l->fill_ppm, l->stalest_ppm,
			l->psc_cap[2], l->psc_cap[3], l->psc_cap[4], l->tlb_cap,
			l->amd_rewalk);
}

/* Was the translation that is about to go stale in the cache at all? */
bool legal_fills(struct mmu *m)
{
	struct mmu_legal *l = &m->legal;

	if (!l->on || l->fill_ppm >= 1000000)
		return true;
	if (coin(l, l->fill_ppm))
		return true;
	l->unfilled++;
	return false;
}

static int live_tlb(const struct mmu *m)
{
	return m->tlb->n - m->tlb->ndead;
}

static void kill_tlb(struct mmu *m, int i)
{
	if (m->tlb->e[i].dead)
		return;
	m->tlb->e[i].dead = true;
	m->tlb->ndead++;
	m->legal.evicted++;
}

/* The least recently used live entry, or -1. */
static int lru_tlb(const struct mmu *m)
{
	int best = -1;

	for (int i = 0; i < m->tlb->n; i++)
		if (!m->tlb->e[i].dead &&
		    (best < 0 || m->tlb->e[i].used < m->tlb->e[best].used))
			best = i;
	return best;
}

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* Drop the over least recently used (ties may take a few more: legal). */
static void drop_oldest_tlb(struct mmu *m, int over)
{
	u64 *used, limit;
	int n = 0;

	if (over <= 4) {
		while (over-- > 0)
			kill_tlb(m, lru_tlb(m));
		return;
	}
	used = malloc(sizeof(*used) * (size_t)m->tlb->n);
	if (!used)
		abort();
	for (int i = 0; i < m->tlb->n; i++)
		if (!m->tlb->e[i].dead)
			used[n++] = m->tlb->e[i].used;
	qsort(used, (size_t)n, sizeof(*used), cmp_u64);
	limit = used[over - 1];
	free(used);
	for (int i = 0; i < m->tlb->n; i++)
		if (m->tlb->e[i].used <= limit)
			kill_tlb(m, i);
}

static int psc_count(const struct mmu *m, int level)
{
	int n = 0;

	for (int i = 0; i < m->psc->n; i++)
		n += !m->psc->e[i].dead && m->psc->e[i].level == level;
	return n;
}

static int lru_psc(const struct mmu *m, int level)
{
	int best = -1;

	for (int i = 0; i < m->psc->n; i++) {
		const struct psc_ent *e = &m->psc->e[i];

		if (!e->dead && (level < 0 || e->level == level) &&
		    (best < 0 || e->used < m->psc->e[best].used))
			best = i;
	}
	return best;
}

static void kill_psc(struct mmu *m, int i)
{
	m->psc->e[i].dead = true;
	m->legal.evicted++;
}

static bool enforce_caps(struct mmu *m)
{
	struct mmu_legal *l = &m->legal;
	bool psc_changed = false;

	if (l->tlb_cap >= 0 && live_tlb(m) > l->tlb_cap)
		drop_oldest_tlb(m, live_tlb(m) - l->tlb_cap);
	for (int lv = 2; lv <= 4; lv++) {
		while (l->psc_cap[lv] >= 0 && psc_count(m, lv) > l->psc_cap[lv]) {
			kill_psc(m, lru_psc(m, lv));
			psc_changed = true;
		}
	}
	return psc_changed;
}

static bool evict_one(struct mmu *m)
{
	struct mmu_legal *l = &m->legal;
	int nt = live_tlb(m), np = 0;
	u64 k;

	for (int i = 0; i < m->psc->n; i++)
		np += !m->psc->e[i].dead;
	if (!nt && !np)
		return false;
	k = rng_below(&l->rng, (u64)(nt + np));
	for (int i = 0; i < m->psc->n; i++) {
		if (m->psc->e[i].dead)
			continue;
		if (k-- == 0) {
			kill_psc(m, i);
			return true;
		}
	}
	for (int i = 0; i < m->tlb->n; i++) {
		if (m->tlb->e[i].dead)
			continue;
		if (k-- == 0) {
			kill_tlb(m, i);
			break;
		}
	}
	return false;
}

/*
 * Between two accesses: a full flush, one eviction, and the size limits.
 * A PSC entry that goes takes its mounts with it (the index is rebuilt).
 */
void legal_before_access(struct mmu *m)
{
	struct mmu_legal *l = &m->legal;
	bool psc_changed = false;

	if (!l->on)
		return;
	l->clock++;
	if (coin(l, l->flush_ppm)) {
		l->flushed++;
		mmu_flush_everything(m);
		return;
	}
	if (coin(l, l->evict_ppm))
		psc_changed |= evict_one(m);
	psc_changed |= enforce_caps(m);
	if (m->tlb->ndead > m->tlb->n / 2)
		tlb_compact(m);
	if (psc_changed) {
		psc_compact(m);
		idx_refresh(m);
	}
}

/* Which allowed outcome the read gets: the stalest one, or any. */
int legal_choose(struct mmu *m, const struct mmu_outcome *o, int n, int stalest)
{
	struct mmu_legal *l = &m->legal;

	(void)o;
	if (coin(l, l->stalest_ppm))
		return stalest;
	return (int)rng_below(&l->rng, (u64)n);
}

struct touch {
	u64 va, clock;
	const struct mmu_outcome *o;
};

static void touch_one(struct mmu *m, struct tlb_ent *t, void *arg)
{
	struct touch *tc = arg;
	u64 size = mmu_entry_size(t->level);

	(void)m;
	if (((t->val & ADDR_MASK & ~(size - 1)) | (tc->va & (size - 1))) == tc->o->pa)
		t->used = tc->clock;
}

/* The TLB entry that served a read is the most recently used. */
void legal_touch_tlb(struct mmu *m, u64 va, const struct mmu_outcome *o)
{
	struct touch tc = { va, m->legal.clock, o };

	if (m->legal.on)
		tlb_for_va(m, va, touch_one, &tc);
}

/* "key=value,key=value" over a machine that keeps everything. */
int mmu_legal_parse(struct mmu_legal *l, const char *spec, u64 seed)
{
	static const char *const keys[] = {
		"evict_ppm", "flush_ppm", "fill_ppm", "stalest_ppm",
		"psc_cap_pde", "psc_cap_pdpte", "psc_cap_pml4e", "tlb_cap",
		"amd_rewalk",
	};
	const char *p = spec;

	*l = (struct mmu_legal){ .on = true, .fill_ppm = 1000000,
				 .stalest_ppm = 1000000, .tlb_cap = -1,
				 .psc_cap = { -1, -1, -1, -1, -1 } };
	rng_seed(&l->rng, seed ^ 0x6B6E6F6273ULL);
	while (*p) {
		size_t n = strcspn(p, "="), k;
		char *end;
		long v;

		for (k = 0; k < ARRAY_SIZE(keys); k++)
			if (strlen(keys[k]) == n && !strncmp(p, keys[k], n))
				break;
		if (k == ARRAY_SIZE(keys) || p[n] != '=')
			return -1;
		v = strtol(p + n + 1, &end, 10);
		if (end == p + n + 1 || (*end && *end != ',') || v < -1 ||
		    v > 1000000)
			return -1;
		switch (k) {
		case 0: l->evict_ppm = (u32)(v < 0 ? 0 : v); break;
		case 1: l->flush_ppm = (u32)(v < 0 ? 0 : v); break;
		case 2: l->fill_ppm = (u32)(v < 0 ? 0 : v); break;
		case 3: l->stalest_ppm = (u32)(v < 0 ? 0 : v); break;
		case 4: case 5: case 6: l->psc_cap[k - 2] = (int)v; break;
		case 7: l->tlb_cap = (int)v; break;
		default: l->amd_rewalk = v > 0; break;
		}
		p = *end ? end + 1 : end;
	}
	return 0;
}
