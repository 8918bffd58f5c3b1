/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_COLLAPSE_H
#define TLBPROBE_COLLAPSE_H

#include "tests/kernel/scenario.h"

/*
 * One collapse experiment: a region mapped with small pages under a table
 * page (PMD level: a PTE page; PUD level: a PMD page and its PTE pages) is
 * replaced by one huge entry, the Linux way: clear the upper entry, flush
 * as told, free the table page(s), take them straight back from the
 * allocator, write the reuse pattern into them, install the huge entry.
 */
enum warm_mode {
	WARM_PLAIN,	/* read the small pages: TLB and upper caches warm */
	WARM_LINUX,	/* unmap + flush the range, then touch an unmapped address */
};

enum reuse_mode {
	REUSE_CANARY,	/* entries pointing at the signed canary */
	REUSE_ZERO,	/* zeroed, as a fresh page-table page would be */
	REUSE_RSVD,	/* canary entries with a reserved address bit set */
	REUSE_DATA,	/* ordinary data (text) written through the direct map */
};

struct collapse_param {
	enum pt_level level;	/* PT_LEVEL_PMD or PT_LEVEL_PUD */
	enum flush_kind flush;
	bool flush_outside;	/* the flushed address lies outside the region */
	enum warm_mode warm;
	enum reuse_mode reuse;
	bool global;		/* leaf entries carry G */
	bool pcid;		/* warm and probe in PCID 1, collapse in PCID 2 */
	bool tce;		/* run with EFER.TCE=1 */
	bool revert;		/* Linux's plain revert: keep the small pages */
};

void run_collapse(const struct scenario *s, struct scen_ctx *c,
		  struct scen_result *r);
const char *skip_collapse(const struct scenario *s, struct scen_ctx *c);

#endif
