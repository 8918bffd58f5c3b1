// SPDX-License-Identifier: MIT
/*
 * Integrity of one finished run (integrity.h).  A serial line drops, flips
 * and repeats bytes; none of that may turn into a judged run with other
 * numbers, so everything the kernel states twice is compared here, and
 * the lines that state something once carry a CRC-32.
 */
#include "integrity.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "kernel/crc32.h"

/* What a line pass over the run collects. */
struct walk {
	struct log_doc *d;
	struct run *r;
	bool sealed;		/* the log carries checksums at all */
	bool env_sealed;	/* seal=2: "# env:" lines sealed and digested */
	bool cut_short;		/* reason=exception: plans may be short */
	bool fatal;		/* reason=fatal: a failure without a scenario */
	struct kv_list done;	/* the done marker's fields */
	const char *reason;
	u32 digest;
	long long digest_lines;
	long long top_seen;	/* top-level results so far */
	long long fam_plan;	/* the nested plan, -1 before one */
	long long fam_seen;	/* nested results of the current family */
	size_t fam_line;	/* its "# Subtest:" line */
};

static void __attribute__((format(printf, 3, 4)))
damage(struct walk *w, size_t lineno, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ARENA_GROW(&w->d->ar, w->r->errors.v, w->r->errors.n, w->r->errors.cap);
	w->r->errors.v[w->r->errors.n].lineno = lineno;
	w->r->errors.v[w->r->errors.n].text = arena_strdup(&w->d->ar, buf);
	w->r->errors.n++;
}

/* A decimal count: digits only, no sign, no overflow; -1 otherwise. */
static long long count_at(const char *s, const char **end)
{
	long long v = 0;

	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > (1LL << 52))
			return -1;
		v = v * 10 + (*s - '0');
	}
	if (end)
		*end = s;
	return v;
}

/* The 8 hex digits after "KEY=" at the end of t, or -1. */
static long long trailing_hex(const char *t, const char *key, size_t *at)
{
	size_t len = strlen(t), kl = strlen(key);
	long long v = 0;
	size_t i;

	if (len < kl + 10 || t[len - 10 - kl] != ' ' ||
	    strncmp(t + len - 9 - kl, key, kl) || t[len - 9] != '=')
		return -1;
	for (i = len - 8; i < len; i++) {
		char c = t[i];

		if (c >= '0' && c <= '9')
			v = v * 16 + (c - '0');
		else if (c >= 'a' && c <= 'f')
			v = v * 16 + (c - 'a' + 10);
		else
			return -1;
	}
	*at = len - 10 - kl;
	return v;
}

/* A sealed line: " crc=XXXXXXXX" last, the CRC-32 of what comes before. */
static void check_seal(struct walk *w, const struct log_line *ln,
		       const char *t, const char *what)
{
	size_t at;
	long long want = trailing_hex(t, "crc", &at);
	u32 got;

	if (want < 0) {
		damage(w, ln->lineno, "%s line without its crc= checksum", what);
		return;
	}
	got = crc32(t, at);
	if (got != (u32)want)
		damage(w, ln->lineno,
		       "%s line damaged: crc=%08llx but the line's CRC-32 is %08x",
		       what, want, got);
}

static bool is_digested(const struct walk *w, const char *t)
{
	static const char *const kinds[] = {
		"ok ", "not ok ", "1..", "# Subtest:", "# totals:", "# result:",
		"# hist:",
	};
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (str_starts(t, kinds[i]))
			return true;
	return w->env_sealed && str_starts(t, "# env:");
}

/* "ok N ..." or "not ok N ...": N, or -1. */
static long long result_number(const char *t)
{
	t += str_starts(t, "ok ") ? 3 : 7;
	return count_at(t, NULL);
}

static void end_family(struct walk *w, const struct log_line *ln)
{
	if (w->fam_plan >= 0 && w->fam_plan != w->fam_seen && !w->cut_short)
		damage(w, ln->lineno,
		       "family result after %lld nested results, but its plan (after line %zu) is 1..%lld",
		       w->fam_seen, w->fam_line, w->fam_plan);
	w->fam_plan = -1;
	w->fam_seen = 0;
}

/* The name on a result line: after the number, before any " # ". */
static const struct scenario *named(struct walk *w, const char *t)
{
	const char *p = t + (str_starts(t, "ok ") ? 3 : 7), *end;
	size_t i, len;

	p += strspn(p, "0123456789");
	p += strspn(p, " ");
	if (p[0] == '-' && p[1] == ' ')
		p += 2;
	end = strstr(p, " #");
	len = end ? (size_t)(end - p) : strlen(p);
	while (len && p[len - 1] == ' ')
		len--;
	for (i = 0; i < w->r->nsc; i++)
		if (strlen(w->r->sc[i].name) == len &&
		    !strncmp(w->r->sc[i].name, p, len))
			return &w->r->sc[i];
	return NULL;
}

/* A name given twice: the parser kept the last, so this line is a repeat. */
static void check_unique(struct walk *w, const struct log_line *ln,
			 const char *t)
{
	const struct scenario *s;
	struct kv_list f = { 0 };
	size_t i;

	if (str_starts(t, "# result:")) {
		kv_parse(&w->d->ar, t + 9, &f);
		for (i = 0; i < w->r->nsc; i++) {
			s = &w->r->sc[i];
			if (kv_str(&f, "name") && !strcmp(s->name, kv_str(&f, "name")) &&
			    s->result_line != ln->lineno)
				damage(w, ln->lineno,
				       "%s is named twice: another '# result:' line at line %zu",
				       s->name, s->result_line);
		}
		return;
	}
	s = named(w, t);
	if (s && s->verdict_line != ln->lineno)
		damage(w, ln->lineno, "%s is named twice: another result line at line %zu",
		       s->name, s->verdict_line);
}

