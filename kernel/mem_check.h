/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_MEM_CHECK_H
#define TLBPROBE_MEM_CHECK_H

#include "mm/frame_alloc.h"

/*
 * Is there enough memory to run any scenario?  Every one needs a free,
 * 2 MiB-aligned 2 MiB block for its huge page (tests/kernel/lab.c); without
 * one each scenario would fail alone with error=no_memory.  Returns NULL
 * when there is, else the reason, written into buf.  Only asks, never
 * allocates: the allocator's last-in first-out order stays as it was.
 */
const char *mem_check(const struct frame_alloc *fa, u64 usable_bytes,
		      char *buf, size_t len);

#endif
