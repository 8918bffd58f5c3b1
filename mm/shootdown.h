/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_SHOOTDOWN_H
#define TLBPROBE_SHOOTDOWN_H

#include "kernel/types.h"

/*
 * Invalidations that reach other CPUs, the two ways an OS does them:
 *  - an IPI on a fixed vector; each CPU runs INVLPG over the range or a
 *    full flush and acknowledges, as Linux's flush_tlb_kernel_range();
 *  - AMD's INVLPGB broadcast and TLBSYNC wait (APM vol. 3), where CPUID
 *    0x80000008 EBX[3] says the CPU has them.
 * SDM vol. 3A 4.10.5: a change other processors may cache needs an
 * invalidation on each of them; no instruction on one CPU reaches another,
 * except AMD's broadcast.
 */
enum shootdown_kind {
	SHOOTDOWN_PAGES,	/* INVLPG each 4 KiB page of the range */
	SHOOTDOWN_FULL,		/* globals and every PCID (CR4.PGE toggle) */
};

struct shootdown_stats {
	int targets;		/* other CPUs sent the IPI */
	int missing;		/* of those, no acknowledgement in time */
};

/*
 * Flush [va, va + npages pages) or everything on every usable CPU, this
 * one included; wait for each acknowledgement, bounded in time.  With
 * self false the calling CPU does not flush (a remote-only shootdown).
 */
int shootdown(enum shootdown_kind kind, u64 va, u64 npages, bool self,
	      struct shootdown_stats *st);
/* The IPI handler's part (kernel/smp_call.c). */
void shootdown_irq(void);

/* INVLPGB with its limits, or false and why not. */
bool invlpgb_supported(const char **why);
/* Pages one INVLPGB may cover (1 + CPUID 0x80000008 EDX[15:0]). */
u32 invlpgb_max_pages(void);
/*
 * Broadcast invalidation of npages 4 KiB pages from va, globals included;
 * with final_only, only final translations (the paging-structure caches
 * may keep entries).  Then TLBSYNC unless sync is false.
 */
void invlpgb_range(u64 va, u32 npages, bool final_only, bool sync);
void tlbsync(void);

#endif
