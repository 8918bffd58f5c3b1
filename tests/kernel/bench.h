/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_BENCH_H
#define TLBPROBE_BENCH_H

/*
 * The bench family (docs/bench.md): what the flushes cost in TSC cycles,
 * what the Linux collapse sequences cost, what the refill after each flush
 * costs, and how far each page size reaches.  bench.c holds the rows and
 * runs them; each figure has a file of its own (bench_flush.c,
 * bench_collapse.c, bench_refill.c, bench_reach.c), on top of the mapping
 * helpers (bench_map.c), the timing (bench_timing.h) and the output
 * (bench_report.h).
 */
#include "tests/kernel/fixture.h"
#include "tests/kernel/bench_report.h"
#include "tests/kernel/bench_timing.h"

/*
 * Window GiB slots 200..299 belong to this family (fixture.h lays out the
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

/* A bench row's name without the family's "bench." (bench_report.h). */
static inline const char *bench_short_name(const struct scenario *s)
{
	return s->name + sizeof("bench.") - 1;
}

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
	OP_INVPCID,		/* .flush: which type */
	OP_COLLAPSE,		/* .flush, or .revert */
	OP_REFILL,		/* .flush: the flush before the refill */
	OP_REACH,		/* .psize: index into bench_psize_name */
	OP_SMP,			/* .smp: which cross-CPU figure (bench_smp.c) */
};

/* The cross-CPU figures (bench_smp.c). */
enum bench_smp_op { SB_IPI, SB_CALL, SB_PAGE, SB_FULL, SB_INVLPGB };

/* What a bench scenario's param points at; fields by op. */
struct bench_def {
	enum bench_op op;
	enum flush_kind flush;
	bool revert;
	int psize;
	enum bench_smp_op smp;
};

static inline const struct bench_def *bench_def(const struct scenario *s)
{
	return s->param;
}

/* bench_map.c: the mappings the figures time. */
/* Free whatever maps the GiB at base (a 1 GiB leaf or a PMD page and below). */
void bench_unmap_gib(struct scen_ctx *c, u64 base);
/*
 * Map 2 MiB at base (2 MiB-aligned) to pa with 4 KiB pages: one
 * pgt_map_4k for the tables, then the PTE page filled.
 */
int bench_map_small(struct scen_ctx *c, u64 base, u64 pa);
/* Read one word in each of k pages from base (one line per page, spread). */
void bench_touch(u64 base, u32 k);
/* The fixture's signed 2 MiB block; FA_NO_FRAME and why if none. */
u64 bench_frames_2m(struct scen_ctx *c, const char **why);

/* The figures, one file each. */
void bench_run_flush(const struct scenario *s, struct scen_ctx *c,
		     struct scen_result *r);
void bench_run_collapse(const struct scenario *s, struct scen_ctx *c,
			struct scen_result *r);
void bench_run_refill(const struct scenario *s, struct scen_ctx *c,
		      struct scen_result *r);
void bench_run_reach(const struct scenario *s, struct scen_ctx *c,
		     struct scen_result *r);
const char *bench_skip_reach(const struct scenario *s, struct scen_ctx *c);
void bench_run_smp(const struct scenario *s, struct scen_ctx *c,
		   struct scen_result *r);
const char *bench_skip_smp(const struct scenario *s, struct scen_ctx *c);

#endif
