// SPDX-License-Identifier: MIT
/*
 * JUnit XML output (junit.h).  The schema most consumers accept is the
 * Ant/Jenkins one: testsuites > testsuite > testcase, with skipped,
 * failure and error children and counts on each suite.
 */
#include "junit.h"

#include <errno.h>
#include <stdlib.h>

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

/* As check.c prints a problem: the log line, the rule, what was seen. */
static void problem_text(FILE *f, const struct checked_log *cl,
			 const struct problem *p)
{
	char buf[1024], where[32];

	if (p->rule_line)
		snprintf(where, sizeof(where), ":%zu", p->rule_line);
	else
		snprintf(where, sizeof(where), ", default");
	snprintf(buf, sizeof(buf), "%s:%zu: %s: expected %s (%s%s), observed %s",
		 cl->path, p->log_line, p->name, p->expected, cl->pf.path,
		 where, p->observed);
	xml_text(f, buf);
}

/* The first problem of scenario idx (1-based), for the message= attribute. */
static const struct problem *first_problem(const struct judgement *j,
					   size_t idx)
{
	size_t i;

	for (i = 0; i < j->n; i++)
		if (j->p[i].scenario == idx)
			return &j->p[i];
	return NULL;
}

static void scenario_case(FILE *f, const struct checked_log *cl, size_t i)
{
	const struct scenario *s = &cl->run->sc[i];
	const struct problem *p = first_problem(&cl->j, i + 1);
	size_t k;

	fputs("    <testcase classname=\"tlbprobe.", f);
	xml_text(f, s->family);
	fputs("\" name=\"", f);
	xml_text(f, s->name);
	fputs("\">\n", f);
	if (p) {
		fputs("      <failure type=\"outside-profile\" message=\"", f);
		problem_text(f, cl, p);
		fputs("\">", f);
		for (k = 0; k < cl->j.n; k++) {
			if (cl->j.p[k].scenario != i + 1)
				continue;
			problem_text(f, cl, &cl->j.p[k]);
			fputc('\n', f);
		}
		fputs("</failure>\n", f);
	} else if (s->verdict == KTAP_SKIP) {
		fputs("      <skipped message=\"", f);
		xml_text(f, s->directive ? s->directive : "SKIP");
		fputs("\"/>\n", f);
	}
	fputs("      <system-out>", f);
	fprintf(f, "ktap=%s class=%s\n", scenario_result(s),
		s->class ? s->class : "?");
	for (k = 0; k < s->diags.n; k++) {
		fprintf(f, "%zu: ", s->diags.v[k].lineno);
		xml_text(f, s->diags.v[k].text);
		fputc('\n', f);
	}
	fputs("</system-out>\n    </testcase>\n", f);
}

struct counts {
	size_t tests, failures, skipped;
};

static struct counts family_counts(const struct checked_log *cl,
				   const char *family)
{
	struct counts c = { 0 };
	size_t i;

	for (i = 0; i < cl->run->nsc; i++) {
		const struct scenario *s = &cl->run->sc[i];

		if (strcmp(s->family, family))
			continue;
		c.tests++;
		if (first_problem(&cl->j, i + 1))
			c.failures++;
		else if (s->verdict == KTAP_SKIP)
			c.skipped++;
	}
	return c;
}

static void suite_open(FILE *f, const char *name, struct counts c, size_t errors)
{
	fputs("  <testsuite name=\"", f);
	xml_text(f, name);
	fprintf(f, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\">\n",
		c.tests, c.failures, errors, c.skipped);
}

/* Problems that belong to no scenario: a required scenario never ran. */
static void unplaced_problems(FILE *f, const struct checked_log *cl)
{
	size_t i, n = 0;

	for (i = 0; i < cl->j.n; i++)
		n += !cl->j.p[i].scenario;
	if (!n)
		return;
	suite_open(f, "profile", (struct counts){ n, n, 0 }, 0);
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

static void judged_run(FILE *f, const struct checked_log *cl)
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
		suite_open(f, *fam ? fam : "tlbprobe", family_counts(cl, fam), 0);
		for (k = i; k < r->nsc; k++)
			if (!strcmp(r->sc[k].family, fam))
				scenario_case(f, cl, k);
		fputs("  </testsuite>\n", f);
	}
	unplaced_problems(f, cl);
}

/* Status 2: the log cannot be judged; the checker's own words say why. */
static void unjudged(FILE *f, const struct checked_log *cl)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);

	if (m) {
		checked_log_print(m, cl);
		fclose(m);
	}
	suite_open(f, "tlbprobe", (struct counts){ 1, 0, 0 }, 1);
	fputs("    <testcase classname=\"tlbprobe\" name=\"log\">\n"
	      "      <error type=\"incomplete-or-damaged\" message=\"", f);
	xml_text(f, "the log is incomplete or damaged: no verdict (checker status 2)");
	fputs("\">", f);
	xml_text(f, text ? text : "");
	fputs("</error>\n    </testcase>\n  </testsuite>\n", f);
	free(text);
}

int junit_write(const char *path, const struct checked_log *cl)
{
	FILE *f = fopen(path, "w");
	int err;

	if (!f)
		return -1;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"", f);
	xml_text(f, cl->path);
	fputs("\">\n", f);
	if (cl->judged)
		judged_run(f, cl);
	else
		unjudged(f, cl);
	fputs("</testsuites>\n", f);
	if (ferror(f)) {
		err = errno;
		fclose(f);
		errno = err;
		return -1;
	}
	return fclose(f) ? -1 : 0;
}
