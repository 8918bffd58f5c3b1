/* SPDX-License-Identifier: MIT */
#ifndef CHECKER_PARAMS_H
#define CHECKER_PARAMS_H

/*
 * A row's parameters (docs/log-format.md, "Parameters"): what the checker
 * selects rules by (docs/checker.md, "Profiles") and cites the manuals
 * by, never the row's name.
 */
#include "ktap.h"

/*
 * The value of key for s: from its "# result:" line; for a log whose
 * result lines carry no parameters (a kernel from before them), from the
 * known names (legacy_params.c).  NULL when the row has no such parameter,
 * or no result line (a skipped row states nothing).
 */
const char *scenario_param(const struct scenario *s, const char *key);
/* Whether key is one of kernel/row_params.def's keys. */
bool param_key_known(const char *key);
/* The keys, ", "-separated, for messages. */
const char *param_keys(void);

#endif
