// SPDX-License-Identifier: MIT
/*
 * The bench plots (report_plots.h) from the "# bench:" lines
 * (docs/bench.md): per machine the TLB reach curve (cycles per access
 * over the working set, 4 KiB / 2 MiB / 1 GiB pages, in address order
 * and shuffled, log-log) and the refill curve (cycles per page after
 * each flush kind, over the pages touched); over all machines the flush
 * and collapse costs (median, whiskers min and p99, log axis).
 */
#include "report_plots.h"

#include <stdlib.h>

#define MAX_FIGS 160

struct fig {
	const char *name;
	double value, min, median, p99;
	bool has_value, has_median;
};

struct figs {
	struct arena ar;
	struct fig v[MAX_FIGS];
	size_t n;
};

static double num(const struct kv_list *l, const char *key, bool *has)
{
	const char *v = kv_str(l, key);
	char *end;
	double d;

	*has = false;
	if (!v || !*v)
		return 0;
	d = strtod(v, &end);
	*has = !*end;
	return d;
}

/* The measured figures of a log's judged run (skipped ones left out). */
static void figs_of(const struct checked_log *cl, struct figs *fs)
{
	const struct run *r = cl->run;

	memset(fs, 0, sizeof(*fs));
	for (size_t i = 0; r && i < r->nsc; i++) {
		const struct diag_list *dl = &r->sc[i].diags;

		for (size_t j = 0; j < dl->n && fs->n < MAX_FIGS; j++) {
			const char *t = dl->v[j].text + strspn(dl->v[j].text, " ");
			struct kv_list l = { 0 };
			struct fig *g = &fs->v[fs->n];
			bool has;

			if (!str_starts(t, "# bench: "))
				continue;
			kv_parse(&fs->ar, t + 9, &l);
			if (!kv_str(&l, "name") || kv_find(&l, "skipped"))
				continue;
			g->name = kv_str(&l, "name");
			g->value = num(&l, "value", &g->has_value);
			g->median = num(&l, "median", &g->has_median);
			g->min = num(&l, "min", &has);
			g->min = has ? g->min : g->median;
			g->p99 = num(&l, "p99", &has);
			g->p99 = has ? g->p99 : g->median;
			fs->n++;
		}
	}
}

static const struct fig *fig(const struct figs *fs, const char *name)
{
	for (size_t i = 0; i < fs->n; i++)
		if (!strcmp(fs->v[i].name, name))
			return &fs->v[i];
	return NULL;
}

bool plot_have_bench(const struct report *rep)
{
	static struct figs fs;
	bool any = false;

	for (size_t i = 0; i < rep->nlogs && !any; i++) {
		figs_of(&rep->logs[i], &fs);
		any = fs.n > 0;
		arena_free(&fs.ar);
	}
	return any;
}

static const char *const page_sizes[] = { "4k", "2m", "1g" };
static const char *const orders[] = { "seq", "rand" };
static const struct { const char *name; double mib; } sets[] = {
	{ "2m", 2 }, { "16m", 16 }, { "128m", 128 }, { "1g", 1024 },
};

static bool plot_reach(FILE *f, const struct figs *fs, const char *log)
{
	struct point pts[6][4];
	struct curve cv[6];
	char labels[6][32], id[96], title[160];
	size_t nc = 0;

	for (size_t p = 0; p < 3; p++)
		for (size_t o = 0; o < 2; o++) {
			size_t n = 0;

			for (size_t w = 0; w < 4; w++) {
				char name[48];
				const struct fig *g;

				snprintf(name, sizeof(name), "reach.%s.%s.%s",
					 page_sizes[p], orders[o], sets[w].name);
				g = fig(fs, name);
				if (g && g->has_value && g->value > 0)
					pts[nc][n++] = (struct point){ sets[w].mib,
						g->value, g->value, g->value };
			}
			if (!n)
				continue;
			snprintf(labels[nc], sizeof(labels[nc]), "%s pages, %s",
				 page_sizes[p], orders[o]);
			cv[nc] = (struct curve){ .label = labels[nc], .p = pts[nc],
						 .n = n, .dashed = o == 1,
						 .colour = p };
			nc++;
		}
	if (!nc)
		return false;
	snprintf(id, sizeof(id), "reach-%s", log);
	snprintf(title, sizeof(title), "%s: TLB reach (cycles per access over "
		 "the working set, by page size)", log);
	plot_curves(f, &(struct curve_chart){ .id = id, .title = title,
		.xlabel = "working set (MiB)", .ylabel = "cycles per access",
		.logx = true, .logy = true, .curves = cv, .ncurves = nc });
	return true;
}

