/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_LAB_H
#define TLBPROBE_LAB_H

/*
 * What the experiments share: the signed frames they map, the probe that
 * reads and classifies, and the diagnostics for unexpected reads.
 */
#include "tests/kernel/scenario.h"
#include "kernel/classify.h"
#include "kernel/traps.h"
#include "mm/kernel_map.h"
#include "mm/phys.h"

#define LAB_SMALL_FRAMES	8

struct lab_frames {
	u64 huge2m;			/* 2 MiB-aligned, 512 signed frames */
	u64 small[LAB_SMALL_FRAMES];	/* signed 4 KiB frames */
	u64 canary;			/* signed; reused tables point here */
	u64 canary_pt;			/* a PTE page whose entries all map canary */
	u64 plain;			/* zero-filled, no signature */
};

/* Allocated and signed once per boot; NULL and a reason if memory is short. */
const struct lab_frames *lab_frames(struct scen_ctx *c, const char **why);

/*
 * A 1 GiB-aligned, fully owned GiB for 1 GiB leaves; NULL-equivalent
 * FA_NO_FRAME and a reason when there is none.  Its frames are not signed
 * up front (a GiB is slow to write): sign the ones a probe will read with
 * sign_frames() first.
 */
u64 lab_huge1g(struct scen_ctx *c, const char **why);

/* Window addresses, disjoint per use so that scenarios never share tables. */
#define LAB_PMD_REGION	(WINDOW_BASE)			/* 512 x 2 MiB slots */
#define LAB_CTRL_REGION	(WINDOW_BASE + PUD_SIZE)	/* controls */
#define LAB_SPLIT_REGION (WINDOW_BASE + 2 * PUD_SIZE)	/* 2 MiB splits */
#define LAB_FAR_VA	(WINDOW_BASE + 300 * PUD_SIZE)	/* never mapped */
#define LAB_PUD_FIRST	8				/* GiB slots 8.. */
#define LAB_PUD_SLOTS	64

static inline u64 lab_pud_slot(unsigned int slot)
{
	return WINDOW_BASE + (u64)(LAB_PUD_FIRST + slot) * PUD_SIZE;
}

static inline u64 lab_pmd_slot(unsigned int slot)
{
	return LAB_PMD_REGION + (u64)slot * PMD_SIZE;
}

/* A random 8-byte-aligned offset within a 4 KiB page. */
static inline u64 lab_offset(struct scen_ctx *c)
{
	return rng_below(&c->rng, PAGE_SIZE / 8) * 8;
}

struct probe_out {
	enum outcome outcome;
	u64 value;
	struct fault_info fault;
};

/*
 * Read va, classify against e, count it in r.  Prints a "# probe:" line
 * when the outcome is not want (OUT_NR: anything goes; verbose=1: always),
 * a bounded number of times per scenario.
 */
enum outcome lab_probe(struct scen_ctx *c, const char *name, u64 iter, u64 va,
		       const struct expect *e, bool touched, enum outcome want,
		       struct scen_result *r, struct probe_out *out);
/*
 * Called with every classified probe when set: the MMU model (model/)
 * uses it to classify every outcome it allowed, not only the one it chose.
 * NULL in the kernel.
 */
extern void (*lab_probe_observer)(const char *name, u64 iter, u64 va,
				  const struct expect *e, bool touched,
				  const struct probe_out *o);

/*
 * What a collapse or split run needs before its first iteration: the
 * signed frames and the huge target of the given level (2 MiB or 1 GiB).
 * On failure it says why and marks r as an error, and returns NULL.
 */
const struct lab_frames *lab_setup(struct scen_ctx *c, enum pt_level level,
				   u64 *huge_pa, struct scen_result *r);
/* An iteration that could not be set up: say so and mark r as an error. */
void lab_iter_error(const char *name, u64 it, const char *why,
		    struct scen_result *r);
void lab_reset_diagnostics(void);
void lab_full_flush(void);
void lab_flush(enum flush_kind kind, u64 va);

#endif
