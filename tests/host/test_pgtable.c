// SPDX-License-Identifier: MIT
/*
 * mm/pgtable.c over the arena: raw entries against the SDM layout, the
 * walk, and the Linux-style free/set-huge operations with a flush spy.
 */
#include <string.h>

#include "tests/host/host_test.h"
#include "mm/pgtable.h"
#include "mm/phys.h"

#define TBL	(PTE_P | PTE_RW)

/* PML4 3, PDPT 5, PD 7, PT 9. */
#define VA	((3ULL << 39) | (5ULL << 30) | (7ULL << 21) | (9ULL << 12))
#define VA_1G	((3ULL << 39) | (6ULL << 30))

static u8 bitmap[ARENA_PA_END / PAGE_SIZE / 8];
static const struct mem_range ram[] = {
	{ ARENA_PA_BASE, ARENA_PA_END, MEM_AVAILABLE },
};
static struct frame_alloc fa;
static struct pgt pt;

static struct flush_req flushed;
static int nr_flushes;
/* When set: the PMD page's entries that were non-zero at the flush. */
static u64 spy_pmd_page;
static int spy_pmd_live;

static void spy_flush(const struct flush_req *req)
{
	flushed = *req;
	nr_flushes++;
	if (spy_pmd_page)
		for (int i = 0; i < PTRS_PER_TABLE; i++)
			spy_pmd_live += ((u64 *)arena_va(spy_pmd_page))[i] != 0;
}

/* Garbage in the arena, so that only tables the code zeroes read as 0. */
static int setup(void **state)
{
	arena_setup_garbage(state);
	falloc_init(&fa, bitmap, sizeof(bitmap), ram, 1, NULL, 0);
	nr_flushes = 0;
	memset(&flushed, 0, sizeof(flushed));
	return pgt_init(&pt, &fa, spy_flush);
}

static u64 *tbl(u64 pa)
{
	return arena_va(pa & PTE_ADDR_MASK);
}

static u64 entry(u64 va, enum pt_level level)
{
	u64 *e = pgt_entry(&pt, va, level);

	assert_non_null(e);
	return *e;
}

static void assert_table_entry(u64 e)
{
	u64 next = e & PTE_ADDR_MASK;

	assert_int_equal(e & ~PTE_ADDR_MASK, TBL);
	assert_true(next >= ARENA_PA_BASE && next < ARENA_PA_END);
	assert_false(falloc_is_free(&fa, next));
}

static int nonzero_entries(u64 table_pa)
{
	u64 *t = tbl(table_pa);
	int i, n = 0;

	for (i = 0; i < PTRS_PER_TABLE; i++)
		n += t[i] != 0;
	return n;
}

static void test_init(void **state)
{
	(void)state;
	assert_true(IS_ALIGNED(pt.root_pa, PAGE_SIZE));
	assert_true(pt.root_pa >= ARENA_PA_BASE && pt.root_pa < ARENA_PA_END);
	assert_false(falloc_is_free(&fa, pt.root_pa));
	assert_int_equal(fa.free_frames, fa.total_frames - 1);
	assert_int_equal(nonzero_entries(pt.root_pa), 0);
	assert_ptr_equal(pt.fa, &fa);
	assert_ptr_equal(pt.flush, spy_flush);
}

static void test_pt_index(void **state)
{
	(void)state;
	assert_int_equal(pt_index(VA, PT_LEVEL_PGD), 3);
	assert_int_equal(pt_index(VA, PT_LEVEL_PUD), 5);
	assert_int_equal(pt_index(VA, PT_LEVEL_PMD), 7);
	assert_int_equal(pt_index(VA, PT_LEVEL_PTE), 9);
	assert_int_equal(pt_index(0xFFFFFFFFFFFFF000ULL, PT_LEVEL_PGD), 511);
}

