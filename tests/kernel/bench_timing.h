/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_BENCH_TIMING_H
#define TLBPROBE_BENCH_TIMING_H

/*
 * Timing for the bench family (docs/bench.md): serialised TSC reads, the
 * timer's own overhead, and min/median/p99 over repeated samples.
 */
#include "kernel/types.h"

#define BENCH_REPS_MAX		1000
#define BENCH_REPS		1000	/* repetitions per figure */
#define BENCH_REPS_TCG_HEAVY	200	/* collapse and refill under TCG */
#define BENCH_REPS_MIN		50	/* when a figure runs past its budget */
#define BENCH_FIGURE_MS		500	/* time budget of one figure */

struct bench_stats {
	u64 min, median, p99;
	u32 n;
};

typedef void bench_fn(void *arg);

/* True when the cycle counts come from QEMU's TCG (mean nothing for hardware). */
bool bench_emulated(void);
/* Repetitions for an expensive figure: fewer under TCG. */
u32 bench_heavy_reps(void);
/* TSC cycles in ms milliseconds. */
u64 bench_budget(u64 ms);
/* The timer's own cost (min over an empty timed region). */
u64 bench_overhead(void);
/* "rdtscp+lfence" or "lfence+rdtsc+lfence". */
const char *bench_serialise_name(void);

extern bool bench_rdtscp;

/*
 * A serialised TSC read, as the SDM advises: RDTSCP waits for everything
 * before it, LFENCE after it keeps later work from starting early; without
 * RDTSCP, LFENCE on both sides of RDTSC.
 */
static inline u64 bench_ts(void)
{
	u32 lo, hi;

	if (bench_rdtscp)
		__asm__ volatile("rdtscp\n\tlfence"
				 : "=a"(lo), "=d"(hi) : : "rcx", "memory");
	else
		__asm__ volatile("lfence\n\trdtsc\n\tlfence"
				 : "=a"(lo), "=d"(hi) : : "memory");
	return ((u64)hi << 32) | lo;
}

/*
 * reps samples: setup(arg) untimed, then op(arg) between two serialised
 * TSC reads; the timer overhead is subtracted from each sample.  Stops
 * early (st->n says how many) once BENCH_FIGURE_MS have passed and
 * BENCH_REPS_MIN samples are in.
 */
void bench_measure(bench_fn *setup, bench_fn *op, void *arg, u32 reps,
		   struct bench_stats *st);
/* Once per boot: the serialising instruction and the timer overhead. */
void bench_timing_prepare(struct bench_stats *overhead_stats);

#endif
