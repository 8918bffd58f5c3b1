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
#include "report.h"

static const char usage_text[] =
"usage: tlbprobe-check [--profile NAME|FILE] [--json] [--junit FILE] [--quiet] LOG\n"
"       tlbprobe-check report [--profile NAME|FILE] [--md FILE] [--html FILE] LOG...\n"
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
"                   failures; an incomplete or damaged log as one error\n"
"  -q, --quiet      no findings, only the exit status\n"
"      --md FILE    report: write the Markdown table to FILE\n"
"      --html FILE  report: write a self-contained HTML page to FILE\n"
"                   (report without --md/--html prints Markdown on stdout)\n"
"  -h, --help       this text\n"
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
	bool json;
	bool quiet;
	bool help;
};

enum { OPT_MD = 256, OPT_HTML, OPT_JUNIT };

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
	checked_log_close(&cl);
	return status;
}

int main(int argc, char **argv)
{
	struct options o = { .profile = "auto" };
	bool report = argc > 1 && !strcmp(argv[1], "report");
	int ret;

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
