// SPDX-License-Identifier: MIT
/*
 * Profile parsing.  One statement a line, '#' starts a comment:
 *
 *   name NAME
 *   require GLOB...
 *   SELECTOR... : CONSTRAINT...
 *
 * Errors name the profile's line, so a typo cannot silently loosen a check.
 */
#include "profile.h"

#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "params.h"

/* The outcome vocabulary is the kernel's (kernel/outcomes.def). */
const char *const noncoherent_outcomes[] = {
#define OUTCOME(id, key, noncoherent, split, rank, cell, label, psc, model, always) \
	NONCOHERENT_##noncoherent(#key)
#define NONCOHERENT_0(key)
#define NONCOHERENT_1(key) key,
#include "../kernel/outcomes.def"
#undef OUTCOME
};
const size_t nr_noncoherent_outcomes =
	sizeof(noncoherent_outcomes) / sizeof(noncoherent_outcomes[0]);

/* "stale_tlb, stale_walk, ... or none", for messages (past the ", "). */
#define OUTCOME(id, key, noncoherent, split, rank, cell, label, psc, model, always) \
	NONCOHERENT_TEXT_##noncoherent(#key)
#define NONCOHERENT_TEXT_0(key)
#define NONCOHERENT_TEXT_1(key) ", " key
static const char may_values[] = ""
#include "../kernel/outcomes.def"
	" or none";
#undef OUTCOME

struct parser {
	struct profile *pf;
	const char *path;
	size_t line;
	char *err;
	size_t errlen;
};

