/* SPDX-License-Identifier: MIT */
/*
 * Inside the KTAP parser (ktap.h): the helpers that the run structure
 * (ktap.c) and the "# " diagnostic lines (ktap_comment.c) share.
 */
#ifndef CHECKER_KTAP_PARSE_H
#define CHECKER_KTAP_PARSE_H

#include "ktap.h"

/* A line of the run kept for messages, without its nesting. */
void add_diag(struct arena *ar, struct diag_list *l, size_t lineno,
	      const char *text);
void __attribute__((format(printf, 4, 5)))
add_msg(struct arena *ar, struct diag_list *l, size_t lineno,
	const char *fmt, ...);

/* The scenario called name: index + 1, or 0 when the run has none. */
size_t find_scenario(const struct run *r, const char *name);
/* The scenario called name, created on first mention. Returns index + 1. */
size_t get_scenario(struct run *r, const char *name);
/* s[0..n) without its leading and trailing blanks, in the arena. */
char *trimmed(struct arena *ar, const char *s, size_t n);

/*
 * Cut r to its summary (struct run) in d's arena and free the rest: a run
 * the judge will not read.
 */
void run_summarize(struct log_doc *d, struct run *r);

/* A "# " line of the run; t is what follows "# ". */
void parse_comment(struct run *r,
		   const struct log_line *ln, const char *t);

#endif
