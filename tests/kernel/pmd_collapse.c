// SPDX-License-Identifier: MIT
/*
 * PMD collapse over a reused PTE page: the sequence of Linux's
 * pmd_free_pte_page() + pmd_set_huge().  A 2 MiB slot is mapped with a
 * fresh PTE page to small signed frames and some pages are read; then the
 * PMD is cleared, flushed as the variant says, the PTE page freed, taken
 * straight back from the allocator, filled with PTEs pointing at the canary
 * and the huge PMD installed.  Every probe afterwards should read the huge
 * page; a stale TLB entry reads the old small frame; a walk through a
 * cached PDE into the reused page reads the canary.
 */
#include "tests/kernel/families.h"
#include "tests/kernel/lab.h"
#include "kernel/console.h"

#define TOUCHED		8
#define UNTOUCHED	8

struct slot_state {
	u64 va;
	unsigned int touched[TOUCHED];
	unsigned int untouched[UNTOUCHED];
	u64 pte_page;
};

static bool contains(const unsigned int *v, int n, unsigned int x)
{
	for (int i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

/* Distinct pages: TOUCHED to warm up, UNTOUCHED never read before. */
static void pick_pages(struct scen_ctx *c, struct slot_state *st)
{
	unsigned int p;
	int n = 0;

	while (n < TOUCHED + UNTOUCHED) {
		p = (unsigned int)rng_below(&c->rng, 512);
		if (contains(st->touched, MIN(n, TOUCHED), p) ||
		    (n >= TOUCHED && contains(st->untouched, n - TOUCHED, p)))
			continue;
		if (n < TOUCHED)
			st->touched[n] = p;
		else
			st->untouched[n - TOUCHED] = p;
		n++;
	}
}

static struct expect expect_for(const struct lab_frames *lf, unsigned int page,
				u64 off)
{
	struct expect e = {
		.coherent = lf->huge2m + (u64)page * PAGE_SIZE + off,
		.stale = lf->small[page % LAB_SMALL_FRAMES] + off,
		.walk = lf->canary + off,
	};
	return e;
}

static int map_small(struct scen_ctx *c, const struct lab_frames *lf,
		     struct slot_state *st)
{
	for (unsigned int i = 0; i < 512; i++)
		if (pgt_map_4k(c->pgt, st->va + i * PAGE_SIZE,
			       lf->small[i % LAB_SMALL_FRAMES], PTE_RW))
			return -1;
	st->pte_page = *pgt_entry(c->pgt, st->va, PT_LEVEL_PMD) & PTE_ADDR_MASK;
	return 0;
}

static bool warm_up(const struct scenario *s, struct scen_ctx *c,
		    const struct lab_frames *lf, struct slot_state *st, u64 it)
{
	struct expect e;
	bool ok = true;

	for (int i = 0; i < TOUCHED; i++) {
		u64 off = lab_offset(c);

		e = expect_for(lf, st->touched[i], off);
		/* Before the collapse, "coherent" is the small frame. */
		e.coherent = e.stale;
		e.stale = EXPECT_NONE;
		ok &= lab_probe(c, s->name, it, st->va + st->touched[i] * PAGE_SIZE +
				off, &e, true, OUT_COHERENT, NULL, NULL) ==
		      OUT_COHERENT;
	}
	return ok;
}

static const char *collapse(const struct scenario *s, struct scen_ctx *c,
			    const struct lab_frames *lf, struct slot_state *st)
{
	struct flush_req req = { .kind = (enum flush_kind)s->variant,
				 .va = st->va };
	u64 freed, reused;

	freed = pmd_free_pte_page(c->pgt, st->va, &req);
	if (freed != st->pte_page)
		return "pmd_free_pte_page did not free the PTE page";
	reused = falloc_alloc(c->fa);
	if (reused != freed) {
		if (reused != FA_NO_FRAME)
			falloc_free(c->fa, reused);
		return "the allocator did not hand the freed PTE page back";
	}
	pgt_fill_table(reused, lf->canary | PTE_P | PTE_RW);
	if (pmd_set_huge(c->pgt, st->va, lf->huge2m, PTE_RW))
		return "pmd_set_huge failed";
	st->pte_page = reused;
	return NULL;
}

static void probe_all(const struct scenario *s, struct scen_ctx *c,
		      const struct lab_frames *lf, struct slot_state *st, u64 it,
		      struct scen_result *r)
{
	enum outcome want = s->cls == CLASS_OBSERVATION ? OUT_NR : OUT_COHERENT;
	struct expect e;
	u64 off;

	for (int i = 0; i < TOUCHED + UNTOUCHED; i++) {
		bool touched = i < TOUCHED;
		unsigned int page = touched ? st->touched[i] :
				    st->untouched[i - TOUCHED];

		off = lab_offset(c);
		e = expect_for(lf, page, off);
		if (lab_probe(c, s->name, it, st->va + page * PAGE_SIZE + off, &e,
			      touched, want, r, NULL) != OUT_COHERENT &&
		    s->cls != CLASS_OBSERVATION)
			r->pass = false;
	}
}

static void teardown(struct scen_ctx *c, struct slot_state *st)
{
	pgt_unmap(c->pgt, st->va);
	lab_full_flush();
	falloc_free(c->fa, st->pte_page);
}

static void run_collapse(const struct scenario *s, struct scen_ctx *c,
			 struct scen_result *r)
{
	const char *why = NULL;
	const struct lab_frames *lf = lab_frames(c, &why);
	struct slot_state st;
	u64 it;

	lab_reset_diagnostics();
	if (!lf) {
		r->error = true;
		kprintf("    # error: %s\n", why);
		return;
	}
	r->pass = true;
	for (it = 0; it < c->opt->iters; it++) {
		st.va = lab_pmd_slot((unsigned int)rng_below(&c->rng, 512));
		pick_pages(c, &st);
		lab_full_flush();
		if (map_small(c, lf, &st) || !warm_up(s, c, lf, &st, it)) {
			why = "could not map or read the small pages";
		} else {
			why = collapse(s, c, lf, &st);
		}
		if (why) {
			kprintf("    # error: name=%s iter=%llu %s\n", s->name,
				(unsigned long long)it, why);
			r->error = true;
			pgt_unmap(c->pgt, st.va);
			lab_full_flush();
			return;
		}
		probe_all(s, c, lf, &st, it, r);
		teardown(c, &st);
		r->iters++;
		report_progress(s->name, it + 1, c->opt->iters);
	}
}

#define COLLAPSE(n, k, cl, d) { .name = "pmd_collapse." n, .desc = d, .cls = cl, \
				.run = run_collapse, .variant = k }

const struct scenario pmd_collapse_scenarios[PMD_COLLAPSE_COUNT] = {
	COLLAPSE("noflush", FLUSH_NONE, CLASS_OBSERVATION,
		 "clear PMD, free+reuse PTE page, no flush (Linux 28ee90fe6048)"),
	COLLAPSE("invlpg_first", FLUSH_INVLPG, CLASS_OBSERVATION,
		 "clear PMD, INVLPG of the first page, free+reuse (Linux 5e0fb5df2ee8)"),
	COLLAPSE("cr3", FLUSH_CR3, CLASS_CORRECTNESS,
		 "clear PMD, MOV to CR3, free+reuse: must read the huge page"),
	COLLAPSE("pge", FLUSH_PGE, CLASS_CORRECTNESS,
		 "clear PMD, CR4.PGE toggle, free+reuse: must read the huge page"),
};
