/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_BENCH_REPORT_H
#define TLBPROBE_BENCH_REPORT_H

/*
 * The bench family's output (docs/bench.md): the "# bench:" figure lines
 * and, after the last bench scenario, the "# bench-table:" summary.
 */
#include "tests/kernel/bench_timing.h"
#include "mm/flush.h"

#define BENCH_PSIZES	3	/* 4k, 2m, 1g */
#define BENCH_WSETS	4	/* 2m, 16m, 128m, 1g */
#define BENCH_ORDERS	2	/* seq, rand */
#define BENCH_REFILL_KINDS 4	/* the flushes before a refill */
#define BENCH_REFILL_KS	4	/* 1, 16, 64, 512 */
#define BENCH_NOT_MEASURED ((u64)-1)

extern const char *const bench_psize_name[BENCH_PSIZES];
extern const char *const bench_wset_name[BENCH_WSETS];
extern const char *const bench_order_name[BENCH_ORDERS];
extern const enum flush_kind bench_refill_flush[BENCH_REFILL_KINDS];
extern const u32 bench_refill_k[BENCH_REFILL_KS];

/* Once per boot: tsc_hz, the timer overhead, the accelerator note. */
void bench_prepare(void);
/* "# bench: name=NAME unit=cycles min= median= p99= n= emulated=" and a table row. */
void bench_report(const char *name, const struct bench_stats *st);
/* A reach figure, cycles per access in hundredths. */
void bench_report_reach(const char *name, u64 centi, u64 accesses,
			u64 pages, u64 touched);
/* A figure that could not be measured here, and why. */
void bench_report_skip(const char *name, const char *unit, const char *why);
/* Remember a refill median for the refill table (kind and k indices). */
void bench_note_refill(int kind, int kidx, u64 median);
/* Remember a reach value for the reach table; ~0 when skipped. */
void bench_note_reach(int psize, int wset, int order, u64 centi);
/* The human tables ("# bench-table:"), after the last bench scenario. */
void bench_print_tables(void);

#endif
