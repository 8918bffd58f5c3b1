// SPDX-License-Identifier: MIT
/* Bars with whiskers and curves as inline SVG (plot_svg.h). */
#include "plot_svg.h"
#include "util.h"

#include <math.h>
#include <string.h>

#define LABEL_W 270	/* the group names, monospace */
#define PLOT_W 430
#define BAR_H 7
#define GROUP_GAP 6
#define TOP 44
#define CURVE_W 600
#define CURVE_H 340
#define MARGIN_L 70
#define MARGIN_B 46

static const char *const colours[] = {
	"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
	"#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939",
	"#e7ba52", "#843c39", "#7b4173", "#3182bd", "#31a354", "#756bb1",
};

const char *plot_colour(size_t i)
{
	return colours[i % (sizeof(colours) / sizeof(colours[0]))];
}

static void text(FILE *f, const char *s)
{
	const char *e;

	for (; s && *s; s++) {
		if ((e = markup_entity(*s)))
			fputs(e, f);
		else
			fputc(*s, f);
	}
}

/* An axis: value v to a coordinate in [a, b], linear or log over [lo, hi]. */
struct axis {
	double lo, hi;
	bool log;
	double a, b;
};

static double at(const struct axis *x, double v)
{
	double t;

	if (x->log) {
		v = v > x->lo ? v : x->lo;
		t = (log10(v) - log10(x->lo)) / (log10(x->hi) - log10(x->lo));
	} else {
		t = (v - x->lo) / (x->hi - x->lo);
	}
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	return x->a + t * (x->b - x->a);
}

/* Round the range out: to decades on a log axis, to a 1-2-5 step else. */
static double nice_step(double span)
{
	double p = pow(10, floor(log10(span / 5))), m = span / 5 / p;

	return p * (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10);
}

static void axis_fit(struct axis *x, double lo, double hi)
{
	if (x->log) {
		lo = lo > 0 ? lo : 1e-3;
		hi = hi > lo ? hi : lo * 10;
		x->lo = pow(10, floor(log10(lo)));
		x->hi = pow(10, ceil(log10(hi)));
		if (x->hi <= x->lo)
			x->hi = x->lo * 10;
		return;
	}
	double step;

	lo = lo < 0 ? lo : 0;
	hi = hi > lo ? hi : lo + 1;
	step = nice_step(hi - lo);
	x->lo = floor(lo / step) * step;
	x->hi = ceil(hi / step) * step;
}

static void tick_label(char *buf, size_t len, double v)
{
	if (fabs(v) >= 1e6 || (fabs(v) < 0.01 && v != 0))
		snprintf(buf, len, "%.0e", v);
	else
		snprintf(buf, len, "%g", v);
}

/* Ticks along x (vertical = false) or y, with grid lines across [g0, g1]. */
static void ticks(FILE *f, const struct axis *x, bool vertical, double g0,
		  double g1)
{
	double step = x->log ? 0 : nice_step(x->hi - x->lo), v;
	char label[32];

	for (v = x->lo; v <= x->hi * (1 + 1e-9); v = x->log ? v * 10 : v + step) {
		double c = at(x, v);

		tick_label(label, sizeof(label), v);
		if (vertical)
			fprintf(f, "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>"
				"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
				g0, g1, c, c, g0 - 4, c + 4, label);
		else
			fprintf(f, "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>"
				"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
				c, c, g0, g1, c, g1 + 14, label);
	}
}

