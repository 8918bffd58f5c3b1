// SPDX-License-Identifier: MIT
/*
 * The stale-rate bars and the row curves of the HTML report
 * (report_plots.h).  Rates are over units (iterations x CPUs that read,
 * units.h), never probes, with the Clopper-Pearson 95% interval of
 * bounds.h: a zero draws as a hairline whose whisker is its upper bound.
 */
#include "report_plots.h"
#include "units.h"

#include <stdlib.h>

void plot_log_name(const struct checked_log *cl, char *buf, size_t len)
{
	const char *base = strrchr(cl->path, '/');
	size_t n;

	base = base ? base + 1 : cl->path;
	n = strlen(base);
	if (n > 4 && !strcmp(base + n - 4, ".log"))
		n -= 4;
	snprintf(buf, len, "%.*s", (int)n, base);
}

const char **plot_series(const struct report *rep)
{
	const char **v = xmalloc((rep->nlogs + 1) * (sizeof(*v) + 64));
	char *names = (char *)(v + rep->nlogs + 1);

	for (size_t i = 0; i < rep->nlogs; i++) {
		plot_log_name(&rep->logs[i], names + 64 * i, 64);
		v[i] = names + 64 * i;
	}
	v[rep->nlogs] = NULL;
	return v;
}

void plot_family(const char *name, char *buf, size_t len)
{
	snprintf(buf, len, "%.*s", (int)strcspn(name, "."), name);
}

static const struct scenario *find(const struct run *r, const char *name)
{
	for (size_t i = 0; r && i < r->nsc; i++)
		if (!strcmp(r->sc[i].name, name))
			return &r->sc[i];
	return NULL;
}

/* The outcomes that show a stale entry (kernel/outcomes.def STALE). */
static const char *const stale_keys[] = {
#define STALE(key, cache, words) #key,
#include "../kernel/outcomes.def"
#undef STALE
};

/* The row's share of units with a stale read, and its 95% interval. */
static bool stale_rate(const struct scenario *s, struct bound *b)
{
	long long n, k, k_min = 0, v;
	bool old;

	if (!s || !s->has_result || s->aborted || s->verdict == KTAP_SKIP ||
	    s->verdict == KTAP_MISSING || !s->class ||
	    !strcmp(s->class, "control") || !strcmp(s->class, "bench"))
		return false;
	n = scenario_units(s, &old);
	if (n <= 0)
		return false;
	k = scenario_units_stale(s);
	for (size_t i = 0; i < sizeof(stale_keys) / sizeof(stale_keys[0]); i++) {
		v = scenario_units_with_min(s, stale_keys[i]);
		k_min = v > k_min ? v : k_min;
	}
	bound_of_range(k_min, k, n, b);
	return true;
}

void plot_family_rates(FILE *f, const struct report *rep, const char *family)
{
	size_t nb = 0, cap = rep->nnames * (rep->nlogs ? rep->nlogs : 1);
	struct bar *bars = xmalloc((cap + 1) * sizeof(*bars));
	char (*titles)[160] = xmalloc((cap + 1) * sizeof(*titles));
	const char **series = plot_series(rep);
	char fam[64], id[96], title[192], lo[32], hi[32];

	for (size_t k = 0; k < rep->nnames; k++) {
		plot_family(rep->names[k], fam, sizeof(fam));
		if (strcmp(fam, family))
			continue;
		for (size_t i = 0; i < rep->nlogs; i++) {
			struct bound b;

			if (!stale_rate(find(rep->logs[i].run, rep->names[k]), &b))
				continue;
			pct_text(lo, sizeof(lo), b.lo);
			pct_text(hi, sizeof(hi), b.hi);
			snprintf(titles[nb], sizeof(titles[nb]),
				 "%s on %s: %lld of %lld units stale (95%%: %s - %s)",
				 rep->names[k], series[i], b.k, b.n, lo, hi);
			bars[nb] = (struct bar){
				.group = rep->names[k], .series = i,
				.value = 100.0 * (double)b.k / (double)b.n,
				.lo = 100 * b.lo, .hi = 100 * b.hi,
				.title = titles[nb],
			};
			nb++;
		}
	}
	if (nb) {
		snprintf(id, sizeof(id), "rates-%s", family);
		snprintf(title, sizeof(title), "%s: stale rate per row and machine "
			 "(whisker: 95%% interval)", family);
		plot_bars(f, &(struct bar_chart){
			.id = id, .title = title,
			.unit = "% of units (iterations x CPUs that read) with a stale read",
			.series = series, .nseries = rep->nlogs,
			.bars = bars, .nbars = nb,
		});
	}
	free(bars);
	free(titles);
	free(series);
}

