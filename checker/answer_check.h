/* SPDX-License-Identifier: MIT */
/*
 * The kernel's answer block (docs/log-format.md, "Answer") against the
 * results it answers from: the checker rebuilds every "# answer:" line
 * from the run's result lines by the same rule (harness/evidence.h) and
 * the same wording (kernel/answer.c), and a block that differs in any
 * line, or has another number of lines than the done marker's answer=,
 * fails the log.  The answer lines are not sealed; the results they are
 * rebuilt from are, so a damaged answer cannot pass either.
 */
#ifndef CHECKER_ANSWER_CHECK_H
#define CHECKER_ANSWER_CHECK_H

#include "caching.h"

struct answer_verdict {
	bool present;		/* the run has an answer block or answer= */
	bool bad;
	size_t line;		/* where it first differs */
	char why[512];
};

/* r's own lines (struct run) hold the block. */
void answer_check(const struct run *r, const struct caching *c,
		  struct answer_verdict *v);

#endif
