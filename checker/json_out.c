// SPDX-License-Identifier: MIT
/*
 * JSON through jansson, never by hand: log text is UTF-8 after cleaning,
 * and whatever else reaches a string here (a path from the command line)
 * is replaced by '?' where it is not, so the output is always valid JSON.
 */
#include "json_out.h"
#include "units.h"

#include <stdlib.h>
#include <string.h>

static json_t *jstr(const char *s)
{
	json_t *v;
	char *copy;
	size_t i;

	if (!s)
		return json_null();
	v = json_string(s);
	if (v)
		return v;
	copy = xstrdup(s);
	for (i = 0; copy[i]; i++)
		if ((unsigned char)copy[i] >= 0x80)
			copy[i] = '?';
	v = json_string(copy);
	free(copy);
	return v ? v : json_null();
}

static json_t *jline(size_t lineno)
{
	return lineno ? json_integer((json_int_t)lineno) : json_null();
}

static json_t *kv_object(const struct kv_list *l)
{
	json_t *o = json_object();
	size_t i;

	for (i = 0; i < l->n; i++) {
		const struct kv *kv = &l->v[i];

		json_object_set_new(o, kv->key, kv->is_num ?
				    json_integer(kv->num) : jstr(kv->val));
	}
	return o;
}

static json_t *diag_array(const struct diag_list *l)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < l->n; i++)
		json_array_append_new(a, json_pack("{s:o, s:o}",
			"line", jline(l->v[i].lineno), "text", jstr(l->v[i].text)));
	return a;
}

static json_t *problem_json(const struct problem *p)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}",
			 "scenario", jstr(p->name),
			 "kind", jstr(p->kind ? p->kind : "outside the profile"),
			 "expected", jstr(p->expected),
			 "observed", jstr(p->observed),
			 "profile_line", jline(p->rule_line),
			 "line", jline(p->log_line));
}

/* The outcome keys, as the kernel prints them (kernel/outcomes.def). */
static const char *const outcome_keys[] = {
#define OUTCOME(id, key, noncoherent, split, rank, cell, label, psc, model, always) #key,
#include "../kernel/outcomes.def"
#undef OUTCOME
};

static json_t *bound_json(const struct bound *b, const char *unit)
{
	char text[128];

	bound_text(text, sizeof(text), b, unit);
	return json_pack("{s:I, s:I, s:I, s:f, s:f, s:s, s:s}",
			 "count", (json_int_t)b->k, "count_min", (json_int_t)b->k_min,
			 "units", (json_int_t)b->n,
			 "lower", b->lo, "upper", b->hi,
			 "sided", b->two_sided ? "two-sided" : "one-sided",
			 "text", text);
}

/* The bound conditioned on the no-flush twin, or why it is not. */
static json_t *conditioned_json(const struct run *r, const struct scenario *s,
				const char *cat, const struct bound *b)
{
	struct conditioned c;
	char reason[160], text[96], hi[32];

	if (!bound_condition(r, s, cat, b, &c, reason, sizeof(reason)))
		return json_pack("{s:o, s:s}", "twin", jstr(c.twin),
				 "unconditioned", reason);
	pct_text(hi, sizeof(hi), c.hi);
	snprintf(text, sizeof(text), "< %s given a stale entry (twin %lld of %lld)",
		 hi, c.w.k, c.w.n);
	return json_pack("{s:s, s:I, s:I, s:f, s:f, s:f, s:s, s:s}",
			 "twin", c.twin, "twin_stale", (json_int_t)c.w.k,
			 "twin_units", (json_int_t)c.w.n,
			 "w", (double)c.w.k / (double)c.w.n, "w_lower", c.w.lo,
			 "upper", c.hi,
			 "method", "row upper / twin lower (Bonferroni, jointly >= 92.5%)",
			 "text", text);
}

/* Per "# hist:" category: units with a stale read there, conditioned. */
static json_t *categories_json(const struct run *r, const struct scenario *s,
			       const char *unit)
{
	static const char *const cats[] = { "flushed_page", "touched", "untouched",
					    "other_subslot", "no_table" };
	json_t *o = json_object(), *c;
	long long n, k;
	struct bound b;

	for (size_t i = 0; i < sizeof(cats) / sizeof(cats[0]); i++) {
		if (!hist_units(s, cats[i], &n, &k))
			continue;
		bound_of(k, n, &b);
		c = bound_json(&b, unit);
		json_object_set_new(c, "conditioned", conditioned_json(r, s, cats[i], &b));
		json_object_set_new(o, cats[i], c);
	}
	return o;
}

