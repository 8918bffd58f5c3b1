// SPDX-License-Identifier: MIT
#include "mm/frame_alloc.h"
#include "mm/phys.h"

#define LOW_MEMORY_END	MIB(1)

static bool bit_get(const struct frame_alloc *fa, u64 f)
{
	return fa->bitmap[f >> 3] & (1U << (f & 7));
}

static void bit_set(struct frame_alloc *fa, u64 f)
{
	fa->bitmap[f >> 3] |= (u8)(1U << (f & 7));
}

static void bit_clear(struct frame_alloc *fa, u64 f)
{
	fa->bitmap[f >> 3] &= (u8)~(1U << (f & 7));
}

/*
 * The first range among list[] (only those of a type other than available
 * RAM when skip_available) that overlaps [start, end): its index, or -1.
 */
static int first_overlap(u64 start, u64 end, const struct mem_range *list,
			 int nr, bool skip_available)
{
	for (int i = 0; i < nr; i++) {
		if (skip_available && list[i].type == MEM_AVAILABLE)
			continue;
		if (start < list[i].end && list[i].start < end)
			return i;
	}
	return -1;
}

static bool frame_ownable(const struct frame_alloc *fa, u64 pa)
{
	return pa >= LOW_MEMORY_END && pa + PAGE_SIZE <= fa->limit_pa &&
	       first_overlap(pa, pa + PAGE_SIZE, fa->reserved, fa->nr_reserved,
			     false) < 0 &&
	       first_overlap(pa, pa + PAGE_SIZE, fa->regions, fa->nr_regions,
			     true) < 0;
}

/* Where the next range that could block a frame starts, at or after pa. */
static u64 next_blocker(const struct frame_alloc *fa, u64 pa, u64 end)
{
	u64 next = end;
	int i;

	for (i = 0; i < fa->nr_reserved; i++)
		if (fa->reserved[i].start >= pa && fa->reserved[i].start < next)
			next = fa->reserved[i].start;
	for (i = 0; i < fa->nr_regions; i++)
		if (fa->regions[i].type != MEM_AVAILABLE &&
		    fa->regions[i].start >= pa && fa->regions[i].start < next)
			next = fa->regions[i].start;
	return next;
}

/* Mark frames [first, last) free, whole bytes at a time where possible. */
static void set_run(struct frame_alloc *fa, u64 first, u64 last)
{
	u64 f = first;

	while (f < last && (f & 7))
		bit_set(fa, f++);
	for (; f + 8 <= last; f += 8)
		fa->bitmap[f >> 3] = 0xff;
	while (f < last)
		bit_set(fa, f++);
}

/*
 * Walk the region in runs rather than frame by frame: the checks per frame
 * cost seconds on hosts where every guest memory access is slow.
 */
static void add_region(struct frame_alloc *fa, const struct mem_range *r)
{
	u64 pa = ALIGN_UP(MAX(r->start, LOW_MEMORY_END), PAGE_SIZE);
	u64 end = ALIGN_DOWN(MIN(r->end, fa->limit_pa), PAGE_SIZE);
	u64 run_end, f;

	while (pa < end) {
		if (!frame_ownable(fa, pa)) {
			pa += PAGE_SIZE;
			continue;
		}
		run_end = MAX(ALIGN_DOWN(next_blocker(fa, pa + 1, end), PAGE_SIZE),
			      pa + PAGE_SIZE);
		for (f = pa >> PAGE_SHIFT; f < run_end >> PAGE_SHIFT; f++)
			if (bit_get(fa, f))
				break;
		/* Overlapping available regions: count each frame once. */
		run_end = MIN(run_end, f << PAGE_SHIFT);
		if (run_end == pa) {
			pa += PAGE_SIZE;
			continue;
		}
		set_run(fa, pa >> PAGE_SHIFT, run_end >> PAGE_SHIFT);
		fa->free_frames += (run_end - pa) >> PAGE_SHIFT;
		fa->total_frames += (run_end - pa) >> PAGE_SHIFT;
		pa = run_end;
	}
}

static u64 ram_top(const struct mem_range *regions, int nr)
{
	u64 top = 0;

	for (int i = 0; i < nr; i++)
		if (regions[i].type == MEM_AVAILABLE)
			top = MAX(top, regions[i].end);
	/* Whole bitmap bytes, without wrapping at the top of the space. */
	if (top > (u64)-1 - PAGE_SIZE * 8)
		return ALIGN_DOWN(top, PAGE_SIZE * 8);
	return ALIGN_UP(top, PAGE_SIZE * 8);
}

