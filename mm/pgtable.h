/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_PGTABLE_H
#define TLBPROBE_PGTABLE_H

#include "kernel/types.h"
#include "mm/frame_alloc.h"
#include "mm/flush.h"

/* Entry bits, Intel SDM vol. 3A tables 4-15 to 4-20. */
#define PTE_P		(1ULL << 0)
#define PTE_RW		(1ULL << 1)
#define PTE_US		(1ULL << 2)
#define PTE_PWT		(1ULL << 3)
#define PTE_PCD		(1ULL << 4)
#define PTE_A		(1ULL << 5)
#define PTE_D		(1ULL << 6)
#define PTE_PS		(1ULL << 7)	/* in a PDE or PDPTE: maps a page */
#define PTE_G		(1ULL << 8)
#define PTE_PAT_LARGE	(1ULL << 12)
#define PTE_NX		(1ULL << 63)
#define PTE_ADDR_MASK	0x000FFFFFFFFFF000ULL
#define PDE_ADDR_MASK	0x000FFFFFFFE00000ULL
#define PDPTE_ADDR_MASK	0x000FFFFFC0000000ULL

#define PTRS_PER_TABLE	512

enum pt_level {
	PT_LEVEL_PTE = 1,
	PT_LEVEL_PMD = 2,	/* page directory */
	PT_LEVEL_PUD = 3,	/* page-directory-pointer table */
	PT_LEVEL_PGD = 4,	/* PML4 */
};

struct pgt {
	u64 root_pa;		/* the PML4 */
	struct frame_alloc *fa;
	/* How flushes are carried out: the CPU in the kernel, a spy in tests. */
	void (*flush)(const struct flush_req *req);
};

static inline unsigned int pt_index(u64 va, enum pt_level level)
{
	return (unsigned int)(va >> (12 + 9 * (level - 1))) & 511;
}

int pgt_init(struct pgt *p, struct frame_alloc *fa,
	     void (*flush)(const struct flush_req *req));
/* Pointer to the entry for va at level, or NULL if a table above is absent. */
u64 *pgt_entry(const struct pgt *p, u64 va, enum pt_level level);
/*
 * The entry at level, allocating zeroed tables above it as needed.  NULL if
 * a frame could not be had or a huge page above is in the way.
 */
u64 *pgt_entry_alloc(struct pgt *p, u64 va, enum pt_level level);

int pgt_map_4k(struct pgt *p, u64 va, u64 pa, u64 flags);
int pgt_map_2m(struct pgt *p, u64 va, u64 pa, u64 flags);
int pgt_map_1g(struct pgt *p, u64 va, u64 pa, u64 flags);
/* Clear the leaf that maps va (any size); returns the old entry or 0. */
u64 pgt_unmap(struct pgt *p, u64 va);
/* Walk as the CPU would; the physical address or -1 when unmapped. */
u64 pgt_translate(const struct pgt *p, u64 va, u64 *leaf, enum pt_level *lvl);

/*
 * The Linux operations (arch/x86/mm/pgtable.c).  *_free_* clear the upper
 * entry (pud_free_pmd_page: every PMD entry first, as Linux 5e0fb5df2ee8
 * does), flush once as req says, then free the table page(s): the freed pages
 * go to the top of the allocator's stack.  They return the physical
 * address of the freed page (the PMD page for pud_free_pmd_page), or 0 if
 * the entry did not point at a table.
 */
u64 pmd_free_pte_page(struct pgt *p, u64 va, const struct flush_req *req);
u64 pud_free_pmd_page(struct pgt *p, u64 va, const struct flush_req *req);
int pmd_set_huge(struct pgt *p, u64 va, u64 pa, u64 flags);
int pud_set_huge(struct pgt *p, u64 va, u64 pa, u64 flags);

/* A fresh, zeroed page-table page; FA_NO_FRAME if memory is out. */
u64 pgt_alloc_table(struct pgt *p);
void pgt_fill_table(u64 table_pa, u64 entry);

#endif
