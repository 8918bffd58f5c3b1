/* SPDX-License-Identifier: MIT */
/*
 * The fleet report: one log per machine, compared scenario by scenario in
 * a Markdown table and a self-contained HTML page.
 */
#ifndef CHECKER_REPORT_H
#define CHECKER_REPORT_H

#include "check.h"

/* Worst first; the order decides a cell's colour. */
enum cell_kind {
	CELL_WALK,		/* stale_walk, mce or unknown > 0, or failed control */
	CELL_ABORT,		/* the scenario took an exception */
	CELL_FAULT,		/* fault > 0 outside a control */
	CELL_TLB,		/* stale_tlb > 0 */
	CELL_OK,		/* every probe coherent, or control ok */
	CELL_NOTHING,		/* an observation row, every probe coherent */
	CELL_INCONCLUSIVE,	/* ok, but saying nothing on this machine */
	CELL_SKIP,
	CELL_NONE,		/* absent, or no result line */
};

struct cell {
	enum cell_kind kind;
	char text[48];		/* "walk 3", "tlb 48", "ok", "skip" */
	char bounds[80];	/* "0.02% - 0.21%" or "walk < 1.2%": 95%, HTML */
	char title[640];	/* the whole histogram and its bounds, for a tooltip */
	bool outside;		/* outside the log's profile */
	bool arch;		/* an architectural violation (arch.h) */
	char arch_text[640];	/* what it broke, for the cell */
};

struct report {
	struct checked_log *logs;
	size_t nlogs;
	const char **names;	/* every scenario, in order of first sight */
	size_t nnames;
	size_t capnames;
};

void report_cell(const struct checked_log *cl, const char *scenario,
		 struct cell *c);
/* "Intel(R) Xeon(R) ... 6/85/7 kvm" from the log's "# env:" lines. */
void report_machine(const struct checked_log *cl, char *buf, size_t len);
const char *report_status_name(int status);

void report_write_md(FILE *f, const struct report *rep);
void report_write_html(FILE *f, const struct report *rep);

/* Returns the worst status of all logs, or EXIT_USAGE. */
int report_main(const char *profile, const char *md, const char *html,
		char **logs, size_t nlogs);

#endif
