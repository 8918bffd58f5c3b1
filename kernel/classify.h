/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_CLASSIFY_H
#define TLBPROBE_CLASSIFY_H

#include "kernel/types.h"

/*
 * Every 8-byte word of a frame an experiment can reach holds a signature
 * naming its own physical address, so any value a probe reads says which
 * frame (and offset) the CPU's translation led to.
 */
#define SIG_TAG		0x5A10000000000000ULL
#define SIG_TAG_MASK	0xFFF0000000000000ULL
#define EXPECT_NONE	((u64)-1)

static inline u64 sig_value(u64 pa)
{
	return SIG_TAG | (pa & ~SIG_TAG_MASK);
}

/* What one read turned out to be: kernel/outcomes.def. */
enum outcome {
#define OUTCOME(id, key, noncoherent, split, rank, cell, label, psc, model, always) OUT_##id,
#include "kernel/outcomes.def"
#undef OUTCOME
	OUT_NR,
};

/* How a fault is told apart, by its error code: kernel/outcomes.def. */
enum fault_kind {
#define FAULT_KIND(id, key, mask, match) FAULT_##id,
#include "kernel/outcomes.def"
#undef FAULT_KIND
	FAULT_NR,
};

/* The kind of an exception (vector) with its #PF error code. */
enum fault_kind fault_kind_of(u64 vector, u64 error);
/* Its "# result:" key (fault_np), or "?" out of range. */
const char *fault_kind_name(enum fault_kind k);

/* The physical address of the word each hypothesis says the read reaches. */
struct expect {
	u64 coherent;	/* what the current tables map */
	u64 stale;	/* what a replaced leaf mapped */
	u64 walk;	/* the canary behind a freed, reused table page */
	/*
	 * The canary behind a freed, reused PMD page (a walk through a stale
	 * PDPTE).  0 counts as none as well as EXPECT_NONE, so that the
	 * three-field initialisers mean what they always meant: physical
	 * page 0 is never a signed frame.
	 */
	u64 walk_pdpte;
};

enum outcome classify_read(u64 value, const struct expect *e);
const char *outcome_name(enum outcome o);
/* Whether the result line splits o into touched_ and untouched_ counts. */
bool outcome_split(enum outcome o);
/* Only a stale paging-structure-cache entry explains it (outcomes.def psc). */
bool outcome_psc(enum outcome o);
/* Whether a read of o shows a stale entry (outcomes.def STALE). */
bool outcome_stale(enum outcome o);
/* The cache a stale outcome's entry was in (outcomes.def STALE). */
enum stale_cache { CACHE_NONE, CACHE_TLB, CACHE_PDE, CACHE_PDPTE };
enum stale_cache outcome_cache(enum outcome o);
/* The answer block's words for a stale outcome ("stale walks"), or NULL. */
const char *outcome_stale_words(enum outcome o);

/* Sign count frames starting at pa (contiguous) through the direct map. */
void sign_frames(u64 pa, u64 count);
/* Whether value is some signature at all, and which address it names. */
bool sig_decode(u64 value, u64 *pa);

/*
 * Where a probe lies relative to what the experiment changed, so that each
 * category is judged on its own (docs/log-format.md, "# hist:"): the
 * architecture allows different outcomes in each.
 */
enum probe_cat {
	CAT_NONE,		/* not a probe after the change (warm-up, controls) */
	CAT_FLUSHED,		/* the 4 KiB page a single-address flush named */
	CAT_TOUCHED,		/* read before the change */
	CAT_UNTOUCHED,		/* mapped before, never read */
	CAT_OTHER_SUBSLOT,	/* a 2 MiB slot other than the flushed one */
	CAT_NO_TABLE,		/* a 2 MiB slot that never had a PTE page */
	CAT_NR,
};

const char *probe_cat_name(enum probe_cat c);

struct histogram {
	u64 touched[OUT_NR];
	u64 untouched[OUT_NR];
};

static inline void hist_add(struct histogram *h, bool touched, enum outcome o)
{
	if (touched)
		h->touched[o]++;
	else
		h->untouched[o]++;
}

u64 hist_count(const struct histogram *h, enum outcome o);
u64 hist_total(const struct histogram *h);

#endif