/* Swatches for bars; for curves (cv) a line sample in its colour and dash. */
static void legend(FILE *f, const char *const *names, size_t n, double y,
		   double width, const struct curve *cv)
{
	double x = 8;

	for (size_t i = 0; i < n; i++) {
		double w = 22 + 6.5 * (double)strlen(names[i]);

		if (x + w > width && x > 8) {
			x = 8;
			y += 16;
		}
		if (cv)
			fprintf(f, "<path class=\"swatch\" d=\"M%.1f %.1fH%.1f\" stroke=\"%s\" stroke-width=\"2\"%s/>",
				x, y - 4, x + 13, plot_colour(cv[i].colour),
				cv[i].dashed ? " stroke-dasharray=\"4 2\"" : "");
		else
			fprintf(f, "<rect class=\"swatch\" x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"10\" fill=\"%s\"/>",
				x, y - 9, plot_colour(i));
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">", x + 16, y);
		text(f, names[i]);
		fputs("</text>\n", f);
		x += w + 10;
	}
}

static double legend_height(const char *const *names, size_t n, double width)
{
	double x = 8, h = 16;

	for (size_t i = 0; i < n; i++) {
		double w = 22 + 6.5 * (double)strlen(names[i]);

		if (x + w > width && x > 8) {
			x = 8;
			h += 16;
		}
		x += w + 10;
	}
	return h;
}

static void svg_open(FILE *f, const char *id, const char *title, double w,
		     double h)
{
	fprintf(f, "<svg class=\"plot\" id=\"");
	text(f, id);
	fprintf(f, "\" width=\"%.0f\" "
		"height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\">\n<title>",
		w, h, w, h);
	text(f, title);
	fprintf(f, "</title>\n<text class=\"ptitle\" x=\"8\" y=\"16\">");
	text(f, title);
	fputs("</text>\n", f);
}

static void whisker_h(FILE *f, double x0, double x1, double y)
{
	fprintf(f, "<path class=\"whisker\" d=\"M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f %.1fV%.1f\"/>\n",
		x0, y, x1, x0, y - 3, y + 3, x1, y - 3, y + 3);
}

static void whisker_v(FILE *f, double x, double y0, double y1)
{
	fprintf(f, "<path class=\"whisker\" d=\"M%.1f %.1fV%.1fM%.1f %.1fH%.1fM%.1f %.1fH%.1f\"/>\n",
		x, y0, y1, x - 3, y0, x + 3, x - 3, y1, x + 3);
}

void plot_bars(FILE *f, const struct bar_chart *c)
{
	double lh = legend_height(c->series, c->nseries, LABEL_W + PLOT_W);
	double top = TOP + lh, y = top, lo = 0, hi = 0, h;
	struct axis x = { .log = c->log, .a = LABEL_W, .b = LABEL_W + PLOT_W - 30 };
	size_t i, groups = 0;

	for (i = 0; i < c->nbars; i++) {
		double v = c->bars[i].hi > c->bars[i].value ? c->bars[i].hi :
			   c->bars[i].value;

		hi = v > hi ? v : hi;
		if (c->bars[i].value > 0 && (lo == 0 || c->bars[i].value < lo))
			lo = c->bars[i].value;
		groups += !i || strcmp(c->bars[i].group, c->bars[i - 1].group);
	}
	axis_fit(&x, c->log ? lo : 0, hi);
	h = top + (double)c->nbars * BAR_H + (double)groups * GROUP_GAP + 40;
	svg_open(f, c->id, c->title, LABEL_W + PLOT_W, h);
	legend(f, c->series, c->nseries, TOP - 6, LABEL_W + PLOT_W, NULL);
	ticks(f, &x, false, top - 4, h - 34);
	fprintf(f, "<text x=\"%d\" y=\"%.0f\" text-anchor=\"middle\">", LABEL_W + PLOT_W / 2,
		h - 6);
	text(f, c->unit);
	fputs("</text>\n", f);
	for (i = 0; i < c->nbars; i++) {
		const struct bar *b = &c->bars[i];
		double x0 = at(&x, c->log ? x.lo : 0), x1 = at(&x, b->value);

		if (!i || strcmp(b->group, c->bars[i - 1].group)) {
			y += i ? GROUP_GAP : 0;
			fprintf(f, "<text class=\"group\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">",
				LABEL_W - 6, y + BAR_H);
			text(f, b->group);
			fputs("</text>\n", f);
		}
		/* A zero still shows: a hairline, its whisker the bound. */
		fprintf(f, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>",
			x0, y + 1, x1 - x0 > 1 ? x1 - x0 : 1, BAR_H - 2,
			plot_colour(b->series));
		text(f, b->title);
		fputs("</title></rect>\n", f);
		if (b->hi > b->lo)
			whisker_h(f, at(&x, b->lo), at(&x, b->hi), y + BAR_H / 2.0);
		y += BAR_H;
	}
	fputs("</svg>\n", f);
}