static void test_map_4k_entries(void **state)
{
	u64 pml4e, pdpte, pde, pte, free0 = fa.free_frames;

	(void)state;
	assert_int_equal(pgt_map_4k(&pt, VA, 0x12345000, PTE_RW), 0);
	pml4e = tbl(pt.root_pa)[3];
	assert_table_entry(pml4e);
	pdpte = tbl(pml4e)[5];
	assert_table_entry(pdpte);
	pde = tbl(pdpte)[7];
	assert_table_entry(pde);
	assert_int_equal(pde & PTE_PS, 0);
	pte = tbl(pde)[9];
	assert_int_equal(pte, 0x12345000 | PTE_P | PTE_RW);
	assert_int_equal(fa.free_frames, free0 - 3);
	/* New tables are zeroed, one entry in each. */
	assert_int_equal(nonzero_entries(pt.root_pa), 1);
	assert_int_equal(nonzero_entries(pml4e), 1);
	assert_int_equal(nonzero_entries(pdpte), 1);
	assert_int_equal(nonzero_entries(pde), 1);
	/* A neighbour shares all three tables. */
	assert_int_equal(pgt_map_4k(&pt, VA + PAGE_SIZE, 0x2000, 0), 0);
	assert_int_equal(fa.free_frames, free0 - 3);
	assert_int_equal(tbl(pde)[10], 0x2000 | PTE_P);
}

/* Address bits 12..51 in full; NX is bit 63, outside the address. */
static void test_map_4k_address_bits(void **state)
{
	const u64 pa = 0x000FFFFFFFFFF000ULL;
	u64 e;

	(void)state;
	assert_int_equal(pgt_map_4k(&pt, VA, pa, PTE_NX | PTE_US), 0);
	e = entry(VA, PT_LEVEL_PTE);
	assert_int_equal(e & PTE_ADDR_MASK, pa);
	assert_int_equal(e & ~PTE_ADDR_MASK, PTE_NX | PTE_US | PTE_P);
}

static void test_map_2m_entries(void **state)
{
	const u64 va = VA & ~(PMD_SIZE - 1);
	u64 pde;

	(void)state;
	assert_int_equal(pgt_map_2m(&pt, va, 0x40200000, PTE_RW), 0);
	assert_table_entry(entry(va, PT_LEVEL_PGD));
	assert_table_entry(entry(va, PT_LEVEL_PUD));
	pde = entry(va, PT_LEVEL_PMD);
	assert_int_equal(pde, 0x40200000 | PTE_PS | PTE_P | PTE_RW);
	assert_int_equal(pde & PDE_ADDR_MASK, 0x40200000);
	/* No PTE page under a 2 MiB leaf. */
	assert_null(pgt_entry(&pt, va, PT_LEVEL_PTE));
}

static void test_map_1g_entries(void **state)
{
	u64 pdpte;

	(void)state;
	assert_int_equal(pgt_map_1g(&pt, VA_1G, GIB(3), PTE_RW | PTE_G), 0);
	assert_table_entry(entry(VA_1G, PT_LEVEL_PGD));
	pdpte = entry(VA_1G, PT_LEVEL_PUD);
	assert_int_equal(pdpte, GIB(3) | PTE_PS | PTE_P | PTE_RW | PTE_G);
	assert_int_equal(pdpte & PDPTE_ADDR_MASK, GIB(3));
	assert_null(pgt_entry(&pt, VA_1G, PT_LEVEL_PMD));
}

static void test_map_misaligned_rejected(void **state)
{
	const u64 free0 = fa.free_frames;

	(void)state;
	assert_int_equal(pgt_map_4k(&pt, VA + 0x800, 0x1000, 0), -1);
	assert_int_equal(pgt_map_4k(&pt, VA, 0x1010, 0), -1);
	assert_int_equal(pgt_map_2m(&pt, VA, MIB(2), 0), -1);
	assert_int_equal(pgt_map_2m(&pt, 0, MIB(2) + PAGE_SIZE, 0), -1);
	assert_int_equal(pgt_map_1g(&pt, VA_1G + PMD_SIZE, 0, 0), -1);
	assert_int_equal(pgt_map_1g(&pt, VA_1G, GIB(1) + PMD_SIZE, 0), -1);
	assert_int_equal(fa.free_frames, free0);
	assert_int_equal(nonzero_entries(pt.root_pa), 0);
}

