/* SPDX-License-Identifier: MIT */
/*
 * What a test-report consumer (JUnit, TAP) is told about one scenario of
 * the judged run: failed (a result outside the profile), inconclusive (it
 * says nothing on this machine: caching.h), skipped or passed, and why.
 * Inconclusive goes out as a skip, so that no consumer counts it a pass.
 */
#ifndef CHECKER_ROW_VIEW_H
#define CHECKER_ROW_VIEW_H

#include "check.h"

enum row_kind { ROW_PASS, ROW_FAIL, ROW_SKIP, ROW_INCONCLUSIVE };

struct row_view {
	enum row_kind kind;
	const struct problem *first;	/* ROW_FAIL: its first problem */
	char why[320];			/* SKIP/INCONCLUSIVE: the reason */
};

void row_view(const struct checked_log *cl, size_t i, struct row_view *v);
/* The first problem of scenario idx (1-based), or NULL. */
const struct problem *row_first_problem(const struct judgement *j, size_t idx);
/* As check.c prints a problem: the log line, the rule, what was seen. */
void row_problem_text(const struct checked_log *cl, const struct problem *p,
		      char *buf, size_t len);
/* A row's elapsed_ms= (iters=auto rows), or -1 where the log has none. */
long long row_elapsed_ms(const struct scenario *s);

#endif
