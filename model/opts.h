/* SPDX-License-Identifier: MIT */
/* The command line of build/tlbprobe-model (model/opts.c). */
#ifndef MODEL_OPTS_H
#define MODEL_OPTS_H

#include <stdbool.h>

#include "model/mmu.h"

struct model_opts {
	int vendor;
	const char *tests, *seed, *iters;
	enum mmu_policy policy;
	struct mmu_params par;
	bool catalogue_only;
	const char *table;
	bool legal;
	const char *knobs;	/* --machine KNOBS, NULL for random */
	int mutant;
};

/* Parses argv into o; prints the usage and exits 3 on a bad input. */
void model_opts_parse(int argc, char **argv, struct model_opts *o);

/* Prints what is wrong, the usage, and exits with status 3. */
_Noreturn void model_die_usage(const char *what, const char *arg);

#endif
