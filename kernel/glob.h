/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_GLOB_H
#define TLBPROBE_GLOB_H

#include "kernel/types.h"

/* '*' matches any run of characters, '?' one character. */
bool glob_match(const char *pat, const char *s);
/* Any of the comma-separated patterns in list matches s. */
bool glob_match_list(const char *list, const char *s);

#endif
