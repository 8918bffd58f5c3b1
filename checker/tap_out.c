// SPDX-License-Identifier: MIT
/* TAP from the checker's judgement (tap_out.h). */
#include "tap_out.h"
#include "row_view.h"

#include <stdio.h>
#include <string.h>

/* A description or directive stays on its line and leaves '#' to TAP. */
static void tap_text(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc(*s == '\n' || *s == '\r' ? ' ' : *s == '#' ? '_' : *s, f);
}

static void diag(FILE *f, const char *text)
{
	fputs("# ", f);
	for (; *text; text++)
		fputc(*text == '\n' ? ' ' : *text, f);
	fputc('\n', f);
}

static void problems_of(FILE *f, const struct checked_log *cl, size_t idx)
{
	char buf[1024];

	for (size_t k = 0; k < cl->j.n; k++) {
		if (cl->j.p[k].scenario != idx)
			continue;
		row_problem_text(cl, &cl->j.p[k], buf, sizeof(buf));
		diag(f, buf);
	}
}

/*
 * The notes on scenario idx (a known erratum, a result the manuals leave
 * undefined): never failures, so they would not show at all otherwise.
 */
static void notes_of(FILE *f, const struct checked_log *cl, size_t idx)
{
	char buf[sizeof(cl->j.notes[0].text) + 8];

	for (size_t k = 0; k < cl->j.nnotes; k++) {
		if (cl->j.notes[k].scenario != idx)
			continue;
		snprintf(buf, sizeof(buf), "note: %s", cl->j.notes[k].text);
		diag(f, buf);
	}
}

static void scenario_point(FILE *f, const struct checked_log *cl, size_t i)
{
	const struct scenario *s = &cl->run->sc[i];
	struct row_view v;

	row_view(cl, i, &v);
	fprintf(f, "%s %zu - ", v.kind == ROW_FAIL ? "not ok" : "ok", i + 1);
	tap_text(f, s->name);
	if (v.kind == ROW_SKIP || v.kind == ROW_INCONCLUSIVE) {
		const char *why = v.why;

		/* The KTAP directive is "SKIP reason"; TAP's is the same. */
		if (!strncmp(why, "SKIP", 4))
			why += why[4] == ' ' ? 5 : 4;
		fputs(" # SKIP ", f);
		tap_text(f, why);
	}
	fputc('\n', f);
	if (v.kind == ROW_FAIL)
		problems_of(f, cl, i + 1);
	notes_of(f, cl, i + 1);
}

/*
 * What fails the log beyond its rows' problems: the answer block, or an
 * earlier run that failed (check.c says why).  Returns how many.
 */
static size_t run_failures(FILE *f, const struct checked_log *cl, size_t n)
{
	size_t k = 0;

	if (cl->answer.bad) {
		if (f) {
			fprintf(f, "not ok %zu - answer block\n", n + ++k);
			diag(f, cl->answer.why);
		}
		k += !f;
	}
	if (!cl->j.n && cl->failed_run) {
		if (f) {
			fprintf(f, "not ok %zu - run %zu\n", n + ++k,
				cl->failed_run->index);
			diag(f, "an earlier run failed: a later run never undoes it");
		}
		k += !f;
	}
	return k;
}

static void judged(FILE *f, const struct checked_log *cl)
{
	const struct run *r = cl->run;
	char buf[1024];
	size_t i, n = r->nsc, unplaced = 0;

	for (i = 0; i < cl->j.n; i++)
		unplaced += !cl->j.p[i].scenario;
	fprintf(f, "1..%zu\n", n + unplaced + run_failures(NULL, cl, 0));
	for (i = 0; i < r->nsc; i++)
		scenario_point(f, cl, i);
	for (i = 0; i < cl->j.n; i++) {
		const struct problem *p = &cl->j.p[i];

		if (p->scenario)
			continue;
		fprintf(f, "not ok %zu - ", ++n);
		tap_text(f, p->name);
		fputc('\n', f);
		row_problem_text(cl, p, buf, sizeof(buf));
		diag(f, buf);
	}
	run_failures(f, cl, n);
}

static void unjudged(FILE *f)
{
	fputs("1..1\nnot ok 1 - log\n"
	      "# the log is incomplete or damaged: no verdict (checker status 2)\n", f);
}

int tap_write(const char *path, const struct checked_log *cl)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	/*
	 * No "TAP version 13" line: tap.py then wants YAML modules for
	 * diagnostics this stream never has; the plan on line 1 is TAP that
	 * every consumer reads.
	 */
	if (cl->judged)
		judged(f, cl);
	else
		unjudged(f);
	fprintf(f, "# tlbprobe-check: %s, profile %s\n",
		checked_log_status_name(cl), cl->pf.name ? cl->pf.name : "?");
	return fclose_checked(f);
}
