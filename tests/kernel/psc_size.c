// SPDX-License-Identifier: MIT
/*
 * How many entries a paging-structure cache holds (not architectural:
 * SDM 4.10.3 lets a processor cache any number, or none; AMD's Family 16h
 * guide names a 16-entry page directory cache).  One pass at N:
 *   1. map N distinct regions (2 MiB slots for the PDE cache, 1 GiB slots
 *      for the PDPTE cache), each under its own table page, and read one
 *      page of each: the walk may leave the upper entry cached;
 *   2. clear the N upper entries (PDE or PDPTE) and write the canary
 *      pattern into the N unlinked table pages (tests/kernel/reuse.c), all
 *      without a flush;
 *   3. read one other page of each region: the current tables give a #PF
 *      (not present); a read of the canary went through a cached entry
 *      that still pointed at the reused page (a stale walk, SDM 4.10.3.1).
 * The regions that showed one say how many entries were held at once, and
 * the knee over N the capacity (tests/kernel/psc_estimate.c).  With
 * EFER.TCE=1 the same after one INVLPG of the first region's probe: AMD
 * drops only the entries on that address's path (APM vol. 2 3.1.7, 5.5.3),
 * so the count is what one INVLPG leaves behind.  All rows observe.
 */
#include "tests/kernel/fixture.h"
#include "tests/kernel/psc_estimate.h"
#include "tests/kernel/reuse.h"
#include "kernel/cpu.h"
#include "kernel/format.h"
#include "mm/cpu_mode.h"

#define PS_MAX		64
#define PS_PASSES_MAX	4

static const u32 sweep[] = { 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64 };
#define PS_NPTS	ARRAY_SIZE(sweep)

struct ps_param {
	enum pt_level level;	/* the entry unlinked: PMD (PDE) or PUD (PDPTE) */
	bool tce;		/* EFER.TCE=1 and one INVLPG before the probes */
};

static u64 tables[PS_MAX], ptes[PS_MAX];

static void ps_params(const struct scenario *s, struct row_params *p)
{
	const struct ps_param *q = s->param;

	p->level = q->level == PT_LEVEL_PUD ? "pud" : "pmd";
	p->flush = flush_name(q->tce ? FLUSH_INVLPG : FLUSH_NONE);
	p->reuse = "canary";
	p->tce = q->tce;
	p->cpus = 1;
}

static u64 region_va(const struct ps_param *q, unsigned int i)
{
	if (q->level == PT_LEVEL_PUD)
		return WINDOW_BASE + (u64)(FIX_PS_PDPTE_FIRST + i) * PUD_SIZE;
	return FIX_PS_PDE_BASE + (u64)i * PMD_SIZE;
}

/* An address in region i that the warm-up did not read. */
static u64 probe_va(const struct ps_param *q, unsigned int i, u64 off)
{
	return region_va(q, i) + off +
	       (q->level == PT_LEVEL_PUD ? PMD_SIZE : PAGE_SIZE);
}

static bool map_warm(const struct scenario *s, struct scen_ctx *c,
		     const struct fixture_frames *fx, unsigned int n, u64 off)
{
	const struct ps_param *q = s->param;
	struct expect e = { 0, EXPECT_NONE, EXPECT_NONE, EXPECT_NONE };
	struct probe p = { .name = s->name, .expect = &e, .touched = true,
			   .want = OUT_COHERENT };
	u64 va;

	for (unsigned int i = 0; i < n; i++) {
		va = region_va(q, i);
		if (pgt_map_4k(c->pgt, va, fx->small[i % FIX_SMALL_FRAMES], PTE_RW))
			return false;
		tables[i] = *pgt_entry(c->pgt, va, q->level) & PTE_ADDR_MASK;
		ptes[i] = *pgt_entry(c->pgt, va, PT_LEVEL_PMD) & PTE_ADDR_MASK;
	}
	for (unsigned int i = 0; i < n; i++) {
		e.coherent = fx->small[i % FIX_SMALL_FRAMES] + off;
		p.va = region_va(q, i) + off;
		if (fixture_probe(c, &p, NULL, NULL) != OUT_COHERENT)
			return false;
	}
	return true;
}

/*
 * A PTE page takes the whole canary pattern.  A PMD page takes it in the
 * probed slot only (slot 1; slot 0's entry, the freed PTE page, cleared):
 * a walk reads that one entry, and 64 pages of 512 canary-table links
 * would make the MMU model mount the canary table 32768 times.
 */
static void reuse_table(const struct fixture_frames *fx, u64 table, bool upper)
{
	u64 *t = phys_to_virt(table);

	if (!upper) {
		reuse_write(REUSE_CANARY, fx, table, false);
		return;
	}
	hw_write_entry(&t[0], 0);
	hw_write_entry(&t[1], reuse_word(REUSE_CANARY, fx, true, 1));
}

