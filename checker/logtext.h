/* SPDX-License-Identifier: MIT */
/*
 * A serial log as it really arrives, turned into clean text lines: line ends
 * of any flavour, terminal escapes, NULs and firmware mirroring removed.
 */
#ifndef CHECKER_LOGTEXT_H
#define CHECKER_LOGTEXT_H

#include "util.h"

struct log_line {
	size_t lineno;		/* physical line: counts '\n' as grep -n does */
	const char *text;	/* cleaned, valid UTF-8, no trailing blanks */
};

struct log_text {
	struct log_line *lines;
	size_t nlines;
	size_t cap;
	size_t physical_lines;
	size_t dups_dropped;	/* a line equal to the one before it */
	size_t nul_bytes;
	size_t escapes;		/* ANSI/VT escape sequences removed */
	bool truncated;		/* the data ended in the middle of a line */
};

void log_clean(struct arena *ar, const char *data, size_t len,
	       struct log_text *out);

#endif
