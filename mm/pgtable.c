// SPDX-License-Identifier: MIT
/*
 * 4-level page tables, written the way the SDM lays them out.  Every table
 * page comes from the frame allocator and is reached through the direct
 * map, so the same code runs in the kernel and over the host test arena.
 * Every store into a table goes through the hardware seam (kernel/hw.h),
 * so that a software model sees each one; reads are plain loads.
 */
#include "mm/pgtable.h"
#include "mm/phys.h"
#include "kernel/hw.h"

static u64 *table(u64 pa)
{
	return phys_to_virt(pa & PTE_ADDR_MASK);
}

/* Upper entries are as permissive as possible: the leaf decides. */
#define TABLE_FLAGS	(PTE_P | PTE_RW)

u64 pgt_alloc_table(struct pgt *p)
{
	u64 pa = falloc_alloc(p->fa);

	if (pa != FA_NO_FRAME)
		pgt_fill_table(pa, 0);
	return pa;
}

void pgt_fill_table(u64 table_pa, u64 entry)
{
	hw_write_entries(table(table_pa), PTRS_PER_TABLE, entry, 0);
}

int pgt_init(struct pgt *p, struct frame_alloc *fa,
	     void (*flush)(const struct flush_req *req))
{
	p->fa = fa;
	p->flush = flush;
	p->root_pa = 0;
	p->root_pa = pgt_alloc_table(p);
	return p->root_pa == FA_NO_FRAME ? -1 : 0;
}

static bool is_table(u64 e)
{
	return (e & PTE_P) && !(e & PTE_PS);
}

u64 *pgt_entry(const struct pgt *p, u64 va, enum pt_level level)
{
	u64 tpa = p->root_pa;
	enum pt_level l;
	u64 *e;

	for (l = PT_LEVEL_PGD; l > level; l--) {
		e = &table(tpa)[pt_index(va, l)];
		if (!is_table(*e))
			return NULL;
		tpa = *e & PTE_ADDR_MASK;
	}
	return &table(tpa)[pt_index(va, level)];
}

u64 *pgt_entry_alloc(struct pgt *p, u64 va, enum pt_level level)
{
	u64 tpa = p->root_pa, npa;
	enum pt_level l;
	u64 *e;

	for (l = PT_LEVEL_PGD; l > level; l--) {
		e = &table(tpa)[pt_index(va, l)];
		if (!(*e & PTE_P)) {
			npa = pgt_alloc_table(p);
			if (npa == FA_NO_FRAME)
				return NULL;
			hw_write_entry(e, npa | TABLE_FLAGS);
		} else if (*e & PTE_PS) {
			return NULL;
		}
		tpa = *e & PTE_ADDR_MASK;
	}
	return &table(tpa)[pt_index(va, level)];
}

static int map_leaf(struct pgt *p, u64 va, u64 pa, u64 flags,
		    enum pt_level level, u64 size)
{
	u64 *e;

	if (!IS_ALIGNED(va, size) || !IS_ALIGNED(pa, size))
		return -1;
	e = pgt_entry_alloc(p, va, level);
	if (!e || (*e & PTE_P))
		return -1;
	hw_write_entry(e, pa | flags | PTE_P |
		       (level > PT_LEVEL_PTE ? PTE_PS : 0));
	return 0;
}

int pgt_map_4k(struct pgt *p, u64 va, u64 pa, u64 flags)
{
	return map_leaf(p, va, pa, flags, PT_LEVEL_PTE, PAGE_SIZE);
}

int pgt_map_2m(struct pgt *p, u64 va, u64 pa, u64 flags)
{
	return map_leaf(p, va, pa, flags, PT_LEVEL_PMD, PMD_SIZE);
}

int pgt_map_1g(struct pgt *p, u64 va, u64 pa, u64 flags)
{
	return map_leaf(p, va, pa, flags, PT_LEVEL_PUD, PUD_SIZE);
}

