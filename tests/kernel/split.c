// SPDX-License-Identifier: MIT
/*
 * Split: a huge entry replaced by a table, the reverse of the collapse.  A
 * 2 MiB (or 1 GiB) page is mapped and read, then a just-freed page becomes
 * the new PTE (or PMD) page and is linked in its place, either over the
 * live leaf (changing the page size in place, which Intel discourages and
 * AMD erratum 383 punishes) or after clearing it, flushed as told.
 */
#include "tests/kernel/families.h"
#include "tests/kernel/lab.h"
#include "kernel/console.h"
#include "kernel/cpu.h"

#define SPLIT_TOUCH	8
#define SPLIT_UNTOUCH	8
#define LAB_PUD_SPLIT_FIRST 100

struct split_param {
	enum pt_level level;	/* the huge leaf's level: PMD or PUD */
	bool inplace;		/* overwrite the live leaf with the table */
	enum flush_kind flush;
	bool global;
};

struct split_state {
	const struct split_param *p;
	u64 base, huge_pa, table;
	u64 va[SPLIT_TOUCH + SPLIT_UNTOUCH];
};

static u64 leaf_flags(const struct split_param *p)
{
	return PTE_RW | (p->global ? PTE_G : 0);
}

static void pick(struct scen_ctx *c, struct split_state *st)
{
	u64 size = st->p->level == PT_LEVEL_PUD ? PUD_SIZE : PMD_SIZE;

	for (int i = 0; i < SPLIT_TOUCH + SPLIT_UNTOUCH; i++) {
		u64 va;
		bool dup;

		do {
			va = st->base + ALIGN_DOWN(rng_below(&c->rng, size), PAGE_SIZE);
			dup = false;
			for (int j = 0; j < i; j++)
				dup |= ALIGN_DOWN(st->va[j], PAGE_SIZE) == va;
		} while (dup);
		st->va[i] = va + lab_offset(c);
		if (st->p->level == PT_LEVEL_PUD)
			sign_frames(st->huge_pa + ALIGN_DOWN(va - st->base, PAGE_SIZE), 1);
	}
}

/* Where each address lands once the table is in: a small page, or a 2 MiB one. */
static u64 new_target(const struct lab_frames *lf, const struct split_state *st,
		      u64 va)
{
	if (st->p->level == PT_LEVEL_PUD)
		return lf->huge2m + (va & (PMD_SIZE - 1));
	return lf->small[((va >> 12) & 511) % LAB_SMALL_FRAMES] +
	       (va & (PAGE_SIZE - 1));
}

/* The new table is a page that was freed a moment ago, as in Linux. */
static u64 just_freed_table(struct scen_ctx *c, const struct lab_frames *lf,
			    const struct split_state *st)
{
	u64 x = falloc_alloc(c->fa), t;

	if (x == FA_NO_FRAME)
		return FA_NO_FRAME;
	sign_frames(x, 1);	/* it held data before it was freed */
	falloc_free(c->fa, x);
	t = falloc_alloc(c->fa);
	if (st->p->level == PT_LEVEL_PUD) {
		pgt_fill_table(t, 0);
		for (int i = 0; i < PTRS_PER_TABLE; i++)
			((volatile u64 *)phys_to_virt(t))[i] =
				lf->huge2m | PTE_P | PTE_PS | leaf_flags(st->p);
	} else {
		for (int i = 0; i < PTRS_PER_TABLE; i++)
			((volatile u64 *)phys_to_virt(t))[i] =
				lf->small[i % LAB_SMALL_FRAMES] | PTE_P |
				leaf_flags(st->p);
	}
	return t;
}

static const char *split_iter(const struct scenario *s, struct scen_ctx *c,
			      const struct lab_frames *lf, struct split_state *st,
			      u64 it, struct scen_result *r)
{
	const struct split_param *p = st->p;
	struct flush_req req = { .kind = p->flush, .va = 0 };
	enum outcome want = s->cls == CLASS_OBSERVATION ? OUT_NR : OUT_COHERENT;
	u64 *e;
	int i, rc;

	st->base = p->level == PT_LEVEL_PUD ?
		   lab_pud_slot(LAB_PUD_SPLIT_FIRST +
				(unsigned int)rng_below(&c->rng, 64)) :
		   LAB_SPLIT_REGION + rng_below(&c->rng, 512) * PMD_SIZE;
	req.va = st->base;
	pick(c, st);
	lab_full_flush();
	rc = p->level == PT_LEVEL_PUD ?
	     pud_set_huge(c->pgt, st->base, st->huge_pa, leaf_flags(p)) :
	     pmd_set_huge(c->pgt, st->base, st->huge_pa, leaf_flags(p));
	if (rc)
		return "could not map the huge page";
	for (i = 0; i < SPLIT_TOUCH; i++) {
		struct expect e0 = { st->huge_pa + (st->va[i] - st->base),
				     EXPECT_NONE, EXPECT_NONE };

		if (lab_probe(c, s->name, it, st->va[i], &e0, true, OUT_COHERENT,
			      NULL, NULL) != OUT_COHERENT)
			return "the huge page did not read back before the split";
	}
	st->table = just_freed_table(c, lf, st);
	if (st->table == FA_NO_FRAME)
		return "out of frames for the new table";
	e = pgt_entry(c->pgt, st->base, p->level);
	if (!p->inplace)
		*e = 0;
	if (p->inplace)
		*e = st->table | PTE_P | PTE_RW;
	lab_flush(p->flush, req.va);
	if (!p->inplace)
		*e = st->table | PTE_P | PTE_RW;
	for (i = 0; i < SPLIT_TOUCH + SPLIT_UNTOUCH; i++) {
		struct expect ex = { new_target(lf, st, st->va[i]),
				     st->huge_pa + (st->va[i] - st->base),
				     EXPECT_NONE };

		if (lab_probe(c, s->name, it, st->va[i], &ex, i < SPLIT_TOUCH,
			      want, r, NULL) != OUT_COHERENT &&
		    s->cls != CLASS_OBSERVATION)
			r->pass = false;
	}
	req.kind = FLUSH_FULL;
	if (p->level == PT_LEVEL_PUD)
		pud_free_pmd_page(c->pgt, st->base, &req);
	else
		pmd_free_pte_page(c->pgt, st->base, &req);
	return NULL;
}

