// SPDX-License-Identifier: MIT
/*
 * Every rule whose selector matches a scenario applies to it, and every
 * constraint of every such rule must hold; the profile is a conjunction, so
 * a general rule ("class=control : result ok") is never undone by a more
 * specific one further down.  The one interaction: an outcome a matching
 * rule says the scenario "must" show is allowed by that scenario's "may"
 * lists too, or a positive control could never pass.
 */
#include "judge.h"
#include "caching.h"
#include "kernel/glob.h"

#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#define DEFAULT_RESULTS (RES_OK | RES_NOT_OK | RES_SKIP | RES_INCONCLUSIVE)

struct ctx {
	const struct profile *pf;
	const struct run *r;
	struct judgement *j;
	size_t idx;		/* scenario index + 1 */
	const struct scenario *s;
	const struct rule *ru;
};

static struct problem *add_problem(struct ctx *c, const char *name,
				   size_t rule_line, size_t log_line)
{
	struct judgement *j = c->j;
	struct problem *p;

	HEAP_GROW(j->p, j->n, j->cap);
	p = &j->p[j->n++];
	memset(p, 0, sizeof(*p));
	p->scenario = c->idx;
	p->name = name;
	p->rule_line = rule_line;
	p->log_line = log_line;
	if (c->idx)
		j->sc_failed[c->idx - 1] = true;
	return p;
}

static void __attribute__((format(printf, 3, 4)))
say(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
}

/* Where the log shows a scenario's outcome: its result, verdict or start. */
static size_t scenario_line(const struct scenario *s)
{
	if (s->aborted || !s->has_result)
		return s->verdict_line ? s->verdict_line : s->start_line;
	return s->result_line;
}

static void fail(struct ctx *c, const char *expected, const char *observed)
{
	struct problem *p = add_problem(c, c->s->name, c->ru ? c->ru->line : 0,
					scenario_line(c->s));

	say(p->expected, sizeof(p->expected), "%s", expected);
	say(p->observed, sizeof(p->observed), "%s", observed);
}

const char *scenario_result(const struct scenario *s)
{
	return s->aborted ? "abort" : ktap_verdict_name(s->verdict);
}

/* The result a rule sees: "inconclusive" for the allowed-not-required controls. */
static const char *ctx_result(const struct ctx *c)
{
	return caching_control_inconclusive(c->r, c->s) ? "inconclusive" :
	       scenario_result(c->s);
}

static unsigned int result_bit(const struct ctx *c)
{
	const struct scenario *s = c->s;

	if (caching_control_inconclusive(c->r, s))
		return RES_INCONCLUSIVE;
	if (s->aborted)
		return RES_ABORT;
	switch (s->verdict) {
	case KTAP_OK:
		return RES_OK;
	case KTAP_NOT_OK:
		return RES_NOT_OK;
	case KTAP_SKIP:
		return RES_SKIP;
	default:
		return RES_MISSING;
	}
}

static void join_list(char *buf, size_t len, const char *head,
		      const struct str_list *l)
{
	size_t i, used = (size_t)snprintf(buf, len, "%s", head);

	for (i = 0; i < l->n && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 i ? "," : " ", l->v[i]);
}

static bool in_list(const struct str_list *l, const char *s)
{
	size_t i;

	for (i = 0; l && i < l->n; i++)
		if (!strcmp(l->v[i], s))
			return true;
	return false;
}

/*
 * Writes "key=N ..." to buf for each non-coherent outcome counted but in
 * neither allow list; returns how many there are.
 */
static size_t list_outcomes(const struct scenario *s, const struct str_list *allow,
			    const struct str_list *allow2, char *buf, size_t len)
{
	size_t i, used = 0, bad = 0;

	buf[0] = '\0';
	for (i = 0; i < nr_noncoherent_outcomes; i++) {
		const char *o = noncoherent_outcomes[i];
		long long n = scenario_count(s, o);

		if (n <= 0 || in_list(allow, o) || in_list(allow2, o))
			continue;
		bad++;
		if (used < len)
			used += (size_t)snprintf(buf + used, len - used, "%s%s=%lld",
						 used ? " " : "", o, n);
	}
	return bad;
}

