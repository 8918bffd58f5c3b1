// SPDX-License-Identifier: MIT
/*
 * pmd_collapse: a PTE page replaced by a 2 MiB entry (Linux's
 * pmd_free_pte_page() + pmd_set_huge()), with every flush primitive alone,
 * with global leaves, with other reuse patterns, and across PCIDs.  The
 * warm-up is plain reads, so the small pages' TLB entries are live: only a
 * flush that drops every non-global entry (or everything, for globals) is
 * sufficient, and only those scenarios are correctness tests.
 */
#include "tests/kernel/families.h"
#include "tests/kernel/collapse.h"

#define P(fl_, out_, reuse_, glob_, pcid_) (&(const struct collapse_param){ \
	.level = PT_LEVEL_PMD, .flush = fl_, .flush_outside = out_, \
	.warm = WARM_PLAIN, .reuse = reuse_, .global = glob_, .pcid = pcid_ })
#define S(n, cl, prm, d) { .name = "pmd_collapse." n, .desc = d, .cls = cl, \
	.skip = skip_collapse, .run = run_collapse, .param = prm }
#define OBS CLASS_OBSERVATION
#define COR CLASS_CORRECTNESS

const struct scenario pmd_collapse_scenarios[PMD_COLLAPSE_COUNT] = {
	S("noflush", OBS, P(FLUSH_NONE, false, REUSE_CANARY, false, false),
	  "no flush before the free (Linux 28ee90fe6048)"),
	S("invlpg_in", OBS, P(FLUSH_INVLPG, false, REUSE_CANARY, false, false),
	  "INVLPG of the region's first page (Linux 5e0fb5df2ee8)"),
	S("invlpg_out", OBS, P(FLUSH_INVLPG, true, REUSE_CANARY, false, false),
	  "INVLPG of an address outside the region"),
	S("cr3", COR, P(FLUSH_CR3, false, REUSE_CANARY, false, false),
	  "MOV to CR3: drops non-global entries and paging-structure caches"),
	S("pge", COR, P(FLUSH_PGE, false, REUSE_CANARY, false, false),
	  "CR4.PGE toggle: drops everything"),
	S("invpcid0", OBS, P(FLUSH_INVPCID_ADDR, false, REUSE_CANARY, false, false),
	  "INVPCID type 0 (one address) of the first page"),
	S("invpcid1", COR, P(FLUSH_INVPCID_CTX, false, REUSE_CANARY, false, false),
	  "INVPCID type 1 (the current PCID)"),
	S("invpcid2", COR, P(FLUSH_INVPCID_ALL_G, false, REUSE_CANARY, false, false),
	  "INVPCID type 2 (everything, globals included)"),
	S("invpcid3", COR, P(FLUSH_INVPCID_ALL, false, REUSE_CANARY, false, false),
	  "INVPCID type 3 (everything but globals)"),
	S("noflush.global", OBS, P(FLUSH_NONE, false, REUSE_CANARY, true, false),
	  "global leaves, no flush"),
	S("invlpg_in.global", OBS, P(FLUSH_INVLPG, false, REUSE_CANARY, true, false),
	  "global leaves, INVLPG of the first page"),
	S("cr3.global", OBS, P(FLUSH_CR3, false, REUSE_CANARY, true, false),
	  "global leaves, MOV to CR3 (real CPUs keep globals)"),
	S("pge.global", COR, P(FLUSH_PGE, false, REUSE_CANARY, true, false),
	  "global leaves, CR4.PGE toggle"),
	S("invpcid1.global", OBS, P(FLUSH_INVPCID_CTX, false, REUSE_CANARY, true, false),
	  "global leaves, INVPCID type 1 (keeps globals)"),
	S("invpcid2.global", COR, P(FLUSH_INVPCID_ALL_G, false, REUSE_CANARY, true, false),
	  "global leaves, INVPCID type 2"),
	S("invpcid3.global", OBS, P(FLUSH_INVPCID_ALL, false, REUSE_CANARY, true, false),
	  "global leaves, INVPCID type 3 (keeps globals)"),
	S("noflush.reuse_zero", OBS, P(FLUSH_NONE, false, REUSE_ZERO, false, false),
	  "no flush; freed PTE page reused zeroed (a stale walk faults)"),
	S("noflush.reuse_rsvd", OBS, P(FLUSH_NONE, false, REUSE_RSVD, false, false),
	  "no flush; reused with reserved bits set (a stale walk faults with RSVD)"),
	S("noflush.reuse_data", OBS, P(FLUSH_NONE, false, REUSE_DATA, false, false),
	  "no flush; reused for ordinary data written through the direct map"),
	S("pge.reuse_rsvd", COR, P(FLUSH_PGE, false, REUSE_RSVD, false, false),
	  "CR4.PGE toggle; reused with reserved bits: no probe may fault"),
	S("invlpg_in.pcid", OBS, P(FLUSH_INVLPG, false, REUSE_CANARY, false, true),
	  "warm in PCID 1, collapse + INVLPG in PCID 2, probe in PCID 1"),
	S("cr3.pcid", OBS, P(FLUSH_CR3, false, REUSE_CANARY, false, true),
	  "warm in PCID 1, collapse + MOV to CR3 in PCID 2, probe in PCID 1"),
	S("pge.pcid", COR, P(FLUSH_PGE, false, REUSE_CANARY, false, true),
	  "warm in PCID 1, collapse + CR4.PGE toggle in PCID 2 (all PCIDs)"),
	S("invpcid1.pcid", OBS, P(FLUSH_INVPCID_CTX, false, REUSE_CANARY, false, true),
	  "warm in PCID 1, INVPCID type 1 of PCID 2, probe in PCID 1"),
	S("invpcid2.pcid", COR, P(FLUSH_INVPCID_ALL_G, false, REUSE_CANARY, false, true),
	  "warm in PCID 1, INVPCID type 2 (all PCIDs), probe in PCID 1"),
	S("invpcid3.pcid", COR, P(FLUSH_INVPCID_ALL, false, REUSE_CANARY, false, true),
	  "warm in PCID 1, INVPCID type 3 (all PCIDs), probe in PCID 1"),
};
