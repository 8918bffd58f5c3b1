/* SPDX-License-Identifier: MIT */
/* The report's summary table (kernel/table.c). */
#ifndef TLBPROBE_TABLE_H
#define TLBPROBE_TABLE_H

#include "kernel/report.h"

/* Keeps a row of the table (and hands it to the answer block). */
void table_add(const char *name, enum sclass cls, const char *status,
	       const struct scen_result *r);
/* How many rows it holds. */
int table_rows(void);
/* The "# table:" lines, each at most 100 columns. */
void table_print(void);

#endif
