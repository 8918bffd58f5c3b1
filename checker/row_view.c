// SPDX-License-Identifier: MIT
/* One scenario as a test-report consumer sees it (row_view.h). */
#include "row_view.h"
#include "caching.h"

#include <stdio.h>
#include <string.h>

const struct problem *row_first_problem(const struct judgement *j, size_t idx)
{
	for (size_t i = 0; i < j->n; i++)
		if (j->p[i].scenario == idx)
			return &j->p[i];
	return NULL;
}

void row_problem_text(const struct checked_log *cl, const struct problem *p,
		      char *buf, size_t len)
{
	char where[32];

	if (p->kind) {
		snprintf(buf, len, "%s:%zu: %s: expected %s [%s], observed %s",
			 cl->path, p->log_line, p->name, p->expected, p->kind,
			 p->observed);
		return;
	}
	if (p->rule_line)
		snprintf(where, sizeof(where), ":%zu", p->rule_line);
	else
		snprintf(where, sizeof(where), ", default");
	snprintf(buf, len, "%s:%zu: %s: expected %s (%s%s), observed %s",
		 cl->path, p->log_line, p->name, p->expected, cl->pf.path,
		 where, p->observed);
}

/* Why an inconclusive row says nothing: its own words, its twin, the run. */
static void inconclusive_why(const struct checked_log *cl,
			     const struct scenario *s, char *buf, size_t len)
{
	struct row_parts p;
	char text[256];

	if (s->directive && !strncmp(s->directive, "SKIP inconclusive", 17)) {
		snprintf(buf, len, "%s", s->directive + 5);
		return;
	}
	if (caching_row_parts(cl->run, s, &p) && p.twin) {
		snprintf(buf, len, "inconclusive: the twin %s showed no stale entry",
			 p.twin);
		return;
	}
	caching_text(&cl->caching, text, sizeof(text));
	snprintf(buf, len, "%s%s", strncmp(text, "inconclusive", 12) ?
		 "inconclusive: " : "", text);
}

void row_view(const struct checked_log *cl, size_t i, struct row_view *v)
{
	const struct scenario *s = &cl->run->sc[i];

	memset(v, 0, sizeof(*v));
	v->first = row_first_problem(&cl->j, i + 1);
	if (v->first) {
		v->kind = ROW_FAIL;
	} else if (caching_scenario_inconclusive(&cl->caching, cl->run, s)) {
		v->kind = ROW_INCONCLUSIVE;
		inconclusive_why(cl, s, v->why, sizeof(v->why));
	} else if (s->verdict == KTAP_SKIP) {
		v->kind = ROW_SKIP;
		snprintf(v->why, sizeof(v->why), "%s",
			 s->directive ? s->directive : "SKIP");
	} else {
		v->kind = ROW_PASS;
	}
}

long long row_elapsed_ms(const struct scenario *s)
{
	const struct kv *k = kv_find(&s->counts, "elapsed_ms");

	return k && k->is_num && k->num >= 0 ? k->num : -1;
}
