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
#define BENCH_GIB_FIRST		FIX_BENCH_GIB_FIRST
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

/* What a row times: one file each (bench_flush.c ... bench_smp.c). */
enum bench_figure {
	BENCH_FLUSH,		/* the flush instruction alone */
	BENCH_COLLAPSE,		/* a Linux collapse sequence with the flush */
	BENCH_REFILL,		/* touching K pages after the flush */
	BENCH_REACH,		/* cycles per access by working set */
	BENCH_SMP,		/* a cross-CPU figure */
};

/*
 * What a row does besides its flush kind: the flushes are kinds of
 * mm/flush_kinds.def, the one flush vocabulary; these are not flushes.
 */
enum bench_variant {
	BV_PLAIN,
	BV_UNMAPPED,		/* INVLPG of an address nothing maps */
	BV_PCID,		/* the flush from PCID 1 (CR4.PCIDE=1) */
	BV_CR3_NOFLUSH,		/* MOV to CR3, PCID 1, bit 63: kind none */
	BV_REVERT,		/* no collapse: refill the PTE page (kind none) */
	BV_IPI,			/* an IPI round trip, no flush (kind none) */
	BV_CALL,		/* a mailbox call of an empty function */
};

/* What a bench scenario's param points at. */
struct bench_def {
	enum bench_figure fig;
	enum flush_kind flush;	/* the kind the figure times or flushes with */
	enum bench_variant variant;
	int psize;		/* index into bench_psize_name (flush, reach) */
};

static inline const struct bench_def *bench_def(const struct scenario *s)
{
	return s->param;
}

/* Whether the row runs in PCID 1 (CR4.PCIDE=1): the CPU needs PCID. */
static inline bool bench_uses_pcid(const struct bench_def *d)
{
	return d->variant == BV_PCID || d->variant == BV_CR3_NOFLUSH;
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
