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

#include <errno.h>
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

static void on_family_result(struct run *r,
			     const struct log_line *ln,
			     const struct ktap_result *res)
{
	struct family *f;

	ARENA_GROW(&r->ar, r->fam, r->nfam, r->capfam);
	f = &r->fam[r->nfam++];
	f->name = res->name;
	f->verdict = res->verdict;
	f->directive = res->directive;
	f->line = ln->lineno;
}

static void on_scenario_result(struct run *r,
			       const struct log_line *ln,
			       const struct ktap_result *res)
{
	size_t idx = get_scenario(r, res->name);
	struct scenario *s = &r->sc[idx - 1];

	if (s->verdict != KTAP_MISSING)
		add_msg(&r->ar, &r->notes, ln->lineno,
			"%s has a second result line (first at line %zu)",
			s->name, s->verdict_line);
	s->verdict = res->verdict;
	s->directive = res->directive;
	s->verdict_line = ln->lineno;
	if (r->open == idx)
		r->open = 0;
}

static void parse_run_line(struct run *r,
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
		parse_comment(r, ln, t[1] ? t + 2 : t + 1);
	} else if (parse_result(&r->ar, t, &res)) {
		if (!*res.name)
			add_msg(&r->ar, &r->errors, ln->lineno,
				"result line without a test name");
		else if (indent == 0)
			on_family_result(r, ln, &res);
		else
			on_scenario_result(r, ln, &res);
	} else if (str_starts(t, "1..")) {
		if (indent == 0)
			r->plan = strtoll(t + 3, NULL, 10);
	} else if (strcmp(t, header) != 0) {
		r->noise_lines++;
	}
}

static void finish_run(struct run *r)
{
	size_t i;

	if (!r->done)
		return;
	for (i = 0; i < r->nsc; i++) {
		const struct scenario *s = &r->sc[i];

		if (s->verdict == KTAP_MISSING && !s->aborted)
			add_msg(&r->ar, &r->notes, s->start_line,
				"%s started but has no result line", s->name);
	}
	if (r->plan >= 0 && (size_t)r->plan != r->nfam)
		add_msg(&r->ar, &r->notes, r->done_line,
			"plan 1..%lld but %zu top-level results", r->plan,
			r->nfam);
	if (r->noise_lines)
		add_msg(&r->ar, &r->notes, r->header_line,
			"%zu lines inside the run are not KTAP", r->noise_lines);
	integrity_check(r);
}

static struct run *new_run(struct log_doc *d, size_t lineno)
{
	struct run *r;

	HEAP_GROW(d->runs, d->nruns, d->capruns);
	r = &d->runs[d->nruns++];
	memset(r, 0, sizeof(*r));
	r->index = d->nruns;
	r->header_line = lineno;
	r->last_line = lineno;
	r->plan = -1;
	return r;
}

/* The run's own copy of a line: its diagnostics point into the text. */
static struct log_line keep_line(struct run *r, const struct log_line *ln)
{
	struct log_line own = {
		.lineno = ln->lineno, .text = arena_strdup(&r->ar, ln->text),
	};

	ARENA_GROW(&r->ar, r->lines, r->nlines, r->caplines);
	r->lines[r->nlines++] = own;
	return own;
}

/*
 * The last run has ended (a new header, or the end of the log).  Only the
 * last complete run is judged and only the last run is described when
 * none is complete, so every other run is cut to its summary now.
 */
static void end_run(struct log_doc *d, bool at_end)
{
	size_t idx = d->nruns - 1;
	struct run *r = &d->runs[idx];

	finish_run(r);
	if (r->done) {
		if (d->kept)
			run_summarize(d, &d->runs[d->kept - 1]);
		d->kept = idx + 1;
	} else if (!at_end) {
		run_summarize(d, r);
	}
}

static void on_clean_line(void *ctx, const struct log_line *ln, bool last)
{
	struct log_doc *d = ctx;
	struct run *r = d->nruns ? &d->runs[d->nruns - 1] : NULL;
	struct log_line own;

	/*
	 * A capture cut mid-line: the half line is not data, except a whole
	 * done marker that only lacks its line end.
	 */
	if (last && d->text.truncated &&
	    !str_starts(ln->text + strspn(ln->text, " "), "# TLBPROBE-DONE")) {
		if (r)
			r->last_line = ln->lineno;
		return;
	}
	if (is_top_header(ln->text)) {
		if (r)
			end_run(d, false);
		r = new_run(d, ln->lineno);
		keep_line(r, ln);
	} else if (r && (!r->done || ln->lineno <= r->done_line)) {
		/* lines after the done marker are not data: not kept */
		own = keep_line(r, ln);
		parse_run_line(r, &own);
	}
}

static void doc_begin(struct log_doc *doc)
{
	memset(doc, 0, sizeof(*doc));
	log_clean_begin(&doc->cleaner, &doc->text, on_clean_line, doc);
}

static void doc_end(struct log_doc *doc)
{
	log_clean_end(&doc->cleaner);
	if (doc->nruns)
		end_run(doc, true);
}

void log_doc_parse(struct log_doc *doc, const char *data, size_t len)
{
	doc_begin(doc);
	/* with no '\n' at all, '\r' ends lines (as in vim's "mac" format) */
	log_clean_feed(&doc->cleaner, data, len,
		       len && !memchr(data, '\n', len));
	doc_end(doc);
}

#ifndef READ_PIECE
#define READ_PIECE (1024 * 1024)
#endif

/*
 * The cleaner gets the data up to the last '\n' read so far, and the rest
 * with the next piece: its pieces end at line ends.  A file without any
 * '\n' is one piece, read whole, because '\r' then ends its lines.
 */
int log_doc_read(struct log_doc *doc, FILE *f)
{
	size_t cap = READ_PIECE, have = 0, got, n;
	char *buf = xmalloc(cap), *nl;
	bool seen_nl = false;
	int err;

	doc_begin(doc);
	while ((got = fread(buf + have, 1, cap - have, f)) > 0) {
		nl = memrchr(buf + have, '\n', got);
		have += got;
		if (!nl) {
			if (have == cap) {
				cap *= 2;
				buf = xrealloc(buf, cap);
			}
			continue;
		}
		seen_nl = true;
		n = (size_t)(nl - buf) + 1;
		log_clean_feed(&doc->cleaner, buf, n, false);
		memmove(buf, buf + n, have - n);
		have -= n;
	}
	if (ferror(f)) {
		err = errno;
		free(buf);
		log_clean_end(&doc->cleaner);
		log_doc_free(doc);
		errno = err;
		return -1;
	}
	log_clean_feed(&doc->cleaner, buf, have, !seen_nl);
	free(buf);
	doc_end(doc);
	return 0;
}

void log_doc_free(struct log_doc *doc)
{
	size_t i;

	for (i = 0; i < doc->nruns; i++)
		arena_free(&doc->runs[i].ar);
	free(doc->runs);
	doc->runs = NULL;
	doc->nruns = doc->capruns = 0;
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
