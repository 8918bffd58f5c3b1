/* SPDX-License-Identifier: MIT */
#ifndef CHECKER_LEGACY_PARAMS_H
#define CHECKER_LEGACY_PARAMS_H

#include <stddef.h>

/*
 * For logs from kernels that did not print the rows' parameters: the
 * parameters of a known row name ("level=pmd flush=invlpg ..."), or NULL.
 */
const char *legacy_params(const char *name);
/* The i-th name of the table, NULL past its end (for the host test). */
const char *legacy_params_name(size_t i);

#endif
