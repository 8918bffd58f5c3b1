/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_PHYS_H
#define TLBPROBE_PHYS_H

#include "kernel/types.h"

/*
 * Physical memory is reached through a direct map at a fixed offset.  The
 * kernel identity-maps the RAM it owns, so the offset is 0 there; the host
 * unit tests point it at an arena that stands in for physical memory.
 */
extern uintptr_t phys_map_offset;

static inline void *phys_to_virt(u64 pa)
{
	return (void *)(uintptr_t)(pa + phys_map_offset);
}

static inline u64 virt_to_phys(const void *va)
{
	return (u64)((uintptr_t)va - phys_map_offset);
}

#define PAGE_SIZE	4096ULL
#define PAGE_SHIFT	12
#define PMD_SIZE	(1ULL << 21)
#define PUD_SIZE	(1ULL << 30)

#endif
