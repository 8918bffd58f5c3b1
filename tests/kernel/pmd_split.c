// SPDX-License-Identifier: MIT
/* pmd_split: a 2 MiB leaf replaced by a PTE page (split.h). */
#include "tests/kernel/split.h"

#define ROW(n, cl, d, ...) SPLIT_ROW("pmd_split", n, cl, d, \
	.level = PT_LEVEL_PMD, __VA_ARGS__)
/* The model derives every row's class (harness/derived_classes.c). */
#define DER CLASS_DERIVED
/* Stated classes, for a row the model cannot run. */
#define OBS CLASS_OBSERVATION
#define COR CLASS_CORRECTNESS

static const struct scenario rows[] = {
	ROW("inplace_noflush", DER,
	    "2 MiB leaf overwritten by a table in place, no flush",
	    .inplace = true, .flush = FLUSH_NONE),
	ROW("inplace_invlpg", DER,
	    "2 MiB leaf overwritten in place, INVLPG after (size change in place)",
	    .inplace = true, .flush = FLUSH_INVLPG),
	ROW("inplace_pge", DER,
	    "2 MiB leaf overwritten in place, CR4.PGE toggle after",
	    .inplace = true, .flush = FLUSH_PGE),
	ROW("clear_noflush", DER,
	    "2 MiB leaf cleared, table linked, no flush",
	    .flush = FLUSH_NONE),
	ROW("clear_invlpg", DER,
	    "2 MiB leaf cleared, INVLPG, table linked: the SDM's sequence",
	    .flush = FLUSH_INVLPG),
	ROW("clear_cr3", DER,
	    "2 MiB leaf cleared, MOV to CR3, table linked",
	    .flush = FLUSH_CR3),
	ROW("clear_pge", DER,
	    "2 MiB leaf cleared, CR4.PGE toggle, table linked",
	    .flush = FLUSH_PGE),
	ROW("clear_cr3.global", DER,
	    "global 2 MiB leaf cleared, MOV to CR3 (keeps globals), table linked",
	    .flush = FLUSH_CR3, .global = true),
	ROW("clear_invlpg.global", DER,
	    "global 2 MiB leaf cleared, INVLPG (drops globals), table linked",
	    .flush = FLUSH_INVLPG, .global = true),
};

FAMILY(pmd_split, 40, false, rows);
