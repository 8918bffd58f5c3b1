// SPDX-License-Identifier: MIT
/*
 * The MMU model (model/), one test per rule of docs/model.md, each naming
 * the SDM/APM section it checks.  Tables are built in the arena through
 * mmu_store(), as the experiments build them through the hardware seam.
 */
#include <string.h>

#include "tests/host/host_test.h"
#include "model/mmu.h"
#include "mm/phys.h"
#include "kernel/traps.h"

#define WIN	0xFFFFC90000000000ULL
#define P	1ULL
#define RW	2ULL
#define PS	(1ULL << 7)
#define G	(1ULL << 8)
#define A	(1ULL << 5)
#define TBL	(P | RW)

static struct mmu m;
static u64 next_frame;

static u64 frame(void)
{
	u64 pa = next_frame;

	next_frame += PAGE_SIZE;
	memset(arena_va(pa), 0, PAGE_SIZE);
	return pa;
}

/* 2 MiB-aligned physical block for large leaves. */
static u64 block_2m(void)
{
	u64 pa = ALIGN_UP(next_frame, PMD_SIZE);

	next_frame = pa + PMD_SIZE;
	return pa;
}

static unsigned int idx(u64 va, int level)
{
	return (unsigned int)(va >> (12 + 9 * (level - 1))) & 511;
}

/* The entry address for va at level, creating tables above it. */
static u64 slot(u64 va, int level)
{
	u64 t = m.cr3 & 0x000FFFFFFFFFF000ULL;

	for (int l = 4; l > level; l--) {
		u64 epa = t + 8 * idx(va, l), e = arena_r64(epa);

		if (!(e & P)) {
			e = frame() | TBL;
			mmu_store(&m, epa, e);
		}
		t = e & 0x000FFFFFFFFFF000ULL;
	}
	return t + 8 * idx(va, level);
}

static void map(u64 va, int level, u64 pa, u64 flags)
{
	mmu_store(&m, slot(va, level), pa | flags | P | (level > 1 ? PS : 0));
}

static void setup_vendor(enum mmu_vendor v, const struct mmu_params *par)
{
	arena_setup(0);
	next_frame = ARENA_PA_BASE;
	mmu_init(&m, v, par, WIN, WIN + 512 * PUD_SIZE);
	mmu_write_cr4(&m, CR4_PGE_BIT);
	mmu_write_cr3(&m, frame());
}

static int teardown(void **state)
{
	mmu_destroy(&m);
	return arena_teardown_cb(state);
}

static int setup_intel(void **s) { (void)s; setup_vendor(MMU_INTEL, NULL); return 0; }
static int setup_amd(void **s) { (void)s; setup_vendor(MMU_AMD, NULL); return 0; }
static int setup_amd_tce(void **s) { (void)s; setup_vendor(MMU_AMD_TCE, NULL); return 0; }
static int setup_tcg(void **s) { (void)s; setup_vendor(MMU_TCG, NULL); return 0; }

/* Whether the read of va may give (fault, pa, via); via < 0: any. */
static bool allows(u64 va, bool fault, u64 pa, int via)
{
	struct mmu_outcome o[MMU_MAX_OUTCOMES];
	int n = mmu_allowed(&m, va, o, MMU_MAX_OUTCOMES);

	for (int i = 0; i < n; i++)
		if (o[i].fault == fault && (fault || o[i].pa == pa) &&
		    (via < 0 || o[i].via == via))
			return true;
	return false;
}

static int nr_allowed(u64 va)
{
	struct mmu_outcome o[MMU_MAX_OUTCOMES];

	return mmu_allowed(&m, va, o, MMU_MAX_OUTCOMES);
}

static bool allows_via(u64 va, int via)
{
	struct mmu_outcome o[MMU_MAX_OUTCOMES];
	int n = mmu_allowed(&m, va, o, MMU_MAX_OUTCOMES);

	for (int i = 0; i < n; i++)
		if (o[i].via == via)
			return true;
	return false;
}

