/* SPDX-License-Identifier: MIT */
/*
 * The units behind the bounds (bounds.h): independent units, never
 * probes: one collapse seen by one CPU (the probes of an iteration share
 * its cached entries), which the kernel logs as units= and
 * units_<outcome>= ("# result:"), units= and units_stale= ("# hist:"),
 * and race_units_<phase>= / race_bad_<phase>= (docs/log-format.md).
 */
#ifndef CHECKER_UNITS_H
#define CHECKER_UNITS_H

#include "bounds.h"
#include "ktap.h"

/*
 * The row's units: units= where the kernel logged it; for a log of an
 * older kernel, iters= (*from_iters set: then counts are probes, capped
 * at n, an upper bound on the units that had them).  0: none.
 */
long long scenario_units(const struct scenario *s, bool *from_iters);
/* Units with a read of outcome key (units_<key>=, else capped probes). */
long long scenario_units_with(const struct scenario *s, const char *key);
/*
 * The fewest units that can hold those reads: the same where units= was
 * logged, else the probes spread evenly at most (probes / iters a unit).
 */
long long scenario_units_with_min(const struct scenario *s, const char *key);
/* The bound for key (NULL: stale reads of any kind) over the row's units. */
void scenario_bound(const struct scenario *s, const char *key, struct bound *b);
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
