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

size_t get_scenario(struct log_doc *d, struct run *r, const char *name)
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

char *trimmed(struct arena *ar, const char *s, size_t n)
{
	while (n && *s == ' ')
		s++, n--;
	while (n && s[n - 1] == ' ')
		n--;
	return arena_strndup(ar, s, n);
}