u64 pgt_translate(const struct pgt *p, u64 va, u64 *leaf, enum pt_level *lvl)
{
	u64 tpa = p->root_pa, e;
	enum pt_level l;

	for (l = PT_LEVEL_PGD; l >= PT_LEVEL_PTE; l--) {
		e = table(tpa)[pt_index(va, l)];
		if (!(e & PTE_P))
			return (u64)-1;
		if (l == PT_LEVEL_PTE || (l <= PT_LEVEL_PUD && (e & PTE_PS))) {
			u64 size = 1ULL << (12 + 9 * (l - 1));

			if (leaf)
				*leaf = e;
			if (lvl)
				*lvl = l;
			return (e & PTE_ADDR_MASK & ~(size - 1)) | (va & (size - 1));
		}
		tpa = e & PTE_ADDR_MASK;
	}
	return (u64)-1;
}

u64 pgt_unmap(struct pgt *p, u64 va)
{
	enum pt_level l;
	u64 *e, old;

	for (l = PT_LEVEL_PUD; l >= PT_LEVEL_PTE; l--) {
		e = pgt_entry(p, va, l);
		if (!e || !(*e & PTE_P))
			return 0;
		if (l == PT_LEVEL_PTE || (*e & PTE_PS)) {
			old = *e;
			hw_write_entry(e, 0);
			return old;
		}
	}
	return 0;
}

static void do_flush(struct pgt *p, const struct flush_req *req)
{
	if (req && req->kind != FLUSH_NONE)
		p->flush(req);
}

u64 pmd_free_pte_page(struct pgt *p, u64 va, const struct flush_req *req)
{
	u64 *pmd = pgt_entry(p, va, PT_LEVEL_PMD);
	u64 pte_pa;

	if (!pmd || !is_table(*pmd))
		return 0;
	pte_pa = *pmd & PTE_ADDR_MASK;
	hw_write_entry(pmd, 0);
	do_flush(p, req);
	falloc_free(p->fa, pte_pa);
	return pte_pa;
}

/*
 * As Linux does: keep the PMD page's contents, clear the PUD, flush, then
 * free the PTE pages and last the PMD page, so that the PMD page is the one
 * the next allocation returns.
 */
u64 pud_free_pmd_page(struct pgt *p, u64 va, const struct flush_req *req)
{
	u64 *pud = pgt_entry(p, va, PT_LEVEL_PUD);
	u64 pmd_pa, *pmd;
	int i;

	if (!pud || !is_table(*pud))
		return 0;
	pmd_pa = *pud & PTE_ADDR_MASK;
	hw_write_entry(pud, 0);
	do_flush(p, req);
	pmd = table(pmd_pa);
	for (i = 0; i < PTRS_PER_TABLE; i++)
		if (is_table(pmd[i]))
			falloc_free(p->fa, pmd[i] & PTE_ADDR_MASK);
	falloc_free(p->fa, pmd_pa);
	return pmd_pa;
}

static int set_huge(struct pgt *p, u64 va, u64 pa, u64 flags,
		    enum pt_level level, u64 size, u64 mask)
{
	u64 *e;

	/* Check first: a refused call must not allocate tables. */
	if (!IS_ALIGNED(va, size) || (pa & ~mask))
		return -1;
	e = pgt_entry_alloc(p, va, level);
	/* Linux refuses to overwrite a table: the caller frees it first. */
	if (!e || is_table(*e))
		return -1;
	hw_write_entry(e, pa | flags | PTE_P | PTE_PS);
	return 0;
}

int pmd_set_huge(struct pgt *p, u64 va, u64 pa, u64 flags)
{
	return set_huge(p, va, pa, flags, PT_LEVEL_PMD, PMD_SIZE, PDE_ADDR_MASK);
}

int pud_set_huge(struct pgt *p, u64 va, u64 pa, u64 flags)
{
	return set_huge(p, va, pa, flags, PT_LEVEL_PUD, PUD_SIZE, PDPTE_ADDR_MASK);
}