static void test_map_over_existing_rejected(void **state)
{
	const u64 va2m = VA & ~(PMD_SIZE - 1);

	(void)state;
	assert_int_equal(pgt_map_4k(&pt, VA, 0x5000, PTE_RW), 0);
	assert_int_equal(pgt_map_4k(&pt, VA, 0x6000, PTE_RW), -1);
	assert_int_equal(entry(VA, PT_LEVEL_PTE), 0x5000 | PTE_P | PTE_RW);
	/* The PDE is a table now: no 2 MiB leaf over it. */
	assert_int_equal(pgt_map_2m(&pt, va2m, MIB(4), 0), -1);
	assert_table_entry(entry(va2m, PT_LEVEL_PMD));
	/* Nor a 1 GiB leaf over the PD. */
	assert_int_equal(pgt_map_1g(&pt, VA & ~(PUD_SIZE - 1), 0, 0), -1);
	/* Nothing under a huge leaf. */
	assert_int_equal(pgt_map_2m(&pt, va2m + PMD_SIZE, MIB(8), 0), 0);
	assert_int_equal(pgt_map_4k(&pt, va2m + PMD_SIZE, 0x7000, 0), -1);
	assert_int_equal(pgt_map_1g(&pt, VA_1G, GIB(1), 0), 0);
	assert_int_equal(pgt_map_2m(&pt, VA_1G, MIB(8), 0), -1);
	assert_int_equal(pgt_map_1g(&pt, VA_1G, GIB(2), 0), -1);
	assert_int_equal(entry(VA_1G, PT_LEVEL_PUD), GIB(1) | PTE_PS | PTE_P);
}

static void test_translate(void **state)
{
	const u64 va2m = VA & ~(PMD_SIZE - 1);
	enum pt_level lvl = 0;
	u64 leaf = 0;

	(void)state;
	assert_int_equal(pgt_map_4k(&pt, VA, 0x12345000, PTE_RW), 0);
	assert_int_equal(pgt_map_2m(&pt, va2m + PMD_SIZE, 0x40200000, 0), 0);
	assert_int_equal(pgt_map_1g(&pt, VA_1G, GIB(3), 0), 0);

	assert_int_equal(pgt_translate(&pt, VA + 0x123, &leaf, &lvl),
			 0x12345123);
	assert_int_equal(lvl, PT_LEVEL_PTE);
	assert_int_equal(leaf, 0x12345000 | PTE_P | PTE_RW);
	assert_int_equal(pgt_translate(&pt, va2m + PMD_SIZE + 0x1ABCDE, &leaf,
				       &lvl), 0x40200000 + 0x1ABCDE);
	assert_int_equal(lvl, PT_LEVEL_PMD);
	assert_int_equal(leaf, 0x40200000 | PTE_PS | PTE_P);
	assert_int_equal(pgt_translate(&pt, VA_1G + 0x3FFFFFF8, NULL, &lvl),
			 GIB(3) + 0x3FFFFFF8);
	assert_int_equal(lvl, PT_LEVEL_PUD);

	assert_int_equal(pgt_translate(&pt, VA + PAGE_SIZE, NULL, NULL),
			 (u64)-1);
	assert_int_equal(pgt_translate(&pt, va2m - PMD_SIZE, NULL, NULL),
			 (u64)-1);
	assert_int_equal(pgt_translate(&pt, 1ULL << 39, NULL, NULL), (u64)-1);
}

/* PAT in a 2 MiB leaf is bit 12: no part of the address. */
static void test_translate_2m_pat_bit(void **state)
{
	(void)state;
	assert_int_equal(pgt_map_2m(&pt, 0, MIB(6), PTE_PAT_LARGE), 0);
	assert_int_equal(entry(0, PT_LEVEL_PMD),
			 MIB(6) | PTE_PAT_LARGE | PTE_PS | PTE_P);
	assert_int_equal(pgt_translate(&pt, 0x1000, NULL, NULL), MIB(6) + 0x1000);
}

static void test_unmap(void **state)
{
	const u64 va2m = (VA & ~(PMD_SIZE - 1)) + PMD_SIZE;
	u64 pde;

	(void)state;
	assert_int_equal(pgt_map_4k(&pt, VA, 0x5000, PTE_RW), 0);
	assert_int_equal(pgt_map_2m(&pt, va2m, MIB(8), 0), 0);
	assert_int_equal(pgt_map_1g(&pt, VA_1G, GIB(1), 0), 0);
	pde = entry(VA, PT_LEVEL_PMD);

	assert_int_equal(pgt_unmap(&pt, VA), 0x5000 | PTE_P | PTE_RW);
	assert_int_equal(pgt_translate(&pt, VA, NULL, NULL), (u64)-1);
	assert_int_equal(pgt_unmap(&pt, VA), 0);
	/* Only the leaf goes: the PTE page stays linked. */
	assert_int_equal(entry(VA, PT_LEVEL_PMD), pde);

	assert_int_equal(pgt_unmap(&pt, va2m + 0x5000), MIB(8) | PTE_PS | PTE_P);
	assert_int_equal(entry(va2m, PT_LEVEL_PMD), 0);
	assert_int_equal(pgt_unmap(&pt, VA_1G), GIB(1) | PTE_PS | PTE_P);
	assert_int_equal(entry(VA_1G, PT_LEVEL_PUD), 0);
	assert_int_equal(pgt_unmap(&pt, 7ULL << 39), 0);
}

