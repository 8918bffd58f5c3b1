/* SPDX-License-Identifier: MIT */
/*
 * Inside the integrity check (integrity.h): the state of one pass over a
 * finished run's lines, shared by the line walk (integrity_lines.c) and the
 * arithmetic on the parsed run (integrity.c).
 */
#ifndef CHECKER_INTEGRITY_WALK_H
#define CHECKER_INTEGRITY_WALK_H

#include "ktap.h"
#include "kernel/crc32.h"

/* What a line pass over the run collects. */
struct walk {
	struct run *r;
	bool sealed;		/* the log carries checksums at all */
	bool env_sealed;	/* seal=2: "# env:" lines sealed and digested */
	bool cut_short;		/* reason=exception: plans may be short */
	bool fatal;		/* reason=fatal: a failure without a scenario */
	struct kv_list done;	/* the done marker's fields */
	const char *reason;
	u32 digest;
	long long digest_lines;
	long long top_seen;	/* top-level results so far */
	long long fam_plan;	/* the nested plan, -1 before one */
	long long fam_seen;	/* nested results of the current family */
	size_t fam_line;	/* its "# Subtest:" line */
};

/* A malformed line of the run: the log is status 2. */
void __attribute__((format(printf, 3, 4)))
damage(struct walk *w, size_t lineno, const char *fmt, ...);

/* A decimal count: digits only, no sign, no overflow; -1 otherwise. */
long long count_at(const char *s, const char **end);

/* The index of the first line numbered above lineno (lines are in order). */
size_t first_after(const struct run *r, size_t lineno);

/* Does the run carry checksums at all? */
bool run_is_sealed(const struct run *r);

/* Seals, digest, numbering and unique names, line by line. */
void walk_lines(struct walk *w);

#endif
