/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_SCENARIO_H
#define TLBPROBE_SCENARIO_H

/*
 * The framework below the experiments: what a scenario and a family are,
 * how a family registers itself, and the runner that selects and runs
 * them.  Experiments (tests/kernel/) include this; nothing here includes
 * them.
 */
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
	const char *name;	/* "<family>.<rest>" */
	const char *desc;
	/*
	 * CLASS_DERIVED: the MMU model's class on the vendor the kernel runs
	 * on (harness/vendor_class.h); a stated class only for a row the
	 * model cannot run.
	 */
	enum sclass cls;
	/* NULL when it can run here, else the reason to skip. */
	const char *(*skip)(const struct scenario *s, struct scen_ctx *c);
	void (*run)(const struct scenario *s, struct scen_ctx *c,
		    struct scen_result *r);
	/*
	 * The row's parameters for its "# result:" line, from param (the
	 * family's row data); NULL: the row states none.
	 */
	void (*params)(const struct scenario *s, struct row_params *p);
	int variant;		/* meaning is up to the family */
	const void *param;	/* likewise */
};

struct family {
	const char *name;
	int order;		/* families run in increasing order */
	/* Runs only when some tests= pattern begins with the family's name. */
	bool named_only;
	const struct scenario *scen;
	size_t count;
};

/*
 * Define and register a family: FAMILY(pmd_collapse, 20, false, rows)
 * with rows an array of struct scenario.  The runner finds every family
 * through the linker section tlbprobe_families; no list to keep.
 */
#define FAMILY(id, order_, named_only_, rows)				\
	static const struct family id##_family = {			\
		.name = #id, .order = (order_),				\
		.named_only = (named_only_), .scen = (rows),		\
		.count = ARRAY_SIZE(rows),				\
	};								\
	static const struct family *const id##_family_entry		\
	__attribute__((used, section("tlbprobe_families"))) =		\
		&id##_family

/* The registered families in run order; *n says how many. */
const struct family *const *families_all(size_t *n);
/* The row named name, or NULL. */
const struct scenario *scenario_find(const char *name);

/* Run (or list) what the options select; false if the run failed. */
bool run_selected(struct scen_ctx *c);
/* Check that every pattern in tests= names something; message if not. */
int check_selection(const char *tests, char *err, size_t errlen);

#endif
