/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_EVIDENCE_H
#define TLBPROBE_EVIDENCE_H

/*
 * What a row's counts show about this machine's caches, and whether a
 * flushing row's result says anything here (docs/log-format.md,
 * "Caching"): one rule, compiled into the kernel (kernel/answer.c) and
 * the checker (checker/caching.c, checker/answer_check.c), so that both
 * decide every row alike.  Each side reaches its rows through ev_src.
 *
 * A stale TLB read shows the TLB (SDM 4.10.2, APM vol. 2 5.5.3).  A stale walk
 * of either level, a walk fault (only a cached upper entry leads into the
 * reused page) or an accessed bit set in a reused table page shows the
 * PDE cache, and a stale PDPTE walk or an accessed bit in a reused PDPTE
 * page the PDPTE cache (SDM 4.10.3, APM vol. 2 5.5.3: the paging-structure
 * caches).
 */
#include "kernel/types.h"

struct ev_src {
	const void *ctx;
	/* The row of that name that ran (a result, not skipped), or NULL. */
	const void *(*find)(const void *ctx, const char *name);
	/* A count of the row's result line; *has: the key was there. */
	long long (*count)(const void *ctx, const void *row, const char *key,
			   bool *has);
	const char *(*name)(const void *ctx, const void *row);
	/* "control", "correctness", "observation", "bench", or NULL. */
	const char *(*cls)(const void *ctx, const void *row);
};

/* Which caches one row's counts show (see above). */
struct ev_caches {
	bool tlb, pde, pdpte;
};

void ev_caches_of(const struct ev_src *src, const void *row,
		  struct ev_caches *c);
/*
 * Whether the row's stale reads say anything about the machine's caches:
 * not the controls, which plant what their detectors must see, but for
 * control.stale_tlb, a real TLB entry left stale on purpose.
 */
bool ev_cache_row(const struct ev_src *src, const void *row);

/*
 * The machine-wide evidence: a witness is a row built to show caching
 * (witness=1, or one of the catalogue's witness names) or any
 * observation row; it shows caching with a paging-structure outcome or
 * an accessed bit set in a reused page.
 */
bool ev_is_witness(const struct ev_src *src, const void *row);
bool ev_shows_caching(const struct ev_src *src, const void *row);

/*
 * The row's no-flush twin, by the catalogue's names: F.noflush[.suffix]
 * for the collapse rows (F.noflush without it), F.inplace_noflush /
 * F.clear_noflush for the split rows, linux.28ee90fe6048[.pud] for every
 * linux row (the same warm-up), smp.X.local for smp.X.<flush>.  NULL
 * where none ran.
 */
const void *ev_twin(const struct ev_src *src, const char *name);

/*
 * Which parts of a flushing row this machine could fail, from its twin:
 * each 1 (the twin showed what the flush must clean), 0 (it did not) or
 * PART_NA.  Split rows have no PSC part (SDM 4.10.3.1: no PDE-cache entry
 * for a PDE that maps a page); PDPTE parts exist only where a PUD
 * collapses.
 */
#define PART_NA	(-1)
struct row_parts {
	int tlb, pde, pdpte;
	const char *twin;
};

/* False where no twin ran (p zeroed). */
bool ev_row_parts(const struct ev_src *src, const char *name,
		  struct row_parts *p);
/* Whether any part is 1: the row's result says something here. */
bool ev_parts_shown(const struct row_parts *p);

#endif
