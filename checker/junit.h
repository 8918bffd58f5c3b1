/* SPDX-License-Identifier: MIT */
/*
 * JUnit XML for CI systems that show it natively (GitLab, Jenkins): one
 * <testcase> per scenario of the judged run, grouped in one <testsuite>
 * per family; a skipped scenario is <skipped>, a result outside the
 * profile is <failure> with the checker's message; an incomplete or
 * damaged log is one <testcase name="log"> with an <error>.
 */
#ifndef CHECKER_JUNIT_H
#define CHECKER_JUNIT_H

#include "check.h"

/* Returns 0, or -1 with errno set when path cannot be written. */
int junit_write(const char *path, const struct checked_log *cl);

#endif
