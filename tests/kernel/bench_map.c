// SPDX-License-Identifier: MIT
/* The mappings the bench figures time (bench.h). */
#include "tests/kernel/bench.h"

u64 bench_frames_2m(struct scen_ctx *c, const char **why)
{
	const struct fixture_frames *fx = fixture_get_frames(c, why);

	return fx ? fx->huge2m : FA_NO_FRAME;
}

void bench_unmap_gib(struct scen_ctx *c, u64 base)
{
	struct flush_req full = { .kind = FLUSH_FULL };
	u64 *pud = pgt_entry(c->pgt, base, PT_LEVEL_PUD);

	if (!pud || !(*pud & PTE_P))
		return;
	if (*pud & PTE_PS) {
		hw_write_entry(pud, 0);
		fixture_full_flush();
		return;
	}
	pud_free_pmd_page(c->pgt, base, &full);
}

int bench_map_small(struct scen_ctx *c, u64 base, u64 pa)
{
	u64 *pte;

	if (pgt_map_4k(c->pgt, base, pa, PTE_RW))
		return -1;
	pte = pgt_entry(c->pgt, base, PT_LEVEL_PTE);
	hw_write_entries(pte + 1, PTRS_PER_TABLE - 1,
			 (pa + PAGE_SIZE) | PTE_RW | PTE_P, PAGE_SIZE);
	return 0;
}

/*
 * Plain loads, not hw_read64(): this is the timed work itself, and a model
 * has no clock (docs/bench.md).
 */
void bench_touch(u64 base, u32 k)
{
	for (u32 j = 0; j < k; j++)
		(void)*(volatile u64 *)(base + j * PAGE_SIZE +
					((j * 64) & (PAGE_SIZE - 1)));
}
