// SPDX-License-Identifier: MIT
/*
 * The collapse rows' no-flush twin (docs/log-format.md, "Bounds"): found
 * among the registered rows by comparing their steps, not their names.
 */
#include "tests/kernel/collapse_iter.h"
#include "kernel/strutil.h"

static bool same_steps(const struct collapse_param *a,
		       const struct collapse_param *b)
{
	return a->level == b->level && a->warm == b->warm &&
	       a->reuse == b->reuse && a->global == b->global &&
	       a->pcid == b->pcid && a->tce == b->tce;
}

static const char *twin_in(const struct family *f, const struct scenario *s)
{
	const struct collapse_param *p = s->param, *q;

	for (size_t i = 0; i < f->count; i++) {
		if (f->scen[i].run != s->run)
			continue;
		q = f->scen[i].param;
		if (q->flush == FLUSH_NONE && !q->revert && !q->flush_outside &&
		    same_steps(p, q))
			return f->scen[i].name;
	}
	return NULL;
}

/*
 * The no-flush twin (docs/log-format.md, "Bounds"): the row with the same
 * steps and no flush, in the row's own family first.  How often it shows
 * a stale entry is how often this row's flush had one to remove.  NULL for
 * a row without a flush (it is its own twin), "" when none exists.
 */
const char *collapse_twin(const struct scenario *s)
{
	const struct collapse_param *p = s->param;
	const struct family *const *fam;
	const char *t = NULL;
	size_t n;

	if (p->flush == FLUSH_NONE && !p->revert && !p->flush_outside)
		return NULL;
	fam = families_all(&n);
	for (size_t i = 0; i < n && !t; i++)
		if (str_starts_with(s->name, fam[i]->name))
			t = twin_in(fam[i], s);
	for (size_t i = 0; i < n && !t; i++)
		t = twin_in(fam[i], s);
	return t ? t : "";
}
