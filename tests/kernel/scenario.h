/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_SCENARIO_H
#define TLBPROBE_SCENARIO_H

#include "kernel/types.h"
#include "kernel/cmdline.h"
#include "kernel/random.h"
#include "kernel/report.h"
#include "mm/pgtable.h"

/* What every experiment gets: the tables, the allocator, the options. */
struct scen_ctx {
	struct pgt *pgt;
	struct frame_alloc *fa;
	const struct options *opt;
	struct rng rng;		/* reseeded per scenario from seed and name */
};

struct scenario {
	const char *name;
	const char *desc;
	enum sclass cls;
	/* NULL when it can run here, else the reason to skip. */
	const char *(*skip)(const struct scenario *s, struct scen_ctx *c);
	void (*run)(const struct scenario *s, struct scen_ctx *c,
		    struct scen_result *r);
	int variant;		/* meaning is up to the family */
	const void *param;	/* likewise */
};

struct family {
	const char *name;
	const struct scenario *scen;
	size_t count;
};

extern const struct family families[];
extern const size_t nr_families;

/* Run (or list) what the options select; false if the run failed. */
bool run_selected(struct scen_ctx *c);
/* Check that every pattern in tests= names something; message if not. */
int check_selection(const char *tests, char *err, size_t errlen);

#endif