static void test_pmd_free_pte_page(void **state)
{
	const struct flush_req req = { FLUSH_INVLPG, VA, 7 };
	u64 pte_pa, free0;

	(void)state;
	assert_int_equal(pgt_map_4k(&pt, VA, 0x5000, PTE_RW), 0);
	assert_int_equal(pgt_map_4k(&pt, VA + PAGE_SIZE, 0x6000, PTE_RW), 0);
	pte_pa = entry(VA, PT_LEVEL_PMD) & PTE_ADDR_MASK;
	free0 = fa.free_frames;

	assert_int_equal(pmd_free_pte_page(&pt, VA, &req), pte_pa);
	assert_int_equal(entry(VA, PT_LEVEL_PMD), 0);
	assert_int_equal(nr_flushes, 1);
	assert_int_equal(flushed.kind, FLUSH_INVLPG);
	assert_int_equal(flushed.va, VA);
	assert_int_equal(flushed.pcid, 7);
	assert_true(falloc_is_free(&fa, pte_pa));
	assert_int_equal(fa.free_frames, free0 + 1);
	assert_int_equal(pgt_translate(&pt, VA, NULL, NULL), (u64)-1);
	assert_int_equal(falloc_alloc(&fa), pte_pa);
}

static void test_pmd_free_pte_page_no_flush(void **state)
{
	const struct flush_req none = { FLUSH_NONE, VA, 0 };
	u64 pte_pa;

	(void)state;
	assert_int_equal(pgt_map_4k(&pt, VA, 0x5000, 0), 0);
	pte_pa = entry(VA, PT_LEVEL_PMD) & PTE_ADDR_MASK;
	assert_int_equal(pmd_free_pte_page(&pt, VA, &none), pte_pa);
	assert_int_equal(nr_flushes, 0);
	assert_int_equal(pgt_map_4k(&pt, VA, 0x5000, 0), 0);
	/* The PTE page came straight back. */
	assert_int_equal(entry(VA, PT_LEVEL_PMD), pte_pa | TBL);
	assert_int_equal(pmd_free_pte_page(&pt, VA, NULL), pte_pa);
	assert_int_equal(nr_flushes, 0);
}

static void test_pmd_free_pte_page_not_table(void **state)
{
	const struct flush_req req = { FLUSH_CR3, 0, 0 };
	const u64 va2m = VA & ~(PMD_SIZE - 1);
	const u64 free0 = fa.free_frames;

	(void)state;
	assert_int_equal(pmd_free_pte_page(&pt, VA, &req), 0);
	assert_int_equal(pgt_map_2m(&pt, va2m, MIB(8), 0), 0);
	assert_int_equal(pmd_free_pte_page(&pt, va2m, &req), 0);
	assert_int_equal(entry(va2m, PT_LEVEL_PMD), MIB(8) | PTE_PS | PTE_P);
	assert_int_equal(pgt_map_1g(&pt, VA_1G, GIB(1), 0), 0);
	assert_int_equal(pmd_free_pte_page(&pt, VA_1G, &req), 0);
	assert_int_equal(nr_flushes, 0);
	assert_int_equal(fa.free_frames, free0 - 2);
}

