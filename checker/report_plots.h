/* SPDX-License-Identifier: MIT */
/*
 * The plots of the HTML pages (plot_svg.h), drawn from the logs of a
 * report: per family the stale rate of every row on every machine with
 * its 95% interval over units (report_plots.c), the curves that rows
 * give as a rate against a parameter (the same file, "row curves"), and
 * the bench figures: TLB reach, refill and flush costs
 * (report_bench_plots.c).
 */
#ifndef CHECKER_REPORT_PLOTS_H
#define CHECKER_REPORT_PLOTS_H

#include "report.h"
#include "plot_svg.h"

/* A log's short name in legends: its file name without ".log". */
void plot_log_name(const struct checked_log *cl, char *buf, size_t len);
/* The legend names of every log, in order (freed with free()). */
const char **plot_series(const struct report *rep);
/* "pmd_collapse" of "pmd_collapse.noflush.global". */
void plot_family(const char *name, char *buf, size_t len);

/* The stale-rate bars of one family (no output where no row has units). */
void plot_family_rates(FILE *f, const struct report *rep, const char *family);
/*
 * The row curves (report_plots.c, row_curves[]) that any log has, each
 * with its jump-list anchor; returns how many were drawn.
 */
size_t plot_row_curves(FILE *f, const struct report *rep);
/* The bench plots; returns how many were drawn. */
size_t plot_bench(FILE *f, const struct report *rep);
/* Whether any log has "# bench:" figures. */
bool plot_have_bench(const struct report *rep);

#endif
