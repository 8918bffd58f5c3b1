/* SPDX-License-Identifier: MIT */
/*
 * Is a finished run the one the kernel printed?  The checksums on the
 * "# result:" lines and the done marker, the done marker's digest, and the
 * run's arithmetic: counts against probes=, plans against results, totals
 * against results, families against their scenarios, unique names
 * (docs/log-format.md, "Integrity").  Each failure is a malformed line of
 * the run, so the log is status 2 and the message names the line.
 */
#ifndef CHECKER_INTEGRITY_H
#define CHECKER_INTEGRITY_H

#include "ktap.h"

/* r's lines (header to done marker) are r->lines; problems go to r->errors. */
void integrity_check(struct run *r);

#endif
