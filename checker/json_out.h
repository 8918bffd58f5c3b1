/* SPDX-License-Identifier: MIT */
/* The judged run as JSON (schema in docs/checker.md). */
#ifndef CHECKER_JSON_OUT_H
#define CHECKER_JSON_OUT_H

#include <jansson.h>

#include "judge.h"
#include "caching.h"

struct check_result {
	const char *log_path;
	const struct log_doc *doc;
	const struct run *run;		/* judged run; or the last, incomplete one */
	const struct profile *pf;	/* NULL when the run could not be judged */
	const struct judgement *j;	/* NULL likewise */
	int status;			/* the exit status */
	const struct caching *caching;	/* NULL when the run could not be judged */
	/* What the architectural check says of itself (ambiguous rows, ...), or "". */
	const char *arch_note;
};

json_t *check_result_json(const struct check_result *res);

#endif
