// SPDX-License-Identifier: MIT
/* The Linux collapse and revert sequences (linux_seq.h). */
#include "tests/kernel/linux_seq.h"
#include "kernel/hw.h"
#include "mm/phys.h"
#include "mm/shootdown.h"

static bool in_list(const u64 *v, int n, u64 x)
{
	for (int i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

/*
 * The flush kinds that are sequences over the region rather than one
 * instruction (mm/flush_kinds.def): INVLPG of every page or of every 2 MiB
 * slot's first page, and INVLPGB of the region (the short kind one page
 * less: an inclusive end where the loop takes an exclusive one), then
 * TLBSYNC.  The free calls the table's flush between clearing the entry and
 * freeing the pages; while it runs, the sequence stands in for it, so the
 * order stays Linux's.
 */
static struct {
	u64 base, size;
	void (*insn)(const struct flush_req *req);
} range;

static bool is_sequence(enum flush_kind kind)
{
	const struct flush_scope *s = flush_scope(kind);

	if (s->insn == INSN_INVLPGB)
		return true;
	return s->reach == REACH_LOCAL &&
	       (s->at == FLUSH_AT_EACH || s->at == FLUSH_AT_EACH_PMD);
}

static void range_flush(const struct flush_req *req)
{
	const struct flush_scope *s = flush_scope(req->kind);
	struct flush_req one = { .kind = FLUSH_INVLPG };
	u64 pages = range.size / PAGE_SIZE, step;

	if (s->insn == INSN_INVLPGB) {
		if (req->kind == FLUSH_INVLPGB_SHORT)
			pages--;
		invlpgb_range(range.base, (u32)pages,
			      req->kind == FLUSH_INVLPGB_FINAL, s->sync);
		return;
	}
	step = s->at == FLUSH_AT_EACH_PMD ? PMD_SIZE : PAGE_SIZE;
	for (u64 va = range.base; va < range.base + range.size; va += step) {
		one.va = va;
		range.insn(&one);
	}
}

static u64 free_tables(struct pgt *p, struct linux_collapse *lc)
{
	void (*insn)(const struct flush_req *req) = p->flush;
	u64 freed;

	if (is_sequence(lc->req.kind)) {
		range.base = lc->va;
		range.size = lc->level == PT_LEVEL_PMD ? PMD_SIZE : PUD_SIZE;
		range.insn = insn;
		p->flush = range_flush;
	}
	freed = lc->level == PT_LEVEL_PMD ?
		pmd_free_pte_page(p, lc->va, &lc->req) :
		pud_free_pmd_page(p, lc->va, &lc->req);
	p->flush = insn;
	return freed;
}

const char *linux_collapse(struct pgt *p, struct linux_collapse *lc)
{
	u64 got;

	lc->freed = free_tables(p, lc);
	if (!lc->freed)
		return "the upper entry did not point at a table";
	/* LIFO: the PMD page comes back first, then the PTE pages. */
	for (int i = 0; i < lc->nr_tables; i++) {
		got = falloc_alloc(p->fa);
		if (got == FA_NO_FRAME)
			return "out of frames while reusing the freed pages";
		if (!in_list(lc->tables, lc->nr_tables, got)) {
			falloc_free(p->fa, got);
			return "the allocator did not hand the freed table pages back";
		}
		if (lc->reuse)
			lc->reuse(lc->arg, got, lc->level == PT_LEVEL_PUD &&
				  got == lc->freed);
	}
	if (lc->level == PT_LEVEL_PMD)
		return pmd_set_huge(p, lc->va, lc->huge_pa, lc->leaf_flags) ?
		       "pmd_set_huge failed" : NULL;
	return pud_set_huge(p, lc->va, lc->huge_pa, lc->leaf_flags) ?
	       "pud_set_huge failed" : NULL;
}

void linux_revert_pte_page(u64 pte_page, u64 pa, u64 flags)
{
	hw_write_entries(phys_to_virt(pte_page), PTRS_PER_TABLE,
			 pa | flags | PTE_P, PAGE_SIZE);
}
