// SPDX-License-Identifier: MIT
/* pud_split: a 1 GiB leaf replaced by a PMD page (split.h). */
#include "tests/kernel/split.h"

#define ROW(n, cl, d, ...) SPLIT_ROW("pud_split", n, cl, d,		\
	.level = PT_LEVEL_PUD, __VA_ARGS__)
#define OBS CLASS_OBSERVATION
#define COR CLASS_CORRECTNESS

static const struct scenario rows[] = {
	ROW("inplace_noflush", OBS,
	    "1 GiB leaf overwritten by a PMD page in place, no flush",
	    .inplace = true, .flush = FLUSH_NONE),
	ROW("clear_noflush", OBS,
	    "1 GiB leaf cleared, PMD page linked, no flush",
	    .flush = FLUSH_NONE),
	ROW("clear_invlpg", COR,
	    "1 GiB leaf cleared, INVLPG, PMD page linked",
	    .flush = FLUSH_INVLPG),
	ROW("clear_cr3", COR,
	    "1 GiB leaf cleared, MOV to CR3, PMD page linked",
	    .flush = FLUSH_CR3),
	ROW("clear_pge", COR,
	    "1 GiB leaf cleared, CR4.PGE toggle, PMD page linked",
	    .flush = FLUSH_PGE),
};

FAMILY(pud_split, 50, false, rows);
