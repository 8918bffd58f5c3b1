/* SPDX-License-Identifier: MIT */
/*
 * 95% bounds on a rate from k of n (docs/checker.md, "Bounds"): the same
 * Clopper-Pearson computation as scripts/fleet-table.pl (the kernel's
 * table prints the zero case, 1 - 0.05^(1/n), in fixed point).
 */
#ifndef CHECKER_BOUNDS_H
#define CHECKER_BOUNDS_H

#include <stddef.h>

/* k = 0: [0, 1 - 0.05^(1/n)] one-sided; k > 0: the two-sided interval. */
void cp_bounds(long long k, long long n, double *lo, double *hi);
/* "0 in 4096 (< 0.073%)", "12 in 4096 (0.15% - 0.51%)", "no probes". */
void bounds_text(char *buf, size_t len, long long k, long long n);
/* A share as a percentage: one decimal from 10% up, else two significant digits. */
void pct_text(char *buf, size_t len, double share);

#endif