/*
 * Rows that sweep a parameter and give a rate at each value, as the
 * psc_size rows do (tests/kernel/psc_size.c): one key per value, the
 * key's prefix then the value x, holding "k/n" (k of n at x).  Each such
 * row of each machine is one curve.  A family that reports so is plotted
 * by adding one line here: the row-name prefix, the key prefix, the words.
 */
static const struct row_curve {
	const char *prefix, *xkey;
	const char *id, *title, *xlabel;
	bool logx;
} row_curves[] = {
	{ "psc_size.", "n", "curve-psc_size",
	  "Paging-structure cache size: share of regions whose stale entry "
	  "survived, against the regions touched (95% interval)",
	  "regions touched (N)", true },
};

#define CURVE_POINTS	64

static int by_x(const void *a, const void *b)
{
	const struct point *p = a, *q = b;

	return (p->x > q->x) - (p->x < q->x);
}

/* x from KEY = xkey then digits, k and n from "K/N"; false if not so. */
static bool sweep_point(const struct kv *kv, const char *xkey, double *x,
			long long *k, long long *n)
{
	size_t len = strlen(xkey);
	char *end;
	long long vx;

	if (strncmp(kv->key, xkey, len) || !kv->key[len] || !kv->val)
		return false;
	vx = strtoll(kv->key + len, &end, 10);
	if (*end || vx <= 0)
		return false;
	if (sscanf(kv->val, "%lld/%lld", k, n) != 2 || *n <= 0 || *k < 0 ||
	    *k > *n)
		return false;
	*x = (double)vx;
	return true;
}

/* One row's points; returns how many. */
static size_t curve_points(const struct scenario *s, const struct row_curve *rc,
			   struct point *p, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < s->counts.n && n < max; i++) {
		long long k, t;
		struct bound b;
		double x;

		if (!sweep_point(&s->counts.v[i], rc->xkey, &x, &k, &t))
			continue;
		bound_of(k, t, &b);
		p[n++] = (struct point){
			.x = x, .y = 100.0 * (double)b.k / (double)t,
			.lo = 100 * b.lo, .hi = 100 * b.hi,
		};
	}
	qsort(p, n, sizeof(*p), by_x);
	return n;
}

/* The sweep rows of every log: how many curves went into cv. */
static size_t rows_curves(const struct report *rep, const struct row_curve *rc,
			  const char **series, struct curve *cv,
			  struct point *pts, char (*labels)[96], size_t max)
{
	size_t nc = 0;

	for (size_t i = 0; i < rep->nlogs; i++) {
		const struct run *r = rep->logs[i].run;

		for (size_t j = 0; r && j < r->nsc && nc < max; j++) {
			const struct scenario *s = &r->sc[j];
			struct point *p = pts + CURVE_POINTS * nc;
			size_t n;

			if (strncmp(s->name, rc->prefix, strlen(rc->prefix)) ||
			    !s->has_result)
				continue;
			n = curve_points(s, rc, p, CURVE_POINTS);
			if (!n)
				continue;
			snprintf(labels[nc], sizeof(labels[nc]), "%s %s",
				 series[i], s->name + strlen(rc->prefix));
			cv[nc] = (struct curve){ .label = labels[nc], .p = p,
				.n = n, .colour = nc };
			nc++;
		}
	}
	return nc;
}

size_t plot_row_curves(FILE *f, const struct report *rep)
{
	size_t drawn = 0, max = (rep->nlogs + 1) * 8;

	for (size_t c = 0; c < sizeof(row_curves) / sizeof(row_curves[0]); c++) {
		const struct row_curve *rc = &row_curves[c];
		struct curve *cv = xmalloc(max * sizeof(*cv));
		struct point *pts = xmalloc(max * CURVE_POINTS * sizeof(*pts));
		char (*labels)[96] = xmalloc(max * sizeof(*labels));
		const char **series = plot_series(rep);
		size_t nc = rows_curves(rep, rc, series, cv, pts, labels, max);

		if (nc) {
			fprintf(f, "<h2 id=\"%s\">%s</h2>\n", rc->id, rc->prefix);
			plot_curves(f, &(struct curve_chart){
				.id = rc->id, .title = rc->title,
				.xlabel = rc->xlabel, .ylabel = "% with a stale entry",
				.logx = rc->logx, .curves = cv, .ncurves = nc,
			});
			drawn++;
		}
		free(labels);
		free(cv);
		free(pts);
		free(series);
	}
	return drawn;
}