/* A PTE page replaced by a 2 MiB leaf, the Linux way, with a flush hook. */
struct collapse {
	u64 base, pte_page, huge, canary, small[4];
};

static void build_small(struct collapse *c, u64 base, u64 flags)
{
	c->base = base;
	for (int i = 0; i < 4; i++) {
		c->small[i] = frame();
		map(base + i * PAGE_SIZE, 1, c->small[i], RW | flags);
	}
	c->pte_page = arena_r64(slot(base, 2)) & ~0xFFFULL;
	c->canary = frame();
	c->huge = block_2m();
}

/* Clear the PDE; caller flushes; then reuse the PTE page with canaries. */
static void clear_pde(struct collapse *c)
{
	mmu_store(&m, slot(c->base, 2), 0);
}

static void reuse_and_huge(struct collapse *c, u64 fill)
{
	for (int i = 0; i < 512; i++)
		mmu_store(&m, c->pte_page + 8 * i, fill);
	map(c->base, 2, c->huge, RW);
}

/* SDM 4.10.2.2, 4.10.4.2: a changed PTE may still be cached until INVLPG. */
static void test_stale_tlb_until_invlpg(void **state)
{
	u64 va = WIN + 5 * PAGE_SIZE, a = frame(), b = frame();

	(void)state;
	map(va, 1, a, RW);
	mmu_store(&m, slot(va, 1), b | RW | P);
	assert_true(allows(va, false, b, VIA_CR3));
	assert_true(allows(va, false, a, VIA_TLB));
	mmu_invlpg(&m, va);
	assert_false(allows(va, false, a, -1));
	assert_int_equal(nr_allowed(va), 1);
}

/* SDM 4.10.2.2: speculative fills: valid for a moment, never read. */
static void test_speculative_fill(void **state)
{
	u64 va = WIN + 7 * PAGE_SIZE, a = frame();

	(void)state;
	map(va, 1, a, RW);
	mmu_store(&m, slot(va, 1), 0);
	assert_true(allows(va, false, a, VIA_TLB));
	assert_true(allows(va, true, 0, VIA_CR3));
}

/* SDM 4.10.4.1: MOV to CR3 keeps global entries, drops the others. */
static void test_cr3_keeps_globals(void **state)
{
	u64 g = WIN + PAGE_SIZE, ng = WIN + 2 * PAGE_SIZE, a = frame(), b = frame();

	(void)state;
	map(g, 1, a, RW | G);
	map(ng, 1, a, RW);
	mmu_store(&m, slot(g, 1), b | RW | P | G);
	mmu_store(&m, slot(ng, 1), b | RW | P);
	mmu_write_cr3(&m, m.cr3);
	assert_true(allows(g, false, a, VIA_TLB));
	assert_false(allows(ng, false, a, -1));
}

/* SDM 4.10.4.1: toggling CR4.PGE drops everything, globals included. */
static void test_pge_drops_everything(void **state)
{
	u64 g = WIN + PAGE_SIZE, a = frame(), b = frame();

	(void)state;
	map(g, 1, a, RW | G);
	mmu_store(&m, slot(g, 1), b | RW | P | G);
	mmu_write_cr4(&m, 0);
	mmu_write_cr4(&m, CR4_PGE_BIT);
	assert_int_equal(nr_allowed(g), 1);
	assert_true(allows(g, false, b, VIA_CR3));
}

/*
 * SDM 4.10.3.1, 4.10.3.3: the PDE of a freed PTE page may stay cached; a
 * walk through it reads the reused page (the Linux 28ee90fe6048 bug).
 */
static void test_stale_pde_walk(void **state)
{
	struct collapse c;

	(void)state;
	build_small(&c, WIN + PMD_SIZE, 0);
	clear_pde(&c);
	reuse_and_huge(&c, c.canary | TBL);
	assert_true(allows(c.base + 3 * PAGE_SIZE, false, c.canary, VIA_PDE));
	assert_true(allows(c.base + 100 * PAGE_SIZE, false, c.canary, VIA_PDE));
	assert_true(allows(c.base + 3 * PAGE_SIZE, false, c.small[3], VIA_TLB));
	assert_true(allows(c.base + 3 * PAGE_SIZE, false,
			   c.huge + 3 * PAGE_SIZE, VIA_CR3));
}

