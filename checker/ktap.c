// SPDX-License-Identifier: MIT
/*
 * KTAP parsing.  A log may hold several runs (a machine that rebooted runs
 * again), each starting at a top-level "KTAP version 1".  Inside a run, the
 * indentation says whether a result line is a family (top level) or one of
 * its scenarios (nested), and the "# " lines carry tlbprobe's data.  Parsing
 * never fails: what cannot be understood is counted or noted against its
 * line, and the judge decides what that means.
 */
#include "ktap.h"
#include "integrity.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

static const char header[] = "KTAP version 1";

static void add_diag(struct arena *ar, struct diag_list *l, size_t lineno,
		     const char *text)
{
	while (*text == ' ')
		text++;		/* the nesting says nothing once out of context */
	ARENA_GROW(ar, l->v, l->n, l->cap);
	l->v[l->n].lineno = lineno;
	l->v[l->n].text = text;
	l->n++;
}

static void __attribute__((format(printf, 4, 5)))
add_msg(struct arena *ar, struct diag_list *l, size_t lineno,
	const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	add_diag(ar, l, lineno, arena_strdup(ar, buf));
}

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

static size_t find_scenario(const struct run *r, const char *name)
{
	size_t i;

	for (i = r->nsc; i-- > 0;)
		if (strcmp(r->sc[i].name, name) == 0)
			return i + 1;
	return 0;
}

/* The scenario called name, created on first mention. Returns index + 1. */
static size_t get_scenario(struct log_doc *d, struct run *r, const char *name)
{
	size_t idx = find_scenario(r, name);
	const char *dot = strchr(name, '.');
	struct scenario *s;

	if (idx)
		return idx;
	ARENA_GROW(&d->ar, r->sc, r->nsc, r->capsc);
	s = &r->sc[r->nsc];
	memset(s, 0, sizeof(*s));
	s->name = arena_strdup(&d->ar, name);
	if (dot)
		s->family = arena_strndup(&d->ar, name, (size_t)(dot - name));
	else
		s->family = r->cur_family ? r->cur_family : "";
	return ++r->nsc;
}

static char *trimmed(struct arena *ar, const char *s, size_t n)
{
	while (n && *s == ' ')
		s++, n--;
	while (n && s[n - 1] == ' ')
		n--;
	return arena_strndup(ar, s, n);
}

static void on_env(struct log_doc *d, struct run *r, const struct log_line *ln,
		   const char *arg)
{
	(void)ln;
	kv_parse(&d->ar, arg, &r->env);
}

static void on_start(struct log_doc *d, struct run *r,
		     const struct log_line *ln, const char *arg)
{
	char *name = trimmed(&d->ar, arg, strlen(arg));
	size_t idx;

	if (!*name) {
		add_msg(&d->ar, &r->errors, ln->lineno, "'# start:' without a name");
		return;
	}
	idx = get_scenario(d, r, name);
	r->sc[idx - 1].start_line = ln->lineno;
	r->last_start = idx;
	r->open = idx;
}

/* A histogram key the judge compares: it must be a number. */
static bool is_outcome_key(const char *key)
{
	static const char *const keys[] = {
		"iters", "probes",
#define OUTCOME(id, key, noncoherent, split, rank, cell, label, psc, model, always) #key,
#include "../kernel/outcomes.def"
#undef OUTCOME
	};
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(key, keys[i]) == 0)
			return true;
	return false;
}

static void on_result(struct log_doc *d, struct run *r,
		      const struct log_line *ln, const char *arg)
{
	struct kv_list fields = { 0 };
	const char *name, *class;
	struct scenario *s;
	size_t i, idx;

	kv_parse(&d->ar, arg, &fields);
	name = kv_str(&fields, "name");
	class = kv_str(&fields, "class");
	if (!name || !*name || !class || !*class) {
		add_msg(&d->ar, &r->errors, ln->lineno,
			"'# result:' line without name= and class=");
		return;
	}
	idx = get_scenario(d, r, name);	/* may move r->sc: index after */
	s = &r->sc[idx - 1];
	s->class = class;
	s->has_result = true;
	s->result_line = ln->lineno;
	s->counts.n = 0;
	for (i = 0; i < fields.n; i++) {
		const struct kv *kv = &fields.v[i];

		if (!strcmp(kv->key, "name") || !strcmp(kv->key, "class"))
			continue;
		if (is_outcome_key(kv->key) && (!kv->is_num || kv->num < 0))
			add_msg(&d->ar, &r->errors, ln->lineno,
				"%s: %s=%s is not a count", name, kv->key,
				kv->val);
		ARENA_GROW(&d->ar, s->counts.v, s->counts.n, s->counts.cap);
		s->counts.v[s->counts.n++] = *kv;
	}
	add_diag(&d->ar, &s->diags, ln->lineno, ln->text);
}