/* Linux's order: PTE pages first, the PMD page last, so it is reused first. */
static void test_pud_free_pmd_page(void **state)
{
	const struct flush_req req = { FLUSH_CR3, 0, 0 };
	const u64 base = VA & ~(PUD_SIZE - 1);
	u64 pmd_pa, pte1, pte4;

	(void)state;
	assert_int_equal(pgt_map_4k(&pt, base + 1 * PMD_SIZE, 0x5000, 0), 0);
	assert_int_equal(pgt_map_4k(&pt, base + 4 * PMD_SIZE, 0x6000, 0), 0);
	assert_int_equal(pgt_map_2m(&pt, base + 6 * PMD_SIZE, MIB(8), 0), 0);
	pmd_pa = entry(base, PT_LEVEL_PUD) & PTE_ADDR_MASK;
	pte1 = entry(base + 1 * PMD_SIZE, PT_LEVEL_PMD) & PTE_ADDR_MASK;
	pte4 = entry(base + 4 * PMD_SIZE, PT_LEVEL_PMD) & PTE_ADDR_MASK;

	/* Linux 5e0fb5df2ee8: every PMD entry is clear by the one flush. */
	spy_pmd_page = pmd_pa;
	spy_pmd_live = 0;
	assert_int_equal(pud_free_pmd_page(&pt, base, &req), pmd_pa);
	spy_pmd_page = 0;
	assert_int_equal(spy_pmd_live, 0);
	for (int i = 0; i < PTRS_PER_TABLE; i++)
		assert_int_equal(tbl(pmd_pa)[i], 0);
	assert_int_equal(entry(base, PT_LEVEL_PUD), 0);
	assert_int_equal(nr_flushes, 1);
	assert_int_equal(flushed.kind, FLUSH_CR3);
	assert_int_equal(fa.nr_hot, 3);
	assert_false(falloc_is_free(&fa, MIB(8)));
	assert_int_equal(falloc_alloc(&fa), pmd_pa);
	assert_int_equal(falloc_alloc(&fa), pte4);
	assert_int_equal(falloc_alloc(&fa), pte1);
}

static void test_pud_free_pmd_page_not_table(void **state)
{
	const struct flush_req req = { FLUSH_FULL, 0, 0 };

	(void)state;
	assert_int_equal(pud_free_pmd_page(&pt, VA_1G, &req), 0);
	assert_int_equal(pgt_map_1g(&pt, VA_1G, GIB(1), 0), 0);
	assert_int_equal(pud_free_pmd_page(&pt, VA_1G, &req), 0);
	assert_int_equal(entry(VA_1G, PT_LEVEL_PUD), GIB(1) | PTE_PS | PTE_P);
	assert_int_equal(nr_flushes, 0);
	assert_int_equal(fa.nr_hot, 0);
}

static void test_pmd_set_huge(void **state)
{
	const u64 va = VA & ~(PMD_SIZE - 1);

	(void)state;
	assert_int_equal(pmd_set_huge(&pt, va, MIB(10), PTE_RW), 0);
	assert_int_equal(entry(va, PT_LEVEL_PMD),
			 MIB(10) | PTE_PS | PTE_P | PTE_RW);
	assert_int_equal(pgt_translate(&pt, va + 0x1234, NULL, NULL),
			 MIB(10) + 0x1234);
	/* A huge leaf may be replaced by another. */
	assert_int_equal(pmd_set_huge(&pt, va, MIB(12), 0), 0);
	assert_int_equal(entry(va, PT_LEVEL_PMD), MIB(12) | PTE_PS | PTE_P);
	assert_int_equal(pmd_set_huge(&pt, va, MIB(12) + PAGE_SIZE, 0), -1);
	assert_int_equal(pmd_set_huge(&pt, va, 1ULL << 52, 0), -1);
	assert_int_equal(pmd_set_huge(&pt, va + PAGE_SIZE, MIB(12), 0), -1);
	assert_int_equal(entry(va, PT_LEVEL_PMD), MIB(12) | PTE_PS | PTE_P);
}

static void test_pmd_set_huge_refuses_table(void **state)
{
	const u64 va = VA & ~(PMD_SIZE - 1);
	u64 pde;

	(void)state;
	assert_int_equal(pgt_map_4k(&pt, VA, 0x5000, 0), 0);
	pde = entry(va, PT_LEVEL_PMD);
	assert_int_equal(pmd_set_huge(&pt, va, MIB(10), 0), -1);
	assert_int_equal(entry(va, PT_LEVEL_PMD), pde);
	assert_int_equal(pgt_translate(&pt, VA, NULL, NULL), 0x5000);
}

static void test_pud_set_huge(void **state)
{
	u64 pdpte;

	(void)state;
	assert_int_equal(pud_set_huge(&pt, VA_1G, GIB(5), PTE_RW | PTE_NX), 0);
	assert_int_equal(entry(VA_1G, PT_LEVEL_PUD),
			 GIB(5) | PTE_PS | PTE_P | PTE_RW | PTE_NX);
	assert_int_equal(pud_set_huge(&pt, VA_1G, GIB(5) + PMD_SIZE, 0), -1);
	assert_int_equal(pud_set_huge(&pt, VA_1G + PMD_SIZE, GIB(5), 0), -1);
	assert_int_equal(pud_set_huge(&pt, VA_1G, 1ULL << 52, 0), -1);
	/* Refuses the PD table under VA. */
	assert_int_equal(pgt_map_4k(&pt, VA, 0x5000, 0), 0);
	pdpte = entry(VA, PT_LEVEL_PUD);
	assert_int_equal(pud_set_huge(&pt, VA & ~(PUD_SIZE - 1), GIB(1), 0), -1);
	assert_int_equal(entry(VA, PT_LEVEL_PUD), pdpte);
}

