/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_FIXTURE_H
#define TLBPROBE_FIXTURE_H

/*
 * The experiment fixture: what the experiments share.  The signed frames
 * they map, the window addresses they use, and the probe that reads
 * through the hardware seam, classifies and prints unexpected reads.
 * (The physical test lab is docs/lab.md; this is not it.)
 */
#include "harness/diag.h"
#include "harness/scenario.h"
#include "kernel/classify.h"
#include "kernel/hw.h"
#include "kernel/traps.h"
#include "mm/kernel_map.h"
#include "mm/phys.h"

#define FIX_SMALL_FRAMES	8

struct fixture_frames {
	u64 huge2m;			/* 2 MiB-aligned, 512 signed frames */
	u64 small[FIX_SMALL_FRAMES];	/* signed 4 KiB frames */
	u64 canary;			/* signed; reused PTE pages point here */
	/*
	 * Reused PMD pages point at canary_pt, whose entries all map
	 * canary_pdpte: a read that ends there walked through a stale
	 * PDPTE, one that ends at canary through a stale PDE.
	 */
	u64 canary_pt;
	u64 canary_pdpte;		/* signed; the PDPTE-level canary */
	u64 plain;			/* zero-filled, no signature */
};

/* Allocated and signed once per boot; NULL and a reason if memory is short. */
const struct fixture_frames *fixture_get_frames(struct scen_ctx *c, const char **why);
/*
 * A row's start: fresh diagnostics and the frames; NULL, with the row
 * marked error=no_memory, when memory is short.
 */
const struct fixture_frames *fixture_row_begin(struct scen_ctx *c,
					       struct scen_result *r);

/*
 * A 1 GiB-aligned, fully owned GiB for 1 GiB leaves; NULL-equivalent
 * FA_NO_FRAME and a reason when there is none.  Its frames are not signed
 * up front (a GiB is slow to write): sign the ones a probe will read with
 * sign_frames() first.
 */
u64 fixture_huge1g(struct scen_ctx *c, const char **why);

/*
 * The window map (mm/kernel_map.h: 512 GiB slots from WINDOW_BASE), the
 * only one: every family's addresses, disjoint per use so that scenarios
 * never share tables.
 */
#define FIX_PMD_REGION	(WINDOW_BASE)			/* 512 x 2 MiB slots */
#define FIX_CTRL_REGION	(WINDOW_BASE + PUD_SIZE)	/* controls */
#define FIX_SPLIT_REGION (WINDOW_BASE + 2 * PUD_SIZE)	/* 2 MiB splits */
#define FIX_GP_REGION	(WINDOW_BASE + 3 * PUD_SIZE)	/* global_pcid */
#define FIX_PR_REGION	(WINDOW_BASE + 4 * PUD_SIZE)	/* present */
#define FIX_PS_PDE_BASE	(WINDOW_BASE + 5 * PUD_SIZE)	/* psc_size, 2 MiB slots */
#define FIX_FAR_VA	(WINDOW_BASE + 300 * PUD_SIZE)	/* never mapped */
#define FIX_PUD_FIRST	8				/* GiB slots 8..71 */
#define FIX_PUD_SLOTS	64
/* fixture_pud_slot() numbers: 1 GiB splits in GiB slots 108..171. */
#define FIX_PUD_SPLIT_FIRST 100
#define FIX_PS_PDPTE_FIRST 320				/* psc_size: 320..383 */
#define FIX_BENCH_GIB_FIRST 200				/* bench.h: 200..299 */

static inline u64 fixture_pud_slot(unsigned int slot)
{
	return WINDOW_BASE + (u64)(FIX_PUD_FIRST + slot) * PUD_SIZE;
}

static inline u64 fixture_pmd_slot(unsigned int slot)
{
	return FIX_PMD_REGION + (u64)slot * PMD_SIZE;
}

/* A random 8-byte-aligned offset within a 4 KiB page. */
static inline u64 fixture_offset(struct scen_ctx *c)
{
	return rng_below(&c->rng, PAGE_SIZE / 8) * 8;
}

struct probe_out {
	enum outcome outcome;
	u64 value;
	struct fault_info fault;
};

/* One probe read: where, what each hypothesis predicts, what is wanted. */
struct probe {
	const char *name;	/* the scenario, for the diagnostics */
	u64 iter;
	u64 va;
	const struct expect *expect;
	bool touched;		/* read before the change (histogram split) */
	enum probe_cat cat;	/* CAT_NONE: not counted by category */
	enum outcome want;	/* OUT_NR: an observation, anything goes */
};

/*
 * Read p->va through the seam, classify it against p->expect, count it in
 * r (unless NULL) and fill out (unless NULL).  Prints a "# probe:" or
 * "# fault:" line when the outcome is not p->want (verbose=1: always), a
 * bounded number of times per scenario.
 */
enum outcome fixture_probe(struct scen_ctx *c, const struct probe *p,
			   struct scen_result *r, struct probe_out *out);
/*
 * Called with every classified probe when set: the MMU model (model/)
 * classifies every outcome it allowed, not only the one it chose.  NULL in
 * the kernel and the host tests.
 */
extern void (*fixture_probe_observer)(const struct probe *p,
				      const struct probe_out *o);

/*
 * What a collapse or split run needs before its first iteration: the
 * signed frames and the huge target of the given level (2 MiB or 1 GiB).
 * On failure it says why and marks r as an error, and returns NULL.
 */
const struct fixture_frames *fixture_setup(struct scen_ctx *c, enum pt_level level,
				   u64 *huge_pa, struct scen_result *r);
/* An iteration that could not be set up: say so and mark r as an error. */
void fixture_iter_error(const char *name, u64 it, const char *why,
		    struct scen_result *r);
void fixture_reset_diagnostics(void);
void fixture_full_flush(void);
void fixture_flush(enum flush_kind kind, u64 va);

#endif
