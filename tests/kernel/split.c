// SPDX-License-Identifier: MIT
/*
 * The split engine (split.h): a huge entry replaced by a table, the reverse of the collapse.  A
 * 2 MiB (or 1 GiB) page is mapped and read, then a just-freed page becomes
 * the new PTE (or PMD) page and is linked in its place, either over the
 * live leaf (changing the page size in place, which Intel discourages and
 * AMD erratum 383 punishes) or after clearing it, flushed as told.
 */
#include "tests/kernel/split.h"
#include "tests/kernel/fixture.h"
#include "kernel/cpu.h"
#include "tests/kernel/skip_needs.h"
#include "harness/iter_budget.h"

#define SPLIT_TOUCH	8
#define SPLIT_UNTOUCH	8

struct split_state {
	const struct split_param *p;
	u64 base, huge_pa, table;
	u64 va[SPLIT_TOUCH + SPLIT_UNTOUCH];
};

static u64 leaf_flags(const struct split_param *p)
{
	return PTE_RW | (p->global ? PTE_G : 0);
}

/*
 * The probe addresses; where the flush names one page (fva), it is the
 * first touched one in every iteration, so that a flush that fails to
 * drop its own page shows.
 */
static void pick(struct scen_ctx *c, struct split_state *st, u64 fva)
{
	u64 size = st->p->level == PT_LEVEL_PUD ? PUD_SIZE : PMD_SIZE;
	bool named = flush_scope(st->p->flush)->tlb == TLB_ADDR;

	for (int i = 0; i < SPLIT_TOUCH + SPLIT_UNTOUCH; i++) {
		u64 va;
		bool dup;

		do {
			va = named && !i ? ALIGN_DOWN(fva, PAGE_SIZE) :
			     st->base + ALIGN_DOWN(rng_below(&c->rng, size), PAGE_SIZE);
			dup = false;
			for (int j = 0; j < i; j++)
				dup |= ALIGN_DOWN(st->va[j], PAGE_SIZE) == va;
		} while (dup);
		st->va[i] = va + fixture_offset(c);
		if (st->p->level == PT_LEVEL_PUD)
			sign_frames(st->huge_pa + ALIGN_DOWN(va - st->base, PAGE_SIZE), 1);
	}
}

/* Where each address lands once the table is in: a small page, or a 2 MiB one. */
static u64 new_target(const struct fixture_frames *fx, const struct split_state *st,
		      u64 va)
{
	if (st->p->level == PT_LEVEL_PUD)
		return fx->huge2m + (va & (PMD_SIZE - 1));
	return fx->small[((va >> 12) & 511) % FIX_SMALL_FRAMES] +
	       (va & (PAGE_SIZE - 1));
}

/* The new table is a page that was freed a moment ago, as in Linux. */
static u64 just_freed_table(struct scen_ctx *c, const struct fixture_frames *fx,
			    const struct split_state *st)
{
	u64 x = falloc_alloc(c->fa), t;

	if (x == FA_NO_FRAME)
		return FA_NO_FRAME;
	sign_frames(x, 1);	/* it held data before it was freed */
	falloc_free(c->fa, x);
	t = falloc_alloc(c->fa);
	if (st->p->level == PT_LEVEL_PUD) {
		pgt_fill_table(t, fx->huge2m | PTE_P | PTE_PS | leaf_flags(st->p));
	} else {
		for (int i = 0; i < PTRS_PER_TABLE; i++)
			hw_write_entry((u64 *)phys_to_virt(t) + i,
				       fx->small[i % FIX_SMALL_FRAMES] | PTE_P |
				       leaf_flags(st->p));
	}
	return t;
}

/* The flushed page, or touched/untouched: the new table covers one slot. */
static enum probe_cat split_category(const struct split_param *p, u64 va,
				     u64 fva, bool touched)
{
	if (flush_scope(p->flush)->tlb == TLB_ADDR &&
	    ALIGN_DOWN(va, PAGE_SIZE) == ALIGN_DOWN(fva, PAGE_SIZE))
		return CAT_FLUSHED;
	return touched ? CAT_TOUCHED : CAT_UNTOUCHED;
}

