// SPDX-License-Identifier: MIT
#include "kernel/glob.h"

static bool match_n(const char *p, const char *pend, const char *s)
{
	const char *star_p = NULL, *star_s = NULL;

	/* Iterative with one backtrack point: linear enough for test names. */
	while (*s) {
		if (p < pend && (*p == '?' || *p == *s)) {
			p++;
			s++;
		} else if (p < pend && *p == '*') {
			star_p = ++p;
			star_s = s;
		} else if (star_p) {
			p = star_p;
			s = ++star_s;
		} else {
			return false;
		}
	}
	while (p < pend && *p == '*')
		p++;
	return p == pend;
}

bool glob_match(const char *pat, const char *s)
{
	const char *end = pat;

	while (*end)
		end++;
	return match_n(pat, end, s);
}

bool glob_match_list(const char *list, const char *s)
{
	const char *start = list, *end;

	for (;;) {
		for (end = start; *end && *end != ','; end++)
			;
		if (end > start && match_n(start, end, s))
			return true;
		if (!*end)
			return false;
		start = end + 1;
	}
}
