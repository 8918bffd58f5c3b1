/* SPDX-License-Identifier: MIT */
/*
 * Architectural violations: an outcome the MMU model (docs/model.md) does
 * not allow for the run's vendor, read from profiles/model-allowed.table.
 * Unlike a profile, this is not a choice of what to expect: the SDM or the
 * APM forbids it, whatever the scenario's class says.
 */
#ifndef CHECKER_ARCH_H
#define CHECKER_ARCH_H

#include "judge.h"

#define ARCH_KIND "architectural violation"

/* "intel", "amd", "tcg" (or the model's own vendor), NULL: unknown. */
const char *arch_vendor(const struct run *r);
/*
 * Adds a problem (kind ARCH_KIND) per outcome outside the model's allowed
 * set.  Returns false, with a reason in why, when it could not judge
 * (no table, a vendor the model does not know).
 */
bool arch_judge(const struct run *r, struct judgement *j, char *why,
		size_t whylen);

/*
 * Why the architecture forbids what (an outcome key) in s on vendor: the
 * flush's reach and the manuals' sections (arch_rule.c).  The text lives
 * until the next call.
 */
const char *arch_rule(const char *vendor, const struct scenario *s,
		      const char *what);

#endif
