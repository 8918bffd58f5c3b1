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

#define ROW(n, cl, d, ...) COLLAPSE_ROW("pmd_collapse", n, cl, d, \
	.level = PT_LEVEL_PMD, .warm = WARM_PLAIN, __VA_ARGS__)
/* The model derives every row's class (harness/derived_classes.c). */
#define DER CLASS_DERIVED
/* Stated classes, for a row the model cannot run. */
#define OBS CLASS_OBSERVATION
#define COR CLASS_CORRECTNESS

static const struct scenario rows[] = {
	ROW("noflush", DER,
	    "no flush before the free (Linux 28ee90fe6048)",
	    .flush = FLUSH_NONE, .witness = true),
	ROW("invlpg_in", DER,
	    "INVLPG of the region's first page (Linux 5e0fb5df2ee8)",
	    .flush = FLUSH_INVLPG),
	ROW("invlpg_out", DER,
	    "INVLPG of an address outside the region",
	    .flush = FLUSH_INVLPG, .flush_outside = true),
	ROW("cr3", DER,
	    "MOV to CR3: drops non-global entries and paging-structure caches",
	    .flush = FLUSH_CR3),
	ROW("pge", DER,
	    "CR4.PGE toggle: drops everything",
	    .flush = FLUSH_PGE),
	ROW("invpcid0", DER,
	    "INVPCID type 0 (one address) of the first page",
	    .flush = FLUSH_INVPCID_ADDR),
	ROW("invpcid1", DER,
	    "INVPCID type 1 (the current PCID)",
	    .flush = FLUSH_INVPCID_CTX),
	ROW("invpcid2", DER,
	    "INVPCID type 2 (everything, globals included)",
	    .flush = FLUSH_INVPCID_ALL_G),
	ROW("invpcid3", DER,
	    "INVPCID type 3 (everything but globals)",
	    .flush = FLUSH_INVPCID_ALL),
	ROW("noflush.global", DER,
	    "global leaves, no flush",
	    .flush = FLUSH_NONE, .global = true),
	ROW("invlpg_in.global", DER,
	    "global leaves, INVLPG of the first page",
	    .flush = FLUSH_INVLPG, .global = true),
	ROW("cr3.global", DER,
	    "global leaves, MOV to CR3 (real CPUs keep globals)",
	    .flush = FLUSH_CR3, .global = true),
	ROW("pge.global", DER,
	    "global leaves, CR4.PGE toggle",
	    .flush = FLUSH_PGE, .global = true),
	ROW("invpcid1.global", DER,
	    "global leaves, INVPCID type 1 (keeps globals)",
	    .flush = FLUSH_INVPCID_CTX, .global = true),
	ROW("invpcid2.global", DER,
	    "global leaves, INVPCID type 2",
	    .flush = FLUSH_INVPCID_ALL_G, .global = true),
	ROW("invpcid3.global", DER,
	    "global leaves, INVPCID type 3 (keeps globals)",
	    .flush = FLUSH_INVPCID_ALL, .global = true),
	ROW("noflush.reuse_zero", DER,
	    "no flush; freed PTE page reused zeroed (a stale walk faults)",
	    .flush = FLUSH_NONE, .reuse = REUSE_ZERO),
	ROW("noflush.reuse_rsvd", DER,
	    "no flush; reused with reserved bits set (a stale walk faults with RSVD)",
	    .flush = FLUSH_NONE, .reuse = REUSE_RSVD),
	ROW("noflush.reuse_data", DER,
	    "no flush; reused for ordinary data written through the direct map",
	    .flush = FLUSH_NONE, .reuse = REUSE_DATA),
	ROW("pge.reuse_rsvd", DER,
	    "CR4.PGE toggle; reused with reserved bits: no probe may fault",
	    .flush = FLUSH_PGE, .reuse = REUSE_RSVD),
	ROW("invlpg_in.pcid", DER,
	    "warm in PCID 1, collapse + INVLPG in PCID 2, probe in PCID 1",
	    .flush = FLUSH_INVLPG, .pcid = true),
	ROW("cr3.pcid", DER,
	    "warm in PCID 1, collapse + MOV to CR3 in PCID 2, probe in PCID 1",
	    .flush = FLUSH_CR3, .pcid = true),
	ROW("pge.pcid", DER,
	    "warm in PCID 1, collapse + CR4.PGE toggle in PCID 2 (all PCIDs)",
	    .flush = FLUSH_PGE, .pcid = true),
	ROW("invpcid1.pcid", DER,
	    "warm in PCID 1, INVPCID type 1 of PCID 2, probe in PCID 1",
	    .flush = FLUSH_INVPCID_CTX, .pcid = true),
	ROW("invpcid2.pcid", DER,
	    "warm in PCID 1, INVPCID type 2 (all PCIDs), probe in PCID 1",
	    .flush = FLUSH_INVPCID_ALL_G, .pcid = true),
	ROW("invpcid3.pcid", DER,
	    "warm in PCID 1, INVPCID type 3 (all PCIDs), probe in PCID 1",
	    .flush = FLUSH_INVPCID_ALL, .pcid = true),
	ROW("invlpg_last", DER,
	    "INVLPG of the region's last page: other pages' 4 KiB TLB entries stay",
	    .flush = FLUSH_INVLPG_LAST),
	ROW("noflush.reuse_data_p", DER,
	    "no flush; freed page reused with present-looking data (P=1 words)",
	    .flush = FLUSH_NONE, .reuse = REUSE_DATA_P),
	/*
	 * With EFER.TCE=1 INVLPG drops only the upper-level entries on the
	 * path to its address (APM vol. 2 3.1.7 "EFER.TCE", 5.5.3); the
	 * plain warm-up leaves the other pages' 4 KiB TLB entries live
	 * either way, so both stay observations.  Skipped where CPUID
	 * 0x80000001 ECX bit 17 (TCE) is clear.
	 */
	ROW("invlpg_in.tce", DER,
	    "INVLPG of the first page with EFER.TCE=1: the PDE is on its path, other TLB entries stay",
	    .flush = FLUSH_INVLPG, .tce = true),
	ROW("invlpg_out.tce", DER,
	    "INVLPG outside the region with EFER.TCE=1: not on the PDE's path",
	    .flush = FLUSH_INVLPG, .flush_outside = true, .tce = true),
};

FAMILY(pmd_collapse, 20, false, rows);
