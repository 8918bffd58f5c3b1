/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_SPLIT_H
#define TLBPROBE_SPLIT_H

/*
 * Split: a huge entry replaced by a table, the reverse of the collapse
 * (split.c).  The pmd_split and pud_split families are rows of this.
 */
#include "harness/scenario.h"
#include "tests/kernel/engine_params.h"

struct split_param {
	enum pt_level level;	/* the huge leaf's level: PMD or PUD */
	bool inplace;		/* overwrite the live leaf with the table */
	enum flush_kind flush;	/* its address: mm/flush_kinds.def (.at) */
	bool global;
};

#define SPLIT_ROW(fam, n, cl, d, ...)					\
	{ .name = fam "." n, .desc = d, .cls = cl,			\
	  .skip = skip_split, .run = run_split,				\
	  .params = split_params,					\
	  .param = &(const struct split_param){ __VA_ARGS__ } }

void run_split(const struct scenario *s, struct scen_ctx *c,
	       struct scen_result *r);
const char *skip_split(const struct scenario *s, struct scen_ctx *c);

#endif
