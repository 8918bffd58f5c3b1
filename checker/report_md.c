// SPDX-License-Identifier: MIT
/*
 * The fleet report as a Markdown table: scenarios down, machines across,
 * since machines are few and scenarios many.  Markdown has no colour, so
 * each cell starts with a coloured square.
 */
#include "report.h"

static const char *const squares[] = {
	[CELL_WALK] = "\U0001F7E5",	/* red */
	[CELL_ABORT] = "\U0001F7E5",
	[CELL_FAULT] = "\U0001F7E7",	/* orange */
	[CELL_TLB] = "\U0001F7E8",	/* yellow */
	[CELL_OK] = "\U0001F7E9",	/* green */
	[CELL_NOTHING] = "",
	[CELL_INCONCLUSIVE] = "\U0001F7E6",	/* blue */
	[CELL_SKIP] = "\u2B1C",		/* white */
	[CELL_NONE] = "",
};

/* '|' would end the cell, a line end would end the table. */
static void md_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			fputs("\\|", f);
		else
			fputc(*s == '\n' ? ' ' : *s, f);
	}
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static void md_header(FILE *f, const struct report *rep)
{
	char machine[256];
	size_t i;

	fputs("| scenario |", f);
	for (i = 0; i < rep->nlogs; i++) {
		report_machine(&rep->logs[i], machine, sizeof(machine));
		fputc(' ', f);
		md_text(f, machine);
		fputs(" \u00b7 ", f);
		md_text(f, base_name(rep->logs[i].path));
		fputs(" |", f);
	}
	fputs("\n|---|", f);
	for (i = 0; i < rep->nlogs; i++)
		fputs("---|", f);
	fputc('\n', f);
}

static void md_summary(FILE *f, const struct report *rep)
{
	size_t i;

	fputs("\n| machine | log | runs | kernel verdict | profile | check |\n"
	      "|---|---|---|---|---|---|\n", f);
	for (i = 0; i < rep->nlogs; i++) {
		const struct checked_log *cl = &rep->logs[i];
		char machine[256];

		report_machine(cl, machine, sizeof(machine));
		fputs("| ", f);
		md_text(f, machine);
		fputs(" | ", f);
		md_text(f, cl->path);
		fprintf(f, " | %zu | %s | ", cl->doc.nruns,
			cl->complete ? cl->run->done_verdict : "none");
		md_text(f, cl->have_pf ? cl->pf.name : "-");
		fprintf(f, " | %s |\n", checked_log_status_name(cl));
	}
}

void report_write_md(FILE *f, const struct report *rep)
{
	struct cell c;
	size_t i, k;

	fputs("# tlbprobe fleet report\n\n", f);
	fputs("\U0001F7E5 stale walk, machine check or failed control; "
	      "\U0001F7E7 fault; \U0001F7E8 stale TLB; \U0001F7E9 coherent; "
	      "\u2B1C skipped; \u2717 outside the profile.\n\n", f);
	md_header(f, rep);
	for (k = 0; k < rep->nnames; k++) {
		fputs("| ", f);
		md_text(f, rep->names[k]);
		fputs(" |", f);
		for (i = 0; i < rep->nlogs; i++) {
			report_cell(&rep->logs[i], rep->names[k], &c);
			fprintf(f, " %s%s%s%s |", squares[c.kind],
				*squares[c.kind] ? " " : "", c.text,
				c.outside ? " \u2717" : "");
		}
		fputc('\n', f);
	}
	md_summary(f, rep);
}