/* The union of the "must" lists of every rule matching the scenario. */
static void gather_musts(struct ctx *c, struct str_list *out, const char **buf,
			 size_t max)
{
	size_t i, k, m;

	out->v = buf;
	out->n = 0;
	out->cap = max;
	for (i = 0; i < c->pf->nrules; i++) {
		const struct rule *ru = &c->pf->rules[i];

		if (!rule_matches(ru, c->s))
			continue;
		for (k = 0; k < ru->nc; k++)
			for (m = 0; ru->c[k].kind == C_MUST && m < ru->c[k].list.n; m++)
				if (out->n < max)
					out->v[out->n++] = ru->c[k].list.v[m];
	}
}

static void check_counts(struct ctx *c, const struct constraint *k,
			 bool want_positive, const char *what)
{
	char exp[160], obs[64];
	size_t i;

	for (i = 0; i < k->list.n; i++) {
		long long n = scenario_count(c->s, k->list.v[i]);

		if ((n > 0) == want_positive)
			continue;
		say(exp, sizeof(exp), "%s %s", what, k->list.v[i]);
		say(obs, sizeof(obs), "%s=%lld (%s)", k->list.v[i], n,
		    scenario_result(c->s));
		fail(c, exp, obs);
	}
}

static void check_constraint(struct ctx *c, const struct constraint *k)
{
	const char *mbuf[64];
	struct str_list musts;
	char exp[192], obs[192];

	switch (k->kind) {
	case C_RESULT:
		if (!(k->mask & result_bit(c))) {
			join_list(exp, sizeof(exp), "result", &k->list);
			fail(c, exp, ctx_result(c));
		}
		break;
	case C_MUST_COHERENT:
		if (list_outcomes(c->s, NULL, NULL, obs, sizeof(obs)))
			fail(c, "must-coherent", obs);
		break;
	case C_MAY:
		gather_musts(c, &musts, mbuf, 64);
		if (list_outcomes(c->s, &k->list, &musts, obs, sizeof(obs))) {
			join_list(exp, sizeof(exp), k->list.n ? "may" : "may none",
				  &k->list);
			fail(c, exp, obs);
		}
		break;
	case C_MUST:
		check_counts(c, k, true, "must");
		break;
	case C_NEVER:
		check_counts(c, k, false, "never");
		break;
	case C_ANY:
		break;
	}
}

static void judge_scenario(struct ctx *c)
{
	bool result_ruled = false;
	size_t i, k;

	for (i = 0; i < c->pf->nrules; i++) {
		c->ru = &c->pf->rules[i];
		if (!rule_matches(c->ru, c->s))
			continue;
		for (k = 0; k < c->ru->nc; k++) {
			result_ruled |= c->ru->c[k].kind == C_RESULT;
			check_constraint(c, &c->ru->c[k]);
		}
	}
	c->ru = NULL;
	/* a scenario that never finished, or took the machine down, is news */
	if (!result_ruled && !(DEFAULT_RESULTS & result_bit(c)))
		fail(c, "a KTAP result line", ctx_result(c));
}

/*
 * The tests= the kernel ran with ("# env: ... tests="): a required row
 * outside it was never asked for, so its absence says nothing.  A log
 * without it (a run that ended before its # env: lines, or an older
 * kernel) selected everything.
 */
static bool require_selected(const struct run *r, const struct require *rq)
{
	const char *tests = kv_str(&r->env, "tests");
	size_t i;

	if (!tests || !*tests)
		return true;
	/* A row the log holds was selected (a wildcard require, say). */
	for (i = 0; i < r->nsc; i++)
		if (!fnmatch(rq->glob, r->sc[i].name, 0))
			return true;
	return glob_match_list(tests, rq->glob);
}

