/* SPDX-License-Identifier: MIT */
/*
 * 95% bounds on a rate from k of n (docs/checker.md, "Bounds"), the one
 * implementation: scripts/fleet-table.pl takes its figures from the JSON
 * and tlbprobe-check --bound; the kernel's table prints the zero case,
 * 1 - 0.05^(1/n), in fixed point, tested against cp_bounds().
 *
 * n counts independent units, never probes: one collapse seen by one CPU
 * (the probes of an iteration share its cached entries), which the kernel
 * logs as units= and units_<outcome>= ("# result:"), units= and
 * units_stale= ("# hist:"), and race_units_<phase>= / race_bad_<phase>=.
 */
#ifndef CHECKER_BOUNDS_H
#define CHECKER_BOUNDS_H

#include <stdbool.h>
#include <stddef.h>

#include "ktap.h"

/* k = 0: [0, 1 - 0.05^(1/n)] one-sided; k > 0: the two-sided interval. */
void cp_bounds(long long k, long long n, double *lo, double *hi);
/* A share as a percentage: one decimal from 10% up, else two significant digits. */
void pct_text(char *buf, size_t len, double share);

/* One bound: k of n units, 95%, one-sided for k = 0, two-sided else. */
struct bound {
	long long k, n;
	double lo, hi;
	bool two_sided;
};

void bound_of(long long k, long long n, struct bound *b);
/* "0 in 16 iterations (< 17%, one-sided)", "3 in 16 ... (4.0% - 46%, two-sided)". */
void bound_text(char *buf, size_t len, const struct bound *b, const char *unit);

/*
 * The row's units: units= where the kernel logged it; for a log of an
 * older kernel, iters= (*from_iters set: then counts are probes, capped
 * at n, an upper bound on the units that had them).  0: none.
 */
long long scenario_units(const struct scenario *s, bool *from_iters);
/* Units with a read of outcome key (units_<key>=, else capped probes). */
long long scenario_units_with(const struct scenario *s, const char *key);
/* Units with a stale read of any kind (capped sum: an upper bound on k). */
long long scenario_units_stale(const struct scenario *s);

/*
 * The conditioning on the no-flush twin (twin= on the result line): w is
 * the share of the twin's units that showed a stale entry (in category cat
 * where the twin has it, else over the row), and the conditioned upper
 * bound is hi / w_lo, w_lo the twin's own two-sided lower bound: a ratio
 * of two 95% bounds, jointly >= 92.5% (Bonferroni), roughly bound(n)/w.
 * Returns false (reason says why: no twin named, the twin did not run,
 * it showed nothing) when the bound stays unconditioned.
 */
struct conditioned {
	const char *twin;
	struct bound w;		/* the twin's stale units of its units */
	double hi;		/* min(1, row upper / w.lo) */
};

bool bound_condition(const struct run *r, const struct scenario *s,
		     const char *cat, const struct bound *row,
		     struct conditioned *c, char *reason, size_t len);

/* A category's "# hist:" units and stale units; false if not logged. */
bool hist_units(const struct scenario *s, const char *cat, long long *units,
		long long *stale);

#endif
