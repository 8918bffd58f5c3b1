/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_COLLAPSE_ITER_H
#define TLBPROBE_COLLAPSE_ITER_H

/*
 * Inside the collapse engine (collapse.h is its outside): one iteration's
 * state, shared by the engine (collapse.c), the choice of probe points and
 * what each hypothesis predicts there (collapse_points.c), and the
 * warm-ups (collapse_warm.c).
 */
#include "tests/kernel/collapse.h"
#include "tests/kernel/fixture.h"

#define MAX_SUBSLOTS	4	/* 2 MiB slots with PTE pages, PUD level */
#define TOUCH_PER_SLOT	2
#define UNTOUCH_PER_SLOT 2
#define OTHER_SLOT_PROBES 4	/* PUD: slots that never had a PTE page */
#define MAX_PROBES	(MAX_SUBSLOTS * (TOUCH_PER_SLOT + UNTOUCH_PER_SLOT) + \
			 OTHER_SLOT_PROBES)
#define PMD_TOUCH	8
#define PMD_UNTOUCH	8
/*
 * The Linux warm-up keeps this PTE of each PTE page present through the
 * unmap: a read through it caches the upper entries; it is then cleared
 * and its page flushed (collapse_warm.c).  Probes never use it.
 */
#define GUARD_PAGE	511
/* The PCID rows warm and probe in PCID_WARM and collapse in PCID_COLLAPSE. */
#define PCID_WARM	1
#define PCID_COLLAPSE	2

struct probe_pt {
	u64 va;
	u64 small;		/* the small frame's word before the collapse */
	bool touched;
	bool mapped_small;	/* mapped with a small page before */
};

struct iter_state {
	const struct collapse_param *p;
	const struct fixture_frames *fx;
	u64 base;		/* region start */
	u64 huge_pa;		/* target of the huge entry */
	unsigned int subslot[MAX_SUBSLOTS];
	int nr_subslots;
	struct probe_pt probe[MAX_PROBES];
	int nr_probes;
	u64 tables[MAX_SUBSLOTS + 1];	/* table pages freed and reused */
	int nr_tables;
};

/* collapse_points.c */
/*
 * Choose the 2 MiB slots that get PTE pages (slot 0 always: Linux flushes
 * there) and the probe addresses, and sign the 1 GiB target where probes
 * will read.  Draws from c->rng in a fixed order.
 */
void collapse_pick_points(struct scen_ctx *c, struct iter_state *st);
/*
 * The page a single-address flush names (page-aligned), probed in every
 * iteration; 0 for a row whose flush names none in the region.
 */
u64 collapse_flushed_page(const struct iter_state *st);
/* Before the collapse: the small page's word. */
struct expect collapse_expect_before(const struct probe_pt *pp);
/* After: the huge page (coherent), the small page (stale), the canary (walk). */
struct expect collapse_expect_after(const struct iter_state *st,
				    const struct probe_pt *pp);

/* collapse_warm.c: warm the caches as st->p->warm says; false if a read misbehaved. */
bool collapse_warm(const struct scenario *s, struct scen_ctx *c,
		   struct iter_state *st, u64 it);

/* collapse_mode.c: NULL, or why the mode could not be entered. */
const char *collapse_mode_enter(struct scen_ctx *c,
				const struct collapse_param *p);
void collapse_mode_leave(struct scen_ctx *c, const struct collapse_param *p);
/* NULL where EFER.TCE can be set here, else why not (a skip). */
const char *collapse_tce_usable(void);

/* collapse_twin.c: the no-flush twin's name, NULL if none needed, "" if none. */
const char *collapse_twin(const struct scenario *s);

#endif
