// SPDX-License-Identifier: MIT
/*
 * The answer block rebuilt from the results (answer_check.h).  The
 * wording here is kernel/answer.c's, line for line; the one figure that
 * may print differently (the zero bound, fixed point there, double here)
 * is compared as a number, to the precision the kernel printed.
 */
#include "answer_check.h"
#include "bounds.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINES 128
#define LINE_MAX_LEN 512
#define NAMES_SHOWN 3
#define PCT_MARK "\x01"		/* where the bound goes in an expected line */

struct expected {
	char line[MAX_LINES][LINE_MAX_LEN];
	size_t n;
};

static void add(struct expected *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void add(struct expected *e, const char *fmt, ...)
{
	va_list ap;

	if (e->n == MAX_LINES)
		return;
	va_start(ap, fmt);
	vsnprintf(e->line[e->n++], LINE_MAX_LEN, fmt, ap);
	va_end(ap);
}

/* As kernel/answer.c row_ran(): a result, and not a skip. */
static bool row_ran(const struct scenario *s)
{
	return s->has_result && !s->aborted && s->verdict != KTAP_SKIP &&
	       s->verdict != KTAP_MISSING;
}

static void row_list(char *buf, size_t len, const struct run *r,
		     const bool *in)
{
	size_t at, n = 0, shown = 0;

	for (size_t i = 0; i < r->nsc; i++)
		n += in[i];
	at = (size_t)snprintf(buf, len, "%zu row%s: ", n, n == 1 ? "" : "s");
	for (size_t i = 0; i < r->nsc && shown < NAMES_SHOWN && at < len; i++)
		if (in[i])
			at += (size_t)snprintf(buf + at, len - at, "%s%s",
					       shown++ ? ", " : "", r->sc[i].name);
	if (n > shown && at < len)
		snprintf(buf + at, len - at, " and %zu more", n - shown);
}

static void caches(struct expected *e, const struct run *r,
		   const struct ev_src *src, bool *in)
{
	static const char *const what[] = { "TLB", "PDE cache", "PDPTE cache" };
	const char *psc = caching_emulated(r) ?
		"no paging-structure caches under TCG" :
		"no row showed a stale entry of it";
	char list[LINE_MAX_LEN - 64];

	for (int w = 0; w < 3; w++) {
		bool any = false;

		for (size_t i = 0; i < r->nsc; i++) {
			struct ev_caches c;

			in[i] = false;
			if (!row_ran(&r->sc[i]) || !ev_cache_row(src, &r->sc[i]))
				continue;
			ev_caches_of(src, &r->sc[i], &c);
			in[i] = w == 0 ? c.tlb : w == 1 ? c.pde : c.pdpte;
			any |= in[i];
		}
		if (!any) {
			add(e, "# answer: %s: not seen (%s)", what[w],
			    w ? psc : "no row read a stale TLB entry");
			continue;
		}
		row_list(list, sizeof(list), r, in);
		add(e, "# answer: %s: seen (%s)", what[w], list);
	}
}

enum { ANS_SAFE, ANS_UNSAFE, ANS_CANNOT, ANS_FAILED, ANS_NR };

/* kernel/outcomes.def order, the stale ones (kernel/report.c outcome_stale). */
static const struct {
	const char *key, *label;
} stale[] = {
	{ "stale_tlb", "stale TLB reads" },
	{ "stale_walk", "stale walks" },
	{ "stale_walk_pdpte", "stale PDPTE walks" },
	{ "walk_fault", "walk faults" },
};

static int linux_row(struct expected *e, const struct run *r,
		     const struct caching *c, const struct ev_src *src,
		     const struct scenario *s)
{
	const struct kv *u = kv_find(&s->counts, "units");
	bool units = u && u->is_num && u->num > 0;
	long long n = units ? u->num : scenario_count(s, "probes"), k = 0;
	const char *label = NULL;
	struct row_parts p;
	char key[64];

	for (size_t i = 0; i < sizeof(stale) / sizeof(stale[0]); i++) {
		long long v;

		snprintf(key, sizeof(key), "units_%s", stale[i].key);
		v = scenario_count(s, units ? key : stale[i].key);
		if (v > k) {
			k = v;
			label = stale[i].label;
		}
	}
	if (label) {
		add(e, "# answer: %s: unsafe here (%s %lld/%lld)", s->name,
		    label, k, n);
		return ANS_UNSAFE;
	}
	if (scenario_count(s, "reused_a") > 0) {
		add(e, "# answer: %s: unsafe here (accessed bits set in freed "
		    "page-table pages: %lld)", s->name,
		    scenario_count(s, "reused_a"));
		return ANS_UNSAFE;
	}
	if (s->verdict == KTAP_NOT_OK) {
		add(e, "# answer: %s: failed here (not ok: see the row's "
		    "diagnostics)", s->name);
		return ANS_FAILED;
	}
	if (caching_emulated(r)) {
		add(e, "# answer: %s: cannot tell here (no paging-structure "
		    "caches under TCG)", s->name);
		return ANS_CANNOT;
	}
	if (ev_row_parts(src, s->name, &p) && !ev_parts_shown(&p)) {
		if (!strcmp(p.twin, s->name))
			add(e, "# answer: %s: cannot tell here (it showed no "
			    "stale entry)", s->name);
		else
			add(e, "# answer: %s: cannot tell here (the twin %s "
			    "showed no stale entry)", s->name, p.twin);
		return ANS_CANNOT;
	}
	if (!p.twin && !c->seen) {
		add(e, "# answer: %s: cannot tell here (no twin ran and no row "
		    "showed caching)", s->name);
		return ANS_CANNOT;
	}
	add(e, "# answer: %s: safe here (%lld collapses, none stale: rate < "
	    PCT_MARK "%%)", s->name, n);
	return ANS_SAFE;
}

static void linux_rows(struct expected *e, const struct run *r,
		       const struct caching *c, const struct ev_src *src,
		       bool *skipped, int *count)
{
	char list[LINE_MAX_LEN - 64];
	size_t nskip = 0;

	for (size_t i = 0; i < r->nsc; i++) {
		const struct scenario *s = &r->sc[i];

		skipped[i] = false;
		if (strncmp(s->name, "linux.", 6) || s->verdict == KTAP_MISSING)
			continue;
		if (!row_ran(s)) {
			skipped[i] = true;
			nskip++;
			continue;
		}
		count[linux_row(e, r, c, src, s)]++;
	}
	if (!nskip)
		return;
	row_list(list, sizeof(list), r, skipped);
	add(e, "# answer: Linux variants not run here (%s)", list);
}

static void verdict(struct expected *e, const struct run *r,
		    const struct caching *c, const int *count)
{
	char head[LINE_MAX_LEN / 2], tail[LINE_MAX_LEN / 4] = "";
	const char *first = NULL;
	size_t failed = 0;

	for (size_t i = 0; i < r->nsc; i++)
		if (r->sc[i].verdict == KTAP_NOT_OK && r->sc[i].has_result &&
		    !failed++)
			first = r->sc[i].name;
	if (strcmp(r->done_verdict, "pass"))
		snprintf(head, sizeof(head), "fail: %zu row%s failed%s%s", failed,
			 failed == 1 ? "" : "s", first ? ", first " : "",
			 first ? first : "");
	else if (c->inconclusive)
		snprintf(head, sizeof(head), "pass, but %zu results say nothing "
			 "on this machine (inconclusive)", c->inconclusive);
	else
		snprintf(head, sizeof(head), "pass: no row failed");
	if (count[ANS_FAILED])
		snprintf(tail, sizeof(tail), ", %d failed", count[ANS_FAILED]);
	add(e, "# answer: verdict: %s; Linux variants here: %d safe, %d unsafe, "
	    "%d cannot tell%s", head, count[ANS_SAFE], count[ANS_UNSAFE],
	    count[ANS_CANNOT], tail);
}

/* The line's bound against the zero bound over n, to its printed precision. */
static bool bound_matches(const char *got, const char *want_line)
{
	const char *mark = strstr(want_line, PCT_MARK);
	const char *end, *dot;
	long long n;
	double v, lo, hi, tol;
	char *stop;

	if (!mark || strncmp(got, want_line, (size_t)(mark - want_line)))
		return false;
	got += mark - want_line;
	end = strstr(got, "%)");
	if (!end || strcmp(end, mark + 1) || !strchr("0123456789", *got))
		return false;
	v = strtod(got, &stop);
	if (stop != end)
		return false;
	dot = memchr(got, '.', (size_t)(end - got));
	tol = 0.5 * pow(10, dot ? -(double)(end - dot - 1) : 0) * 1.001;
	if (sscanf(want_line + strlen("# answer: "), "%*[^(](%lld", &n) != 1)
		return false;
	cp_bounds(0, n, &lo, &hi);
	return fabs(v - 100 * hi) <= tol;
}

static const struct log_line *line_at(const struct run *r, size_t lineno)
{
	for (size_t i = 0; i < r->nlines; i++)
		if (r->lines[i].lineno == lineno)
			return &r->lines[i];
	return NULL;
}

static void bad(struct answer_verdict *v, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void bad(struct answer_verdict *v, size_t line, const char *fmt, ...)
{
	va_list ap;

	if (v->bad)
		return;
	v->bad = true;
	v->line = line;
	va_start(ap, fmt);
	vsnprintf(v->why, sizeof(v->why), fmt, ap);
	va_end(ap);
}

static void compare(const struct run *r,
		    const struct expected *e, long long declared,
		    struct answer_verdict *v)
{
	size_t got = 0;

	for (size_t i = 0; i < r->nlines; i++) {
		const struct log_line *ln = &r->lines[i];
		const char *t = ln->text + strspn(ln->text, " ");
		const char *want;

		if (ln->lineno <= r->header_line || ln->lineno >= r->done_line ||
		    strncmp(t, "# answer:", 9))
			continue;
		want = got < e->n ? e->line[got] : NULL;
		got++;
		if (!want)
			bad(v, ln->lineno, "an answer line more than the results give");
		else if (strcmp(t, want) && !bound_matches(t, want))
			bad(v, ln->lineno, "the results give '%.*s%s'", (int)
			    strcspn(want, PCT_MARK), want,
			    strstr(want, PCT_MARK) ? "...%)" : "");
	}
	if (got < e->n)
		bad(v, r->done_line, "%zu answer lines, the results give %zu",
		    got, e->n);
	else if (declared >= 0 && (size_t)declared != got)
		bad(v, r->done_line, "the done marker says answer=%lld, the log "
		    "has %zu answer lines", declared, got);
	v->present = got || declared >= 0;
}

void answer_check(const struct run *r,
		  const struct caching *c, struct answer_verdict *v)
{
	const struct log_line *done = line_at(r, r->done_line);
	const char *at = done ? strstr(done->text, " answer=") : NULL;
	long long declared = at ? strtoll(at + 8, NULL, 10) : -1;
	struct expected *e = calloc(1, sizeof(*e));
	bool *in = calloc(r->nsc + 1, sizeof(*in));
	int count[ANS_NR] = { 0 };
	struct ev_src src;
	size_t i;

	memset(v, 0, sizeof(*v));
	if (!e || !in) {
		bad(v, r->done_line, "out of memory");
		goto out;
	}
	for (i = 0; i < r->nlines; i++)
		if (r->lines[i].lineno > r->header_line &&
		    r->lines[i].lineno < r->done_line &&
		    !strncmp(r->lines[i].text, "# answer:", 9))
			break;
	if (i == r->nlines && declared < 0)
		goto out;	/* a kernel from before the answer block */
	caching_src(r, &src);
	caches(e, r, &src, in);
	linux_rows(e, r, c, &src, in, count);
	verdict(e, r, c, count);
	compare(r, e, declared, v);
out:
	free(e);
	free(in);
}
