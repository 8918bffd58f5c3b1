// SPDX-License-Identifier: MIT
/*
 * tlbprobe-check: judge a tlbprobe serial log against an expectation
 * profile, or compare many logs in a fleet report.  Exit status:
 * 0 match, 1 result outside the profile, 2 incomplete or malformed log,
 * 3 usage error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "json_out.h"
#include "junit.h"
#include "tap_out.h"
#include "report.h"
#include "bounds.h"

static const char usage_text[] =
"usage: tlbprobe-check [--profile NAME|FILE] [--json] [--junit FILE] [--tap FILE] [--quiet] LOG\n"
"       tlbprobe-check report [--profile NAME|FILE] [--md FILE] [--html FILE] LOG...\n"
"       tlbprobe-check bound K N\n"
"       tlbprobe-check --help\n"
"\n"
"Judges the last complete tlbprobe run in a serial LOG ('-' for stdin)\n"
"against an expectation profile; firmware noise, ANSI escapes, CR/CRLF,\n"
"NULs and duplicated lines are tolerated.\n"
"\n"
"  -p, --profile P  tcg, kvm, metal, bochs, auto (default: from the log's\n"
"                   emulator=, else accel=)\n"
"                   or a profile FILE (format: docs/checker.md)\n"
"  -j, --json       print the run, counts and verdicts as JSON on stdout;\n"
"                   findings go to stderr\n"
"      --junit FILE also write JUnit XML to FILE: one testcase per scenario,\n"
"                   skips as skipped, results outside the profile as\n"
"                   failures, rows that say nothing here (inconclusive) as\n"
"                   skipped; an incomplete or damaged log as one error\n"
"      --tap FILE   also write TAP to FILE (prove, tap.py), the plan first: the\n"
"                   same test points, inconclusive as '# SKIP inconclusive:'\n"
"  -q, --quiet      no findings, only the exit status\n"
"      --md FILE    report: write the Markdown table to FILE\n"
"      --html FILE  report: write a self-contained HTML page to FILE\n"
"                   (report without --md/--html prints Markdown on stdout)\n"
"  -h, --help       this text\n"
"\n"
"bound K N prints the 95% bounds for K of N independent units, the ones\n"
"the JSON and the report use: LOWER UPPER one-sided (K = 0) or two-sided\n"
"(docs/checker.md, \"Bounds\").\n"
"\n"
"Exit status: 0 the run matches the profile (the summary says PASS, or\n"
"INCONCLUSIVE where the machine showed no paging-structure caching);\n"
"1 a result outside the profile;\n"
"2 the log is incomplete or malformed (no header, no done marker);\n"
"3 usage error. report exits with the worst status of its logs.\n";

struct options {
	const char *profile;
	const char *md;
	const char *html;
	const char *junit;
	const char *tap;
	bool json;
	bool quiet;
	bool help;
};

enum { OPT_MD = 256, OPT_HTML, OPT_JUNIT, OPT_TAP };

static int usage_error(const char *msg)
{
	if (msg)
		fprintf(stderr, "tlbprobe-check: %s\n", msg);
	fputs("Try 'tlbprobe-check --help'.\n", stderr);
	return EXIT_USAGE;
}

static int parse_options(int argc, char **argv, struct options *o, bool report)
{
	static const struct option longopts[] = {
		{ "profile", required_argument, NULL, 'p' },
		{ "json", no_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "md", required_argument, NULL, OPT_MD },
		{ "html", required_argument, NULL, OPT_HTML },
		{ "junit", required_argument, NULL, OPT_JUNIT },
		{ "tap", required_argument, NULL, OPT_TAP },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+p:jqh", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			o->profile = optarg;
			break;
		case 'j':
			o->json = true;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'h':
			o->help = true;
			break;
		case OPT_MD:
		case OPT_HTML:
			if (!report)
				return usage_error("--md and --html belong to 'report'");
			*(c == OPT_MD ? &o->md : &o->html) = optarg;
			break;
		case OPT_JUNIT:
			if (report)
				return usage_error("--junit takes one LOG, not 'report'");
			o->junit = optarg;
			break;
		case OPT_TAP:
			if (report)
				return usage_error("--tap takes one LOG, not 'report'");
			o->tap = optarg;
			break;
		default:
			return usage_error(NULL);
		}
	}
	if (report && o->json)
		return usage_error("'report' has no --json");
	return 0;
}

static int check_one(const struct options *o, const char *path)
{
	struct checked_log cl;
	char err[1024];
	int status;

	if (checked_log_open(&cl, path, o->profile, err, sizeof(err))) {
		fprintf(stderr, "tlbprobe-check: %s\n", err);
		return EXIT_USAGE;
	}
	if (!o->quiet)
		checked_log_print(o->json ? stderr : stdout, &cl);
	if (o->json) {
		struct check_result res = {
			.log_path = path, .doc = &cl.doc, .run = cl.run,
			.pf = &cl.pf, .j = cl.judged ? &cl.j : NULL,
			.status = cl.status,
			.caching = cl.judged ? &cl.caching : NULL,
			.arch_note = cl.arch_note,
		};
		json_t *root = check_result_json(&res);

		json_dumpf(root, stdout, JSON_INDENT(2));
		fputc('\n', stdout);
		json_decref(root);
	}
	status = cl.status;
	if (o->junit && junit_write(o->junit, &cl)) {
		fprintf(stderr, "tlbprobe-check: %s: %s\n", o->junit,
			strerror(errno));
		status = EXIT_USAGE;
	}
	if (o->tap && tap_write(o->tap, &cl)) {
		fprintf(stderr, "tlbprobe-check: %s: %s\n", o->tap, strerror(errno));
		status = EXIT_USAGE;
	}
	checked_log_close(&cl);
	return status;
}

/* "bound K N": the bounds of bounds.c for scripts and tests. */
static int bound_main(int argc, char **argv)
{
	long long k, n;
	char *end1, *end2;
	struct bound b;

	if (argc != 4)
		return usage_error("bound takes K and N");
	k = strtoll(argv[2], &end1, 10);
	n = strtoll(argv[3], &end2, 10);
	if (*end1 || *end2 || !*argv[2] || !*argv[3] || k < 0 || n <= 0 || k > n)
		return usage_error("bound: K and N are whole numbers, 0 <= K <= N, N > 0");
	bound_of(k, n, &b);
	printf("%.6g %.6g %s\n", b.lo, b.hi, b.two_sided ? "two-sided" : "one-sided");
	return EXIT_MATCH;
}

int main(int argc, char **argv)
{
	struct options o = { .profile = "auto" };
	bool report = argc > 1 && !strcmp(argv[1], "report");
	int ret;

	if (argc > 1 && !strcmp(argv[1], "bound"))
		return bound_main(argc, argv);
	if (report) {
		argc--;
		argv++;
	}
	ret = parse_options(argc, argv, &o, report);
	if (ret)
		return ret;
	if (o.help) {
		fputs(usage_text, stdout);
		return EXIT_MATCH;
	}
	if (report) {
		if (optind >= argc)
			return usage_error("report needs at least one LOG");
		return report_main(o.profile, o.md, o.html, argv + optind,
				   (size_t)(argc - optind));
	}
	if (argc - optind != 1)
		return usage_error(optind >= argc ? "no LOG given" :
				   "one LOG at a time (use 'report' for many)");
	return check_one(&o, argv[optind]);
}
