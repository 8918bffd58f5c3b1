// SPDX-License-Identifier: MIT
/*
 * The fleet report as one HTML file with inline CSS and nothing fetched
 * from elsewhere, so it can be mailed, archived or opened offline.
 * Everything from a log is escaped: a brand string is firmware data.
 * The rows come by family (the Linux variants first), each with a summary
 * line per machine and its stale-rate plot; a jump list leads to each,
 * and to the bench and row-curve plots (report_plots.h).
 */
#include "report_plots.h"

#include <stdlib.h>

static const char *const cell_class[] = {
	[CELL_WALK] = "walk",
	[CELL_ABORT] = "walk",
	[CELL_FAULT] = "fault",
	[CELL_TLB] = "tlb",
	[CELL_OK] = "ok",
	[CELL_NOTHING] = "nothing",
	[CELL_INCONCLUSIVE] = "inc",
	[CELL_SKIP] = "skip",
	[CELL_NONE] = "none",
};

static const char style[] =
	"body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}\n"
	"table{border-collapse:collapse;margin:1em 0}\n"
	"th,td{border:1px solid #bbb;padding:3px 8px;text-align:left}\n"
	"th{background:#eee;position:sticky;top:0;vertical-align:bottom}\n"
	"td.name{font-family:monospace}\n"
	".walk{background:#e06666;color:#fff;font-weight:bold}\n"
	".fault{background:#f6a04d}\n"
	".tlb{background:#ffd966}\n"
	".ok{background:#93c47d}\n"
	".nothing{background:#fff;color:#555}\n"
	".inc{background:#bdbdbd;color:#222}\n"
	".skip{background:#ececec;color:#666;font-style:italic}\n"
	".none{background:#f7f7f7;color:#999}\n"
	"svg.plot{display:block;margin:.5em 0 1.5em;font:11px system-ui,sans-serif}\n"
	"svg.plot .ptitle{font-weight:bold;font-size:12px}\n"
	"svg.plot .group{font-family:monospace}\n"
	"svg.plot .grid{stroke:#ddd}\n"
	"svg.plot .whisker{stroke:#222;fill:none}\n"
	"ul.summary{margin:.3em 0;padding-left:1.2em}\n"
	"nav a{margin-right:.8em}\n"
	".outside{outline:3px solid #000;outline-offset:-3px}\n"
	".arch{outline:3px dashed #900;outline-offset:-3px}\n"
	"small.arch{display:block;outline:none;color:#900;font-weight:normal}\n"
	".legend span{display:inline-block;padding:2px 8px;margin-right:6px}\n";

static void html_text(FILE *f, const char *s)
{
	const char *e;

	for (; *s; s++) {
		if ((e = markup_entity(*s)))
			fputs(e, f);
		else
			fputc(*s, f);
	}
}

static void html_legend(FILE *f)
{
	fputs("<p class=\"legend\">"
	      "<span class=\"walk\">stale walk, MCE, abort or failed control</span>"
	      "<span class=\"fault\">fault</span>"
	      "<span class=\"tlb\">stale TLB</span>"
	      "<span class=\"ok\">all coherent (a correctness row that could tell, a control that worked)</span>"
	      "<span class=\"nothing\">nothing seen (an observation row: all coherent)</span>"
	      "<span class=\"inc\">cannot tell: a correctness ok whose no-flush twin showed nothing, or under TCG</span>"
	      "<span class=\"skip\">skipped</span>"
	      "<span class=\"outside\">outside the profile</span>"
	      "<span class=\"arch\">architectural violation (SDM/APM)</span>"
	      "</p>\n", f);
}

static void html_header(FILE *f, const struct report *rep)
{
	char machine[256];
	size_t i;

	fputs("<tr><th>scenario</th>", f);
	for (i = 0; i < rep->nlogs; i++) {
		const struct checked_log *cl = &rep->logs[i];

		report_machine(cl, machine, sizeof(machine));
		fputs("<th>", f);
		html_text(f, machine);
		fputs("<br><small>", f);
		html_text(f, cl->path);
		fprintf(f, "<br>%s", checked_log_status_name(cl));
		if (cl->judged)
			fprintf(f, "<br>caching: %s",
				caching_status_name(cl->caching.status));
		if (cl->have_pf) {
			fputs(" (profile ", f);
			html_text(f, cl->pf.name);
			fputs(")", f);
		}
		fputs("</small></th>", f);
	}
	fputs("</tr>\n", f);
}

static void html_row(FILE *f, const struct report *rep, const char *name)
{
	struct cell c;
	size_t i;

	fputs("<tr><td class=\"name\">", f);
	html_text(f, name);
	fputs("</td>", f);
	for (i = 0; i < rep->nlogs; i++) {
		report_cell(&rep->logs[i], name, &c);
		fprintf(f, "<td class=\"%s%s\" title=\"", cell_class[c.kind],
			c.arch ? " arch" : c.outside ? " outside" : "");
		html_text(f, c.title);
		fputs("\">", f);
		html_text(f, c.text);
		if (c.bounds[0]) {
			fputs("<br><small>", f);
			html_text(f, c.bounds);
			fputs("</small>", f);
		}
		if (c.arch) {
			fputs("<small class=\"arch\">", f);
			html_text(f, c.arch_text);
			fputs("</small>", f);
		}
		fputs("</td>", f);
	}
	fputs("</tr>\n", f);
}

