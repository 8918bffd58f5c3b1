// SPDX-License-Identifier: MIT
/*
 * Integrity of one finished run (integrity.h).  A serial line drops, flips
 * and repeats bytes; none of that may turn into a judged run with other
 * numbers, so everything the kernel states twice is compared here, and
 * the lines that state something once carry a CRC-32.
 */
#include "integrity.h"
#include "integrity_walk.h"

#include <stdio.h>

/*
 * The outcome vocabulary (kernel/outcomes.def): key, whether it splits,
 * and whether every log has it.
 */
static const struct {
	const char *key, *touched, *untouched;
	bool split, always;
} outcome_keys[] = {
#define OUTCOME(id, key, noncoherent, split_, rank, cell, label, psc, model, always_) \
	{ #key, "touched_" #key, "untouched_" #key, split_, always_ },
#include "../kernel/outcomes.def"
#undef OUTCOME
};

/*
 * probes= is the sum of the outcomes; each split adds up to its outcome.
 * Every log has the outcomes marked always; those added since (stale
 * walks by level, walk faults) count where the log has them.
 */
static void check_counts(struct walk *w, const struct scenario *s)
{
	const struct kv *probes = kv_find(&s->counts, "probes");
	long long sum = 0;
	size_t i;

	if (!probes)
		return;
	for (i = 0; i < sizeof(outcome_keys) / sizeof(outcome_keys[0]); i++)
		if (outcome_keys[i].always &&
		    !kv_find(&s->counts, outcome_keys[i].key)) {
			damage(w, s->result_line, "%s: probes= without %s=",
			       s->name, outcome_keys[i].key);
			return;
		}
	for (i = 0; i < sizeof(outcome_keys) / sizeof(outcome_keys[0]); i++)
		sum += scenario_count(s, outcome_keys[i].key);
	if (sum != probes->num)
		damage(w, s->result_line,
		       "%s: probes=%lld but the outcomes add up to %lld",
		       s->name, probes->num, sum);
	for (i = 0; i < sizeof(outcome_keys) / sizeof(outcome_keys[0]); i++) {
		if (!outcome_keys[i].split ||
		    !kv_find(&s->counts, outcome_keys[i].touched) ||
		    !kv_find(&s->counts, outcome_keys[i].untouched))
			continue;
		if (scenario_count(s, outcome_keys[i].touched) +
		    scenario_count(s, outcome_keys[i].untouched) !=
		    scenario_count(s, outcome_keys[i].key))
			damage(w, s->result_line,
			       "%s: %s= and %s= do not add up to %s=", s->name,
			       outcome_keys[i].touched, outcome_keys[i].untouched,
			       outcome_keys[i].key);
	}
}

/* The totals the kernel counted, from the scenarios the log shows. */
struct tally {
	long long pass, fail, skip, observation;
};

static void tally_scenario(struct walk *w, const struct scenario *s,
			   struct tally *t)
{
	switch (s->verdict) {
	case KTAP_SKIP:
		t->skip++;
		break;
	case KTAP_NOT_OK:
		t->fail++;
		break;
	case KTAP_OK:
		if (!s->has_result && w->sealed)
			damage(w, s->verdict_line,
			       "%s: ok without its '# result:' line", s->name);
		if (s->class && !strcmp(s->class, "observation"))
			t->observation++;
		else
			t->pass++;
		break;
	default:
		break;
	}
}

static void check_total(struct walk *w, const char *key, long long counted,
			long long slack)
{
	const struct kv *kv = kv_find(&w->r->totals, key);

	if (!kv || !kv->is_num) {
		damage(w, w->r->totals_line ? w->r->totals_line : w->r->done_line,
		       "'# totals:' without %s=", key);
		return;
	}
	if (kv->num < counted || kv->num > counted + slack)
		damage(w, w->r->totals_line,
		       "'# totals:' says %s=%lld, the results give %lld", key,
		       kv->num, counted);
}

static void check_families(struct walk *w)
{
	const struct run *r = w->r;
	size_t i, j;

	for (i = 0; i < r->nfam; i++) {
		const struct family *f = &r->fam[i];
		bool failed = false, any = false;

		for (j = 0; j < i; j++)
			if (!strcmp(r->fam[j].name, f->name))
				damage(w, f->line,
				       "family %s has a second result (first at line %zu)",
				       f->name, r->fam[j].line);
		for (j = 0; j < r->nsc; j++) {
			if (strcmp(r->sc[j].family, f->name))
				continue;
			any = true;
			failed |= r->sc[j].verdict == KTAP_NOT_OK;
		}
		if (any && failed != (f->verdict == KTAP_NOT_OK))
			damage(w, f->line, "family %s is %s but %s", f->name,
			       f->verdict == KTAP_NOT_OK ? "not ok" : "ok",
			       failed ? "one of its scenarios is not ok" :
			       "none of its scenarios is not ok");
	}
}

/* verdict=pass only without failures; verdict=fail only with one. */
static void check_verdict(struct walk *w)
{
	const struct kv *fail = kv_find(&w->r->totals, "fail");
	bool pass = !strcmp(w->r->done_verdict, "pass");

	if (!fail || !fail->is_num)
		return;
	if (pass && (fail->num || w->reason))
		damage(w, w->r->done_line,
		       "verdict=pass but '# totals:' (line %zu) says fail=%lld%s",
		       w->r->totals_line, fail->num,
		       w->reason ? " and the marker gives a reason" : "");
	if (!pass && !fail->num && !w->reason)
		damage(w, w->r->done_line,
		       "verdict=fail without a failure in '# totals:' (line %zu) or a reason=",
		       w->r->totals_line);
}

static void check_results(struct walk *w)
{
	struct run *r = w->r;
	struct tally t = { 0 };
	size_t i;

	for (i = 0; i < r->nsc; i++) {
		const struct scenario *s = &r->sc[i];

		check_counts(w, s);
		tally_scenario(w, s, &t);
		/* the kernel ends every scenario it starts, or aborts in it */
		if (s->verdict == KTAP_MISSING && !s->aborted)
			damage(w, s->start_line ? s->start_line : s->result_line,
			       "%s has no result line (a damaged name, or a lost line?)",
			       s->name);
	}
	check_families(w);
	if (r->plan >= 0 && (size_t)r->plan != r->nfam && !w->cut_short)
		damage(w, r->done_line, "top-level plan 1..%lld but %zu results",
		       r->plan, r->nfam);
	if (!r->totals_line) {
		damage(w, r->done_line, "no '# totals:' line before the done marker");
		return;
	}
	/* report_fatal() counts a failure that belongs to no scenario. */
	check_total(w, "pass", t.pass, 0);
	check_total(w, "fail", t.fail, w->fatal ? 1 : 0);
	check_total(w, "skip", t.skip, 0);
	check_total(w, "observation", t.observation, 0);
	check_verdict(w);
}

void integrity_check(struct run *r)
{
	struct walk w = {
		.r = r, .digest = CRC32_INIT, .fam_plan = -1,
	};
	size_t i;

	if (!r->done)
		return;
	for (i = first_after(r, r->done_line - 1); i < r->nlines; i++) {
		const struct log_line *ln = &r->lines[i];
		const char *m = strstr(ln->text, "# TLBPROBE-DONE");

		/* a bare '\r' splits a physical line: several share a number */
		if (ln->lineno > r->done_line)
			break;
		if (m) {
			kv_parse(&r->ar, m + 15, &w.done);
			break;
		}
	}
	w.reason = kv_str(&w.done, "reason");
	w.cut_short = w.reason && !strcmp(w.reason, "exception");
	w.fatal = w.reason && !strcmp(w.reason, "fatal");
	w.sealed = run_is_sealed(r);
	/*
	 * Logs before seal=2 left "# env:" unsealed; they still check as
	 * before.  The done marker's own CRC covers seal=, so a damaged one
	 * cannot pass for an older log.
	 */
	w.env_sealed = w.sealed && kv_str(&w.done, "seal") &&
		       !strcmp(kv_str(&w.done, "seal"), "2");
	if (w.sealed && kv_str(&w.done, "seal") && !w.env_sealed)
		damage(&w, r->done_line, "done marker seal=%s: this checker knows seal=2",
		       kv_str(&w.done, "seal"));
	walk_lines(&w);
	check_results(&w);
}
