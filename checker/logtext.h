/* SPDX-License-Identifier: MIT */
/*
 * A serial log as it really arrives, turned into clean text lines: line ends
 * of any flavour, terminal escapes, NULs and firmware mirroring removed.
 * The lines stream out one by one, so a log of any size reads in the
 * memory of its longest line.
 */
#ifndef CHECKER_LOGTEXT_H
#define CHECKER_LOGTEXT_H

#include "util.h"

struct log_line {
	size_t lineno;		/* physical line: counts '\n' as grep -n does */
	const char *text;	/* cleaned, valid UTF-8, no trailing blanks */
};

struct log_text {
	size_t physical_lines;
	size_t dups_dropped;	/* a line equal to the one before it */
	size_t nul_bytes;
	size_t escapes;		/* ANSI/VT escape sequences removed */
	bool truncated;		/* the data ended in the middle of a line */
};

/*
 * Each clean line as it is found.  last: the final line of the data (the
 * line ends with the data when out->truncated).  text lives until the call
 * returns; a line is handed on only once the next one is known, so "last"
 * is exact.
 */
typedef void log_line_fn(void *ctx, const struct log_line *ln, bool last);

/*
 * The cleaner reads the data in pieces, each ending just after a '\n' (the
 * last piece may end anywhere): no escape sequence and no "\r\n" spans a
 * '\n', so the lines are the same as from the whole data at once.  Its
 * memory is the longest line, not the data.
 */
struct log_cleaner {
	struct log_text *out;
	log_line_fn *fn;
	void *ctx;
	char *buf;		/* the line being assembled */
	size_t len;
	size_t cap;
	size_t lineno;
	char *prev;		/* the last line kept, not handed on yet */
	size_t prev_len;
	size_t prev_cap;
	size_t prev_lineno;
	bool have_prev;
	size_t total;		/* bytes seen */
	char last_byte;
	bool cr_lines;		/* no '\n' at all: '\r' ends lines */
};

void log_clean_begin(struct log_cleaner *c, struct log_text *out,
		     log_line_fn *fn, void *ctx);
/* cr_lines: the whole data has no '\n' (known once a '\n' is seen). */
void log_clean_feed(struct log_cleaner *c, const char *data, size_t len,
		    bool cr_lines);
void log_clean_end(struct log_cleaner *c);

#endif
