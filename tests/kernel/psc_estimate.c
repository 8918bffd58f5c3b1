// SPDX-License-Identifier: MIT
/*
 * The capacity estimate of the psc_size rows (psc_estimate.h).  The sizes
 * are not architectural (SDM 4.10.3: a processor may cache any number of
 * entries, or none), so the answer is an interval from what was seen, and
 * "none" when nothing was.
 */
#include "tests/kernel/psc_estimate.h"
#include "kernel/format.h"

void psc_estimate(const struct psc_point *pts, unsigned int npts,
		  struct psc_capacity *cap)
{
	u32 lo = 0, hi = 0;
	unsigned int i;

	for (i = 0; i < npts; i++)
		if (pts[i].most > lo)
			lo = pts[i].most;
	/* The smallest N tried above lo: no pass there held every region. */
	for (i = 0; i < npts; i++)
		if (pts[i].passes && pts[i].n > lo && (!hi || pts[i].n - 1 < hi))
			hi = pts[i].n - 1;
	cap->none = lo == 0;
	cap->lo = lo;
	cap->hi = lo ? hi : 0;
}

void psc_capacity_format(const struct psc_capacity *cap, char *buf, size_t len)
{
	if (cap->none)
		fmt_snprintf(buf, len, "none");
	else if (!cap->hi)
		fmt_snprintf(buf, len, "%u..", cap->lo);
	else
		fmt_snprintf(buf, len, "%u..%u", cap->lo, cap->hi);
}
