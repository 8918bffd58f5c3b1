// SPDX-License-Identifier: MIT
/* pud_split: a 1 GiB leaf replaced by a PMD page (split.h). */
#include "tests/kernel/split.h"

#define ROW(n, cl, d, ...) SPLIT_ROW("pud_split", n, cl, d,		\
	.level = PT_LEVEL_PUD, __VA_ARGS__)
/* The model derives every row's class (harness/derived_classes.c). */
#define DER CLASS_DERIVED
/* Stated classes, for a row the model cannot run. */
#define OBS CLASS_OBSERVATION
#define COR CLASS_CORRECTNESS

static const struct scenario rows[] = {
	ROW("inplace_noflush", DER,
	    "1 GiB leaf overwritten by a PMD page in place, no flush",
	    .inplace = true, .flush = FLUSH_NONE),
	ROW("clear_noflush", DER,
	    "1 GiB leaf cleared, PMD page linked, no flush",
	    .flush = FLUSH_NONE),
	ROW("clear_invlpg", DER,
	    "1 GiB leaf cleared, INVLPG, PMD page linked",
	    .flush = FLUSH_INVLPG),
	ROW("clear_cr3", DER,
	    "1 GiB leaf cleared, MOV to CR3, PMD page linked",
	    .flush = FLUSH_CR3),
	ROW("clear_pge", DER,
	    "1 GiB leaf cleared, CR4.PGE toggle, PMD page linked",
	    .flush = FLUSH_PGE),
};

FAMILY(pud_split, 50, false, rows);