static const char *split_iter(const struct scenario *s, struct scen_ctx *c,
			      const struct fixture_frames *fx, struct split_state *st,
			      u64 it, struct scen_result *r)
{
	const struct split_param *p = st->p;
	const struct flush_req full = { .kind = FLUSH_FULL };
	u64 size = p->level == PT_LEVEL_PUD ? PUD_SIZE : PMD_SIZE;
	enum outcome want = s->cls == CLASS_OBSERVATION ? OUT_NR : OUT_COHERENT;
	u64 *e, fva;
	int i, rc;

	st->base = p->level == PT_LEVEL_PUD ?
		   fixture_pud_slot(FIX_PUD_SPLIT_FIRST +
				(unsigned int)rng_below(&c->rng, 64)) :
		   FIX_SPLIT_REGION + rng_below(&c->rng, 512) * PMD_SIZE;
	fva = flush_region_va(p->flush, st->base, size);
	pick(c, st, fva);
	fixture_full_flush();
	rc = p->level == PT_LEVEL_PUD ?
	     pud_set_huge(c->pgt, st->base, st->huge_pa, leaf_flags(p)) :
	     pmd_set_huge(c->pgt, st->base, st->huge_pa, leaf_flags(p));
	if (rc)
		return "could not map the huge page";
	for (i = 0; i < SPLIT_TOUCH; i++) {
		struct expect e0 = { st->huge_pa + (st->va[i] - st->base),
				     EXPECT_NONE, EXPECT_NONE, EXPECT_NONE };

		if (fixture_probe(c, &(struct probe){
			.name = s->name, .iter = it, .va = st->va[i],
			.expect = &e0, .touched = true, .want = OUT_COHERENT,
		}, NULL, NULL) != OUT_COHERENT)
			return "the huge page did not read back before the split";
	}
	st->table = just_freed_table(c, fx, st);
	if (st->table == FA_NO_FRAME)
		return "out of frames for the new table";
	e = pgt_entry(c->pgt, st->base, p->level);
	/* In place: the table over the live leaf, then the flush. */
	hw_write_entry(e, p->inplace ? st->table | PTE_P | PTE_RW : 0);
	fixture_flush(p->flush, fva);
	if (!p->inplace)
		hw_write_entry(e, st->table | PTE_P | PTE_RW);
	for (i = 0; i < SPLIT_TOUCH + SPLIT_UNTOUCH; i++) {
		struct expect ex = { new_target(fx, st, st->va[i]),
				     st->huge_pa + (st->va[i] - st->base),
				     EXPECT_NONE, EXPECT_NONE };

		if (fixture_probe(c, &(struct probe){
			.name = s->name, .iter = it, .va = st->va[i],
			.expect = &ex, .touched = i < SPLIT_TOUCH, .want = want,
			.cat = split_category(p, st->va[i], fva, i < SPLIT_TOUCH),
		}, r, NULL) != OUT_COHERENT &&
		    s->cls != CLASS_OBSERVATION)
			r->pass = false;
	}
	if (p->level == PT_LEVEL_PUD)
		pud_free_pmd_page(c->pgt, st->base, &full);
	else
		pmd_free_pte_page(c->pgt, st->base, &full);
	return NULL;
}

void run_split(const struct scenario *s, struct scen_ctx *c,
		      struct scen_result *r)
{
	struct split_state st = { .p = s->param };
	const struct fixture_frames *fx = fixture_setup(c, st.p->level, &st.huge_pa, r);
	struct iter_budget ib;
	const char *why;

	if (!fx)
		return;
	iter_budget_start(&ib, c, NULL);
	for (u64 it = 0; iter_budget_more(&ib, c, s, r); it++) {
		why = split_iter(s, c, fx, &st, it, r);
		if (why) {
			fixture_iter_error(s->name, it, why, r);
			pgt_unmap(c->pgt, st.base);
			fixture_full_flush();
			return;
		}
		r->iters++;
		result_unit_end(r);
		report_progress(s->name, it + 1, iter_budget_total(c));
	}
	iter_budget_end(&ib, c, r);
}

const char *skip_split(const struct scenario *s, struct scen_ctx *c)
{
	const struct split_param *p = s->param;
	const char *why = NULL;

	why = skip_level_flush(p->level, p->flush);
	if (why)
		return why;
	if (p->global && !cpu_info.pge)
		return "cpuid lacks pge (global pages)";
	if (p->level == PT_LEVEL_PUD && fixture_huge1g(c, &why) == FA_NO_FRAME)
		return why;
	return NULL;
}
