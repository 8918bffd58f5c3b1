/* SPDX-License-Identifier: MIT */
/*
 * The judged run as plain TAP, the plan on line 1, for TAP consumers that
 * cannot read the serial log itself: prove, Python's tap.py (which wants
 * the plan on the first line or right after "TAP version 13", where a
 * serial log has firmware output and "KTAP version 1"), CI plugins.  One test point
 * per scenario, in log order; a row that says nothing on this machine is
 * "ok N - NAME # SKIP inconclusive: WHY", never a bare ok; a result outside
 * the profile is "not ok" with the checker's messages as diagnostics; the
 * problems of no scenario (the error that ended a fatal run, a required
 * row that did not run) are test points after them; an incomplete or
 * damaged log is one "not ok" test point.
 */
#ifndef CHECKER_TAP_OUT_H
#define CHECKER_TAP_OUT_H

#include "check.h"

/* Returns 0, or -1 with errno set when path cannot be written. */
int tap_write(const char *path, const struct checked_log *cl);

#endif