static void run_split(const struct scenario *s, struct scen_ctx *c,
		      struct scen_result *r)
{
	struct split_state st = { .p = s->param };
	const struct lab_frames *lf = lab_setup(c, st.p->level, &st.huge_pa, r);
	const char *why;

	if (!lf)
		return;
	for (u64 it = 0; it < c->opt->iters; it++) {
		why = split_iter(s, c, lf, &st, it, r);
		if (why) {
			lab_iter_error(s->name, it, why, r);
			pgt_unmap(c->pgt, st.base);
			lab_full_flush();
			return;
		}
		r->iters++;
		report_progress(s->name, it + 1, c->opt->iters);
	}
}

static const char *skip_split(const struct scenario *s, struct scen_ctx *c)
{
	const struct split_param *p = s->param;
	const char *why = NULL;

	if (p->level == PT_LEVEL_PUD && !cpu_info.pdpe1gb)
		return "cpuid lacks pdpe1gb (1 GiB pages)";
	if (p->global && !cpu_info.pge)
		return "cpuid lacks pge (global pages)";
	if (p->level == PT_LEVEL_PUD && lab_huge1g(c, &why) == FA_NO_FRAME)
		return why;
	return NULL;
}

#define SP(lvl, ip, fl, gl) (&(const struct split_param){ lvl, ip, fl, gl })
#define SPLIT(fam, n, cl, prm, d) { .name = fam "." n, .desc = d, .cls = cl, \
	.skip = skip_split, .run = run_split, .param = prm }

const struct scenario pmd_split_scenarios[PMD_SPLIT_COUNT] = {
	SPLIT("pmd_split", "inplace_noflush", CLASS_OBSERVATION,
	      SP(PT_LEVEL_PMD, true, FLUSH_NONE, false),
	      "2 MiB leaf overwritten by a table in place, no flush"),
	SPLIT("pmd_split", "inplace_invlpg", CLASS_OBSERVATION,
	      SP(PT_LEVEL_PMD, true, FLUSH_INVLPG, false),
	      "2 MiB leaf overwritten in place, INVLPG after (size change in place)"),
	SPLIT("pmd_split", "inplace_pge", CLASS_CORRECTNESS,
	      SP(PT_LEVEL_PMD, true, FLUSH_PGE, false),
	      "2 MiB leaf overwritten in place, CR4.PGE toggle after"),
	SPLIT("pmd_split", "clear_noflush", CLASS_OBSERVATION,
	      SP(PT_LEVEL_PMD, false, FLUSH_NONE, false),
	      "2 MiB leaf cleared, table linked, no flush"),
	SPLIT("pmd_split", "clear_invlpg", CLASS_CORRECTNESS,
	      SP(PT_LEVEL_PMD, false, FLUSH_INVLPG, false),
	      "2 MiB leaf cleared, INVLPG, table linked: the SDM's sequence"),
	SPLIT("pmd_split", "clear_cr3", CLASS_CORRECTNESS,
	      SP(PT_LEVEL_PMD, false, FLUSH_CR3, false),
	      "2 MiB leaf cleared, MOV to CR3, table linked"),
	SPLIT("pmd_split", "clear_pge", CLASS_CORRECTNESS,
	      SP(PT_LEVEL_PMD, false, FLUSH_PGE, false),
	      "2 MiB leaf cleared, CR4.PGE toggle, table linked"),
	SPLIT("pmd_split", "clear_cr3.global", CLASS_OBSERVATION,
	      SP(PT_LEVEL_PMD, false, FLUSH_CR3, true),
	      "global 2 MiB leaf cleared, MOV to CR3 (keeps globals), table linked"),
	SPLIT("pmd_split", "clear_invlpg.global", CLASS_CORRECTNESS,
	      SP(PT_LEVEL_PMD, false, FLUSH_INVLPG, true),
	      "global 2 MiB leaf cleared, INVLPG (drops globals), table linked"),
};

const struct scenario pud_split_scenarios[PUD_SPLIT_COUNT] = {
	SPLIT("pud_split", "inplace_noflush", CLASS_OBSERVATION,
	      SP(PT_LEVEL_PUD, true, FLUSH_NONE, false),
	      "1 GiB leaf overwritten by a PMD page in place, no flush"),
	SPLIT("pud_split", "clear_noflush", CLASS_OBSERVATION,
	      SP(PT_LEVEL_PUD, false, FLUSH_NONE, false),
	      "1 GiB leaf cleared, PMD page linked, no flush"),
	SPLIT("pud_split", "clear_invlpg", CLASS_CORRECTNESS,
	      SP(PT_LEVEL_PUD, false, FLUSH_INVLPG, false),
	      "1 GiB leaf cleared, INVLPG, PMD page linked"),
	SPLIT("pud_split", "clear_cr3", CLASS_CORRECTNESS,
	      SP(PT_LEVEL_PUD, false, FLUSH_CR3, false),
	      "1 GiB leaf cleared, MOV to CR3, PMD page linked"),
	SPLIT("pud_split", "clear_pge", CLASS_CORRECTNESS,
	      SP(PT_LEVEL_PUD, false, FLUSH_PGE, false),
	      "1 GiB leaf cleared, CR4.PGE toggle, PMD page linked"),
};
