/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_DIAG_H
#define TLBPROBE_DIAG_H

/*
 * Diagnostics from scenario code: one "# <kind>: <text>" line, indented to
 * wherever the KTAP report stands (docs/log-format.md).  Scenario code
 * never writes the indentation or the "# kind:" prefix itself.
 */
#include "kernel/types.h"

enum diag_kind {
	DIAG_ERROR,		/* the scenario could not do what it set out to */
	DIAG_FINDING,		/* evidence against the hardware (or emulator) */
	DIAG_FAULT,		/* an unexpected fault in a probe */
	DIAG_PROBE,		/* an unexpected (or verbose) probe read */
	DIAG_BENCH,		/* a bench figure (docs/bench.md) */
	DIAG_BENCH_TABLE,	/* a line of the bench's human tables */
	DIAG_BENCH_NOTE,	/* a caveat about the bench figures */
};

void diag(enum diag_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
