// SPDX-License-Identifier: MIT
/*
 * libFuzzer entry point: the input is both a serial log and a profile, so
 * one corpus exercises the cleaner, the KTAP parser, the profile parser,
 * the judge, JSON output and the report cells.  Built with clang
 * -fsanitize=fuzzer for `make fuzz`, and with gcc + fuzz_replay.c to replay
 * the corpus in the tests.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "json_out.h"
#include "report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char fixed_profile[] =
	"name fuzz\n"
	"require control.*\n"
	"class=control : result ok\n"
	"class=correctness : result ok must-coherent\n"
	"control.canary_pte : must stale_walk\n"
	"* !control.canary_pte : never stale_walk,mce\n"
	"class=observation : may stale_tlb\n"
	"*.pcid* : result skip,missing\n";

static void exercise(const struct log_doc *doc, const struct run *r,
		     const struct profile *pf)
{
	struct checked_log cl = { .path = "fuzz", .run = r, .complete = true };
	struct check_result res = { .log_path = "fuzz", .doc = doc, .run = r,
				    .pf = pf };
	struct judgement j;
	struct cell c;
	json_t *root;
	char *text;
	size_t i;

	judge_run(pf, r, &j);
	res.j = &j;
	root = check_result_json(&res);
	text = json_dumps(root, 0);
	free(text);
	json_decref(root);
	cl.doc = *doc;
	cl.j = j;
	cl.judged = true;
	for (i = 0; i < r->nsc; i++)
		report_cell(&cl, r->sc[i].name, &c);
	judgement_free(&j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* parsed once: the same every time, and most of a small input's cost */
	static struct profile fixed;
	static bool have_fixed;
	struct profile fuzzed;
	struct log_doc doc;
	bool have_fuzzed;
	char err[256], *text;
	size_t i;

	log_doc_parse(&doc, (const char *)data, size);
	if (!have_fixed) {
		if (profile_parse(&fixed, fixed_profile, "fixed", err, sizeof(err)))
			abort();
		have_fixed = true;
	}
	text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	have_fuzzed = !profile_parse(&fuzzed, text, "fuzzed", err, sizeof(err));
	for (i = 0; i < doc.nruns; i++) {
		exercise(&doc, &doc.runs[i], &fixed);
		if (have_fuzzed)
			exercise(&doc, &doc.runs[i], &fuzzed);
	}
	profile_free(&fuzzed);
	free(text);
	log_doc_free(&doc);
	return 0;
}
