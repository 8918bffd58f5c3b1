// SPDX-License-Identifier: MIT
/*
 * bench_smp: what reaching other CPUs costs (docs/bench.md), in TSC cycles
 * on the boot CPU: an IPI round trip (send, the other CPU's handler, its
 * acknowledgement), a mailbox call, a one-page and a full shootdown to
 * every CPU, and INVLPG + TLBSYNC where the CPU has them.  The other CPUs
 * sit halted between samples, as idle CPUs do, so wake-up is included.
 */
#include "tests/kernel/families.h"
#include "tests/kernel/bench.h"
#include "kernel/smp_call.h"
#include "mm/shootdown.h"

enum smp_bench { SB_IPI, SB_CALL, SB_PAGE, SB_FULL, SB_INVLPGB };

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
	shootdown(SHOOTDOWN_PAGES, LAB_FAR_VA, 0, false, &sd);
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
	shootdown(SHOOTDOWN_PAGES, LAB_FAR_VA, 1, true, &sd);
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
	invlpgb_range(LAB_FAR_VA, 1, false, true);
}

static bench_fn *const ops[] = {
	[SB_IPI] = op_ipi, [SB_CALL] = op_call, [SB_PAGE] = op_page,
	[SB_FULL] = op_full, [SB_INVLPGB] = op_invlpgb,
};

static const char *skip_why(const struct scenario *s)
{
	const char *why = NULL;

	if (s->variant != SB_INVLPGB && !smp_nr_remote())
		return "one CPU: needs a second (SMP=2 or more)";
	if (s->variant == SB_CALL && !smp_cpu_usable(1))
		return "cpu 1 is not usable";
	if (s->variant == SB_INVLPGB && !invlpgb_supported(&why))
		return why;
	return NULL;
}

static const char *bench_smp_skip(const struct scenario *s, struct scen_ctx *c)
{
	const char *why = skip_why(s);

	(void)c;
	if (why) {
		bench_prepare();
		bench_report_skip(s->name + 6, "cycles", why);
	}
	return why;
}

static void run_bench_smp(const struct scenario *s, struct scen_ctx *c,
			  struct scen_result *r)
{
	struct bench_stats st;

	(void)c;
	bench_prepare();
	missing = 0;
	/* Fewer samples: each one is a round trip through another vCPU. */
	bench_measure(NULL, ops[s->variant], NULL, bench_heavy_reps(), &st);
	bench_report(s->name + 6, &st);
	result_kv(r, "cpus", (u64)smp_nr_remote() + 1);
	result_kv(r, "missing_acks", missing);
	r->pass = true;
	r->error = missing != 0;
}

#define B(n, v, d) { .name = "bench." n, .desc = d, .cls = CLASS_BENCH, \
	.skip = bench_smp_skip, .run = run_bench_smp, .variant = v }

const struct scenario bench_smp_scenarios[BENCH_SMP_COUNT] = {
	B("smp.ipi", SB_IPI, "cycles: IPI to every other CPU and back (no flush)"),
	B("smp.call", SB_CALL, "cycles: mailbox call of an empty function on cpu 1"),
	B("smp.shootdown.page", SB_PAGE,
	  "cycles: INVLPG of one page on every CPU by IPI, acknowledged"),
	B("smp.shootdown.full", SB_FULL,
	  "cycles: full flush on every CPU by IPI, acknowledged"),
	B("smp.invlpgb", SB_INVLPGB, "cycles: INVLPGB of one page + TLBSYNC"),
};