void falloc_init(struct frame_alloc *fa, u8 *bitmap, size_t bitmap_bytes,
		 const struct mem_range *regions, int nr_regions,
		 const struct mem_range *reserved, int nr_reserved)
{
	size_t i;
	int r;

	*fa = (struct frame_alloc){ 0 };
	fa->bitmap = bitmap;
	/* Cover only up to the top of RAM: less bitmap to clear and scan. */
	fa->nr_frames = MIN((u64)bitmap_bytes * 8,
			    ram_top(regions, nr_regions) >> PAGE_SHIFT);
	fa->limit_pa = fa->nr_frames << PAGE_SHIFT;
	fa->regions = regions;
	fa->nr_regions = nr_regions;
	fa->reserved = reserved;
	fa->nr_reserved = nr_reserved;
	for (i = 0; i < fa->nr_frames / 8; i++)
		bitmap[i] = 0;
	for (r = 0; r < nr_regions; r++)
		if (regions[r].type == MEM_AVAILABLE)
			add_region(fa, &regions[r]);
}

u64 falloc_alloc(struct frame_alloc *fa)
{
	u64 f;

	if (fa->nr_hot) {
		fa->free_frames--;
		return fa->hot[--fa->nr_hot];
	}
	for (f = 0; f < fa->nr_frames; f++) {
		u64 i = (fa->cursor + f) % fa->nr_frames;

		if (bit_get(fa, i)) {
			bit_clear(fa, i);
			fa->cursor = i + 1;
			fa->free_frames--;
			return i << PAGE_SHIFT;
		}
	}
	return FA_NO_FRAME;
}

void falloc_free(struct frame_alloc *fa, u64 pa)
{
	int i;

	/* When the stack is full its oldest frame goes back to the bitmap. */
	if (fa->nr_hot == FA_HOT_MAX) {
		bit_set(fa, fa->hot[0] >> PAGE_SHIFT);
		for (i = 1; i < FA_HOT_MAX; i++)
			fa->hot[i - 1] = fa->hot[i];
		fa->nr_hot--;
	}
	fa->hot[fa->nr_hot++] = ALIGN_DOWN(pa, PAGE_SIZE);
	fa->free_frames++;
}

static bool run_free(const struct frame_alloc *fa, u64 first, u64 n)
{
	u64 f;

	for (f = first; f < first + n; f++)
		if (!bit_get(fa, f))
			return false;
	return true;
}

u64 falloc_alloc_contig(struct frame_alloc *fa, u64 npages, u64 align)
{
	u64 step = MAX(align, PAGE_SIZE) >> PAGE_SHIFT;
	u64 first, f;

	if (!npages)
		return FA_NO_FRAME;
	for (first = 0; first + npages <= fa->nr_frames; first += step) {
		if (!run_free(fa, first, npages))
			continue;
		for (f = first; f < first + npages; f++)
			bit_clear(fa, f);
		fa->free_frames -= npages;
		return first << PAGE_SHIFT;
	}
	return FA_NO_FRAME;
}

void falloc_free_contig(struct frame_alloc *fa, u64 pa, u64 npages)
{
	u64 f;

	for (f = pa >> PAGE_SHIFT; f < (pa >> PAGE_SHIFT) + npages; f++)
		bit_set(fa, f);
	fa->free_frames += npages;
}

bool falloc_is_free(const struct frame_alloc *fa, u64 pa)
{
	u64 f = pa >> PAGE_SHIFT;
	int i;

	for (i = 0; i < fa->nr_hot; i++)
		if (fa->hot[i] >> PAGE_SHIFT == f)
			return true;
	return f < fa->nr_frames && bit_get(fa, f);
}

bool falloc_owns(const struct frame_alloc *fa, u64 pa)
{
	int i;

	pa = ALIGN_DOWN(pa, PAGE_SIZE);
	for (i = 0; i < fa->nr_regions; i++)
		if (fa->regions[i].type == MEM_AVAILABLE &&
		    pa >= fa->regions[i].start && pa + PAGE_SIZE <= fa->regions[i].end)
			return frame_ownable(fa, pa);
	return false;
}
