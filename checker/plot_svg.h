/* SPDX-License-Identifier: MIT */
/*
 * Plots as inline SVG for the HTML pages (report_plots.c): no script, no
 * font or style fetched, so a page stays one file that opens offline.
 * Two forms: bars with whiskers (a value and its interval per item,
 * items in groups, one bar per series) and curves (points x, y with an
 * optional interval, one line per series, linear or log axes).  Every
 * mark carries a class (bar, whisker, curve, point) so a test can find
 * it after rendering.
 */
#ifndef CHECKER_PLOT_SVG_H
#define CHECKER_PLOT_SVG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The colour of series i, the same in every plot of a page. */
const char *plot_colour(size_t i);

struct bar {
	const char *group;	/* the row: "linux.5e0fb5df2ee8" */
	size_t series;		/* which bar in the group: the machine */
	double value, lo, hi;	/* lo = hi = value: no whisker */
	const char *title;	/* tooltip */
};

struct bar_chart {
	const char *id, *title, *unit;	/* unit: "%", "cycles" */
	bool log;		/* a log value axis (values > 0) */
	const char *const *series;	/* legend names */
	size_t nseries;
	const struct bar *bars;
	size_t nbars;
};

void plot_bars(FILE *f, const struct bar_chart *c);

struct point {
	double x, y, lo, hi;	/* lo = hi = y: no whisker */
};

struct curve {
	const char *label;
	const struct point *p;
	size_t n;
	bool dashed;
	size_t colour;		/* plot_colour(colour) */
};

struct curve_chart {
	const char *id, *title, *xlabel, *ylabel;
	bool logx, logy;
	const struct curve *curves;
	size_t ncurves;
};

void plot_curves(FILE *f, const struct curve_chart *c);

#endif