static const char *const kind_words[] = {
	[CELL_WALK] = "stale walk or failed", [CELL_ABORT] = "abort",
	[CELL_FAULT] = "fault", [CELL_TLB] = "stale TLB", [CELL_OK] = "ok",
	[CELL_NOTHING] = "nothing seen", [CELL_INCONCLUSIVE] = "cannot tell",
	[CELL_SKIP] = "skipped", [CELL_NONE] = "absent",
};

static bool in_family(const char *name, const char *family)
{
	char fam[64];

	plot_family(name, fam, sizeof(fam));
	return !strcmp(fam, family);
}

/* The families in order of first sight, but linux first and bench last. */
static size_t families(const struct report *rep, char (*fam)[64], size_t max)
{
	size_t n = 0, i, k;

	for (k = 0; k < rep->nnames && n < max; k++) {
		plot_family(rep->names[k], fam[n], sizeof(fam[n]));
		for (i = 0; i < n && strcmp(fam[i], fam[n]); i++)
			;
		n += i == n;
	}
	/* The measurements last: their plots follow them. */
	for (i = 0; i + 1 < n; i++)
		if (!strcmp(fam[i], "bench")) {
			char t[64];

			memcpy(t, fam[i], sizeof(t));
			memmove(fam[i], fam[i + 1], (n - i - 1) * sizeof(fam[0]));
			memcpy(fam[n - 1], t, sizeof(t));
			break;
		}
	for (i = 1; i < n; i++)
		if (!strcmp(fam[i], "linux")) {
			char t[64];

			memcpy(t, fam[i], sizeof(t));
			memmove(fam[1], fam[0], i * sizeof(fam[0]));
			memcpy(fam[0], t, sizeof(t));
		}
	return n;
}

/* Per machine, how many of the family's cells say what. */
static void html_summary(FILE *f, const struct report *rep, const char *family)
{
	const char **series = plot_series(rep);
	size_t rows = 0, k, i;

	for (k = 0; k < rep->nnames; k++)
		rows += in_family(rep->names[k], family);
	fprintf(f, "<ul class=\"summary\"><li>%zu rows</li>\n", rows);
	for (i = 0; i < rep->nlogs; i++) {
		size_t count[CELL_NONE + 1] = { 0 };
		const char *sep = ": ";
		struct cell c;

		for (k = 0; k < rep->nnames; k++)
			if (in_family(rep->names[k], family)) {
				report_cell(&rep->logs[i], rep->names[k], &c);
				count[c.kind]++;
			}
		fputs("<li>", f);
		html_text(f, series[i]);
		for (int kind = 0; kind <= CELL_NONE; kind++)
			if (count[kind]) {
				fprintf(f, "%s%zu %s", sep, count[kind],
					kind_words[kind]);
				sep = ", ";
			}
		fputs("</li>\n", f);
	}
	fputs("</ul>\n", f);
	free(series);
}

static void html_family(FILE *f, const struct report *rep, const char *family)
{
	fprintf(f, "<h2 id=\"fam-%s\">", family);
	html_text(f, family);
	fputs("</h2>\n", f);
	html_summary(f, rep, family);
	fputs("<table>\n", f);
	html_header(f, rep);
	for (size_t k = 0; k < rep->nnames; k++)
		if (in_family(rep->names[k], family))
			html_row(f, rep, rep->names[k]);
	fputs("</table>\n", f);
	plot_family_rates(f, rep, family);
}

static void html_nav(FILE *f, char (*fam)[64], size_t n, bool bench)
{
	fputs("<nav><b>Jump to:</b> ", f);
	for (size_t i = 0; i < n; i++) {
		fprintf(f, "<a href=\"#fam-%s\">", fam[i]);
		html_text(f, fam[i]);
		fputs("</a>", f);
	}
	if (bench)
		fputs("<a href=\"#bench\">bench plots</a>", f);
	fputs("</nav>\n", f);
}

void report_write_html(FILE *f, const struct report *rep)
{
	char (*fam)[64] = xmalloc((rep->nnames + 1) * sizeof(*fam));
	size_t nfam = families(rep, fam, rep->nnames);
	bool bench = plot_have_bench(rep);

	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
	      "<title>tlbprobe fleet report</title>\n<style>\n", f);
	fputs(style, f);
	fputs("</style></head><body>\n<h1>tlbprobe fleet report</h1>\n", f);
	html_nav(f, fam, nfam, bench);
	html_legend(f);
	fputs("<p>Counts carry 95% bounds over the scenario's units (iterations "
	      "x CPUs that read, never probes; Clopper-Pearson: a zero's "
	      "one-sided upper bound, 1 - 0.05^(1/units); a rate's two-sided "
	      "interval). Hover over a cell for its histogram and every bound. "
	      "A control's cell says whether the control worked.</p>\n", f);
	for (size_t i = 0; i < nfam; i++)
		html_family(f, rep, fam[i]);
	plot_row_curves(f, rep);
	if (bench) {
		fputs("<h2 id=\"bench\">Bench plots</h2>\n", f);
		plot_bench(f, rep);
	}
	fputs("</body></html>\n", f);
	free(fam);
}
