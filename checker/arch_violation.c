// SPDX-License-Identifier: MIT
/*
 * One architectural finding: what the row showed in a category, against
 * what the model's table allows there, with the rule it breaks
 * (arch_rule.c).  Shared by every judge of the architectural check.
 */
#include "arch_internal.h"

#include <stdio.h>
#include <string.h>

void arch_violation_in(struct judgement *j, size_t idx,
			 const struct scenario *s, const char *vendor,
			 const char *cat, size_t line, const char *what,
			 long long n)
{
	struct problem *p;
	char list[96];

	HEAP_GROW(j->p, j->n, j->cap);
	p = &j->p[j->n++];
	memset(p, 0, sizeof(*p));
	p->scenario = idx;
	p->name = s->name;
	p->kind = ARCH_KIND;
	p->log_line = line;
	j->sc_failed[idx - 1] = true;
	arch_allowed_list(vendor, s->name, cat, list, sizeof(list));
	if (strcmp(cat, "*"))
		snprintf(p->expected, sizeof(p->expected),
			 "only %s in category %s on %s: %s", list, cat, vendor,
			 arch_rule(vendor, s, what));
	else
		snprintf(p->expected, sizeof(p->expected), "only %s on %s: %s",
			 list, vendor, arch_rule(vendor, s, what));
	if (strcmp(cat, "*"))
		snprintf(p->observed, sizeof(p->observed), "cat=%s %s=%lld", cat,
			 what, n);
	else
		snprintf(p->observed, sizeof(p->observed), "%s=%lld", what, n);
}
