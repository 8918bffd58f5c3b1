/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_FAMILIES_H
#define TLBPROBE_FAMILIES_H

#include "tests/kernel/scenario.h"

#define CONTROL_COUNT 13
extern const struct scenario control_scenarios[CONTROL_COUNT];
#define PMD_COLLAPSE_COUNT 26
extern const struct scenario pmd_collapse_scenarios[PMD_COLLAPSE_COUNT];
#define PUD_COLLAPSE_COUNT 14
extern const struct scenario pud_collapse_scenarios[PUD_COLLAPSE_COUNT];
#define PMD_SPLIT_COUNT 9
extern const struct scenario pmd_split_scenarios[PMD_SPLIT_COUNT];
#define PUD_SPLIT_COUNT 5
extern const struct scenario pud_split_scenarios[PUD_SPLIT_COUNT];
#define LINUX_COUNT 12
extern const struct scenario linux_scenarios[LINUX_COUNT];
#define SMP_COUNT 15
extern const struct scenario smp_scenarios[SMP_COUNT];
#define BENCH_SMP_COUNT 5
extern const struct scenario bench_smp_scenarios[BENCH_SMP_COUNT];
#define BENCH_COUNT 23
extern const struct scenario bench_scenarios[BENCH_COUNT];
#define SELFTEST_COUNT 2
extern const struct scenario selftest_scenarios[SELFTEST_COUNT];

#endif