/* SDM 4.10.4.1: INVLPG drops every PSC entry of the PCID, any address. */
static void test_intel_invlpg_drops_all_psc(void **state)
{
	struct collapse c;

	(void)state;
	build_small(&c, WIN + PMD_SIZE, 0);
	clear_pde(&c);
	mmu_invlpg(&m, WIN + 300 * PUD_SIZE);
	reuse_and_huge(&c, c.canary | TBL);
	assert_false(allows(c.base + 3 * PAGE_SIZE, false, c.canary, -1));
	assert_false(allows_via(c.base + 100 * PAGE_SIZE, VIA_PDE));
	/* The small pages' TLB entries are for other pages: they stay. */
	assert_true(allows(c.base + 3 * PAGE_SIZE, false, c.small[3], VIA_TLB));
	mmu_invlpg(&m, c.base + 3 * PAGE_SIZE);
	assert_false(allows(c.base + 3 * PAGE_SIZE, false, c.small[3], VIA_TLB));
}

/* APM 5.5.3: with EFER.TCE=0, INVLPG drops all upper-level entries. */
static void test_amd_invlpg_drops_all_psc(void **state)
{
	struct collapse c;

	(void)state;
	build_small(&c, WIN + PMD_SIZE, 0);
	clear_pde(&c);
	mmu_invlpg(&m, WIN + 300 * PUD_SIZE);
	reuse_and_huge(&c, c.canary | TBL);
	assert_false(allows_via(c.base + 100 * PAGE_SIZE, VIA_PDE));
}

/* A GiB mapped with PTE pages in slots 0 and 5, collapsed to 1 GiB. */
struct pud_collapse {
	u64 base, pmd_page, pte[2], huge_unused, canary_pt, canary;
};

static void build_pud(struct pud_collapse *c)
{
	c->base = WIN + 8 * PUD_SIZE;
	map(c->base, 1, frame(), RW);
	map(c->base + 5 * PMD_SIZE, 1, frame(), RW);
	c->pmd_page = arena_r64(slot(c->base, 3)) & ~0xFFFULL;
	c->pte[0] = arena_r64(slot(c->base, 2)) & ~0xFFFULL;
	c->pte[1] = arena_r64(slot(c->base + 5 * PMD_SIZE, 2)) & ~0xFFFULL;
	c->canary = frame();
	c->canary_pt = frame();
	for (int i = 0; i < 512; i++)
		arena_w64(c->canary_pt + 8 * i, c->canary | TBL);
}

static void pud_reuse(struct pud_collapse *c)
{
	for (int i = 0; i < 512; i++) {
		mmu_store(&m, c->pmd_page + 8 * i, c->canary_pt | TBL);
		mmu_store(&m, c->pte[0] + 8 * i, c->canary | TBL);
		mmu_store(&m, c->pte[1] + 8 * i, c->canary | TBL);
	}
	/* The 1 GiB leaf: physical 0, never read by these tests. */
	mmu_store(&m, slot(c->base, 3), PS | RW | P);
}

/*
 * APM 5.5.3 with EFER.TCE=1 (APM 3.1.7): INVLPG drops only the upper-level
 * entries on the path to the address: another 2 MiB slot's PDE survives.
 */
static void test_amd_tce_invlpg_path_only(void **state)
{
	struct pud_collapse c;
	u64 other = 5 * PMD_SIZE + 7 * PAGE_SIZE, never = 9 * PMD_SIZE;

	(void)state;
	build_pud(&c);
	mmu_store(&m, slot(c.base, 3), 0);
	mmu_invlpg(&m, c.base);
	pud_reuse(&c);
	assert_true(allows(c.base + other, false, c.canary, VIA_PDE));
	assert_false(allows(c.base + 7 * PAGE_SIZE, false, c.canary, -1));
	assert_false(allows(c.base + never, false, c.canary, -1));
}

