// SPDX-License-Identifier: MIT
/*
 * pud_collapse: a PMD page and its PTE pages replaced by a 1 GiB entry
 * (Linux's pud_free_pmd_page() + pud_set_huge()).  Four 2 MiB slots have
 * PTE pages (slot 0 always: Linux flushes the first page); probes also go
 * to slots that never had one, which only a stale PDPTE can send astray.
 */
#include "tests/kernel/families.h"
#include "tests/kernel/collapse.h"

#define P(fl_, out_, reuse_, glob_, tce_) (&(const struct collapse_param){ \
	.level = PT_LEVEL_PUD, .flush = fl_, .flush_outside = out_, \
	.warm = WARM_PLAIN, .reuse = reuse_, .global = glob_, .tce = tce_ })
#define S(n, cl, prm, d) { .name = "pud_collapse." n, .desc = d, .cls = cl, \
	.skip = skip_collapse, .run = run_collapse, .param = prm }
#define OBS CLASS_OBSERVATION
#define COR CLASS_CORRECTNESS

const struct scenario pud_collapse_scenarios[PUD_COLLAPSE_COUNT] = {
	S("noflush", OBS, P(FLUSH_NONE, false, REUSE_CANARY, false, false),
	  "no flush before the free"),
	S("invlpg_in", OBS, P(FLUSH_INVLPG, false, REUSE_CANARY, false, false),
	  "INVLPG of the region's first page"),
	S("invlpg_out", OBS, P(FLUSH_INVLPG, true, REUSE_CANARY, false, false),
	  "INVLPG of an address outside the region"),
	S("cr3", COR, P(FLUSH_CR3, false, REUSE_CANARY, false, false),
	  "MOV to CR3"),
	S("pge", COR, P(FLUSH_PGE, false, REUSE_CANARY, false, false),
	  "CR4.PGE toggle"),
	S("invpcid0", OBS, P(FLUSH_INVPCID_ADDR, false, REUSE_CANARY, false, false),
	  "INVPCID type 0 of the first page"),
	S("invpcid1", COR, P(FLUSH_INVPCID_CTX, false, REUSE_CANARY, false, false),
	  "INVPCID type 1"),
	S("invpcid2", COR, P(FLUSH_INVPCID_ALL_G, false, REUSE_CANARY, false, false),
	  "INVPCID type 2"),
	S("invpcid3", COR, P(FLUSH_INVPCID_ALL, false, REUSE_CANARY, false, false),
	  "INVPCID type 3"),
	S("cr3.global", OBS, P(FLUSH_CR3, false, REUSE_CANARY, true, false),
	  "global leaves, MOV to CR3 (real CPUs keep globals)"),
	S("pge.global", COR, P(FLUSH_PGE, false, REUSE_CANARY, true, false),
	  "global leaves, CR4.PGE toggle"),
	S("noflush.reuse_zero", OBS, P(FLUSH_NONE, false, REUSE_ZERO, false, false),
	  "no flush; freed pages reused zeroed"),
	S("noflush.tce", OBS, P(FLUSH_NONE, false, REUSE_CANARY, false, true),
	  "no flush, EFER.TCE=1"),
	S("invlpg_in.tce", OBS, P(FLUSH_INVLPG, false, REUSE_CANARY, false, true),
	  "INVLPG of the first page with EFER.TCE=1: other slots' PDEs may stay cached"),
};
