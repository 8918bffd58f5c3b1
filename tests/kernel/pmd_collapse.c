// SPDX-License-Identifier: MIT
/*
 * pmd_collapse: a PTE page replaced by a 2 MiB entry (Linux's
 * pmd_free_pte_page() + pmd_set_huge()), with every flush primitive alone,
 * with global leaves, with other reuse patterns, and across PCIDs.  The
 * warm-up is plain reads, so the small pages' TLB entries are live: only a
 * flush that drops every non-global entry (or everything, for globals) is
 * sufficient, and only those scenarios are correctness tests.
 */
#include "tests/kernel/collapse.h"

#define ROW(n, cl, d, ...) ROW_ON(n, cl, NULL, d, __VA_ARGS__)
#define ROW_ON(n, cl, on, d, ...) COLLAPSE_ROW_ON("pmd_collapse", n, cl, on, d, \
	.level = PT_LEVEL_PMD, .warm = WARM_PLAIN, __VA_ARGS__)
#define OBS CLASS_OBSERVATION
#define COR CLASS_CORRECTNESS

static const struct scenario rows[] = {
	ROW("noflush", OBS,
	    "no flush before the free (Linux 28ee90fe6048)",
	    .flush = FLUSH_NONE, .witness = true),
	ROW("invlpg_in", OBS,
	    "INVLPG of the region's first page (Linux 5e0fb5df2ee8)",
	    .flush = FLUSH_INVLPG),
	ROW("invlpg_out", OBS,
	    "INVLPG of an address outside the region",
	    .flush = FLUSH_INVLPG, .flush_outside = true),
	ROW("cr3", COR,
	    "MOV to CR3: drops non-global entries and paging-structure caches",
	    .flush = FLUSH_CR3),
	ROW("pge", COR,
	    "CR4.PGE toggle: drops everything",
	    .flush = FLUSH_PGE),
	ROW("invpcid0", OBS,
	    "INVPCID type 0 (one address) of the first page",
	    .flush = FLUSH_INVPCID_ADDR),
	ROW("invpcid1", COR,
	    "INVPCID type 1 (the current PCID)",
	    .flush = FLUSH_INVPCID_CTX),
	ROW("invpcid2", COR,
	    "INVPCID type 2 (everything, globals included)",
	    .flush = FLUSH_INVPCID_ALL_G),
	ROW("invpcid3", COR,
	    "INVPCID type 3 (everything but globals)",
	    .flush = FLUSH_INVPCID_ALL),
	ROW("noflush.global", OBS,
	    "global leaves, no flush",
	    .flush = FLUSH_NONE, .global = true),
	ROW("invlpg_in.global", OBS,
	    "global leaves, INVLPG of the first page",
	    .flush = FLUSH_INVLPG, .global = true),
	ROW_ON("cr3.global", OBS, "tcg:correctness",
	    "global leaves, MOV to CR3 (real CPUs keep globals)",
	    .flush = FLUSH_CR3, .global = true),
	ROW("pge.global", COR,
	    "global leaves, CR4.PGE toggle",
	    .flush = FLUSH_PGE, .global = true),
	ROW("invpcid1.global", OBS,
	    "global leaves, INVPCID type 1 (keeps globals)",
	    .flush = FLUSH_INVPCID_CTX, .global = true),
	ROW("invpcid2.global", COR,
	    "global leaves, INVPCID type 2",
	    .flush = FLUSH_INVPCID_ALL_G, .global = true),
	ROW("invpcid3.global", OBS,
	    "global leaves, INVPCID type 3 (keeps globals)",
	    .flush = FLUSH_INVPCID_ALL, .global = true),
	ROW("noflush.reuse_zero", OBS,
	    "no flush; freed PTE page reused zeroed (a stale walk faults)",
	    .flush = FLUSH_NONE, .reuse = REUSE_ZERO),
	ROW("noflush.reuse_rsvd", OBS,
	    "no flush; reused with reserved bits set (a stale walk faults with RSVD)",
	    .flush = FLUSH_NONE, .reuse = REUSE_RSVD),
	ROW("noflush.reuse_data", OBS,
	    "no flush; reused for ordinary data written through the direct map",
	    .flush = FLUSH_NONE, .reuse = REUSE_DATA),
	ROW("pge.reuse_rsvd", COR,
	    "CR4.PGE toggle; reused with reserved bits: no probe may fault",
	    .flush = FLUSH_PGE, .reuse = REUSE_RSVD),
	ROW("invlpg_in.pcid", OBS,
	    "warm in PCID 1, collapse + INVLPG in PCID 2, probe in PCID 1",
	    .flush = FLUSH_INVLPG, .pcid = true),
	ROW("cr3.pcid", OBS,
	    "warm in PCID 1, collapse + MOV to CR3 in PCID 2, probe in PCID 1",
	    .flush = FLUSH_CR3, .pcid = true),
	ROW("pge.pcid", COR,
	    "warm in PCID 1, collapse + CR4.PGE toggle in PCID 2 (all PCIDs)",
	    .flush = FLUSH_PGE, .pcid = true),
	ROW("invpcid1.pcid", OBS,
	    "warm in PCID 1, INVPCID type 1 of PCID 2, probe in PCID 1",
	    .flush = FLUSH_INVPCID_CTX, .pcid = true),
	ROW("invpcid2.pcid", COR,
	    "warm in PCID 1, INVPCID type 2 (all PCIDs), probe in PCID 1",
	    .flush = FLUSH_INVPCID_ALL_G, .pcid = true),
	ROW("invpcid3.pcid", COR,
	    "warm in PCID 1, INVPCID type 3 (all PCIDs), probe in PCID 1",
	    .flush = FLUSH_INVPCID_ALL, .pcid = true),
	ROW("invlpg_last", OBS,
	    "INVLPG of the region's last page: other pages' 4 KiB TLB entries stay",
	    .flush = FLUSH_INVLPG_LAST),
	ROW("noflush.reuse_data_p", OBS,
	    "no flush; freed page reused with present-looking data (P=1 words)",
	    .flush = FLUSH_NONE, .reuse = REUSE_DATA_P),
	/*
	 * With EFER.TCE=1 INVLPG drops only the upper-level entries on the
	 * path to its address (APM vol. 2 3.1.7 "EFER.TCE", 5.5.3); the
	 * plain warm-up leaves the other pages' 4 KiB TLB entries live
	 * either way, so both stay observations.  Skipped where CPUID
	 * 0x80000001 ECX bit 17 (TCE) is clear.
	 */
	ROW("invlpg_in.tce", OBS,
	    "INVLPG of the first page with EFER.TCE=1: the PDE is on its path, other TLB entries stay",
	    .flush = FLUSH_INVLPG, .tce = true),
	ROW("invlpg_out.tce", OBS,
	    "INVLPG outside the region with EFER.TCE=1: not on the PDE's path",
	    .flush = FLUSH_INVLPG, .flush_outside = true, .tce = true),
};

FAMILY(pmd_collapse, 20, false, rows);