/*
 * APM 3.1.7: with EFER.TCE=0, INVPCID type 0 drops every upper-level entry
 * as INVLPG does; only TCE=1 narrows it to the path, as on Intel.
 */
static void invpcid0_pud(bool other_slot_survives)
{
	struct pud_collapse c;
	u64 other = 5 * PMD_SIZE + 7 * PAGE_SIZE;

	build_pud(&c);
	mmu_store(&m, slot(c.base, 3), 0);
	mmu_invpcid(&m, 0, 0, c.base);
	pud_reuse(&c);
	assert_int_equal(allows(c.base + other, false, c.canary, VIA_PDE),
			 other_slot_survives);
}

static void test_amd_invpcid0_drops_all_psc(void **state)
{
	(void)state;
	invpcid0_pud(false);
}

static void test_amd_tce_invpcid0_path_only(void **state)
{
	(void)state;
	invpcid0_pud(true);
}

/* The same under Intel rules: nothing through freed pages survives. */
static void test_intel_pud_invlpg(void **state)
{
	struct pud_collapse c;

	(void)state;
	build_pud(&c);
	mmu_store(&m, slot(c.base, 3), 0);
	mmu_invlpg(&m, c.base);
	pud_reuse(&c);
	assert_false(allows(c.base + 5 * PMD_SIZE + 7 * PAGE_SIZE, false,
			    c.canary, -1));
	assert_false(allows(c.base + 9 * PMD_SIZE, false, c.canary, -1));
}

/* A stale PDPTE leads through the reused PMD page into slots never mapped. */
static void test_stale_pdpte_reaches_new_slots(void **state)
{
	struct pud_collapse c;

	(void)state;
	build_pud(&c);
	mmu_store(&m, slot(c.base, 3), 0);
	pud_reuse(&c);
	assert_true(allows(c.base + 9 * PMD_SIZE, false, c.canary, VIA_PDPTE));
}

/* QEMU: no PSC, and only pages really accessed are in the TLB. */
static void test_tcg_no_psc_fill_on_access(void **state)
{
	struct collapse c;
	struct mmu_outcome o;

	(void)state;
	build_small(&c, WIN + PMD_SIZE, 0);
	o = mmu_read(&m, c.base + PAGE_SIZE, MMU_STALEST, NULL, NULL, NULL);
	assert_int_equal(o.pa, c.small[1]);
	clear_pde(&c);
	reuse_and_huge(&c, c.canary | TBL);
	assert_false(allows(c.base + 2 * PAGE_SIZE, false, c.canary, -1));
	assert_int_equal(nr_allowed(c.base + 2 * PAGE_SIZE), 1);
	assert_true(allows(c.base + PAGE_SIZE, false, c.small[1], VIA_TLB));
}

/* QEMU: a CR3 write drops global entries too. */
static void test_tcg_cr3_drops_globals(void **state)
{
	u64 g = WIN + PAGE_SIZE, a = frame(), b = frame();

	(void)state;
	map(g, 1, a, RW | G);
	mmu_read(&m, g, MMU_STALEST, NULL, NULL, NULL);
	mmu_store(&m, slot(g, 1), b | RW | P | G);
	assert_true(allows(g, false, a, VIA_TLB));
	mmu_write_cr3(&m, m.cr3);
	assert_false(allows(g, false, a, -1));
}

/* QEMU: INVLPG inside the span of cached large pages flushes everything. */
static void test_tcg_invlpg_in_large_span(void **state)
{
	u64 big = WIN + 4 * PMD_SIZE, small = WIN + 20 * PAGE_SIZE, a = frame(),
	    b = frame();

	(void)state;
	map(big, 2, block_2m(), RW);
	map(small, 1, a, RW);
	mmu_read(&m, small, MMU_STALEST, NULL, NULL, NULL);
	mmu_store(&m, slot(small, 1), b | RW | P);
	mmu_invlpg(&m, WIN + 100 * PAGE_SIZE);
	assert_true(allows(small, false, a, VIA_TLB));
	mmu_read(&m, big, MMU_STALEST, NULL, NULL, NULL);
	mmu_invlpg(&m, big + 5 * PAGE_SIZE);
	assert_false(allows(small, false, a, -1));
}

