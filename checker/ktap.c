// SPDX-License-Identifier: MIT
/*
 * KTAP parsing.  A log may hold several runs (a machine that rebooted runs
 * again), each starting at a top-level "KTAP version 1".  Inside a run, the
 * indentation says whether a result line is a family (top level) or one of
 * its scenarios (nested), and the "# " lines carry tlbprobe's data
 * (ktap_comment.c); ktap_run.c builds the scenarios.  Parsing never fails:
 * what cannot be understood is counted or noted against its line, and the
 * judge decides what that means.
 */
#include "ktap_parse.h"
#include "integrity.h"

#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

static const char header[] = "KTAP version 1";

/*
 * The top-level header, possibly glued to firmware output that had no line
 * end ("Booting `tlbprobe'KTAP version 1"); a nested header is indented by
 * spaces only.
 */
static bool is_top_header(const char *text)
{
	size_t len = strlen(text), hl = sizeof(header) - 1, i;

	if (len < hl || strcmp(text + len - hl, header) != 0)
		return false;
	for (i = 0; i < len - hl; i++)
		if (text[i] != ' ')
			return true;
	return len == hl;
}

struct ktap_result {
	enum ktap_verdict verdict;
	const char *name;
	const char *directive;
};

/* "ok N NAME", "not ok N NAME", either with " # SKIP reason" or another directive. */
static bool parse_result(struct arena *ar, const char *t,
			 struct ktap_result *res)
{
	const char *hash;

	if (str_starts(t, "ok ")) {
		res->verdict = KTAP_OK;
		t += 3;
	} else if (str_starts(t, "not ok ")) {
		res->verdict = KTAP_NOT_OK;
		t += 7;
	} else {
		return false;
	}
	while (*t == ' ')
		t++;
	while (*t >= '0' && *t <= '9')
		t++;
	while (*t == ' ')
		t++;
	if (t[0] == '-' && t[1] == ' ')
		t += 2;
	hash = strchr(t, '#');
	res->name = trimmed(ar, t, hash ? (size_t)(hash - t) : strlen(t));
	res->directive = hash ? trimmed(ar, hash + 1, strlen(hash + 1)) : NULL;
	if (res->directive && !strncasecmp(res->directive, "skip", 4))
		res->verdict = KTAP_SKIP;
	return true;
}

static void on_family_result(struct log_doc *d, struct run *r,
			     const struct log_line *ln,
			     const struct ktap_result *res)
{
	struct family *f;

	ARENA_GROW(&d->ar, r->fam, r->nfam, r->capfam);
	f = &r->fam[r->nfam++];
	f->name = res->name;
	f->verdict = res->verdict;
	f->directive = res->directive;
	f->line = ln->lineno;
}

static void on_scenario_result(struct log_doc *d, struct run *r,
			       const struct log_line *ln,
			       const struct ktap_result *res)
{
	size_t idx = get_scenario(d, r, res->name);
	struct scenario *s = &r->sc[idx - 1];

	if (s->verdict != KTAP_MISSING)
		add_msg(&d->ar, &r->notes, ln->lineno,
			"%s has a second result line (first at line %zu)",
			s->name, s->verdict_line);
	s->verdict = res->verdict;
	s->directive = res->directive;
	s->verdict_line = ln->lineno;
	if (r->open == idx)
		r->open = 0;
}

static void parse_run_line(struct log_doc *d, struct run *r,
			   const struct log_line *ln)
{
	const char *t = ln->text;
	struct ktap_result res;
	size_t indent;

	if (r->done)
		return;		/* nothing that matters follows the marker */
	r->last_line = ln->lineno;
	while (*t == ' ')
		t++;
	indent = (size_t)(t - ln->text);
	if (t[0] == '#' && (t[1] == ' ' || t[1] == '\0')) {
		parse_comment(d, r, ln, t[1] ? t + 2 : t + 1);
	} else if (parse_result(&d->ar, t, &res)) {
		if (!*res.name)
			add_msg(&d->ar, &r->errors, ln->lineno,
				"result line without a test name");
		else if (indent == 0)
			on_family_result(d, r, ln, &res);
		else
			on_scenario_result(d, r, ln, &res);
	} else if (str_starts(t, "1..")) {
		if (indent == 0)
			r->plan = strtoll(t + 3, NULL, 10);
	} else if (strcmp(t, header) != 0) {
		r->noise_lines++;
	}
}

static void finish_run(struct log_doc *d, struct run *r)
{
	size_t i;

	if (!r->done)
		return;
	for (i = 0; i < r->nsc; i++) {
		const struct scenario *s = &r->sc[i];

		if (s->verdict == KTAP_MISSING && !s->aborted)
			add_msg(&d->ar, &r->notes, s->start_line,
				"%s started but has no result line", s->name);
	}
	if (r->plan >= 0 && (size_t)r->plan != r->nfam)
		add_msg(&d->ar, &r->notes, r->done_line,
			"plan 1..%lld but %zu top-level results", r->plan,
			r->nfam);
	if (r->noise_lines)
		add_msg(&d->ar, &r->notes, r->header_line,
			"%zu lines inside the run are not KTAP", r->noise_lines);
	integrity_check(d, r);
}

static struct run *new_run(struct log_doc *d, size_t lineno)
{
	struct run *r;

	ARENA_GROW(&d->ar, d->runs, d->nruns, d->capruns);
	r = &d->runs[d->nruns++];
	memset(r, 0, sizeof(*r));
	r->index = d->nruns;
	r->header_line = lineno;
	r->last_line = lineno;
	r->plan = -1;
	return r;
}

void log_doc_parse(struct log_doc *doc, const char *data, size_t len)
{
	struct run *r = NULL;
	size_t i;

	memset(doc, 0, sizeof(*doc));
	log_clean(&doc->ar, data, len, &doc->text);
	for (i = 0; i < doc->text.nlines; i++) {
		const struct log_line *ln = &doc->text.lines[i];

		/*
		 * A capture cut mid-line: the half line is not data, except a
		 * whole done marker that only lacks its line end.
		 */
		if (doc->text.truncated && i + 1 == doc->text.nlines &&
		    !str_starts(ln->text + strspn(ln->text, " "), "# TLBPROBE-DONE")) {
			if (r)
				r->last_line = ln->lineno;
			break;
		}
		if (is_top_header(ln->text)) {
			if (r)
				finish_run(doc, r);
			r = new_run(doc, ln->lineno);
		} else if (r) {
			parse_run_line(doc, r, ln);
		}
	}
	if (r)
		finish_run(doc, r);
}

void log_doc_free(struct log_doc *doc)
{
	arena_free(&doc->ar);
}

const struct run *log_doc_judged_run(const struct log_doc *doc)
{
	size_t i;

	for (i = doc->nruns; i-- > 0;)
		if (doc->runs[i].done)
			return &doc->runs[i];
	return NULL;
}

const struct run *log_doc_last_run(const struct log_doc *doc)
{
	return doc->nruns ? &doc->runs[doc->nruns - 1] : NULL;
}

const char *ktap_verdict_name(enum ktap_verdict v)
{
	switch (v) {
	case KTAP_OK:
		return "ok";
	case KTAP_NOT_OK:
		return "not-ok";
	case KTAP_SKIP:
		return "skip";
	default:
		return "missing";
	}
}
