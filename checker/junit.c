// SPDX-License-Identifier: MIT
/*
 * JUnit XML output (junit.h).  The schema most consumers accept is the
 * Ant/Jenkins one: testsuites > testsuite > testcase, with skipped,
 * failure and error children and counts on each suite.
 */
#include "junit.h"

#include "row_view.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Text for XML 1.0: the entities, and no control characters. */
static void xml_text(FILE *f, const char *s)
{
	const char *e;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((e = markup_entity(*s)))
			fputs(e, f);
		else if (c < 0x20 && c != '\t' && c != '\n')
			fputc('?', f);
		else
			fputc(c, f);
	}
}

static void problem_text(FILE *f, const struct checked_log *cl,
			 const struct problem *p)
{
	char buf[1024];

	row_problem_text(cl, p, buf, sizeof(buf));
	xml_text(f, buf);
}

static void scenario_case(FILE *f, const struct checked_log *cl, size_t i)
{
	const struct scenario *s = &cl->run->sc[i];
	long long ms = row_elapsed_ms(s);
	struct row_view v;
	size_t k;

	row_view(cl, i, &v);
	fputs("    <testcase classname=\"tlbprobe.", f);
	xml_text(f, s->family);
	fputs("\" name=\"", f);
	xml_text(f, s->name);
	/* elapsed_ms=: every row that ran (older kernels: iters=auto only). */
	if (ms >= 0)
		fprintf(f, "\" time=\"%lld.%03lld", ms / 1000, ms % 1000);
	fputs("\">\n", f);
	if (v.kind == ROW_FAIL) {
		fputs("      <failure type=\"outside-profile\" message=\"", f);
		problem_text(f, cl, v.first);
		fputs("\">", f);
		for (k = 0; k < cl->j.n; k++) {
			if (cl->j.p[k].scenario != i + 1)
				continue;
			problem_text(f, cl, &cl->j.p[k]);
			fputc('\n', f);
		}
		fputs("</failure>\n", f);
	} else if (v.kind == ROW_SKIP || v.kind == ROW_INCONCLUSIVE) {
		fputs("      <skipped message=\"", f);
		xml_text(f, v.why);
		fputs("\"/>\n", f);
	}
	fputs("      <system-out>", f);
	fprintf(f, "ktap=%s class=%s%s\n", scenario_result(s),
		s->class ? s->class : "?",
		v.kind == ROW_INCONCLUSIVE ? " inconclusive=1" : "");
	/* Notes (a known erratum) are never failures: said here, or nowhere. */
	for (k = 0; k < cl->j.nnotes; k++) {
		if (cl->j.notes[k].scenario != i + 1)
			continue;
		fputs("note: ", f);
		xml_text(f, cl->j.notes[k].text);
		fputc('\n', f);
	}
	for (k = 0; k < s->diags.n; k++) {
		fprintf(f, "%zu: ", s->diags.v[k].lineno);
		xml_text(f, s->diags.v[k].text);
		fputc('\n', f);
	}
	fputs("</system-out>\n    </testcase>\n", f);
}

struct counts {
	size_t tests, failures, skipped;
	long long ms;	/* the rows' elapsed_ms= summed; -1: none had one */
};

static struct counts family_counts(const struct checked_log *cl,
				   const char *family)
{
	struct counts c = { .ms = -1 };
	struct row_view v;
	size_t i;

	for (i = 0; i < cl->run->nsc; i++) {
		const struct scenario *s = &cl->run->sc[i];
		long long ms = row_elapsed_ms(s);

		if (strcmp(s->family, family))
			continue;
		c.tests++;
		row_view(cl, i, &v);
		c.failures += v.kind == ROW_FAIL;
		c.skipped += v.kind == ROW_SKIP || v.kind == ROW_INCONCLUSIVE;
		if (ms >= 0)
			c.ms = (c.ms < 0 ? 0 : c.ms) + ms;
	}
	return c;
}

/* When and where the run was made, for the suites' attributes. */
struct origin {
	char timestamp[32];
	char hostname[256];
};

static void suite_open(FILE *f, const struct origin *o, const char *name,
		       struct counts c, size_t errors)
{
	fputs("  <testsuite name=\"", f);
	xml_text(f, name);
	fprintf(f, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\"",
		c.tests, c.failures, errors, c.skipped);
	if (c.ms >= 0)
		fprintf(f, " time=\"%lld.%03lld\"", c.ms / 1000, c.ms % 1000);
	if (o->timestamp[0])
		fprintf(f, " timestamp=\"%s\"", o->timestamp);
	fputs(" hostname=\"", f);
	xml_text(f, o->hostname);
	fputs("\">\n", f);
}