static void curve_ranges(const struct curve_chart *c, double *x0, double *x1,
			 double *y0, double *y1)
{
	bool first = true;

	*x0 = *x1 = *y0 = *y1 = 0;
	for (size_t k = 0; k < c->ncurves; k++)
		for (size_t i = 0; i < c->curves[k].n; i++) {
			const struct point *p = &c->curves[k].p[i];
			double lo = p->lo < p->y ? p->lo : p->y;
			double hi = p->hi > p->y ? p->hi : p->y;

			if (c->logy && lo <= 0)
				lo = p->y;
			if (first || p->x < *x0)
				*x0 = p->x;
			if (first || p->x > *x1)
				*x1 = p->x;
			if (first || lo < *y0)
				*y0 = lo;
			if (first || hi > *y1)
				*y1 = hi;
			first = false;
		}
}

void plot_curves(FILE *f, const struct curve_chart *c)
{
	const char *names[16] = { 0 };
	size_t nn = c->ncurves < 16 ? c->ncurves : 16;
	double lh, x0, x1, y0, y1, h;
	struct axis x = { .log = c->logx, .a = MARGIN_L, .b = CURVE_W - 30 };
	struct axis y = { .log = c->logy };

	for (size_t k = 0; k < nn; k++)
		names[k] = c->curves[k].label;
	lh = legend_height(names, nn, CURVE_W);
	h = TOP + lh + CURVE_H;
	y.a = h - MARGIN_B;
	y.b = TOP + lh;
	curve_ranges(c, &x0, &x1, &y0, &y1);
	axis_fit(&x, x0, x1);
	axis_fit(&y, y0, y1);
	svg_open(f, c->id, c->title, CURVE_W, h);
	legend(f, names, nn, TOP - 6, CURVE_W, c->curves);
	ticks(f, &x, false, y.b, y.a);
	ticks(f, &y, true, x.a, x.b);
	fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\">", (x.a + x.b) / 2, h - 8);
	text(f, c->xlabel);
	fprintf(f, "</text>\n<text x=\"14\" y=\"%.0f\" transform=\"rotate(-90 14 %.0f)\" text-anchor=\"middle\">",
		(y.a + y.b) / 2, (y.a + y.b) / 2);
	text(f, c->ylabel);
	fputs("</text>\n", f);
	for (size_t k = 0; k < c->ncurves; k++) {
		const struct curve *cv = &c->curves[k];

		fprintf(f, "<polyline class=\"curve\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"",
			plot_colour(cv->colour), cv->dashed ? " stroke-dasharray=\"5 3\"" : "");
		for (size_t i = 0; i < cv->n; i++)
			fprintf(f, "%s%.1f,%.1f", i ? " " : "", at(&x, cv->p[i].x),
				at(&y, cv->p[i].y));
		fputs("\"/>\n", f);
		for (size_t i = 0; i < cv->n; i++) {
			const struct point *p = &cv->p[i];

			if (p->hi > p->lo)
				whisker_v(f, at(&x, p->x), at(&y, p->lo), at(&y, p->hi));
			fprintf(f, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>",
				at(&x, p->x), at(&y, p->y), plot_colour(cv->colour));
			text(f, cv->label);
			fprintf(f, ": %g, %g</title></circle>\n", p->x, p->y);
		}
	}
	fputs("</svg>\n", f);
}
