/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_COLLAPSE_H
#define TLBPROBE_COLLAPSE_H

#include "harness/scenario.h"
#include "tests/kernel/reuse.h"
#include "tests/kernel/engine_params.h"

/*
 * One collapse experiment: a region mapped with small pages under a table
 * page (PMD level: a PTE page; PUD level: a PMD page and its PTE pages) is
 * replaced by one huge entry, the Linux way (linux_seq.h): clear the upper
 * entry, flush as told, free the table page(s), take them straight back
 * from the allocator, write the reuse pattern into them, install the huge
 * entry.
 */
enum warm_mode {
	WARM_PLAIN,	/* read the small pages: TLB and upper caches warm */
	WARM_LINUX,	/* unmap + flush the range, then touch an unmapped address */
};

struct collapse_param {
	enum pt_level level;	/* PT_LEVEL_PMD or PT_LEVEL_PUD */
	enum flush_kind flush;	/* its address: mm/flush_kinds.def (.at) */
	bool flush_outside;	/* instead, an address outside the region */
	enum warm_mode warm;
	enum reuse_mode reuse;
	bool global;		/* leaf entries carry G */
	bool pcid;		/* warm and probe in PCID 1, collapse in PCID 2 */
	bool tce;		/* run with EFER.TCE=1 */
	bool revert;		/* Linux's plain revert: keep the small pages */
	/*
	 * Built to show paging-structure caching where the machine has it:
	 * whether this machine can show the bug at all (docs/log-format.md,
	 * "# caching:").
	 */
	bool witness;
};

/*
 * A row of a collapse family: name (after the family's), class,
 * description, then the collapse_param fields by name, e.g.
 *   COLLAPSE_ROW("pmd_collapse", "cr3.global", CLASS_DERIVED, "...",
 *                .level = PT_LEVEL_PMD, .flush = FLUSH_CR3, .global = true)
 */
#define COLLAPSE_ROW(fam, n, cl, d, ...)				\
	{ .name = fam "." n, .desc = d, .cls = cl,			\
	  .skip = skip_collapse, .run = run_collapse,			\
	  .params = collapse_params,					\
	  .param = &(const struct collapse_param){ __VA_ARGS__ } }

void run_collapse(const struct scenario *s, struct scen_ctx *c,
		  struct scen_result *r);
const char *skip_collapse(const struct scenario *s, struct scen_ctx *c);

#endif
