/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_BENCH_H
#define TLBPROBE_BENCH_H

/*
 * The bench family (docs/bench.md): what the flushes cost in TSC cycles,
 * what the refill after each costs, and how far each page size reaches.
 * Shared by bench.c (flushes, collapse, refill), bench_reach.c and
 * bench_core.c (timing, statistics, output).
 */
#include "tests/kernel/lab.h"

#define BENCH_REPS_MAX		1000
#define BENCH_REPS		1000	/* repetitions per figure */
#define BENCH_REPS_TCG_HEAVY	200	/* collapse and refill under TCG */
#define BENCH_REPS_MIN		50	/* when a figure runs past its budget */
#define BENCH_FIGURE_MS		500	/* time budget of one figure */

/*
 * Window GiB slots 200..299 belong to this family (lab.h lays out the
 * rest).  Every bench mapping lives in one of these and is gone when its
 * scenario ends.
 */
#define BENCH_GIB_FIRST		200
enum bench_slot {
	BSLOT_COLLAPSE,		/* 200: the PMD collapse sequence */
	BSLOT_INVLPG_4K,
	BSLOT_INVLPG_2M,
	BSLOT_INVLPG_1G,
	BSLOT_UNMAPPED,		/* never mapped */
	BSLOT_REFILL,
	BSLOT_INVPCID,
	BSLOT_REACH_4K = 10,
	BSLOT_REACH_2M,
	BSLOT_REACH_1G,
};

static inline u64 bench_va(enum bench_slot slot)
{
	return WINDOW_BASE + (u64)(BENCH_GIB_FIRST + slot) * PUD_SIZE;
}

enum bench_op {
	OP_INVLPG_4K,
	OP_INVLPG_2M,
	OP_INVLPG_1G,
	OP_INVLPG_UNMAPPED,
	OP_CR3,
	OP_CR3_PCID,
	OP_CR3_NOFLUSH,
	OP_PGE,
	OP_INVPCID,		/* arg: the type */
	OP_COLLAPSE,		/* arg: the flush kind; FLUSH_NR: the revert */
	OP_REFILL,		/* arg: index into bench_refill_name */
	OP_REACH,		/* arg: index into bench_psize_name */
};

/* What a bench scenario's param points at. */
struct bench_def {
	enum bench_op op;
	int arg;
};

static inline const struct bench_def *bench_def(const struct scenario *s)
{
	return s->param;
}

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

/* "# bench: name=NAME unit=cycles min= median= p99= n= emulated=" and a table row. */
void bench_report(const char *name, const struct bench_stats *st);
/* A reach figure, cycles per access in hundredths. */
void bench_report_reach(const char *name, u64 centi, u64 accesses,
			u64 pages, u64 touched);
/* A figure that could not be measured here, and why. */
void bench_report_skip(const char *name, const char *unit, const char *why);
/* Remember a refill median for the refill table (kind 0..3, k index 0..3). */
void bench_note_refill(int kind, int kidx, u64 median);
/* Remember a reach value for the reach table; ~0 when skipped. */
void bench_note_reach(int psize, int wset, int order, u64 centi);

/* Once per boot: tsc_hz, the timer overhead, the accelerator note. */
void bench_prepare(void);
/* The human tables ("# bench-table:"), after the last bench scenario. */
void bench_print_tables(void);

/* Free whatever maps the GiB at base (a 1 GiB leaf or a PMD page and below). */
void bench_unmap_gib(struct scen_ctx *c, u64 base);
/*
 * Map 2 MiB at base (2 MiB-aligned) to pa with 4 KiB pages: one
 * pgt_map_4k for the tables, then the PTE page filled directly.
 */
int bench_map_small(struct scen_ctx *c, u64 base, u64 pa);
/* Read one word in each of k pages from base (one line per page, spread). */
void bench_touch(u64 base, u32 k);

/* bench_reach.c */
void bench_run_reach(const struct scenario *s, struct scen_ctx *c,
		     struct scen_result *r);
const char *bench_skip_reach(const struct scenario *s, struct scen_ctx *c);

#define BENCH_PSIZES	3	/* 4k, 2m, 1g */
#define BENCH_WSETS	4	/* 2m, 16m, 128m, 1g */
#define BENCH_ORDERS	2	/* seq, rand */
#define BENCH_REFILL_KINDS 4	/* none, invlpg, cr3, pge */
#define BENCH_REFILL_KS	4	/* 1, 16, 64, 512 */
#define BENCH_NOT_MEASURED ((u64)-1)

extern const char *const bench_psize_name[BENCH_PSIZES];
extern const char *const bench_wset_name[BENCH_WSETS];
extern const char *const bench_order_name[BENCH_ORDERS];
extern const char *const bench_refill_name[BENCH_REFILL_KINDS];
extern const u32 bench_refill_k[BENCH_REFILL_KS];

#endif
