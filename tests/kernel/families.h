/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_FAMILIES_H
#define TLBPROBE_FAMILIES_H

#include "tests/kernel/scenario.h"

#define CONTROL_COUNT 8
extern const struct scenario control_scenarios[CONTROL_COUNT];
#define PMD_COLLAPSE_COUNT 4
extern const struct scenario pmd_collapse_scenarios[PMD_COLLAPSE_COUNT];

#endif
