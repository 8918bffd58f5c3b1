// SPDX-License-Identifier: MIT
#include "harness/diag.h"
#include "kernel/console.h"
#include "kernel/format.h"
#include "kernel/report.h"

#define DIAG_LINE_MAX	512

static const char *const tags[] = {
	[DIAG_ERROR] = "error",
	[DIAG_FINDING] = "finding",
	[DIAG_FAULT] = "fault",
	[DIAG_PROBE] = "probe",
	[DIAG_BENCH] = "bench",
	[DIAG_BENCH_TABLE] = "bench-table",
	[DIAG_BENCH_NOTE] = "bench-note",
};

void diag(enum diag_kind kind, const char *fmt, ...)
{
	char text[DIAG_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	/* An empty text is a blank separator line: "# bench-table:". */
	kprintf("%s# %s:%s%s\n", report_indent(), tags[kind], text[0] ? " " : "",
		text);
}
