// SPDX-License-Identifier: MIT
/*
 * The bench family's cross-CPU figures (docs/bench.md), in TSC cycles on
 * the boot CPU: an IPI round trip (send, the other CPU's handler, its
 * acknowledgement), a mailbox call, a one-page and a full shootdown to
 * every CPU, and INVLPGB + TLBSYNC where the CPU has them.  The other CPUs
 * sit halted between samples, as idle CPUs do, so waking them is included.
 */
#include "tests/kernel/bench.h"
#include "kernel/smp_call.h"
#include "mm/shootdown.h"

static struct shootdown_stats sd;
static u64 missing;

static void nop(void *arg)
{
	(void)arg;
}

static void op_ipi(void *arg)
{
	(void)arg;
	/* No page: only the interrupt and the acknowledgement. */
	shootdown(SHOOTDOWN_PAGES, FIX_FAR_VA, 0, false, &sd);
	missing += (u64)sd.missing;
}

static void op_call(void *arg)
{
	(void)arg;
	missing += smp_call(1, nop, NULL, SMP_WAIT_MS) != 0;
}

static void op_page(void *arg)
{
	(void)arg;
	shootdown(SHOOTDOWN_PAGES, FIX_FAR_VA, 1, true, &sd);
	missing += (u64)sd.missing;
}

static void op_full(void *arg)
{
	(void)arg;
	shootdown(SHOOTDOWN_FULL, 0, 0, true, &sd);
	missing += (u64)sd.missing;
}

static void op_invlpgb(void *arg)
{
	(void)arg;
	invlpgb_range(FIX_FAR_VA, 1, false, true);
}

/* The function that times d: its flush kind's, or a non-flush variant's. */
static bench_fn *bench_smp_fn(const struct bench_def *d)
{
	switch (d->flush) {
	case FLUSH_SHOOTDOWN:
		return op_page;
	case FLUSH_SHOOTDOWN_FULL:
		return op_full;
	case FLUSH_INVLPGB:
		return op_invlpgb;
	default:
		return d->variant == BV_CALL ? op_call : op_ipi;
	}
}

const char *bench_skip_smp(const struct scenario *s, struct scen_ctx *c)
{
	const struct bench_def *d = bench_def(s);
	const char *why = NULL;

	(void)c;
	if (flush_scope(d->flush)->reach == REACH_BROADCAST)
		return invlpgb_supported(&why) ? NULL : why;
	if (!smp_nr_remote())
		return "one CPU: needs a second (SMP=2 or more)";
	if (d->variant == BV_CALL && !smp_cpu_usable(1))
		return "cpu 1 is not usable";
	return NULL;
}

void bench_run_smp(const struct scenario *s, struct scen_ctx *c,
		   struct scen_result *r)
{
	struct bench_stats st;

	(void)c;
	missing = 0;
	/* Fewer samples: each one is a round trip through another vCPU. */
	bench_measure(NULL, bench_smp_fn(bench_def(s)), NULL, bench_heavy_reps(), &st);
	bench_report(bench_short_name(s), &st);
	result_kv(r, "cpus", (u64)smp_nr_remote() + 1);
	result_kv(r, "missing_acks", missing);
	r->error = missing != 0;
}
