// SPDX-License-Identifier: MIT
/*
 * The Linux variants as named scenarios, warmed up the way ioremap/vmap
 * leaves things: the small pages were unmapped and the range flushed, and
 * one access to the now unmapped range left only the upper entries cached.
 *   28ee90fe6048  clear, free, no flush (2018, first version)
 *   5e0fb5df2ee8  clear, INVLPG of the first page, free (what Linux ships)
 *   revert        no collapse: the small mappings stay (always correct)
 *   fullflush     clear, flush everything (globals, all PCIDs), free (2025)
 * With PCIDs or AMD's TCE, one INVLPG is not enough (Jann Horn, 2025):
 * those rows are observations.
 */
#include "tests/kernel/families.h"
#include "tests/kernel/collapse.h"

#define P(lvl_, fl_, rev_, pcid_, tce_) (&(const struct collapse_param){ \
	.level = lvl_, .flush = fl_, .warm = WARM_LINUX, .reuse = REUSE_CANARY, \
	.revert = rev_, .pcid = pcid_, .tce = tce_ })
#define S(n, cl, prm, d) { .name = "linux." n, .desc = d, .cls = cl, \
	.skip = skip_collapse, .run = run_collapse, .param = prm }
#define OBS CLASS_OBSERVATION
#define COR CLASS_CORRECTNESS
#define PMD PT_LEVEL_PMD
#define PUD PT_LEVEL_PUD

const struct scenario linux_scenarios[LINUX_COUNT] = {
	S("28ee90fe6048", OBS, P(PMD, FLUSH_NONE, false, false, false),
	  "PMD: clear, free, no flush"),
	S("5e0fb5df2ee8", COR, P(PMD, FLUSH_INVLPG, false, false, false),
	  "PMD: clear, INVLPG first page, free"),
	S("revert", COR, P(PMD, FLUSH_NONE, true, false, false),
	  "PMD: no collapse, small pages stay"),
	S("fullflush", COR, P(PMD, FLUSH_FULL, false, false, false),
	  "PMD: clear, full flush, free"),
	S("28ee90fe6048.pud", OBS, P(PUD, FLUSH_NONE, false, false, false),
	  "PUD: clear, free, no flush"),
	S("5e0fb5df2ee8.pud", COR, P(PUD, FLUSH_INVLPG, false, false, false),
	  "PUD: clear, INVLPG first page, free (TCE off, no PCID)"),
	S("revert.pud", COR, P(PUD, FLUSH_NONE, true, false, false),
	  "PUD: no collapse, small pages stay"),
	S("fullflush.pud", COR, P(PUD, FLUSH_FULL, false, false, false),
	  "PUD: clear, full flush, free"),
	S("5e0fb5df2ee8.pud.tce", OBS, P(PUD, FLUSH_INVLPG, false, false, true),
	  "PUD with EFER.TCE=1: INVLPG drops only the entries leading to it"),
	S("5e0fb5df2ee8.pcid", OBS, P(PMD, FLUSH_INVLPG, false, true, false),
	  "PMD, warm in PCID 1, INVLPG in PCID 2"),
	S("5e0fb5df2ee8.pud.pcid", OBS, P(PUD, FLUSH_INVLPG, false, true, false),
	  "PUD, warm in PCID 1, INVLPG in PCID 2"),
	S("fullflush.pcid", COR, P(PMD, FLUSH_FULL, false, true, false),
	  "PMD, warm in PCID 1, full flush in PCID 2"),
};