/* Problems that belong to no scenario: a required scenario never ran. */
static void unplaced_problems(FILE *f, const struct origin *o,
			      const struct checked_log *cl)
{
	size_t i, n = 0;

	for (i = 0; i < cl->j.n; i++)
		n += !cl->j.p[i].scenario;
	if (!n)
		return;
	suite_open(f, o, "profile", (struct counts){ n, n, 0, -1 }, 0);
	for (i = 0; i < cl->j.n; i++) {
		const struct problem *p = &cl->j.p[i];

		if (p->scenario)
			continue;
		fputs("    <testcase classname=\"tlbprobe.profile\" name=\"", f);
		xml_text(f, p->name);
		fputs("\">\n      <failure type=\"outside-profile\" message=\"", f);
		problem_text(f, cl, p);
		fputs("\"/>\n    </testcase>\n", f);
	}
	fputs("  </testsuite>\n", f);
}

static void judged_run(FILE *f, const struct origin *o,
		       const struct checked_log *cl)
{
	const struct run *r = cl->run;
	size_t i, k;

	for (i = 0; i < r->nsc; i++) {
		const char *fam = r->sc[i].family;

		for (k = 0; k < i; k++)
			if (!strcmp(r->sc[k].family, fam))
				break;
		if (k < i)
			continue;	/* suite written with its first scenario */
		suite_open(f, o, *fam ? fam : "tlbprobe", family_counts(cl, fam), 0);
		for (k = i; k < r->nsc; k++)
			if (!strcmp(r->sc[k].family, fam))
				scenario_case(f, cl, k);
		fputs("  </testsuite>\n", f);
	}
	unplaced_problems(f, o, cl);
}

/* Status 2: the log cannot be judged; the checker's own words say why. */
static void unjudged(FILE *f, const struct origin *o,
		     const struct checked_log *cl)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);

	if (m) {
		checked_log_print(m, cl);
		fclose(m);
	}
	suite_open(f, o, "tlbprobe", (struct counts){ 1, 0, 0, -1 }, 1);
	fputs("    <testcase classname=\"tlbprobe\" name=\"log\">\n"
	      "      <error type=\"incomplete-or-damaged\" message=\"", f);
	xml_text(f, "the log is incomplete or damaged: no verdict (checker status 2)");
	fputs("\">", f);
	xml_text(f, text ? text : "");
	fputs("</error>\n    </testcase>\n  </testsuite>\n", f);
	free(text);
}

/*
 * The log says when and where only in a bundle run's "tlbprobe-run:
 * date=... host=..." line (scripts/bundle-run.sh); otherwise the time is
 * the log file's last write (the run's end) and the host this one.
 */
static void origin_line(const char *text, struct origin *o)
{
	const char *v;
	size_t n;

	if (strncmp(text, "tlbprobe-run: ", 14))
		return;
	if ((v = strstr(text, " date=")) && !o->timestamp[0]) {
		n = strcspn(v + 6, " Z\r\n");
		if (n < sizeof(o->timestamp))
			memcpy(o->timestamp, v + 6, n);
	}
	if ((v = strstr(text, " host=")) && !o->hostname[0]) {
		n = strcspn(v + 6, " \r\n");
		if (n < sizeof(o->hostname))
			memcpy(o->hostname, v + 6, n);
	}
}

/*
 * The checker streams its input and keeps no lines, so the file is read
 * again here, a line at a time (standard input cannot be: then the time
 * and host are this machine's).
 */
static void origin_find(const struct checked_log *cl, struct origin *o)
{
	struct stat st;
	struct tm tm;
	char *line = NULL;
	size_t cap = 0;
	FILE *f;

	memset(o, 0, sizeof(*o));
	if (strcmp(cl->path, "-") && (f = fopen(cl->path, "r"))) {
		while (getline(&line, &cap, f) > 0)
			origin_line(line, o);
		free(line);
		fclose(f);
	}
	if (!o->timestamp[0] && strcmp(cl->path, "-") &&
	    !stat(cl->path, &st) && gmtime_r(&st.st_mtime, &tm))
		strftime(o->timestamp, sizeof(o->timestamp), "%Y-%m-%dT%H:%M:%S", &tm);
	if (!o->hostname[0] && gethostname(o->hostname, sizeof(o->hostname) - 1))
		snprintf(o->hostname, sizeof(o->hostname), "localhost");
}

int junit_write(const char *path, const struct checked_log *cl)
{
	FILE *f = fopen(path, "w");
	struct origin o;

	if (!f)
		return -1;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"", f);
	xml_text(f, cl->path);
	fputs("\">\n", f);
	origin_find(cl, &o);
	if (cl->judged)
		judged_run(f, &o, cl);
	else
		unjudged(f, &o, cl);
	fputs("</testsuites>\n", f);
	return fclose_checked(f);
}