static int __attribute__((format(printf, 2, 3)))
perr(struct parser *p, const char *fmt, ...)
{
	size_t n;
	va_list ap;

	n = (size_t)snprintf(p->err, p->errlen, "%s:%zu: ", p->path, p->line);
	if (n < p->errlen) {
		va_start(ap, fmt);
		vsnprintf(p->err + n, p->errlen - n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static void add_item(struct arena *ar, struct str_list *l, const char *s)
{
	ARENA_GROW(ar, l->v, l->n, l->cap);
	l->v[l->n++] = s;
}

/* Appends the items of a comma-separated list, empty ones dropped. */
static void add_list(struct arena *ar, struct str_list *l, const char *s)
{
	size_t i;

	while (*s) {
		for (i = 0; s[i] && s[i] != ','; i++)
			;
		if (i)
			add_item(ar, l, arena_strndup(ar, s, i));
		s += i + (s[i] == ',');
	}
}

static bool is_key(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '_'))
			return false;
	return true;
}

static bool is_noncoherent(const char *s)
{
	size_t i;

	for (i = 0; i < nr_noncoherent_outcomes; i++)
		if (!strcmp(s, noncoherent_outcomes[i]))
			return true;
	return false;
}

static int parse_result_mask(struct parser *p, const struct str_list *l,
			     unsigned int *mask)
{
	static const struct {
		const char *name;
		unsigned int bit;
	} names[] = {
		{ "ok", RES_OK }, { "not-ok", RES_NOT_OK }, { "skip", RES_SKIP },
		{ "missing", RES_MISSING }, { "abort", RES_ABORT },
		{ "inconclusive", RES_INCONCLUSIVE },
	};
	size_t i, k;

	*mask = 0;
	for (i = 0; i < l->n; i++) {
		for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
			if (!strcmp(l->v[i], names[k].name))
				break;
		if (k == sizeof(names) / sizeof(names[0]))
			return perr(p, "result '%s': expected ok, not-ok, skip, missing, abort or inconclusive",
				    l->v[i]);
		*mask |= names[k].bit;
	}
	return l->n ? 0 : perr(p, "result needs a list");
}

/* The list after may/must/never: outcome or histogram key names. */
static int check_keys(struct parser *p, const char *kw, struct str_list *l)
{
	size_t i;

	if (!l->n)
		return perr(p, "'%s' needs a list", kw);
	for (i = 0; i < l->n; i++) {
		if (!strcmp(kw, "may") && !strcmp(l->v[i], "none") && l->n == 1) {
			l->n = 0;
			return 0;
		}
		if (!strcmp(kw, "may") ? !is_noncoherent(l->v[i]) : !is_key(l->v[i]))
			return perr(p, "%s: '%s' is not %s", kw, l->v[i],
				    !strcmp(kw, "may") ?
				    may_values + 2 :
				    "a histogram key");
	}
	return 0;
}

/* Parses the constraint starting at tok[*i]; advances *i past it. */
static int parse_constraint(struct parser *p, char **tok, size_t ntok,
			    size_t *i, struct constraint *c)
{
	const char *kw = tok[(*i)++];
	struct arena *ar = &p->pf->ar;

	memset(c, 0, sizeof(*c));
	if (!strcmp(kw, "must-coherent")) {
		c->kind = C_MUST_COHERENT;
		return 0;
	}
	if (!strcmp(kw, "any")) {
		c->kind = C_ANY;
		return 0;
	}
	if (strcmp(kw, "result") && strcmp(kw, "may") && strcmp(kw, "must") &&
	    strcmp(kw, "never"))
		return perr(p, "unknown constraint '%s'", kw);
	if (*i >= ntok)
		return perr(p, "'%s' needs a list", kw);
	add_list(ar, &c->list, tok[(*i)++]);
	if (!strcmp(kw, "result")) {
		c->kind = C_RESULT;
		return parse_result_mask(p, &c->list, &c->mask);
	}
	c->kind = !strcmp(kw, "may") ? C_MAY : !strcmp(kw, "must") ? C_MUST : C_NEVER;
	return check_keys(p, kw, &c->list);
}

/* "key=a,b" or "key!=a,b" with key a row parameter; 1 if t is not one. */
static int parse_param_sel(struct parser *p, struct rule *ru, const char *t)
{
	const char *eq = strchr(t, '=');
	struct arena *ar = &p->pf->ar;
	struct param_sel *ps;
	bool neg;

	if (!eq || eq == t || t[0] == '!')
		return 1;
	neg = eq[-1] == '!';
	ps = &ru->params[ru->nparams];
	ps->key = arena_strndup(ar, t, (size_t)(eq - t) - neg);
	if (!param_key_known(ps->key))
		return perr(p, "'%s': '%s' is not a row parameter (one of class, %s)",
			    t, ps->key, param_keys());
	ps->neg = neg;
	memset(&ps->values, 0, sizeof(ps->values));
	add_list(ar, &ps->values, eq + 1);
	if (!ps->values.n)
		return perr(p, "'%s' names no value", t);
	ru->nparams++;
	return 0;
}

static int parse_rule(struct parser *p, char **tok, size_t ntok, size_t colon,
		      const char *text)
{
	struct profile *pf = p->pf;
	struct arena *ar = &pf->ar;
	struct rule *ru;
	size_t i;

	if (colon == 0)
		return perr(p, "a rule needs a selector before ':' (use '*' for every scenario)");
	if (colon + 1 >= ntok)
		return perr(p, "a rule needs a constraint after ':'");
	ARENA_GROW(ar, pf->rules, pf->nrules, pf->caprules);
	ru = &pf->rules[pf->nrules];
	memset(ru, 0, sizeof(*ru));
	ru->line = p->line;
	ru->text = arena_strdup(ar, text);
	ru->params = arena_alloc(ar, colon * sizeof(*ru->params));
	for (i = 0; i < colon; i++) {
		const char *t = arena_strdup(ar, tok[i]);
		int rc;

		if (str_starts(t, "class!=") || str_starts(t, "class=")) {
			bool neg = t[5] == '!';
			struct str_list *l = neg ? &ru->not_classes : &ru->classes;
			size_t before = l->n;

			add_list(ar, l, t + (neg ? 7 : 6));
			if (l->n == before)
				return perr(p, "'%s' names no class", t);
		} else if ((rc = parse_param_sel(p, ru, t)) <= 0) {
			if (rc < 0)
				return rc;
		} else if (t[0] == '!' && !t[1]) {
			return perr(p, "'!' needs a glob");
		} else if (t[0] == '!')
			add_item(ar, &ru->not_names, t + 1);
		else
			add_item(ar, &ru->names, t);
	}
	ru->c = arena_alloc(ar, ntok * sizeof(*ru->c));
	for (i = colon + 1; i < ntok;)
		if (parse_constraint(p, tok, ntok, &i, &ru->c[ru->nc++]))
			return -1;
	pf->nrules++;
	return 0;
}

static int parse_require(struct parser *p, char **tok, size_t ntok)
{
	struct profile *pf = p->pf;
	size_t i;

	if (ntok < 2)
		return perr(p, "'require' needs at least one scenario glob");
	for (i = 1; i < ntok; i++) {
		ARENA_GROW(&pf->ar, pf->req, pf->nreq, pf->capreq);
		pf->req[pf->nreq].line = p->line;
		pf->req[pf->nreq].glob = arena_strdup(&pf->ar, tok[i]);
		pf->nreq++;
	}
	return 0;
}

static int parse_statement(struct parser *p, char **tok, size_t ntok,
			   const char *text)
{
	size_t i;

	for (i = 0; i < ntok; i++)
		if (!strcmp(tok[i], ":"))
			return parse_rule(p, tok, ntok, i, text);
	if (!strcmp(tok[0], "name") && ntok == 2) {
		p->pf->name = arena_strdup(&p->pf->ar, tok[1]);
		return 0;
	}
	if (!strcmp(tok[0], "require"))
		return parse_require(p, tok, ntok);
	return perr(p, "expected 'name NAME', 'require GLOB...' or 'SELECTOR... : CONSTRAINT...'");
}

/* Cuts line (modified in place) into blank-separated tokens, up to '#'. */
static size_t tokenize(char *line, char **tok, size_t max)
{
	size_t n = 0;
	char *s = line;

	for (;;) {
		while (*s == ' ' || *s == '\t' || *s == '\r')
			s++;
		if (!*s || *s == '#' || n == max)
			return n;
		tok[n++] = s;
		while (*s && *s != ' ' && *s != '\t' && *s != '\r')
			s++;
		if (*s)
			*s++ = '\0';
	}
}

int profile_parse(struct profile *pf, const char *text, const char *path,
		  char *err, size_t errlen)
{
	struct parser p = { pf, path, 0, err, errlen };
	char *copy = xstrdup(text), *line = copy, *tok[64];
	int ret = 0;

	memset(pf, 0, sizeof(*pf));
	pf->path = arena_strdup(&pf->ar, path);
	while (line && !ret) {
		char *nl = strchr(line, '\n'), *kept;
		size_t ntok;

		if (nl)
			*nl = '\0';
		p.line++;
		kept = arena_strdup(&pf->ar, line);
		ntok = tokenize(line, tok, sizeof(tok) / sizeof(tok[0]));
		if (ntok == sizeof(tok) / sizeof(tok[0]))
			ret = perr(&p, "too many words on one line");
		else if (ntok)
			ret = parse_statement(&p, tok, ntok, kept);
		line = nl ? nl + 1 : NULL;
	}
	free(copy);
	if (!ret && !pf->name)
		pf->name = pf->path;
	return ret;
}

void profile_free(struct profile *pf)
{
	arena_free(&pf->ar);
}

static bool any_match(const struct str_list *l, const char *s)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (fnmatch(l->v[i], s, 0) == 0)
			return true;
	return false;
}

/* A row without the parameter matches neither key= nor key!=. */
static bool params_match(const struct rule *ru, const struct scenario *s)
{
	for (size_t i = 0; i < ru->nparams; i++) {
		const struct param_sel *ps = &ru->params[i];
		const char *v = scenario_param(s, ps->key);

		if (!v || any_match(&ps->values, v) == ps->neg)
			return false;
	}
	return true;
}

/*
 * Name globs are alternatives, "!GLOB" excludes, class= and the row
 * parameters (key=) restrict; a scenario without a "# result:" line has
 * no class and no parameters, and matches no class= and no key=.
 */
bool rule_matches(const struct rule *ru, const struct scenario *s)
{
	const char *name = s->name, *class = s->class;

	if (!params_match(ru, s))
		return false;
	if (ru->names.n && !any_match(&ru->names, name))
		return false;
	if (any_match(&ru->not_names, name))
		return false;
	if (ru->classes.n && (!class || !any_match(&ru->classes, class)))
		return false;
	if (class && any_match(&ru->not_classes, class))
		return false;
	return true;
}
