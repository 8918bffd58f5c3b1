/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_STRUTIL_H
#define TLBPROBE_STRUTIL_H

#include "kernel/types.h"

/* The two string tests the kernel needs; there is no libc to ask. */
static inline bool str_starts_with(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return false;
	return true;
}

static inline bool str_eq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

#endif
