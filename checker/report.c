// SPDX-License-Identifier: MIT
/*
 * Fleet report: read the logs, gather the scenario names, and write the
 * Markdown and HTML views (report_md.c, report_html.c) of the cells that
 * report_cell.c works out.
 */
#include "report.h"

#include <errno.h>
#include <stdlib.h>

static void add_name(struct report *rep, const char *name)
{
	size_t i;

	for (i = 0; i < rep->nnames; i++)
		if (!strcmp(rep->names[i], name))
			return;
	HEAP_GROW(rep->names, rep->nnames, rep->capnames);
	rep->names[rep->nnames++] = name;
}

static int write_file(const char *path, const struct report *rep,
		      void (*write)(FILE *, const struct report *))
{
	FILE *f = fopen(path, "w");

	if (!f) {
		fprintf(stderr, "tlbprobe-check: %s: %s\n", path, strerror(errno));
		return -1;
	}
	write(f, rep);
	if (fclose(f)) {
		fprintf(stderr, "tlbprobe-check: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int open_logs(struct report *rep, const char *profile, char **logs,
		     size_t nlogs)
{
	char err[1024];
	size_t i, k;

	rep->logs = xmalloc(nlogs * sizeof(*rep->logs));
	for (i = 0; i < nlogs; i++) {
		if (checked_log_open(&rep->logs[i], logs[i], profile, err, sizeof(err))) {
			fprintf(stderr, "tlbprobe-check: %s\n", err);
			return -1;
		}
		rep->nlogs++;
		for (k = 0; rep->logs[i].run && k < rep->logs[i].run->nsc; k++)
			add_name(rep, rep->logs[i].run->sc[k].name);
	}
	return 0;
}

int report_main(const char *profile, const char *md, const char *html,
		char **logs, size_t nlogs)
{
	struct report rep = { 0 };
	int status = EXIT_MATCH;
	size_t i;

	if (open_logs(&rep, profile, logs, nlogs)) {
		status = EXIT_USAGE;
	} else {
		for (i = 0; i < rep.nlogs; i++) {
			checked_log_print(stderr, &rep.logs[i]);
			if (rep.logs[i].status > status)
				status = rep.logs[i].status;
		}
		if (!md && !html)
			report_write_md(stdout, &rep);
		if ((md && write_file(md, &rep, report_write_md)) ||
		    (html && write_file(html, &rep, report_write_html)))
			status = EXIT_USAGE;
	}
	for (i = 0; i < rep.nlogs; i++)
		checked_log_close(&rep.logs[i]);
	free(rep.logs);
	free(rep.names);
	return status;
}
