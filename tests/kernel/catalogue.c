// SPDX-License-Identifier: MIT
/* Every family of scenarios, in the order they run. */
#include "tests/kernel/scenario.h"
#include "tests/kernel/families.h"

const struct family families[] = {
	{ "control", control_scenarios, CONTROL_COUNT },
	{ "pmd_collapse", pmd_collapse_scenarios, PMD_COLLAPSE_COUNT },
	{ "pud_collapse", pud_collapse_scenarios, PUD_COLLAPSE_COUNT },
	{ "pmd_split", pmd_split_scenarios, PMD_SPLIT_COUNT },
	{ "pud_split", pud_split_scenarios, PUD_SPLIT_COUNT },
	{ "linux", linux_scenarios, LINUX_COUNT },
	{ "smp", smp_scenarios, SMP_COUNT },
	{ "bench_smp", bench_smp_scenarios, BENCH_SMP_COUNT },
	{ "bench", bench_scenarios, BENCH_COUNT },
	{ "selftest", selftest_scenarios, SELFTEST_COUNT },
};

const size_t nr_families = ARRAY_SIZE(families);
