// SPDX-License-Identifier: MIT
/*
 * The fleet report as one HTML file with inline CSS and nothing fetched
 * from elsewhere, so it can be mailed, archived or opened offline.
 * Everything from a log is escaped: a brand string is firmware data.
 */
#include "report.h"

static const char *const cell_class[] = {
	[CELL_WALK] = "walk",
	[CELL_ABORT] = "walk",
	[CELL_FAULT] = "fault",
	[CELL_TLB] = "tlb",
	[CELL_OK] = "ok",
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
	".inc{background:#cfe2f3;color:#333}\n"
	".skip{background:#d9d9d9;color:#555}\n"
	".none{background:#f3f3f3;color:#999}\n"
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
	      "<span class=\"ok\">all coherent</span>"
	      "<span class=\"inc\">inconclusive: the machine showed no paging-structure caching</span>"
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

void report_write_html(FILE *f, const struct report *rep)
{
	size_t k;

	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
	      "<title>tlbprobe fleet report</title>\n<style>\n", f);
	fputs(style, f);
	fputs("</style></head><body>\n<h1>tlbprobe fleet report</h1>\n", f);
	html_legend(f);
	fputs("<table>\n", f);
	html_header(f, rep);
	for (k = 0; k < rep->nnames; k++)
		html_row(f, rep, rep->names[k]);
	fputs("</table>\n<p>Counts carry 95% bounds over the scenario's probes "
	      "(Clopper-Pearson: a zero's one-sided upper bound, "
	      "1 - 0.05^(1/probes); a rate's two-sided interval). "
	      "Hover over a cell for its histogram and every bound. "
	      "A control's cell says whether the control worked.</p>\n"
	      "</body></html>\n", f);
}
