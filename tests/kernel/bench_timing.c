// SPDX-License-Identifier: MIT
/*
 * Timing for the bench family (bench_timing.h): serialised TSC reads, the
 * timer's own overhead, min/median/p99 over a static sample array.
 */
#include "tests/kernel/bench_timing.h"
#include "kernel/cpu.h"
#include "kernel/strutil.h"
#include "kernel/timer.h"

bool bench_rdtscp;

static u64 samples[BENCH_REPS_MAX];
static u64 overhead;

bool bench_emulated(void)
{
	return str_eq(cpu_accel_name(&cpu_info), "tcg");
}

u32 bench_heavy_reps(void)
{
	return bench_emulated() ? BENCH_REPS_TCG_HEAVY : BENCH_REPS;
}

u64 bench_overhead(void)
{
	return overhead;
}

const char *bench_serialise_name(void)
{
	return bench_rdtscp ? "rdtscp+lfence" : "lfence+rdtsc+lfence";
}

/* Shell sort (Ciura's gaps): small, in place, no recursion. */
static void sort_u64(u64 *v, u32 n)
{
	static const u32 gaps[] = { 701, 301, 132, 57, 23, 10, 4, 1 };

	for (size_t g = 0; g < ARRAY_SIZE(gaps); g++) {
		u32 gap = gaps[g];

		for (u32 i = gap; i < n; i++) {
			u64 x = v[i];
			u32 j = i;

			for (; j >= gap && v[j - gap] > x; j -= gap)
				v[j] = v[j - gap];
			v[j] = x;
		}
	}
}

static void stats_of(u64 *v, u32 n, struct bench_stats *st)
{
	sort_u64(v, n);
	st->n = n;
	st->min = v[0];
	st->median = v[n / 2];
	/* Nearest rank: the smallest value with at least 99% at or below it. */
	st->p99 = v[(n * 99 + 99) / 100 - 1];
}

static void empty_op(void *arg)
{
	(void)arg;
}

/* Read through a volatile: the compiler cannot specialise for it. */
static bench_fn *volatile empty_fn = empty_op;

__attribute__((noinline))
void bench_measure(bench_fn *setup, bench_fn *op, void *arg, u32 reps,
		   struct bench_stats *st)
{
	u32 n = MAX(MIN(reps, BENCH_REPS_MAX), 1), done = 0;
	u64 budget = bench_budget(BENCH_FIGURE_MS), start = bench_ts(), t0, t1;

	while (done < n) {
		if (setup)
			setup(arg);
		t0 = bench_ts();
		op(arg);
		t1 = bench_ts();
		samples[done++] = t1 - t0 > overhead ? t1 - t0 - overhead : 0;
		/* A slow machine (a shadow-paging hypervisor) gets fewer. */
		if (done >= BENCH_REPS_MIN && t1 - start > budget)
			break;
	}
	stats_of(samples, done, st);
}

u64 bench_budget(u64 ms)
{
	return tsc_hz() / 1000 * ms;
}

void bench_timing_prepare(struct bench_stats *st)
{
	bench_rdtscp = cpu_info.rdtscp;
	/* Warm the code and the array first; then the empty region itself. */
	overhead = 0;
	bench_measure(NULL, empty_fn, NULL, BENCH_REPS, st);
	bench_measure(NULL, empty_fn, NULL, BENCH_REPS, st);
	overhead = st->min;
}
