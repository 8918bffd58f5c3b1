// SPDX-License-Identifier: MIT
/* pmd_split: a 2 MiB leaf replaced by a PTE page (split.h). */
#include "tests/kernel/split.h"

#define ROW(n, cl, d, ...) ROW_ON(n, cl, NULL, d, __VA_ARGS__)
#define ROW_ON(n, cl, on, d, ...) SPLIT_ROW_ON("pmd_split", n, cl, on, d, \
	.level = PT_LEVEL_PMD, __VA_ARGS__)
#define OBS CLASS_OBSERVATION
#define COR CLASS_CORRECTNESS

static const struct scenario rows[] = {
	ROW("inplace_noflush", OBS,
	    "2 MiB leaf overwritten by a table in place, no flush",
	    .inplace = true, .flush = FLUSH_NONE),
	ROW_ON("inplace_invlpg", OBS, "tcg:correctness",
	    "2 MiB leaf overwritten in place, INVLPG after (size change in place)",
	    .inplace = true, .flush = FLUSH_INVLPG),
	ROW("inplace_pge", COR,
	    "2 MiB leaf overwritten in place, CR4.PGE toggle after",
	    .inplace = true, .flush = FLUSH_PGE),
	ROW("clear_noflush", OBS,
	    "2 MiB leaf cleared, table linked, no flush",
	    .flush = FLUSH_NONE),
	ROW("clear_invlpg", COR,
	    "2 MiB leaf cleared, INVLPG, table linked: the SDM's sequence",
	    .flush = FLUSH_INVLPG),
	ROW("clear_cr3", COR,
	    "2 MiB leaf cleared, MOV to CR3, table linked",
	    .flush = FLUSH_CR3),
	ROW("clear_pge", COR,
	    "2 MiB leaf cleared, CR4.PGE toggle, table linked",
	    .flush = FLUSH_PGE),
	ROW_ON("clear_cr3.global", OBS, "tcg:correctness",
	    "global 2 MiB leaf cleared, MOV to CR3 (keeps globals), table linked",
	    .flush = FLUSH_CR3, .global = true),
	ROW("clear_invlpg.global", COR,
	    "global 2 MiB leaf cleared, INVLPG (drops globals), table linked",
	    .flush = FLUSH_INVLPG, .global = true),
};

FAMILY(pmd_split, 40, false, rows);
