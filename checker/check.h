/* SPDX-License-Identifier: MIT */
/* Reading one log, picking its run and judging it: shared by check and report. */
#ifndef CHECKER_CHECK_H
#define CHECKER_CHECK_H

#include <stdio.h>

#include "judge.h"
#include "caching.h"
#include "answer_check.h"

enum {
	EXIT_MATCH = 0,		/* the run matches the profile */
	EXIT_OUTSIDE = 1,	/* a result outside the profile */
	EXIT_INCOMPLETE = 2,	/* no header, no done marker, malformed */
	EXIT_USAGE = 3,
};

struct checked_log {
	const char *path;
	struct log_doc doc;
	const struct run *run;	/* the judged run, or the last incomplete one */
	bool complete;
	struct profile pf;
	bool have_pf;
	struct judgement j;
	bool judged;
	char arch_note[512];	/* why no architectural check ran, or "" */
	int status;
	/* Whether the machine could show the bug (caching.h). */
	struct caching caching;
	/*
	 * The run matches the profile (status 0) but results in it say
	 * nothing here: the summary says INCONCLUSIVE, never PASS.
	 */
	bool inconclusive;
	/*
	 * An earlier complete run whose kernel verdict was fail, or NULL: a
	 * reboot (on_done=reboot, a lab that power-cycles) must not let a
	 * later pass hide it, so it makes the log FAIL (status 1).
	 */
	const struct run *failed_run;
	/* The answer block against the results (answer_check.h). */
	struct answer_verdict answer;
};

/* "pass", "inconclusive", "FAIL" or "incomplete" for people. */
const char *checked_log_status_name(const struct checked_log *cl);

/*
 * Reads path and judges it against profile ("auto": by the run's accel=).
 * Returns 0, or EXIT_USAGE with err set when the log or the profile cannot
 * be read; a log that can be read always gets a status.
 */
int checked_log_open(struct checked_log *cl, const char *path,
		     const char *profile, char *err, size_t errlen);
void checked_log_close(struct checked_log *cl);

/* The profile "auto" picks for an env accel= value. */
const char *auto_profile(const struct run *r);

/* Human-readable findings, each naming the log line. */
void checked_log_print(FILE *f, const struct checked_log *cl);

#endif
