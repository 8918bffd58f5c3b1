// SPDX-License-Identifier: MIT
/*
 * The collapse and split rows' parameters, from their row data
 * (collapse.h, split.h), for the "# result:" line: the checker selects
 * and cites by these keys, never by a row's name.
 */
#include "tests/kernel/engine_params.h"
#include "tests/kernel/collapse.h"
#include "tests/kernel/split.h"

static const char *const level_names[] = {
	[PT_LEVEL_PTE] = "pte", [PT_LEVEL_PMD] = "pmd",
	[PT_LEVEL_PUD] = "pud", [PT_LEVEL_PGD] = "pgd",
};

static const char *const warm_names[] = {
	[WARM_PLAIN] = "plain", [WARM_LINUX] = "linux",
};

static const char *const reuse_names[] = {
	[REUSE_CANARY] = "canary", [REUSE_ZERO] = "zero", [REUSE_RSVD] = "rsvd",
	[REUSE_DATA] = "data", [REUSE_DATA_P] = "data_p",
};

static const char *const at_names[] = {
	[FLUSH_AT_NONE] = NULL, [FLUSH_AT_FIRST] = "first",
	[FLUSH_AT_LAST] = "last", [FLUSH_AT_EACH] = "each",
	[FLUSH_AT_EACH_PMD] = "each_pmd",
};

const char *level_param(enum pt_level level)
{
	return level_names[level];
}

void flush_params(struct row_params *p, enum flush_kind kind, bool outside)
{
	p->flush = flush_name(kind);
	p->flush_at = outside ? "outside" : at_names[flush_scope(kind)->at];
}

void collapse_params(const struct scenario *s, struct row_params *p)
{
	const struct collapse_param *cp = s->param;

	p->level = level_param(cp->level);
	flush_params(p, cp->flush, cp->flush_outside);
	p->warm = warm_names[cp->warm];
	p->reuse = reuse_names[cp->reuse];
	p->global = cp->global;
	p->pcid = cp->pcid;
	p->tce = cp->tce;
	p->revert = cp->revert;
	p->cpus = 1;
}

void split_params(const struct scenario *s, struct row_params *p)
{
	const struct split_param *sp = s->param;

	p->level = level_param(sp->level);
	flush_params(p, sp->flush, false);
	p->global = sp->global;
	p->inplace = sp->inplace;
	p->cpus = 1;
}
