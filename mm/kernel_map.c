// SPDX-License-Identifier: MIT
#include "mm/kernel_map.h"
#include "mm/phys.h"

extern char __kernel_start[], __kernel_end[];

/* No NX: the bit is reserved (a fault) on CPUs without it. */
#define RAM_FLAGS	PTE_RW
#define DEVICE_FLAGS	(PTE_RW | PTE_PCD | PTE_PWT)

static bool is_mapped(struct pgt *p, u64 va)
{
	return pgt_translate(p, va, NULL, NULL) != (u64)-1;
}

/*
 * Whether [pa, pa + size) touches a region the map says is not RAM: some
 * firmware lists overlapping entries, and those parts must stay unmapped.
 */
static bool blocked(const struct boot_info *bi, u64 pa, u64 size)
{
	for (int i = 0; bi && i < bi->nr_regions; i++)
		if (bi->regions[i].type != MEM_AVAILABLE &&
		    pa < bi->regions[i].end && bi->regions[i].start < pa + size)
			return true;
	return false;
}

/* Identity-map [start, end); with bi, only what no other region claims. */
static int map_range(struct pgt *p, u64 start, u64 end, u64 flags,
		     const struct boot_info *bi)
{
	u64 pa = ALIGN_DOWN(start, PAGE_SIZE);

	end = ALIGN_UP(end, PAGE_SIZE);
	while (pa < end) {
		if (IS_ALIGNED(pa, PMD_SIZE) && pa + PMD_SIZE <= end &&
		    !pgt_entry(p, pa, PT_LEVEL_PTE) && !blocked(bi, pa, PMD_SIZE)) {
			/* Overlapping RAM entries: already mapped is fine. */
			if (!is_mapped(p, pa) && pgt_map_2m(p, pa, pa, flags))
				return -1;
			pa += PMD_SIZE;
			continue;
		}
		if (!is_mapped(p, pa) && !blocked(bi, pa, PAGE_SIZE) &&
		    pgt_map_4k(p, pa, pa, flags))
			return -1;
		pa += PAGE_SIZE;
	}
	return 0;
}

int kernel_map_build(struct pgt *p, const struct boot_info *bi, u64 limit_pa,
		     const u64 *device_pages, int nr_device_pages)
{
	u64 kstart = (u64)(uintptr_t)__kernel_start;
	u64 kend = (u64)(uintptr_t)__kernel_end;
	int i;

	/* The kernel first, in 4 KiB pages: code must stay executable. */
	if (map_range(p, ALIGN_DOWN(kstart, PAGE_SIZE), kend, PTE_RW, NULL))
		return -1;
	for (i = 0; i < nr_device_pages; i++)
		if (!is_mapped(p, device_pages[i]) &&
		    pgt_map_4k(p, ALIGN_DOWN(device_pages[i], PAGE_SIZE),
			       ALIGN_DOWN(device_pages[i], PAGE_SIZE),
			       DEVICE_FLAGS))
			return -1;
	for (i = 0; i < bi->nr_regions; i++) {
		const struct mem_range *r = &bi->regions[i];
		u64 start = MAX(r->start, MIB(1)), end = MIN(r->end, limit_pa);

		if (r->type != MEM_AVAILABLE || start >= end)
			continue;
		if (map_range(p, ALIGN_UP(start, PAGE_SIZE),
			      ALIGN_DOWN(end, PAGE_SIZE), RAM_FLAGS, bi))
			return -1;
	}
	return 0;
}