/* SDM 4.10.4.1: a #PF drops the PSC entries used for the faulting address. */
static void test_pf_invalidates_path(void **state)
{
	struct collapse c;
	struct mmu_outcome o;

	(void)state;
	build_small(&c, WIN + PMD_SIZE, 0);
	clear_pde(&c);
	reuse_and_huge(&c, 0);
	o = mmu_read(&m, c.base + 9 * PAGE_SIZE, MMU_STALEST, NULL, NULL, NULL);
	assert_true(o.fault);
	assert_int_equal(o.via, VIA_PDE);
	assert_int_equal(o.pf_error, 0);
	assert_false(allows_via(c.base + 9 * PAGE_SIZE, VIA_PDE));
}

/* SDM 4.8: the walk chosen sets A bits; a TLB hit sets none. */
static void test_accessed_bits(void **state)
{
	struct collapse c;
	struct mmu_outcome o;

	(void)state;
	build_small(&c, WIN + PMD_SIZE, 0);
	clear_pde(&c);
	reuse_and_huge(&c, c.canary | TBL);
	o = mmu_read(&m, c.base + 9 * PAGE_SIZE, MMU_STALEST, NULL, NULL, NULL);
	assert_int_equal(o.via, VIA_PDE);
	assert_true(arena_r64(c.pte_page + 8 * 9) & A);
	assert_false(arena_r64(c.pte_page + 8 * 10) & A);
	assert_false(arena_r64(slot(c.base, 2)) & A);
	o = mmu_read(&m, c.base + 2 * PAGE_SIZE, MMU_STALEST, NULL, NULL, NULL);
	assert_int_equal(o.via, VIA_PDE);
	/* A stale TLB hit: the first small page, under a 4 KiB TLB entry. */
	mmu_invlpg(&m, WIN + 300 * PUD_SIZE);
	o = mmu_read(&m, c.base + PAGE_SIZE, MMU_STALEST, NULL, NULL, NULL);
	assert_int_equal(o.via, VIA_TLB);
	assert_false(arena_r64(slot(c.base, 2)) & A);
	/* What the PDE gave before the INVLPG may be in the TLB: the canary. */
	o = mmu_read(&m, c.base + 50 * PAGE_SIZE, MMU_STALEST, NULL, NULL, NULL);
	assert_int_equal(o.via, VIA_TLB);
	assert_int_equal(o.pa, c.canary);
	mmu_invlpg(&m, c.base + 50 * PAGE_SIZE);
	o = mmu_read(&m, c.base + 50 * PAGE_SIZE, MMU_STALEST, NULL, NULL, NULL);
	assert_int_equal(o.via, VIA_CR3);
	assert_true(arena_r64(slot(c.base, 2)) & A);
}

/*
 * SDM 4.8, 4.10.2.2: software clears A without a flush; a translation
 * cached before may serve the next read, which then leaves A clear.
 */
static void test_accessed_clear_without_flush(void **state)
{
	u64 va = WIN + 3 * PAGE_SIZE, a = frame();
	struct mmu_outcome o;

	(void)state;
	map(va, 1, a, RW);
	mmu_read(&m, va, MMU_STALEST, NULL, NULL, NULL);
	assert_true(arena_r64(slot(va, 1)) & A);
	mmu_store(&m, slot(va, 1), arena_r64(slot(va, 1)) & ~A);
	o = mmu_read(&m, va, MMU_STALEST, NULL, NULL, NULL);
	assert_int_equal(o.via, VIA_TLB);
	assert_false(arena_r64(slot(va, 1)) & A);
	mmu_invlpg(&m, va);
	o = mmu_read(&m, va, MMU_STALEST, NULL, NULL, NULL);
	assert_int_equal(o.via, VIA_CR3);
	assert_true(arena_r64(slot(va, 1)) & A);
}