/* Where to look for a required row that is not there. */
static size_t require_line(const struct run *r)
{
	if (r->fatal.lineno)
		return r->fatal.lineno;
	return r->totals_line ? r->totals_line : r->header_line;
}

static void judge_require(struct ctx *c, const struct require *rq)
{
	const char *seen = "absent", *tests = kv_str(&c->r->env, "tests");
	struct problem *p;
	size_t i;

	if (!require_selected(c->r, rq))
		return;
	for (i = 0; i < c->r->nsc; i++) {
		const struct scenario *s = &c->r->sc[i];

		if (fnmatch(rq->glob, s->name, 0))
			continue;
		/* An inconclusive control ran: it saw nothing to judge. */
		if (s->verdict == KTAP_OK || s->verdict == KTAP_NOT_OK ||
		    caching_control_inconclusive(c->r, s))
			return;
		seen = scenario_result(s);
	}
	c->idx = 0;
	p = add_problem(c, rq->glob, rq->line, require_line(c->r));
	say(p->expected, sizeof(p->expected), "require %s (present and run)", rq->glob);
	if (c->r->fatal.lineno)
		say(p->observed, sizeof(p->observed),
		    "%s: the run ended first (fatal error)", seen);
	else if (tests && *tests)
		say(p->observed, sizeof(p->observed), "%s, though tests=%s selects it",
		    seen, tests);
	else
		say(p->observed, sizeof(p->observed), "%s", seen);
}

static bool any_aborted(const struct run *r)
{
	size_t i;

	for (i = 0; i < r->nsc; i++)
		if (r->sc[i].aborted)
			return true;
	return false;
}

static bool any_not_ok(const struct run *r)
{
	size_t i;

	for (i = 0; i < r->nsc; i++)
		if (r->sc[i].verdict == KTAP_NOT_OK || r->sc[i].aborted)
			return true;
	return false;
}

/*
 * A failing verdict that no scenario accounts for (bad options, bad boot
 * information) is outside every profile: nothing was measured.
 */
static void judge_unexplained_fail(struct ctx *c)
{
	const struct run *r = c->r;
	struct problem *p;

	if (!r->done_verdict || strcmp(r->done_verdict, "fail") || any_not_ok(r))
		return;
	c->idx = 0;
	p = add_problem(c, "(run)", 0, r->fatal.lineno ? r->fatal.lineno :
						       r->done_line);
	say(p->expected, sizeof(p->expected),
	    "verdict pass, or a failing scenario to explain verdict fail");
	say(p->observed, sizeof(p->observed), "%s",
	    r->fatal.lineno ? r->fatal.text : "verdict fail with no failing scenario");
}

void judge_run(const struct profile *pf, const struct run *r,
	       struct judgement *j)
{
	struct ctx c = { .pf = pf, .r = r, .j = j };
	size_t i;

	memset(j, 0, sizeof(*j));
	j->sc_failed = xmalloc((r->nsc ? r->nsc : 1) * sizeof(*j->sc_failed));
	memset(j->sc_failed, 0, (r->nsc ? r->nsc : 1) * sizeof(*j->sc_failed));
	/* What ended a fatal run comes first: the rest follows from it. */
	judge_unexplained_fail(&c);
	for (i = 0; i < r->nsc; i++) {
		c.idx = i + 1;
		c.s = &r->sc[i];
		judge_scenario(&c);
	}
	for (i = 0; i < pf->nreq; i++)
		judge_require(&c, &pf->req[i]);
	if (r->abort.lineno && !any_aborted(r)) {
		struct problem *p;

		c.idx = 0;
		p = add_problem(&c, "(run)", 0, r->abort.lineno);
		say(p->expected, sizeof(p->expected), "no exception");
		say(p->observed, sizeof(p->observed), "%s", r->abort.text);
	}
}

void judgement_free(struct judgement *j)
{
	free(j->p);
	free(j->notes);
	free(j->sc_failed);
	memset(j, 0, sizeof(*j));
}
