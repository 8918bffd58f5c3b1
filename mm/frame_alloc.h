/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_FRAME_ALLOC_H
#define TLBPROBE_FRAME_ALLOC_H

#include "kernel/types.h"
#include "kernel/bootinfo.h"

/*
 * Physical frames over the available RAM only.  A bitmap records the frames
 * that are free; a small stack holds the frames freed most recently and is
 * served first, last in first out.  So the next allocation after a free
 * returns the very page that was freed: the page-table page an experiment
 * just unlinked comes straight back to it, as it can in Linux.
 */

#define FA_HOT_MAX	64
#define FA_NO_FRAME	((u64)-1)

struct frame_alloc {
	u8 *bitmap;		/* bit set: frame free */
	u64 nr_frames;		/* frames the bitmap covers, from 0 */
	u64 cursor;		/* next frame to look at when the stack is empty */
	u64 hot[FA_HOT_MAX];
	int nr_hot;
	u64 free_frames;	/* in the bitmap and on the stack */
	u64 total_frames;	/* owned at init */
	u64 limit_pa;		/* RAM at or above this is left alone */
	/* The map it was built from, kept to answer falloc_owns(). */
	const struct mem_range *regions;
	int nr_regions;
	const struct mem_range *reserved;
	int nr_reserved;
};

/*
 * bitmap must hold bitmap_bytes bytes; regions and reserved must outlive fa; frames at or above bitmap_bytes * 8
 * pages are not managed.  Frames overlapping any reserved range, and the
 * first MiB, are never handed out.
 */
void falloc_init(struct frame_alloc *fa, u8 *bitmap, size_t bitmap_bytes,
		 const struct mem_range *regions, int nr_regions,
		 const struct mem_range *reserved, int nr_reserved);
u64 falloc_alloc(struct frame_alloc *fa);
void falloc_free(struct frame_alloc *fa, u64 pa);
/* npages contiguous frames aligned to align bytes; FA_NO_FRAME if none. */
u64 falloc_alloc_contig(struct frame_alloc *fa, u64 npages, u64 align);
void falloc_free_contig(struct frame_alloc *fa, u64 pa, u64 npages);
bool falloc_is_free(const struct frame_alloc *fa, u64 pa);
/* Whether pa lies in a frame the allocator manages (free or handed out). */
bool falloc_owns(const struct frame_alloc *fa, u64 pa);

#endif
