// SPDX-License-Identifier: MIT
/* The Linux collapse and revert sequences (linux_seq.h). */
#include "tests/kernel/linux_seq.h"
#include "kernel/hw.h"
#include "mm/phys.h"

static bool in_list(const u64 *v, int n, u64 x)
{
	for (int i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

const char *linux_collapse(struct pgt *p, struct linux_collapse *lc)
{
	u64 got;

	lc->freed = lc->level == PT_LEVEL_PMD ?
		    pmd_free_pte_page(p, lc->va, &lc->req) :
		    pud_free_pmd_page(p, lc->va, &lc->req);
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
