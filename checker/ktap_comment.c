// SPDX-License-Identifier: MIT
/*
 * tlbprobe's "# " diagnostic lines inside a run (docs/log-format.md): the
 * environment, scenario starts and results, probe, fault and mce lines,
 * aborts, the kernel's own errors, totals and the done marker.  Each kind
 * has one handler; a line of no known kind says nothing.
 */
#include "ktap_parse.h"

static void on_env(struct run *r, const struct log_line *ln,
		   const char *arg)
{
	(void)ln;
	kv_parse(&r->ar, arg, &r->env);
}

static void on_start(struct run *r,
		     const struct log_line *ln, const char *arg)
{
	char *name = trimmed(&r->ar, arg, strlen(arg));
	size_t idx;

	if (!*name) {
		add_msg(&r->ar, &r->errors, ln->lineno, "'# start:' without a name");
		return;
	}
	idx = get_scenario(r, name);
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

static void on_result(struct run *r,
		      const struct log_line *ln, const char *arg)
{
	struct kv_list fields = { 0 };
	const char *name, *class;
	struct scenario *s;
	size_t i, idx;

	kv_parse(&r->ar, arg, &fields);
	name = kv_str(&fields, "name");
	class = kv_str(&fields, "class");
	if (!name || !*name || !class || !*class) {
		add_msg(&r->ar, &r->errors, ln->lineno,
			"'# result:' line without name= and class=");
		return;
	}
	idx = get_scenario(r, name);	/* may move r->sc: index after */
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
			add_msg(&r->ar, &r->errors, ln->lineno,
				"%s: %s=%s is not a count", name, kv->key,
				kv->val);
		ARENA_GROW(&r->ar, s->counts.v, s->counts.n, s->counts.cap);
		s->counts.v[s->counts.n++] = *kv;
	}
	add_diag(&r->ar, &s->diags, ln->lineno, ln->text);
}

/* Probe, fault, mce and bench lines belong to the scenario they name. */
static void on_diag(struct run *r,
		    const struct log_line *ln, const char *arg)
{
	struct kv_list fields = { 0 };
	const char *name;
	size_t idx = r->open;

	kv_parse(&r->ar, arg, &fields);
	name = kv_str(&fields, "name");
	if (name && find_scenario(r, name))
		idx = find_scenario(r, name);
	if (idx)
		add_diag(&r->ar, &r->sc[idx - 1].diags, ln->lineno, ln->text);
}

static void on_abort(struct run *r,
		     const struct log_line *ln, const char *arg)
{
	struct kv_list fields = { 0 };
	const char *name;
	size_t idx = r->open;

	kv_parse(&r->ar, arg, &fields);
	name = kv_str(&fields, "scenario");
	if (name && *name)
		idx = get_scenario(r, name);
	r->abort.lineno = ln->lineno;
	r->abort.text = ln->text + strspn(ln->text, " ");
	if (idx) {
		r->sc[idx - 1].aborted = true;
		add_diag(&r->ar, &r->sc[idx - 1].diags, ln->lineno, ln->text);
	}
}

static void on_totals(struct run *r,
		      const struct log_line *ln, const char *arg)
{
	r->totals_line = ln->lineno;
	kv_parse(&r->ar, arg, &r->totals);
}

/* The kernel's own complaint (bad options, bad boot information). */
static void on_error(struct run *r,
		     const struct log_line *ln, const char *arg)
{
	(void)arg;
	if (!r->fatal.lineno) {
		r->fatal.lineno = ln->lineno;
		r->fatal.text = ln->text + strspn(ln->text, " ");
	}
	if (r->open)
		add_diag(&r->ar, &r->sc[r->open - 1].diags, ln->lineno, ln->text);
}

static void on_done(struct run *r,
		    const struct log_line *ln, const char *arg)
{
	struct kv_list fields = { 0 };
	const char *v;

	kv_parse(&r->ar, arg, &fields);
	v = kv_str(&fields, "verdict");
	if (!v || (strcmp(v, "pass") && strcmp(v, "fail")))
		add_msg(&r->ar, &r->errors, ln->lineno,
			"done marker without verdict=pass or verdict=fail");
	r->done = true;
	r->done_verdict = v ? v : "";
	r->done_line = ln->lineno;
}

static void on_subtest(struct run *r,
		       const struct log_line *ln, const char *arg)
{
	(void)ln;
	r->cur_family = trimmed(&r->ar, arg, strlen(arg));
}

typedef void comment_fn(struct run *r,
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

void parse_comment(struct run *r,
		   const struct log_line *ln, const char *t)
{
	size_t i;

	for (i = 0; i < sizeof(comment_kinds) / sizeof(comment_kinds[0]); i++) {
		size_t n = strlen(comment_kinds[i].prefix);

		if (!strncmp(t, comment_kinds[i].prefix, n)) {
			comment_kinds[i].fn(r, ln, t + n);
			return;
		}
	}
}

