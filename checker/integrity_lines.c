// SPDX-License-Identifier: MIT
/*
 * The line walk of the integrity check (integrity_walk.h): the CRC-32 on
 * each sealed line, the done marker's digest over the result, plan,
 * subtest and totals lines, result numbers in order, nested plans against
 * their families, and every name given once.  A serial line drops, flips
 * and repeats bytes; each of those shows up here as a malformed line.
 */
#include "integrity_walk.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void damage(struct walk *w, size_t lineno, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ARENA_GROW(&w->r->ar, w->r->errors.v, w->r->errors.n, w->r->errors.cap);
	w->r->errors.v[w->r->errors.n].lineno = lineno;
	w->r->errors.v[w->r->errors.n].text = arena_strdup(&w->r->ar, buf);
	w->r->errors.n++;
}

long long count_at(const char *s, const char **end)
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
		kv_parse(&w->r->ar, t + 9, &f);
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

size_t first_after(const struct run *r, size_t lineno)
{
	size_t lo = 0, hi = r->nlines;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (r->lines[mid].lineno <= lineno)
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
bool run_is_sealed(const struct run *r)
{
	size_t i;

	for (i = first_after(r, r->header_line); i < r->nlines; i++) {
		const struct log_line *ln = &r->lines[i];

		if (ln->lineno > r->done_line)
			break;
		if (strstr(ln->text, " crc=") || strstr(ln->text, " digest=") ||
		    strstr(ln->text, " seal="))
			return true;
	}
	return false;
}

void walk_lines(struct walk *w)
{
	const struct run *r = w->r;
	size_t i;

	for (i = first_after(r, r->header_line); i < r->nlines; i++) {
		const struct log_line *ln = &r->lines[i];

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

