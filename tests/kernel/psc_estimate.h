/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_PSC_ESTIMATE_H
#define TLBPROBE_PSC_ESTIMATE_H

/*
 * The capacity of a paging-structure cache from a sweep (psc_size rows):
 * at each N, N regions warmed and their tables unlinked and reused without
 * a flush, then each probed once; a region that reads through its reused
 * table proves the entry was still held.
 */
#include "kernel/types.h"

struct psc_point {
	u32 n;		/* regions in one pass */
	u32 passes;	/* passes at this N */
	u64 seen;	/* regions that showed a stale walk, over all passes */
	u32 most;	/* the most stale regions in one pass */
};

/*
 * The estimate as an interval: none (no stale walk at any N: no cache
 * seen, never "0"), or lo..hi, hi 0 when no N above lo was tried.  lo is
 * the most entries seen held at once (a firm lower bound); hi is one less
 * than the smallest N tried above lo (no pass there showed every region,
 * which a cache of that size could have: an estimate, as evictions can
 * hide entries).
 */
struct psc_capacity {
	bool none;
	u32 lo, hi;
};

void psc_estimate(const struct psc_point *pts, unsigned int npts,
		  struct psc_capacity *cap);
/* "none", "16..23" or "64.." into buf. */
void psc_capacity_format(const struct psc_capacity *cap, char *buf,
			 size_t len);

#endif