/* SDM 4.10.1, 4.10.4.1: PCIDs; CR3 bit 63 keeps; INVLPG is per PCID. */
static void test_pcid_scope(void **state)
{
	struct collapse c;
	u64 root = m.cr3;

	(void)state;
	mmu_write_cr4(&m, CR4_PGE_BIT | CR4_PCIDE_BIT);
	mmu_write_cr3(&m, root | 1);
	build_small(&c, WIN + PMD_SIZE, 0);
	mmu_write_cr3(&m, root | 2 | CR3_NOFLUSH_BIT);
	clear_pde(&c);
	mmu_invlpg(&m, c.base);
	reuse_and_huge(&c, c.canary | TBL);
	assert_false(allows(c.base + 9 * PAGE_SIZE, false, c.canary, -1));
	mmu_write_cr3(&m, root | 1 | CR3_NOFLUSH_BIT);
	assert_true(allows(c.base + 9 * PAGE_SIZE, false, c.canary, VIA_PDE));
	mmu_invpcid(&m, 1, 1, 0);
	assert_false(allows(c.base + 9 * PAGE_SIZE, false, c.canary, -1));
}

/* INVPCID type 2 drops globals of every PCID; type 3 keeps them. */
static void test_invpcid_all_types(void **state)
{
	u64 g = WIN + PAGE_SIZE, a = frame(), b = frame();

	(void)state;
	map(g, 1, a, RW | G);
	mmu_store(&m, slot(g, 1), b | RW | P | G);
	mmu_invpcid(&m, 3, 0, 0);
	assert_true(allows(g, false, a, VIA_TLB));
	mmu_invpcid(&m, 2, 0, 0);
	assert_false(allows(g, false, a, -1));
}

/* Ambiguity: INVPCID type 0's reach into the PSC (docs/model.md). */
static void check_invpcid0(enum mmu_invpcid0_psc reach, bool survives)
{
	struct mmu_params par;
	struct collapse c;

	mmu_params_default(&par);
	par.invpcid0_psc = reach;
	setup_vendor(MMU_INTEL, &par);
	build_small(&c, WIN + PMD_SIZE, 0);
	clear_pde(&c);
	mmu_invpcid(&m, 0, 0, WIN + 300 * PUD_SIZE);
	reuse_and_huge(&c, c.canary | TBL);
	assert_int_equal(allows(c.base + 9 * PAGE_SIZE, false, c.canary, VIA_PDE),
			 survives);
	mmu_destroy(&m);
	arena_teardown();
}

static void test_invpcid0_reach(void **state)
{
	(void)state;
	check_invpcid0(INVPCID0_PSC_PATH, true);
	check_invpcid0(INVPCID0_PSC_ALL, false);
}

/* Ambiguity: INVLPG after an in-place size change (SDM 4.10.4.1, 4.10.2.3). */
static void check_fractured(enum mmu_fractured f, bool survives)
{
	struct mmu_params par;
	u64 base = WIN + 2 * PUD_SIZE, big, table, small;

	mmu_params_default(&par);
	par.invlpg_fractured = f;
	setup_vendor(MMU_INTEL, &par);
	big = block_2m();
	map(base, 2, big, RW);
	table = frame();
	small = frame();
	for (int i = 0; i < 512; i++)
		mmu_store(&m, table + 8 * i, small | RW | P);
	mmu_store(&m, slot(base, 2), table | TBL);
	mmu_invlpg(&m, base);
	assert_false(allows(base + 5, false, big + 5, -1));
	assert_int_equal(allows(base + 9 * PAGE_SIZE, false, big + 9 * PAGE_SIZE,
				VIA_TLB), survives);
	mmu_destroy(&m);
	arena_teardown();
}