/* Race rows: per phase after the flush, iterations with a judged read. */
static json_t *phases_json(const struct scenario *s)
{
	static const char *const phases[] = { "flushed", "reused", "huge" };
	json_t *o = json_object();
	char key[48];
	struct bound b;

	for (size_t i = 0; i < sizeof(phases) / sizeof(phases[0]); i++) {
		snprintf(key, sizeof(key), "race_units_%s", phases[i]);
		if (!kv_find(&s->counts, key))
			continue;
		long long n = scenario_count(s, key);

		snprintf(key, sizeof(key), "race_bad_%s", phases[i]);
		bound_of(scenario_count(s, key), n, &b);
		json_object_set_new(o, phases[i], bound_json(&b, "iterations"));
	}
	return o;
}

/*
 * A scenario's 95% bounds over its independent units (bounds.h): per
 * outcome, for stale reads of any kind (conditioned on the no-flush
 * twin), per probe category and, for race rows, per phase.
 */
static json_t *bounds_json(const struct run *r, const struct scenario *s)
{
	bool old;
	long long n = scenario_units(s, &old), iters = scenario_count(s, "iters");
	const char *unit = iters && n > iters ? "CPU-iterations" : "iterations";
	json_t *o = json_object(), *st;
	struct bound b;

	if (n <= 0)
		return o;
	json_object_set_new(o, "unit", json_string(unit));
	json_object_set_new(o, "units", json_integer((json_int_t)n));
	json_object_set_new(o, "iters", json_integer((json_int_t)iters));
	json_object_set_new(o, "from_probe_counts", json_boolean(old));
	for (size_t i = 0; i < sizeof(outcome_keys) / sizeof(outcome_keys[0]); i++) {
		if (!kv_find(&s->counts, outcome_keys[i]))
			continue;
		scenario_bound(s, outcome_keys[i], &b);
		json_object_set_new(o, outcome_keys[i], bound_json(&b, unit));
	}
	scenario_bound(s, NULL, &b);
	st = bound_json(&b, unit);
	json_object_set_new(st, "conditioned", conditioned_json(r, s, NULL, &b));
	json_object_set_new(o, "stale", st);
	json_object_set_new(o, "categories", categories_json(r, s, unit));
	json_object_set_new(o, "phases", phases_json(s));
	return o;
}

/* The architectural notes on scenario idx (judge.h: never failures). */
static json_t *arch_notes_json(const struct judgement *j, size_t idx)
{
	json_t *a = json_array();

	for (size_t k = 0; k < j->nnotes; k++)
		if (j->notes[k].scenario == idx)
			json_array_append_new(a, json_pack("{s:I, s:s}",
				"line", (json_int_t)j->notes[k].log_line,
				"text", j->notes[k].text));
	return a;
}

static json_t *scenario_json(const struct check_result *res, size_t i)
{
	const struct scenario *s = &res->run->sc[i];
	json_t *o, *probs = json_array();
	size_t k;

	o = json_pack("{s:o, s:o, s:o, s:o, s:o, s:b, s:o, s:o, s:o, s:o, s:o}",
		      "name", jstr(s->name),
		      "family", jstr(s->family),
		      "class", jstr(s->class),
		      "ktap", jstr(ktap_verdict_name(s->verdict)),
		      "directive", jstr(s->directive),
		      "aborted", s->aborted,
		      "start_line", jline(s->start_line),
		      "result_line", jline(s->result_line),
		      "ktap_line", jline(s->verdict_line),
		      "counts", kv_object(&s->counts),
		      "diagnostics", diag_array(&s->diags));
	json_object_set_new(o, "bounds", bounds_json(res->run, s));
	if (res->caching)
		json_object_set_new(o, "inconclusive", json_boolean(
			caching_scenario_inconclusive(res->caching, res->run, s)));
	if (!res->j) {
		json_object_set_new(o, "profile", json_null());
		json_decref(probs);
		return o;
	}
	for (k = 0; k < res->j->n; k++)
		if (res->j->p[k].scenario == i + 1)
			json_array_append_new(probs, problem_json(&res->j->p[k]));
	json_object_set_new(o, "profile",
			    jstr(res->j->sc_failed[i] ? "fail" : "pass"));
	json_object_set_new(o, "problems", probs);
	json_object_set_new(o, "notes", arch_notes_json(res->j, i + 1));
	return o;
}

static json_t *families_json(const struct run *r)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < r->nfam; i++)
		json_array_append_new(a, json_pack("{s:o, s:o, s:o, s:o}",
			"name", jstr(r->fam[i].name),
			"ktap", jstr(ktap_verdict_name(r->fam[i].verdict)),
			"directive", jstr(r->fam[i].directive),
			"line", jline(r->fam[i].line)));
	return a;
}

