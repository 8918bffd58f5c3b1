/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_MODEL_OBSERVE_H
#define TLBPROBE_MODEL_OBSERVE_H

#include <stdio.h>

#include "tests/kernel/fixture.h"

/* Where a probe lies relative to what changed (docs/model.md). */
enum probe_cat {
	CAT_FLUSHED,		/* the page of the single-address flush */
	CAT_TOUCHED,		/* read before the change */
	CAT_UNTOUCHED,		/* mapped before, never read */
	CAT_OTHER_SUBSLOT,	/* another 2 MiB slot than the flushed one */
	CAT_NO_TABLE,		/* a 2 MiB slot that never had a PTE page */
	CAT_NR,
};

struct obs_totals {
	int derived;		/* scenarios whose class was derived */
	int mismatches;		/* ... and disagreed with the catalogue */
};

const char *probe_cat_name(enum probe_cat c);
/*
 * Hook the model's observer into lab_probe().  ignore_vendor_table: judge
 * against the catalogue's own class (a control for the comparison).
 * table_file: where to write the allowed-outcome table (NULL: nowhere).
 */
void observe_start(bool ignore_vendor_table, FILE *table_file);
const struct obs_totals *observe_totals(void);

#endif
