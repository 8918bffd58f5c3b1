/* SPDX-License-Identifier: MIT */
/*
 * Can this machine show the bug at all (docs/checker.md, "Caching")?
 * Under TCG it cannot: QEMU has no paging-structure caches.  Elsewhere the
 * witness rows (built to show paging-structure caching where the machine
 * has it: pmd_collapse.noflush, linux.28ee90fe6048, or any row whose
 * result says witness=1) decide: a stale walk of either level or a walk
 * fault (only a cached upper entry leads to the reused page: a TLB entry
 * leads to the old small frame), or an accessed bit set in a reused page,
 * is caching observed.  Where it
 * was not, a correctness row's ok is inconclusive, never a pass; and so is
 * a control that expects what the architecture allows but does not
 * require (control.stale_tlb, control.ad_cached) when all its reads were
 * coherent.
 */
#ifndef CHECKER_CACHING_H
#define CHECKER_CACHING_H

#include "ktap.h"
#include "harness/evidence.h"

enum caching_status {
	CACHING_NONE,		/* no finished run */
	CACHING_ABSENT,		/* TCG: none by construction */
	CACHING_OBSERVED,
	CACHING_NOT_OBSERVED,
	CACHING_UNTESTED,	/* no witness row ran */
};

struct caching {
	enum caching_status status;
	size_t witnesses, seen;
	const char *first;	/* the first witness that showed it */
	size_t inconclusive;	/* results that say nothing on this machine */
	size_t inconclusive_controls;
};

void caching_judge(const struct run *r, struct caching *c);
const char *caching_status_name(enum caching_status st);
/* A control whose unmet expectation is allowed, not required (see above). */
bool caching_control_inconclusive(const struct run *r, const struct scenario *s);
/* Whether s's result says nothing on this machine. */
bool caching_scenario_inconclusive(const struct caching *c, const struct run *r,
				   const struct scenario *s);
/*
 * Per correctness row, from its no-flush twin (harness/evidence.h, the
 * rule the kernel uses too): a correctness ok with no part 1 is
 * inconclusive for that row.
 */
bool caching_row_parts(const struct run *r, const struct scenario *s,
		       struct row_parts *p);
/* "tlb=yes pde=no pdpte=n/a twin=NAME" */
void caching_parts_text(const struct row_parts *p, char *buf, size_t len);
/* The run's rows as the evidence rule reads them (harness/evidence.h). */
void caching_src(const struct run *r, struct ev_src *src);
/* TCG, or the model of it: no paging-structure caches by construction. */
bool caching_emulated(const struct run *r);
/* One sentence for people: what the run could show. */
void caching_text(const struct caching *c, char *buf, size_t len);

#endif
