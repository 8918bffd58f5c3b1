// SPDX-License-Identifier: MIT
/*
 * selftest: scenarios that check tlbprobe's own safety nets and end the run
 * on purpose.  They run only when a tests= pattern names them
 * (tests=selftest.*), never in the default run.
 */
#include "tests/kernel/fixture.h"
#include "kernel/smp_call.h"

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

static void remote_bad_read(void *arg)
{
	volatile u64 *p = (volatile u64 *)(uintptr_t)FIX_FAR_VA;

	(void)arg;
	fixture_flush(FLUSH_INVLPG, FIX_FAR_VA);
	(void)*p;	/* never completes */
}

/*
 * The same on a secondary CPU: it must report the abort with its CPU
 * number, and the boot CPU, waiting for the call, must end the run failed.
 */
static void run_remote_fault(const struct scenario *s, struct scen_ctx *c,
			     struct scen_result *r)
{
	(void)s;
	(void)c;
	smp_call(1, remote_bad_read, NULL, SMP_WAIT_MS);
	diag(DIAG_ERROR, "cpu 1 came back from an unrecoverable fault");
	r->pass = false;
}

static const char *skip_remote(const struct scenario *s, struct scen_ctx *c)
{
	(void)s;
	(void)c;
	return smp_cpu_usable(1) ? NULL : "one CPU: needs a second (SMP=2 or more)";
}

static const struct scenario rows[] = {
	{ .name = "selftest.unexpected_fault", .cls = CLASS_CONTROL,
	  .desc = "an unrecovered #PF: the run must abort with a report (named only)",
	  .run = run_unexpected_fault },
	{ .name = "selftest.remote_fault", .cls = CLASS_CONTROL,
	  .desc = "an unrecovered #PF on cpu 1: the run must abort naming the CPU (named only)",
	  .skip = skip_remote, .run = run_remote_fault },
};

FAMILY(selftest, 80, true, rows);
