// SPDX-License-Identifier: MIT
/*
 * pud_collapse: a PMD page and its PTE pages replaced by a 1 GiB entry
 * (Linux's pud_free_pmd_page() + pud_set_huge()).  Four 2 MiB slots have
 * PTE pages (slot 0 always: Linux flushes the first page); probes also go
 * to slots that never had one, which only a stale PDPTE can send astray.
 */
#include "tests/kernel/collapse.h"

#define ROW(n, cl, d, ...) COLLAPSE_ROW("pud_collapse", n, cl, d, \
	.level = PT_LEVEL_PUD, .warm = WARM_PLAIN, __VA_ARGS__)
/* The model derives every row's class (harness/derived_classes.c). */
#define DER CLASS_DERIVED
/* Stated classes, for a row the model cannot run. */
#define OBS CLASS_OBSERVATION
#define COR CLASS_CORRECTNESS

static const struct scenario rows[] = {
	ROW("noflush", DER,
	    "no flush before the free",
	    .flush = FLUSH_NONE),
	ROW("invlpg_in", DER,
	    "INVLPG of the region's first page",
	    .flush = FLUSH_INVLPG),
	ROW("invlpg_out", DER,
	    "INVLPG of an address outside the region",
	    .flush = FLUSH_INVLPG, .flush_outside = true),
	ROW("cr3", DER,
	    "MOV to CR3",
	    .flush = FLUSH_CR3),
	ROW("pge", DER,
	    "CR4.PGE toggle",
	    .flush = FLUSH_PGE),
	ROW("invpcid0", DER,
	    "INVPCID type 0 of the first page",
	    .flush = FLUSH_INVPCID_ADDR),
	ROW("invpcid1", DER,
	    "INVPCID type 1",
	    .flush = FLUSH_INVPCID_CTX),
	ROW("invpcid2", DER,
	    "INVPCID type 2",
	    .flush = FLUSH_INVPCID_ALL_G),
	ROW("invpcid3", DER,
	    "INVPCID type 3",
	    .flush = FLUSH_INVPCID_ALL),
	ROW("cr3.global", DER,
	    "global leaves, MOV to CR3 (real CPUs keep globals)",
	    .flush = FLUSH_CR3, .global = true),
	ROW("pge.global", DER,
	    "global leaves, CR4.PGE toggle",
	    .flush = FLUSH_PGE, .global = true),
	ROW("noflush.reuse_zero", DER,
	    "no flush; freed pages reused zeroed",
	    .flush = FLUSH_NONE, .reuse = REUSE_ZERO),
	ROW("noflush.tce", DER,
	    "no flush, EFER.TCE=1",
	    .flush = FLUSH_NONE, .tce = true),
	ROW("invlpg_in.tce", DER,
	    "INVLPG of the first page with EFER.TCE=1: other slots' PDEs may stay cached",
	    .flush = FLUSH_INVLPG, .tce = true),
	ROW("invlpg_last", DER,
	    "INVLPG of the region's last page",
	    .flush = FLUSH_INVLPG_LAST),
	ROW("invlpg_last.tce", DER,
	    "INVLPG of the last page with EFER.TCE=1: no slot with a PTE page is on its path",
	    .flush = FLUSH_INVLPG_LAST, .tce = true),
	ROW("noflush.reuse_data_p", DER,
	    "no flush; freed pages reused with present-looking data (P=1 words)",
	    .flush = FLUSH_NONE, .reuse = REUSE_DATA_P),
};

FAMILY(pud_collapse, 30, false, rows);
