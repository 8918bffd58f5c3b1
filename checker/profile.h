/* SPDX-License-Identifier: MIT */
/*
 * Expectation profiles: which results a run may show on a kind of machine
 * (format in docs/checker.md).
 */
#ifndef CHECKER_PROFILE_H
#define CHECKER_PROFILE_H

#include "util.h"

enum constraint_kind {
	C_RESULT,		/* result LIST: allowed KTAP verdicts */
	C_MUST_COHERENT,	/* no non-coherent outcome at all */
	C_MAY,			/* may LIST: the non-coherent outcomes allowed */
	C_MUST,			/* must LIST: each key counted > 0 */
	C_NEVER,		/* never LIST: each key counted 0 */
	C_ANY,			/* recorded, not judged */
};

/* Bits of C_RESULT's mask. */
enum {
	RES_OK = 1 << 0,
	RES_NOT_OK = 1 << 1,
	RES_SKIP = 1 << 2,
	RES_MISSING = 1 << 3,
	RES_ABORT = 1 << 4,
	/* control.stale_tlb/ad_cached showing nothing off TCG (caching.h) */
	RES_INCONCLUSIVE = 1 << 5,
};

struct str_list {
	const char **v;
	size_t n;
	size_t cap;
};

struct constraint {
	enum constraint_kind kind;
	struct str_list list;
	unsigned int mask;	/* C_RESULT */
};

/* key=GLOB[,GLOB] or key!=...: a row parameter (docs/checker.md). */
struct param_sel {
	const char *key;
	struct str_list values;
	bool neg;
};

struct rule {
	size_t line;
	const char *text;	/* the rule as written, for messages */
	struct str_list names;	/* any of these globs; none: every name */
	struct str_list not_names;
	struct str_list classes;	/* class= any of these; none: any class */
	struct str_list not_classes;
	struct param_sel *params;	/* all must hold */
	size_t nparams;
	struct constraint *c;
	size_t nc;
};

struct require {
	size_t line;
	const char *glob;
};

struct profile {
	struct arena ar;
	const char *name;
	const char *path;
	struct rule *rules;
	size_t nrules;
	size_t caprules;
	struct require *req;
	size_t nreq;
	size_t capreq;
};

/* The outcomes that are not "coherent", in histogram order. */
extern const char *const noncoherent_outcomes[];
extern const size_t nr_noncoherent_outcomes;

/* 0, or -1 with a "path:line: why" message in err. */
int profile_parse(struct profile *pf, const char *text, const char *path,
		  char *err, size_t errlen);
/* A built-in name (tcg, kvm, metal) or a file; 0 or -1 with err set. */
/*
 * The first readable FILE in the directories a built-in profile name is
 * looked for in (TLBPROBE_PROFILE_DIR, beside the binary, the install and
 * source directories); NULL if none has it.  The caller frees the path.
 */
char *profile_find_file(const char *file);
int profile_load(struct profile *pf, const char *name_or_path,
		 char *err, size_t errlen);
void profile_free(struct profile *pf);

struct scenario;
bool rule_matches(const struct rule *ru, const struct scenario *s);

#endif
