/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_MODEL_OBSERVE_H
#define TLBPROBE_MODEL_OBSERVE_H

#include <stdio.h>

#include "tests/kernel/fixture.h"

struct obs_totals {
	int derived;		/* scenarios whose class was derived */
	int mismatches;		/* ... and disagreed with the catalogue */
};

/*
 * Hook the model's observer into lab_probe().  ignore_vendor_table: judge
 * against the catalogue's own class (a control for the comparison).
 * table_file: where to write the allowed-outcome table (NULL: nowhere).
 */
void observe_start(bool ignore_vendor_table, FILE *table_file);
const struct obs_totals *observe_totals(void);

#endif