/* Steps 2 and 3; how many regions showed a stale walk. */
static u32 unlink_probe(const struct scenario *s, struct scen_ctx *c,
			const struct fixture_frames *fx, unsigned int n,
			u64 off, u64 it, struct scen_result *r)
{
	const struct ps_param *q = s->param;
	bool upper = q->level == PT_LEVEL_PUD;
	struct expect e = { EXPECT_NONE, EXPECT_NONE, fx->canary + off,
			    fx->canary_pdpte + off };
	struct probe p = { .name = s->name, .iter = it, .expect = &e,
			   .cat = CAT_UNTOUCHED, .want = OUT_NR };
	u32 seen = 0;

	for (unsigned int i = 0; i < n; i++)
		hw_write_entry(pgt_entry(c->pgt, region_va(q, i), q->level), 0);
	for (unsigned int i = 0; i < n; i++)
		reuse_table(fx, tables[i], upper);
	if (q->tce)
		fixture_flush(FLUSH_INVLPG, probe_va(q, 0, off));
	for (unsigned int i = 0; i < n; i++) {
		p.va = probe_va(q, i, off);
		/* Region 0's probe is the page the INVLPG named. */
		p.cat = q->tce && !i ? CAT_FLUSHED : CAT_UNTOUCHED;
		seen += outcome_psc(fixture_probe(c, &p, r, NULL));
	}
	return seen;
}

static void free_tables(const struct ps_param *q, struct scen_ctx *c,
			unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		falloc_free(c->fa, tables[i]);
		if (q->level == PT_LEVEL_PUD)
			falloc_free(c->fa, ptes[i]);
	}
}

static bool one_point(const struct scenario *s, struct scen_ctx *c,
		      const struct fixture_frames *fx, struct psc_point *pt,
		      u64 *it, struct scen_result *r)
{
	const struct ps_param *q = s->param;
	u32 seen;
	u64 off;

	for (u32 k = 0; k < pt->passes; k++, (*it)++) {
		off = fixture_offset(c);
		fixture_full_flush();
		if (q->tce && tce_set(true))
			return false;
		if (!map_warm(s, c, fx, pt->n, off)) {
			tce_set(false);
			return false;
		}
		seen = unlink_probe(s, c, fx, pt->n, off, *it, r);
		if (q->tce)
			tce_set(false);
		fixture_full_flush();
		free_tables(q, c, pt->n);
		pt->seen += seen;
		pt->most = MAX(pt->most, seen);
		r->iters++;
		result_unit_end(r);
	}
	return true;
}

static void report_points(struct scen_result *r, const struct psc_point *pts)
{
	struct psc_capacity cap;
	char key[8], val[24];

	for (unsigned int i = 0; i < PS_NPTS; i++) {
		fmt_snprintf(key, sizeof(key), "n%u", pts[i].n);
		fmt_snprintf(val, sizeof(val), "%llu/%llu",
			     (unsigned long long)pts[i].seen,
			     (unsigned long long)pts[i].n * pts[i].passes);
		result_kv_str(r, key, val);
	}
	psc_estimate(pts, PS_NPTS, &cap);
	psc_capacity_format(&cap, val, sizeof(val));
	result_kv_str(r, "capacity", val);
}

static void run_psc_size(const struct scenario *s, struct scen_ctx *c,
			 struct scen_result *r)
{
	const struct fixture_frames *fx = fixture_row_begin(c, r);
	struct psc_point pts[PS_NPTS];
	/* iters/16 passes (1 at the default), at most 4: every machine runs it. */
	u32 passes = (u32)MIN(MAX(c->opt->iters / 16, 1), PS_PASSES_MAX);
	u64 it = 0;

	if (!fx)
		return;
	r->pass = true;
	for (unsigned int i = 0; i < PS_NPTS; i++) {
		pts[i] = (struct psc_point){ .n = sweep[i], .passes = passes };
		if (!one_point(s, c, fx, &pts[i], &it, r)) {
			fixture_iter_error(s->name, it, "could not map or warm "
					   "the regions", r);
			return;
		}
		report_progress(s->name, i + 1, PS_NPTS);
	}
	report_points(r, pts);
}

static const char *skip_psc_size(const struct scenario *s, struct scen_ctx *c)
{
	const struct ps_param *q = s->param;

	(void)c;
	if (q->tce && !cpu_info.tce)
		return "cpuid lacks tce (AMD translation-cache extension)";
	return NULL;
}

/* The model derives every row's class (harness/derived_classes.c). */
#define ROW(n, d, ...) { .name = "psc_size." n, .desc = d,		\
	.cls = CLASS_DERIVED, .run = run_psc_size,			\
	.skip = skip_psc_size, .params = ps_params,			\
	.param = &(const struct ps_param){ __VA_ARGS__ } }

static const struct scenario rows[] = {
	ROW("pde", "PDE cache: N 2 MiB regions unlinked and reused, no flush",
	    .level = PT_LEVEL_PMD),
	ROW("pdpte", "PDPTE cache: N 1 GiB regions unlinked and reused, no flush",
	    .level = PT_LEVEL_PUD),
	ROW("pde.tce_invlpg", "as pde, EFER.TCE=1, one INVLPG of the first region",
	    .level = PT_LEVEL_PMD, .tce = true),
	ROW("pdpte.tce_invlpg", "as pdpte, EFER.TCE=1, one INVLPG of the first region",
	    .level = PT_LEVEL_PUD, .tce = true),
};

FAMILY(psc_size, 64, false, rows);
