/* SPDX-License-Identifier: MIT */
/*
 * The runs in a cleaned serial log: KTAP results, nested one level per
 * family, and tlbprobe's "# " diagnostic lines (docs/log-format.md).
 */
#ifndef CHECKER_KTAP_H
#define CHECKER_KTAP_H

#include <stdio.h>

#include "kv.h"
#include "logtext.h"

enum ktap_verdict {
	KTAP_MISSING,		/* no result line (yet) */
	KTAP_OK,
	KTAP_NOT_OK,
	KTAP_SKIP,
};

struct diag_line {
	size_t lineno;
	const char *text;
};

struct diag_list {
	struct diag_line *v;
	size_t n;
	size_t cap;
};

struct scenario {
	const char *name;
	const char *family;
	const char *class;	/* from "# result:", NULL without one */
	enum ktap_verdict verdict;
	const char *directive;	/* what follows " # " on the result line */
	bool aborted;		/* named by a "# abort:" line */
	bool has_result;
	struct kv_list counts;	/* the "# result:" fields but name and class */
	size_t start_line;
	size_t result_line;
	size_t verdict_line;
	struct diag_list diags;	/* its "# result/probe/fault/mce/..." lines */
};

struct family {
	const char *name;
	enum ktap_verdict verdict;
	const char *directive;
	size_t line;
};

struct run {
	/*
	 * Everything parsed from the run, and its lines from the header to
	 * the done marker (the integrity pass and the answer block read
	 * them again), live in its own arena: a run the judge will not
	 * look at is cut down to its summary (below) and its arena freed,
	 * so a log of many runs needs the memory of two, not of all.
	 */
	struct arena ar;
	struct log_line *lines;
	size_t nlines;
	size_t caplines;
	/*
	 * Only the summary is left: index, lines, done and its verdict,
	 * abort and fatal, and the last started scenario (sc[0]), which
	 * is what the messages about the other runs of a log name.
	 */
	bool summary;
	size_t index;		/* 1-based, in log order */
	size_t header_line;
	size_t last_line;
	bool done;
	const char *done_verdict;
	size_t done_line;
	struct kv_list env;
	struct kv_list totals;
	size_t totals_line;
	long long plan;		/* top-level "1..N", -1 without one */
	struct family *fam;
	size_t nfam;
	size_t capfam;
	struct scenario *sc;
	size_t nsc;
	size_t capsc;
	size_t last_start;	/* index + 1 of the last "# start:" scenario */
	size_t open;		/* index + 1 of the scenario now running */
	const char *cur_family;	/* from "# Subtest:" */
	struct diag_line abort;	/* lineno 0: no abort */
	struct diag_line fatal;	/* first "# error:" line; lineno 0: none */
	struct diag_list errors;	/* malformed lines: the run can't be judged */
	struct diag_list notes;		/* worth saying, not fatal */
	size_t noise_lines;
};

struct log_doc {
	struct arena ar;	/* the summaries' strings */
	struct log_text text;
	struct run *runs;	/* heap array */
	size_t nruns;
	size_t capruns;
	/* while reading */
	struct log_cleaner cleaner;
	size_t kept;		/* index + 1 of the last complete run */
	bool stopped;		/* the last line was a half line: no more data */
};

/*
 * Cleans and parses data; the doc keeps no pointer into data.  Every run
 * but the last complete one and the last one is kept as a summary only.
 */
void log_doc_parse(struct log_doc *doc, const char *data, size_t len);
/*
 * The same from a file, read in pieces: the memory is that of the two
 * largest runs (and a line), not of the file.  -1 with errno set when
 * reading fails (the doc is then freed).
 */
int log_doc_read(struct log_doc *doc, FILE *f);
void log_doc_free(struct log_doc *doc);

/* The last run that reached its done marker, or NULL. */
const struct run *log_doc_judged_run(const struct log_doc *doc);
/* The run to describe when none is complete: the last one, or NULL. */
const struct run *log_doc_last_run(const struct log_doc *doc);

/*
 * A count of the scenario's result line, 0 when absent.  Inline so that
 * the integrity pass, which ktap.c runs, needs nothing back from ktap.c.
 */
static inline long long scenario_count(const struct scenario *s,
				       const char *key)
{
	const struct kv *kv = kv_find(&s->counts, key);

	return kv && kv->is_num ? kv->num : 0;
}
const char *ktap_verdict_name(enum ktap_verdict v);

#endif
