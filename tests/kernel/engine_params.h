/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_ENGINE_PARAMS_H
#define TLBPROBE_ENGINE_PARAMS_H

/*
 * The rows' parameters as their "# result:" lines state them
 * (docs/log-format.md, "Parameters"): the words for the families' own
 * row data, and the scenario.params functions of the families that share
 * an engine.
 */
#include "harness/scenario.h"
#include "mm/flush.h"

const char *level_param(enum pt_level level);
/* flush= and flush_at= of a flush of kind (outside: not the region's). */
void flush_params(struct row_params *p, enum flush_kind kind, bool outside);

void collapse_params(const struct scenario *s, struct row_params *p);
void split_params(const struct scenario *s, struct row_params *p);

#endif
