// SPDX-License-Identifier: MIT
/*
 * The Linux variants as named scenarios, warmed up the way ioremap/vmap
 * leaves things: the small pages were unmapped and the range flushed, and
 * one access to the now unmapped range left only the upper entries cached.
 *   28ee90fe6048  clear, free, no flush (2018, first version)
 *   5e0fb5df2ee8  clear, INVLPG of the first page, free (what Linux ships)
 *   revert        no collapse: the small mappings stay (always correct)
 *   fullflush     clear, flush everything (globals, all PCIDs), free (2025)
 *   invlpg_last   as 5e0fb5df2ee8, but INVLPG of the region's last page:
 *                 INVLPG drops every paging-structure-cache entry of the
 *                 current PCID whatever the address (SDM 4.10.4.1; AMD
 *                 with EFER.TCE=0 alike), and the warm-up left no TLB entry
 *                 a probe could hit, so it is as sufficient as the first
 *                 page; under TCE or PCIDs it is not, as neither is Linux's
 * With PCIDs or AMD's TCE, one INVLPG is not enough (Jann Horn, 2025):
 * those rows are observations.
 */
#include "tests/kernel/collapse.h"

#define ROW(n, cl, d, ...) COLLAPSE_ROW("linux", n, cl, d, \
	.warm = WARM_LINUX, .reuse = REUSE_CANARY, __VA_ARGS__)
/* The model derives every row's class (harness/derived_classes.c). */
#define DER CLASS_DERIVED
/* Stated classes, for a row the model cannot run. */
#define OBS CLASS_OBSERVATION
#define COR CLASS_CORRECTNESS

static const struct scenario rows[] = {
	ROW("28ee90fe6048", DER,
	    "PMD: clear, free, no flush",
	    .level = PT_LEVEL_PMD, .flush = FLUSH_NONE, .witness = true),
	ROW("5e0fb5df2ee8", DER,
	    "PMD: clear, INVLPG first page, free",
	    .level = PT_LEVEL_PMD, .flush = FLUSH_INVLPG),
	ROW("revert", DER,
	    "PMD: no collapse, small pages stay",
	    .level = PT_LEVEL_PMD, .flush = FLUSH_NONE, .revert = true),
	ROW("fullflush", DER,
	    "PMD: clear, full flush, free",
	    .level = PT_LEVEL_PMD, .flush = FLUSH_FULL),
	ROW("28ee90fe6048.pud", DER,
	    "PUD: clear, free, no flush",
	    .level = PT_LEVEL_PUD, .flush = FLUSH_NONE, .witness = true),
	ROW("5e0fb5df2ee8.pud", DER,
	    "PUD: clear, INVLPG first page, free (TCE off, no PCID)",
	    .level = PT_LEVEL_PUD, .flush = FLUSH_INVLPG),
	ROW("revert.pud", DER,
	    "PUD: no collapse, small pages stay",
	    .level = PT_LEVEL_PUD, .flush = FLUSH_NONE, .revert = true),
	ROW("fullflush.pud", DER,
	    "PUD: clear, full flush, free",
	    .level = PT_LEVEL_PUD, .flush = FLUSH_FULL),
	ROW("5e0fb5df2ee8.pud.tce", DER,
	    "PUD with EFER.TCE=1: INVLPG drops only the entries leading to it",
	    .level = PT_LEVEL_PUD, .flush = FLUSH_INVLPG, .tce = true),
	ROW("5e0fb5df2ee8.pcid", DER,
	    "PMD, warm in PCID 1, INVLPG in PCID 2",
	    .level = PT_LEVEL_PMD, .flush = FLUSH_INVLPG, .pcid = true),
	ROW("5e0fb5df2ee8.pud.pcid", DER,
	    "PUD, warm in PCID 1, INVLPG in PCID 2",
	    .level = PT_LEVEL_PUD, .flush = FLUSH_INVLPG, .pcid = true),
	ROW("fullflush.pcid", DER,
	    "PMD, warm in PCID 1, full flush in PCID 2",
	    .level = PT_LEVEL_PMD, .flush = FLUSH_FULL, .pcid = true),
	ROW("invlpg_last", DER,
	    "PMD: clear, INVLPG last page, free (all of the PCID's upper caches)",
	    .level = PT_LEVEL_PMD, .flush = FLUSH_INVLPG_LAST),
	ROW("invlpg_last.pud", DER,
	    "PUD: clear, INVLPG last page, free (TCE off, no PCID)",
	    .level = PT_LEVEL_PUD, .flush = FLUSH_INVLPG_LAST),
	ROW("invlpg_last.pud.tce", DER,
	    "PUD with EFER.TCE=1: INVLPG of the last page drops only slot 511's path",
	    .level = PT_LEVEL_PUD, .flush = FLUSH_INVLPG_LAST, .tce = true),
	ROW("invlpg_last.pcid", DER,
	    "PMD, warm in PCID 1, INVLPG of the last page in PCID 2",
	    .level = PT_LEVEL_PMD, .flush = FLUSH_INVLPG_LAST, .pcid = true),
	/*
	 * Linux >= 6.15 sets EFER.TCE on AMD.  With TCE=1 INVLPG drops only
	 * the upper-level entries on the path to its address (APM vol. 2
	 * 3.1.7, 5.5.3), and the region's one PDE is on the path to its
	 * first page; the Linux warm-up leaves no 4 KiB TLB entry.  So the
	 * PMD fix still holds with TCE on.  Skipped where CPUID lacks TCE.
	 */
	ROW("5e0fb5df2ee8.tce", DER,
	    "PMD with EFER.TCE=1: clear, INVLPG first page (on the PDE's path), free",
	    .level = PT_LEVEL_PMD, .flush = FLUSH_INVLPG, .tce = true),
	/* Jann Horn 2025 (Fixes: 28ee90fe6048): docs/background.md. */
	ROW("inactive_pcid.invpcid3", COR,
	    "PMD, warm in PCID 1, INVPCID all contexts in PCID 2 (SDM 4.10.4.1)",
	    .level = PT_LEVEL_PMD, .flush = FLUSH_INVPCID_ALL, .pcid = true),
	ROW("inactive_pcid.invpcid2", COR,
	    "PMD, warm in PCID 1, INVPCID all contexts and globals in PCID 2",
	    .level = PT_LEVEL_PMD, .flush = FLUSH_INVPCID_ALL_G, .pcid = true),
	ROW("pgtable_range.pud.tce", COR,
	    "PUD with EFER.TCE=1, the whole range flushed (flush_tlb_all): the fix",
	    .level = PT_LEVEL_PUD, .flush = FLUSH_FULL, .tce = true),
};

FAMILY(linux, 60, false, rows);
