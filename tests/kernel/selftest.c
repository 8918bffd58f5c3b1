// SPDX-License-Identifier: MIT
/*
 * selftest: scenarios that check tlbprobe's own safety nets and end the run
 * on purpose.  They run only when a tests= pattern names them
 * (tests=selftest.*), never in the default run.
 */
#include "tests/kernel/fixture.h"

/*
 * A read of an unmapped address outside any probe: no exception-table
 * entry covers it, so the trap handler must print the abort line (vector,
 * error code, RIP, CR2, CR3, this scenario) and end the run failed.  The
 * read is a plain load on purpose: through the seam it would be caught.
 */
static void run_unexpected_fault(const struct scenario *s, struct scen_ctx *c,
				 struct scen_result *r)
{
	volatile u64 *p = (volatile u64 *)(uintptr_t)FIX_FAR_VA;

	(void)s;
	(void)c;
	fixture_flush(FLUSH_INVLPG, FIX_FAR_VA);
	r->iters = *p;	/* never completes */
	r->pass = false;
}

static const struct scenario rows[] = {
	{ .name = "selftest.unexpected_fault", .cls = CLASS_CONTROL,
	  .desc = "an unrecovered #PF: the run must abort with a report (named only)",
	  .run = run_unexpected_fault },
};

FAMILY(selftest, 80, true, rows);
