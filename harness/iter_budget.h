/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_ITER_BUDGET_H
#define TLBPROBE_ITER_BUDGET_H

/*
 * How many iterations a row runs (docs/log-format.md, "iters=auto"): the
 * fixed iters=, or with iters=auto until the row's bound reaches target=
 * or its budget= is spent.  The bound is the kernel's one-sided zero bound
 * over the row's units (kernel/report.c), divided by the presence rate its
 * no-flush twin showed (roughly bound(n)/w; 1 where the twin is unknown or
 * showed nothing: unconditioned).  A row with a non-coherent unit cannot
 * reach a zero's target: a correctness row stops at its first one (the
 * finding is made), other rows run until they have the units a zero would
 * need at that rate.
 */
#include "harness/scenario.h"

struct iter_budget {
	u64 start_ms;
	u64 w_ppb;		/* the twin's presence rate; 10^9: unconditioned */
	const char *ended;	/* "target", "budget", "finding", "iters" */
};

void iter_budget_start(struct iter_budget *b, const struct scen_ctx *c,
		       const char *twin);
/* Whether the row goes on after r->iters iterations. */
bool iter_budget_more(struct iter_budget *b, const struct scen_ctx *c,
		      const struct scenario *s, const struct scen_result *r);
/* The planned iterations for a progress line: 0 under iters=auto. */
static inline u64 iter_budget_total(const struct scen_ctx *c)
{
	return c->opt->iters_auto ? 0 : c->opt->iters;
}
/*
 * With iters=auto: ended=, elapsed_ms= and twin_w_ppb= (the twin's rate
 * the stop used, or none: unconditioned) on the result line.
 */
void iter_budget_end(const struct iter_budget *b, const struct scen_ctx *c,
		     struct scen_result *r);

#endif
