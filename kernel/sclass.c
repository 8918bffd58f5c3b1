// SPDX-License-Identifier: MIT
/* The scenario classes by name, as the "# result:" and "# table:" lines say. */
#include "kernel/report.h"

static const char *const class_names[] = {
	[CLASS_CONTROL] = "control",
	[CLASS_CORRECTNESS] = "correctness",
	[CLASS_OBSERVATION] = "observation",
	[CLASS_BENCH] = "bench",
	[CLASS_DERIVED] = "derived",
};

const char *class_name(enum sclass c)
{
	return class_names[c];
}
