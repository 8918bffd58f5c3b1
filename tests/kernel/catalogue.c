// SPDX-License-Identifier: MIT
/* Every family of scenarios, in the order they run. */
#include "tests/kernel/scenario.h"
#include "tests/kernel/families.h"

const struct family families[] = {
	{ "control", control_scenarios, CONTROL_COUNT },
	{ "pmd_collapse", pmd_collapse_scenarios, PMD_COLLAPSE_COUNT },
};

const size_t nr_families = ARRAY_SIZE(families);