static void test_invlpg_fractured(void **state)
{
	(void)state;
	check_fractured(FRACTURED_KEEP, true);
	check_fractured(FRACTURED_DROP, false);
}

/* Eviction is always allowed: the current walk is always in the set. */
static void test_current_walk_always_allowed(void **state)
{
	struct collapse c;

	(void)state;
	build_small(&c, WIN + PMD_SIZE, 0);
	clear_pde(&c);
	reuse_and_huge(&c, c.canary | TBL);
	for (int i = 0; i < 512; i += 37)
		assert_true(allows(c.base + i * PAGE_SIZE, false,
				   c.huge + i * PAGE_SIZE, VIA_CR3));
}

/* A table word changed without mmu_store() is caught and still recorded. */
static void test_bypass_recorded(void **state)
{
	u64 va = WIN + 5 * PAGE_SIZE, a = frame(), b = frame();

	(void)state;
	map(va, 1, a, RW);
	mmu_write_cr3(&m, m.cr3);	/* an event: the index is current */
	arena_w64(slot(va, 1), b | RW | P);
	mmu_invlpg(&m, WIN + 300 * PUD_SIZE);
	/* Flushes in a row share one shadow comparison, at the next sync. */
	mmu_sync(&m);
	assert_int_equal(m.bypassed, 1);
	assert_true(allows(va, false, a, VIA_TLB));
}

/* The seeded policy repeats itself; the stalest one shows the stale walk. */
static void test_policies(void **state)
{
	struct collapse c;
	struct rng r1, r2;
	u64 seq1 = 0, seq2 = 0;

	(void)state;
	build_small(&c, WIN + PMD_SIZE, 0);
	clear_pde(&c);
	reuse_and_huge(&c, c.canary | TBL);
	assert_int_equal(mmu_read(&m, c.base + 3 * PAGE_SIZE, MMU_STALEST, NULL,
				  NULL, NULL).pa, c.canary);
	rng_seed(&r1, 42);
	rng_seed(&r2, 42);
	for (int i = 0; i < 64; i++) {
		struct mmu_outcome o[MMU_MAX_OUTCOMES];
		int n = mmu_allowed(&m, c.base + 3 * PAGE_SIZE, o, MMU_MAX_OUTCOMES);

		seq1 = seq1 * 31 + rng_below(&r1, (u64)n);
		seq2 = seq2 * 31 + rng_below(&r2, (u64)n);
	}
	assert_int_equal(seq1, seq2);
}

/* Vendor names parse both ways; a bad one is refused. */
static void test_vendor_names(void **state)
{
	(void)state;
	for (int v = 0; v < MMU_VENDOR_NR; v++)
		assert_int_equal(mmu_vendor_parse(mmu_vendor_name(v)), v);
	assert_int_equal(mmu_vendor_parse("via"), -1);
}

#define T(fn, setup) cmocka_unit_test_setup_teardown(fn, setup, teardown)

/*
 * Legal machines (model/mmu_legal.c): whatever the knobs, a read picks an
 * outcome the model allowed just before it (the machine only ever keeps
 * less), and a machine that keeps nothing reads the current tables.
 */
static void test_legal_reads_inside_allowed(void **state)
{
	struct mmu_outcome before[MMU_MAX_OUTCOMES], got;
	u64 va = WIN + 9 * PAGE_SIZE, f[4] = { frame(), frame(), frame(), frame() };
	int stale = 0;

	(void)state;
	mmu_legal_parse(&m.legal, "evict_ppm=200000,flush_ppm=50000,"
			"fill_ppm=500000,stalest_ppm=500000,tlb_cap=2", 3);
	map(va, 1, f[0], RW);
	for (int i = 0; i < 400; i++) {
		int n, k;

		mmu_store(&m, slot(va, 1), f[(i + 1) % 4] | RW | P);
		n = mmu_allowed(&m, va, before, MMU_MAX_OUTCOMES);
		got = mmu_read(&m, va, MMU_STALEST, NULL, NULL, NULL);
		for (k = 0; k < n; k++)
			if (before[k].fault == got.fault && before[k].pa == got.pa)
				break;
		assert_true(k < n);
		stale += got.pa != before[0].pa;
	}
	/* It really kept some and lost some. */
	assert_true(stale > 0 && stale < 400);
	assert_true(m.legal.evicted + m.legal.flushed + m.legal.unfilled > 0);
}

