/* SPDX-License-Identifier: MIT */
/*
 * 95% bounds on a rate from k of n (docs/checker.md, "Bounds"), the one
 * implementation: scripts/fleet-table.pl takes its figures from the JSON
 * and tlbprobe-check --bound; the kernel's table prints the zero case,
 * 1 - 0.05^(1/n), in fixed point, tested against cp_bounds().
 *
 * n counts independent units, never probes (units.h).
 */
#ifndef CHECKER_BOUNDS_H
#define CHECKER_BOUNDS_H

#include <stdbool.h>
#include <stddef.h>

/* k = 0: [0, 1 - 0.05^(1/n)] one-sided; k > 0: the two-sided interval. */
void cp_bounds(long long k, long long n, double *lo, double *hi);
/* A share as a percentage: one decimal from 10% up, else two significant digits. */
void pct_text(char *buf, size_t len, double share);

/* One bound: k of n units, 95%, one-sided for k = 0, two-sided else. */
struct bound {
	long long k, n;
	/*
	 * Where only probe counts say how many units had a read (logs of
	 * older kernels): k_min <= the units <= k, lo taken at k_min and hi
	 * at k.  Else k_min == k.
	 */
	long long k_min;
	double lo, hi;
	bool two_sided;
};

void bound_of(long long k, long long n, struct bound *b);
void bound_of_range(long long k_min, long long k, long long n, struct bound *b);
/*
 * "0 in 16 iterations (< 17.1%, one-sided)", "3 in 16 iterations (4.0% -
 * 46%, two-sided)", "2-24 in 64 iterations (...)" for a range.
 */
void bound_text(char *buf, size_t len, const struct bound *b, const char *unit);

#endif