/* set_huge() allocates the tables above before it checks its arguments. */
static void test_set_huge_refusal_allocates_nothing(void **state)
{
	const u64 free0 = fa.free_frames;

	(void)state;
	assert_int_equal(pmd_set_huge(&pt, VA, MIB(10), 0), -1);
	assert_int_equal(pud_set_huge(&pt, VA_1G, GIB(1) + PAGE_SIZE, 0), -1);
	assert_int_equal(fa.free_frames, free0);
	assert_int_equal(nonzero_entries(pt.root_pa), 0);
}

/* The PMD collapse sequence: the freed PTE page is the next table handed out. */
static void test_collapse_then_reuse(void **state)
{
	const struct flush_req req = { FLUSH_INVLPG, VA, 0 };
	const u64 va = VA & ~(PMD_SIZE - 1);
	const u64 other = 2ULL << 39;
	u64 pte_pa;

	(void)state;
	assert_int_equal(pgt_map_4k(&pt, VA, 0x5000, 0), 0);
	pte_pa = entry(VA, PT_LEVEL_PMD) & PTE_ADDR_MASK;
	assert_int_equal(pmd_free_pte_page(&pt, va, &req), pte_pa);
	assert_int_equal(pmd_set_huge(&pt, va, MIB(10), 0), 0);
	assert_int_equal(pgt_translate(&pt, VA, NULL, NULL), MIB(10) + (VA - va));
	/* The next table allocated (for another PML4 slot) is that page. */
	assert_int_equal(pgt_map_4k(&pt, other, 0x9000, 0), 0);
	assert_int_equal(entry(other, PT_LEVEL_PGD), pte_pa | TBL);
	assert_int_equal(nonzero_entries(pte_pa), 1);
}

static void test_out_of_frames(void **state)
{
	static const struct mem_range two[] = {
		{ ARENA_PA_BASE, ARENA_PA_BASE + 2 * PAGE_SIZE, MEM_AVAILABLE },
	};
	struct pgt small;

	(void)state;
	falloc_init(&fa, bitmap, sizeof(bitmap), two, 1, NULL, 0);
	assert_int_equal(pgt_init(&small, &fa, spy_flush), 0);
	assert_int_equal(pgt_map_4k(&small, VA, 0x5000, 0), -1);
	assert_int_equal(fa.free_frames, 0);
	assert_int_equal(pgt_init(&small, &fa, spy_flush), -1);
	assert_int_equal(small.root_pa, FA_NO_FRAME);
}

#define PGT_TEST(f) cmocka_unit_test_setup_teardown(f, setup, arena_teardown_cb)

int main(void)
{
	const struct CMUnitTest tests[] = {
		PGT_TEST(test_init),
		PGT_TEST(test_pt_index),
		PGT_TEST(test_map_4k_entries),
		PGT_TEST(test_map_4k_address_bits),
		PGT_TEST(test_map_2m_entries),
		PGT_TEST(test_map_1g_entries),
		PGT_TEST(test_map_misaligned_rejected),
		PGT_TEST(test_map_over_existing_rejected),
		PGT_TEST(test_translate),
		PGT_TEST(test_translate_2m_pat_bit),
		PGT_TEST(test_unmap),
		PGT_TEST(test_pmd_free_pte_page),
		PGT_TEST(test_pmd_free_pte_page_no_flush),
		PGT_TEST(test_pmd_free_pte_page_not_table),
		PGT_TEST(test_pud_free_pmd_page),
		PGT_TEST(test_pud_free_pmd_page_not_table),
		PGT_TEST(test_pmd_set_huge),
		PGT_TEST(test_pmd_set_huge_refuses_table),
		PGT_TEST(test_pud_set_huge),
		PGT_TEST(test_set_huge_refusal_allocates_nothing),
		PGT_TEST(test_collapse_then_reuse),
		PGT_TEST(test_out_of_frames),
	};

	return cmocka_run_group_tests_name("pgtable", tests, NULL, NULL);
}