static void test_legal_keeps_nothing(void **state)
{
	u64 va = WIN + 11 * PAGE_SIZE, a = frame(), b = frame();

	(void)state;
	assert_int_equal(mmu_legal_parse(&m.legal, "tlb_cap=0,psc_cap_pde=0,"
					 "psc_cap_pdpte=0,psc_cap_pml4e=0", 1), 0);
	map(va, 1, a, RW);
	mmu_store(&m, slot(va, 1), b | RW | P);
	assert_int_equal(mmu_read(&m, va, MMU_STALEST, NULL, NULL, NULL).pa, b);
	assert_int_equal(mmu_legal_parse(&m.legal, "tlb_cap=x", 1), -1);
	assert_int_equal(mmu_legal_parse(&m.legal, "no_such_knob=1", 1), -1);
}

/* A mutant breaks its rule: INVLPG that keeps its page's TLB entry. */
static void test_mutant_invlpg_keeps_page(void **state)
{
	u64 va = WIN + 13 * PAGE_SIZE, a = frame(), b = frame();

	(void)state;
	assert_int_equal(mmu_mutant_parse("invlpg-keeps-page"),
			 MUT_INVLPG_KEEPS_PAGE);
	assert_int_equal(mmu_mutant_parse("no-such-mutant"), -1);
	m.mutant = MUT_INVLPG_KEEPS_PAGE;
	map(va, 1, a, RW);
	mmu_store(&m, slot(va, 1), b | RW | P);
	mmu_invlpg(&m, va);
	assert_true(allows(va, false, a, VIA_TLB));
	/* The rest of the rules still hold: a CR3 write drops it. */
	mmu_write_cr3(&m, m.cr3);
	assert_false(allows(va, false, a, -1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_stale_tlb_until_invlpg, setup_intel),
		T(test_speculative_fill, setup_intel),
		T(test_cr3_keeps_globals, setup_intel),
		T(test_pge_drops_everything, setup_intel),
		T(test_stale_pde_walk, setup_intel),
		T(test_intel_invlpg_drops_all_psc, setup_intel),
		T(test_amd_invlpg_drops_all_psc, setup_amd),
		T(test_amd_tce_invlpg_path_only, setup_amd_tce),
		T(test_amd_invpcid0_drops_all_psc, setup_amd),
		T(test_amd_tce_invpcid0_path_only, setup_amd_tce),
		T(test_intel_pud_invlpg, setup_intel),
		T(test_stale_pdpte_reaches_new_slots, setup_intel),
		T(test_tcg_no_psc_fill_on_access, setup_tcg),
		T(test_tcg_cr3_drops_globals, setup_tcg),
		T(test_tcg_invlpg_in_large_span, setup_tcg),
		T(test_pf_invalidates_path, setup_intel),
		T(test_accessed_bits, setup_intel),
		T(test_accessed_clear_without_flush, setup_intel),
		T(test_pcid_scope, setup_intel),
		T(test_invpcid_all_types, setup_intel),
		cmocka_unit_test(test_invpcid0_reach),
		cmocka_unit_test(test_invlpg_fractured),
		T(test_current_walk_always_allowed, setup_intel),
		T(test_bypass_recorded, setup_intel),
		T(test_policies, setup_intel),
		T(test_legal_reads_inside_allowed, setup_intel),
		T(test_legal_keeps_nothing, setup_intel),
		T(test_mutant_invlpg_keeps_page, setup_intel),
		cmocka_unit_test(test_vendor_names),
	};

	return cmocka_run_group_tests_name("mmu", tests, NULL, NULL);
}
