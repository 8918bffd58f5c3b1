/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_ANSWER_H
#define TLBPROBE_ANSWER_H

/*
 * The answer block (docs/log-format.md, "Answer"): a few "# answer:"
 * lines before "# totals:" that answer a person's questions from the
 * evidence: which caches this machine showed, which Linux flush variant
 * is safe here, and the verdict.  Per row it decides, by the rule the
 * checker uses (harness/evidence.h), whether a correctness row's pass
 * says anything here; the checker rebuilds the block and fails a log
 * whose block says otherwise (checker/answer_check.c).
 */
#include "kernel/report.h"

/* A finished row, as its result line states it (status: the table's). */
void answer_add(const char *name, enum sclass cls, const char *status,
		const struct scen_result *r);
/* The machine-wide evidence over the rows so far (harness/evidence.h). */
void answer_caching(int *witnesses, int *seen, const char **first);
/*
 * Whether the correctness row name passed and says nothing here: its
 * twin showed no stale entry, or it has none and no row showed caching.
 * Never under TCG, where the rows check the flush mechanics only.
 */
bool answer_says_nothing(const char *name);
/* How many rows so far do. */
int answer_says_nothing_count(void);
/*
 * The block, with the run's inconclusive count and verdict; returns its
 * number of lines (the done marker's answer=).
 */
int answer_print(int inconclusive, bool ok);

#endif
