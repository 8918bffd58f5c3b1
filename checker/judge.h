/* SPDX-License-Identifier: MIT */
/* Judging one run against a profile. */
#ifndef CHECKER_JUDGE_H
#define CHECKER_JUDGE_H

#include "ktap.h"
#include "profile.h"

struct problem {
	size_t scenario;	/* index + 1 into run->sc; 0: none (require) */
	const char *name;
	/* NULL: outside the profile; else what else it is (arch.h). */
	const char *kind;
	char expected[256];
	char observed[192];
	size_t rule_line;	/* the profile line that asked for it */
	size_t log_line;	/* where the log shows it */
};

/*
 * Worth saying about a scenario, never a failure: an outcome the manuals
 * leave undefined, a row that cannot show what it looks for on this
 * vendor (arch.c).
 */
struct arch_note {
	size_t scenario;	/* index + 1 into run->sc */
	size_t log_line;
	char text[256];
};

struct judgement {
	struct problem *p;
	size_t n;
	size_t cap;
	struct arch_note *notes;
	size_t nnotes;
	size_t capnotes;
	bool *sc_failed;	/* one per scenario of the run */
};

void judge_run(const struct profile *pf, const struct run *r,
	       struct judgement *j);
void judgement_free(struct judgement *j);

/* "ok", "not-ok", "skip", "missing" or "abort" (abort wins). */
const char *scenario_result(const struct scenario *s);

#endif