static void on_line(struct walk *w, const struct log_line *ln)
{
	const char *t = ln->text + strspn(ln->text, " ");
	bool nested = t != ln->text;
	long long n;

	if (is_digested(w, t)) {
		w->digest = crc32_bytes(w->digest, t, strlen(t));
		w->digest = crc32_step(w->digest, '\n');
		w->digest_lines++;
	}
	if (str_starts(t, "# result:")) {
		check_unique(w, ln, t);
		if (w->sealed)
			check_seal(w, ln, t, "'# result:'");
	}
	/* The per-category split the architectural check judges. */
	if (str_starts(t, "# hist:") && w->sealed)
		check_seal(w, ln, t, "'# hist:'");
	/* The lines that choose the profile and the vendor rules. */
	if (str_starts(t, "# env:") && w->env_sealed)
		check_seal(w, ln, t, "'# env:'");
	if (str_starts(t, "# Subtest:")) {
		w->fam_plan = -1;
		w->fam_seen = 0;
		w->fam_line = ln->lineno;
	} else if (nested && str_starts(t, "1..")) {
		w->fam_plan = count_at(t + 3, NULL);
	} else if (str_starts(t, "ok ") || str_starts(t, "not ok ")) {
		n = result_number(t);
		if (nested)
			check_unique(w, ln, t);
		if (nested && n != ++w->fam_seen)
			damage(w, ln->lineno, "result number %lld, expected %lld",
			       n, w->fam_seen);
		if (!nested) {
			if (n != ++w->top_seen)
				damage(w, ln->lineno,
				       "result number %lld, expected %lld", n,
				       w->top_seen);
			end_family(w, ln);
		}
	}
}

/* The done marker: its own seal, and the digest of the lines above it. */
static void check_done(struct walk *w, const struct log_line *ln)
{
	const char *t = ln->text + strspn(ln->text, " ");
	const char *p = strstr(t, " digest_lines=");
	long long lines = -1, digest;
	size_t at;

	check_seal(w, ln, t, "done marker");
	if (p)
		lines = count_at(p + 14, NULL);
	p = strstr(t, " digest=");
	digest = p && trailing_hex(t, "crc", &at) >= 0 && (size_t)(p - t) + 16 == at ?
		 (long long)strtoul(p + 8, NULL, 16) : -1;
	if (lines < 0 || digest < 0) {
		damage(w, ln->lineno,
		       "done marker without digest_lines=N digest=XXXXXXXX before crc=");
		return;
	}
	if (lines != w->digest_lines)
		damage(w, ln->lineno,
		       "done marker counts %lld result/plan/subtest/totals lines, the log has %lld: lines were lost or added",
		       lines, w->digest_lines);
	else if ((u32)digest != crc32_final(w->digest))
		damage(w, ln->lineno,
		       "done marker digest=%08llx, the run's result/plan/subtest/totals lines give %08x: one of them is damaged",
		       digest, crc32_final(w->digest));
}

/* The index of the first line numbered above lineno (lines are in order). */
static size_t first_after(const struct log_doc *d, size_t lineno)
{
	size_t lo = 0, hi = d->text.nlines;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->text.lines[mid].lineno <= lineno)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Does the run carry checksums?  Any crc=, digest= or seal= field says it
 * must everywhere: a run whose only sealed line is its done marker (a
 * fatal command-line error) keeps seal= there even when damage took the
 * marker's crc= and digest=.
 */
static bool run_is_sealed(const struct log_doc *d, const struct run *r)
{
	size_t i;

	for (i = first_after(d, r->header_line); i < d->text.nlines; i++) {
		const struct log_line *ln = &d->text.lines[i];

		if (ln->lineno > r->done_line)
			break;
		if (strstr(ln->text, " crc=") || strstr(ln->text, " digest=") ||
		    strstr(ln->text, " seal="))
			return true;
	}
	return false;
}

static void walk_lines(struct walk *w)
{
	const struct log_doc *d = w->d;
	size_t i;

	for (i = first_after(d, w->r->header_line); i < d->text.nlines; i++) {
		const struct log_line *ln = &d->text.lines[i];

		if (ln->lineno >= w->r->done_line) {
			if (ln->lineno == w->r->done_line && w->sealed &&
			    strstr(ln->text, "# TLBPROBE-DONE"))
				check_done(w, ln);
			else if (ln->lineno == w->r->done_line)
				continue;
			break;
		}
		on_line(w, ln);
	}
}

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

void integrity_check(struct log_doc *d, struct run *r)
{
	struct walk w = {
		.d = d, .r = r, .digest = CRC32_INIT, .fam_plan = -1,
	};
	size_t i;

	if (!r->done)
		return;
	for (i = first_after(d, r->done_line - 1); i < d->text.nlines; i++) {
		const struct log_line *ln = &d->text.lines[i];
		const char *m = strstr(ln->text, "# TLBPROBE-DONE");

		/* a bare '\r' splits a physical line: several share a number */
		if (ln->lineno > r->done_line)
			break;
		if (m) {
			kv_parse(&d->ar, m + 15, &w.done);
			break;
		}
	}
	w.reason = kv_str(&w.done, "reason");
	w.cut_short = w.reason && !strcmp(w.reason, "exception");
	w.fatal = w.reason && !strcmp(w.reason, "fatal");
	w.sealed = run_is_sealed(d, r);
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
