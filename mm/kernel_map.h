/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_KERNEL_MAP_H
#define TLBPROBE_KERNEL_MAP_H

#include "mm/pgtable.h"
#include "kernel/bootinfo.h"
#include "mm/phys.h"

/*
 * The experiment window: a PML4 slot of its own, far from the direct map,
 * so that nothing else shares its upper-level entries.  (QEMU's TCG also
 * turns any INVLPG inside the span of the large pages it has cached into a
 * full flush, so the window must stay well away from the 2 MiB direct map.)
 */
#define WINDOW_BASE	0xFFFFC90000000000ULL
#define WINDOW_SIZE	(512ULL * PUD_SIZE)

/*
 * Build the kernel's own tables: the RAM the allocator covers, identity
 * mapped (2 MiB pages where a whole 2 MiB is RAM), the kernel image, and
 * any device pages passed in (VGA text, an MMIO UART).
 */
int kernel_map_build(struct pgt *p, const struct boot_info *bi, u64 limit_pa,
		     const u64 *device_pages, int nr_device_pages);

#endif
