// SPDX-License-Identifier: MIT
/*
 * The parts of a run that the parser builds line by line (ktap_parse.h):
 * its scenarios, found by name or created on first mention, and the lines
 * kept for messages.
 */
#include "ktap_parse.h"

#include <stdarg.h>
#include <stdio.h>

void add_diag(struct arena *ar, struct diag_list *l, size_t lineno,
	      const char *text)
{
	while (*text == ' ')
		text++;		/* the nesting says nothing once out of context */
	ARENA_GROW(ar, l->v, l->n, l->cap);
	l->v[l->n].lineno = lineno;
	l->v[l->n].text = text;
	l->n++;
}

void add_msg(struct arena *ar, struct diag_list *l, size_t lineno,
	     const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	add_diag(ar, l, lineno, arena_strdup(ar, buf));
}

size_t find_scenario(const struct run *r, const char *name)
{
	size_t i;

	for (i = r->nsc; i-- > 0;)
		if (strcmp(r->sc[i].name, name) == 0)
			return i + 1;
	return 0;
}

size_t get_scenario(struct run *r, const char *name)
{
	size_t idx = find_scenario(r, name);
	const char *dot = strchr(name, '.');
	struct scenario *s;

	if (idx)
		return idx;
	ARENA_GROW(&r->ar, r->sc, r->nsc, r->capsc);
	s = &r->sc[r->nsc];
	memset(s, 0, sizeof(*s));
	s->name = arena_strdup(&r->ar, name);
	if (dot)
		s->family = arena_strndup(&r->ar, name, (size_t)(dot - name));
	else
		s->family = r->cur_family ? r->cur_family : "";
	return ++r->nsc;
}

char *trimmed(struct arena *ar, const char *s, size_t n)
{
	while (n && *s == ' ')
		s++, n--;
	while (n && s[n - 1] == ' ')
		n--;
	return arena_strndup(ar, s, n);
}

static const char *keep_str(struct arena *ar, const char *s)
{
	return s ? arena_strdup(ar, s) : NULL;
}

void run_summarize(struct log_doc *d, struct run *r)
{
	struct scenario last = { 0 };
	struct run sum = { 0 };

	if (r->summary)
		return;
	if (r->last_start) {
		const struct scenario *s = &r->sc[r->last_start - 1];

		last.name = keep_str(&d->ar, s->name);
		last.family = keep_str(&d->ar, s->family);
		last.class = keep_str(&d->ar, s->class);
		last.directive = keep_str(&d->ar, s->directive);
		last.verdict = s->verdict;
		last.aborted = s->aborted;
		last.has_result = s->has_result;
		last.start_line = s->start_line;
		last.result_line = s->result_line;
		last.verdict_line = s->verdict_line;
	}
	sum.summary = true;
	sum.index = r->index;
	sum.header_line = r->header_line;
	sum.last_line = r->last_line;
	sum.done = r->done;
	sum.done_verdict = keep_str(&d->ar, r->done_verdict);
	sum.done_line = r->done_line;
	sum.totals_line = r->totals_line;
	sum.plan = r->plan;
	sum.noise_lines = r->noise_lines;
	sum.abort.lineno = r->abort.lineno;
	sum.abort.text = keep_str(&d->ar, r->abort.text);
	sum.fatal.lineno = r->fatal.lineno;
	sum.fatal.text = keep_str(&d->ar, r->fatal.text);
	if (last.name) {
		sum.sc = arena_alloc(&d->ar, sizeof(*sum.sc));
		sum.sc[0] = last;
		sum.nsc = sum.capsc = 1;
		sum.last_start = 1;
	}
	arena_free(&r->ar);
	*r = sum;
}