static json_t *last_start_json(const struct run *r)
{
	const struct scenario *s;

	if (!r->last_start)
		return json_null();
	s = &r->sc[r->last_start - 1];
	return json_pack("{s:o, s:o, s:b}", "name", jstr(s->name),
			 "line", jline(s->start_line),
			 "finished", s->verdict != KTAP_MISSING);
}

/*
 * Stale reads of any kind over the rows of each class that ran (what
 * scripts/fleet-table.pl shows): units and stale units summed, as the
 * iterations of different rows are different collapses.
 */
static json_t *stale_by_class_json(const struct run *r)
{
	static const char *const classes[] = { "correctness", "observation" };
	json_t *o = json_object();
	struct bound b;
	bool old;

	for (size_t c = 0; c < sizeof(classes) / sizeof(classes[0]); c++) {
		long long k = 0, n = 0;

		for (size_t i = 0; i < r->nsc; i++) {
			const struct scenario *s = &r->sc[i];

			if (!s->class || strcmp(s->class, classes[c]) ||
			    s->verdict == KTAP_SKIP || s->aborted)
				continue;
			k += scenario_units_stale(s);
			n += scenario_units(s, &old);
		}
		bound_of(k, n, &b);
		json_object_set_new(o, classes[c], bound_json(&b, "iterations"));
	}
	return o;
}

static json_t *run_json(const struct check_result *res)
{
	const struct run *r = res->run;
	json_t *o, *sc = json_array();
	size_t i;

	for (i = 0; i < r->nsc; i++)
		json_array_append_new(sc, scenario_json(res, i));
	o = json_pack("{s:I, s:o, s:b, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
		      "index", (json_int_t)r->index,
		      "header_line", jline(r->header_line),
		      "complete", r->done,
		      "done_line", jline(r->done_line),
		      "verdict", jstr(r->done ? r->done_verdict : NULL),
		      "last_start", last_start_json(r),
		      "env", kv_object(&r->env),
		      "totals", kv_object(&r->totals),
		      "abort", r->abort.lineno ?
			json_pack("{s:o, s:o}", "line", jline(r->abort.lineno),
				  "text", jstr(r->abort.text)) : json_null(),
		      "families", families_json(r),
		      "scenarios", sc);
	json_object_set_new(o, "stale_by_class", stale_by_class_json(r));
	json_object_set_new(o, "errors", diag_array(&r->errors));
	json_object_set_new(o, "notes", diag_array(&r->notes));
	if (res->caching) {
		char text[256];

		caching_text(res->caching, text, sizeof(text));
		json_object_set_new(o, "caching", json_pack(
			"{s:s, s:I, s:I, s:o, s:I, s:s}",
			"status", caching_status_name(res->caching->status),
			"witnesses", (json_int_t)res->caching->witnesses,
			"seen", (json_int_t)res->caching->seen,
			"first", jstr(res->caching->first),
			"inconclusive", (json_int_t)res->caching->inconclusive,
			"text", text));
	}
	return o;
}

static const char *status_name(int status)
{
	static const char *const names[] = { "pass", "fail", "incomplete", "usage" };

	return status >= 0 && status <= 3 ? names[status] : "error";
}

json_t *check_result_json(const struct check_result *res)
{
	const struct log_text *t = &res->doc->text;
	json_t *o, *probs = json_array();
	size_t i;

	for (i = 0; res->j && i < res->j->n; i++)
		json_array_append_new(probs, problem_json(&res->j->p[i]));
	o = json_pack("{s:s, s:i, s:o, s:s, s:i, s:o, s:I, s:o}",
		      "tool", "tlbprobe-check",
		      "schema", 1,
		      "log", jstr(res->log_path),
		      "status", res->status == 0 && res->caching &&
				res->caching->inconclusive ? "inconclusive" :
				status_name(res->status),
		      "exit", res->status,
		      "profile", res->pf ?
			json_pack("{s:o, s:o}", "name", jstr(res->pf->name),
				  "path", jstr(res->pf->path)) : json_null(),
		      "runs", (json_int_t)res->doc->nruns,
		      "problems", probs);
	json_object_set_new(o, "input", json_pack("{s:I, s:I, s:I, s:I, s:b}",
		"physical_lines", (json_int_t)t->physical_lines,
		"duplicates_dropped", (json_int_t)t->dups_dropped,
		"nul_bytes", (json_int_t)t->nul_bytes,
		"escapes", (json_int_t)t->escapes,
		"truncated", t->truncated));
	json_object_set_new(o, "run", res->run ? run_json(res) : json_null());
	json_object_set_new(o, "arch_note", res->arch_note && *res->arch_note ?
			    jstr(res->arch_note) : json_null());
	return o;
}