/* Probe, fault, mce and bench lines belong to the scenario they name. */
static void on_diag(struct log_doc *d, struct run *r,
		    const struct log_line *ln, const char *arg)
{
	struct kv_list fields = { 0 };
	const char *name;
	size_t idx = r->open;

	kv_parse(&d->ar, arg, &fields);
	name = kv_str(&fields, "name");
	if (name && find_scenario(r, name))
		idx = find_scenario(r, name);
	if (idx)
		add_diag(&d->ar, &r->sc[idx - 1].diags, ln->lineno, ln->text);
}

static void on_abort(struct log_doc *d, struct run *r,
		     const struct log_line *ln, const char *arg)
{
	struct kv_list fields = { 0 };
	const char *name;
	size_t idx = r->open;

	kv_parse(&d->ar, arg, &fields);
	name = kv_str(&fields, "scenario");
	if (name && *name)
		idx = get_scenario(d, r, name);
	r->abort.lineno = ln->lineno;
	r->abort.text = ln->text + strspn(ln->text, " ");
	if (idx) {
		r->sc[idx - 1].aborted = true;
		add_diag(&d->ar, &r->sc[idx - 1].diags, ln->lineno, ln->text);
	}
}

static void on_totals(struct log_doc *d, struct run *r,
		      const struct log_line *ln, const char *arg)
{
	r->totals_line = ln->lineno;
	kv_parse(&d->ar, arg, &r->totals);
}

/* The kernel's own complaint (bad options, bad boot information). */
static void on_error(struct log_doc *d, struct run *r,
		     const struct log_line *ln, const char *arg)
{
	(void)d;
	(void)arg;
	if (!r->fatal.lineno) {
		r->fatal.lineno = ln->lineno;
		r->fatal.text = ln->text + strspn(ln->text, " ");
	}
	if (r->open)
		add_diag(&d->ar, &r->sc[r->open - 1].diags, ln->lineno, ln->text);
}

static void on_done(struct log_doc *d, struct run *r,
		    const struct log_line *ln, const char *arg)
{
	struct kv_list fields = { 0 };
	const char *v;

	kv_parse(&d->ar, arg, &fields);
	v = kv_str(&fields, "verdict");
	if (!v || (strcmp(v, "pass") && strcmp(v, "fail")))
		add_msg(&d->ar, &r->errors, ln->lineno,
			"done marker without verdict=pass or verdict=fail");
	r->done = true;
	r->done_verdict = v ? v : "";
	r->done_line = ln->lineno;
}

static void on_subtest(struct log_doc *d, struct run *r,
		       const struct log_line *ln, const char *arg)
{
	(void)ln;
	r->cur_family = trimmed(&d->ar, arg, strlen(arg));
}

typedef void comment_fn(struct log_doc *d, struct run *r,
			const struct log_line *ln, const char *arg);

static const struct {
	const char *prefix;
	comment_fn *fn;
} comment_kinds[] = {
	{ "env:", on_env },
	{ "start:", on_start },
	{ "result:", on_result },
	{ "probe:", on_diag },
	{ "hist:", on_diag },
	{ "fault:", on_diag },
	{ "mce:", on_diag },
	{ "bench:", on_diag },
	{ "abort:", on_abort },
	{ "error:", on_error },
	{ "totals:", on_totals },
	{ "TLBPROBE-DONE", on_done },
	{ "Subtest:", on_subtest },
};

static void parse_comment(struct log_doc *d, struct run *r,
			  const struct log_line *ln, const char *t)
{
	size_t i;

	for (i = 0; i < sizeof(comment_kinds) / sizeof(comment_kinds[0]); i++) {
		size_t n = strlen(comment_kinds[i].prefix);

		if (!strncmp(t, comment_kinds[i].prefix, n)) {
			comment_kinds[i].fn(d, r, ln, t + n);
			return;
		}
	}
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