static const char *const refill_kinds[] = { "none", "invlpg", "cr3", "pge" };
static const int refill_pages[] = { 1, 16, 64, 512 };

static bool plot_refill(FILE *f, const struct figs *fs, const char *log)
{
	struct point pts[4][4];
	struct curve cv[4];
	char labels[4][48], id[96], title[160];
	size_t nc = 0;

	for (size_t k = 0; k < 4; k++) {
		size_t n = 0;

		for (size_t i = 0; i < 4; i++) {
			char name[48];
			const struct fig *g;
			double per = refill_pages[i];

			snprintf(name, sizeof(name), "refill.%s.k%d", refill_kinds[k],
				 refill_pages[i]);
			g = fig(fs, name);
			if (g && g->has_median && g->median > 0)
				pts[nc][n++] = (struct point){ per, g->median / per,
					g->min / per, g->p99 / per };
		}
		if (!n)
			continue;
		snprintf(labels[nc], sizeof(labels[nc]), "after %s", refill_kinds[k]);
		cv[nc] = (struct curve){ .label = labels[nc], .p = pts[nc], .n = n,
					 .colour = k };
		nc++;
	}
	if (!nc)
		return false;
	snprintf(id, sizeof(id), "refill-%s", log);
	snprintf(title, sizeof(title), "%s: refill cost per page after a flush "
		 "(median; whiskers min and p99)", log);
	plot_curves(f, &(struct curve_chart){ .id = id, .title = title,
		.xlabel = "pages touched after the flush",
		.ylabel = "cycles per page", .logx = true, .logy = true,
		.curves = cv, .ncurves = nc });
	return true;
}

/* A flush or collapse figure: timed, and neither a refill nor a reach. */
static bool is_cost(const struct fig *g)
{
	return g->has_median && g->median > 0 &&
	       !str_starts(g->name, "refill.") && !str_starts(g->name, "reach.") &&
	       strcmp(g->name, "timer.overhead");
}

static bool plot_costs(FILE *f, const struct report *rep, struct figs *all)
{
	size_t cap = rep->nlogs * MAX_FIGS + 1, nb = 0;
	struct bar *bars = xmalloc(cap * sizeof(*bars));
	char (*titles)[128] = xmalloc(cap * sizeof(*titles));
	const char **series = plot_series(rep);
	bool drawn;

	/* Groups in the order of first sight, machines within each. */
	for (size_t i = 0; i < rep->nlogs; i++)
		for (size_t j = 0; j < all[i].n; j++) {
			const char *name = all[i].v[j].name;
			bool seen = false;

			for (size_t e = 0; e < i && !seen; e++)
				seen = fig(&all[e], name) && is_cost(fig(&all[e], name));
			if (seen || !is_cost(&all[i].v[j]))
				continue;
			for (size_t m = i; m < rep->nlogs; m++) {
				const struct fig *g = fig(&all[m], name);

				if (!g || !is_cost(g))
					continue;
				snprintf(titles[nb], sizeof(titles[nb]),
					 "%s on %s: median %g cycles (min %g, p99 %g)",
					 name, series[m], g->median, g->min, g->p99);
				bars[nb] = (struct bar){ .group = name, .series = m,
					.value = g->median, .lo = g->min, .hi = g->p99,
					.title = titles[nb] };
				nb++;
			}
		}
	drawn = nb > 0;
	if (drawn)
		plot_bars(f, &(struct bar_chart){ .id = "bench-costs",
			.title = "Flush and collapse costs (median; whiskers min and p99)",
			.unit = "TSC cycles (log scale)", .log = true,
			.series = series, .nseries = rep->nlogs, .bars = bars,
			.nbars = nb });
	free(bars);
	free(titles);
	free(series);
	return drawn;
}

size_t plot_bench(FILE *f, const struct report *rep)
{
	struct figs *all = xmalloc((rep->nlogs + 1) * sizeof(*all));
	size_t drawn = 0;
	char log[64];

	for (size_t i = 0; i < rep->nlogs; i++)
		figs_of(&rep->logs[i], &all[i]);
	drawn += plot_costs(f, rep, all);
	for (size_t i = 0; i < rep->nlogs; i++) {
		if (!all[i].n)
			continue;
		plot_log_name(&rep->logs[i], log, sizeof(log));
		drawn += plot_reach(f, &all[i], log);
		drawn += plot_refill(f, &all[i], log);
	}
	for (size_t i = 0; i < rep->nlogs; i++)
		arena_free(&all[i].ar);
	free(all);
	return drawn;
}
