/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_FLUSH_H
#define TLBPROBE_FLUSH_H

#include "kernel/types.h"
#include "kernel/cpu.h"
#include "mm/flush_insn.h"	/* enum flush_insn */

/*
 * The ways software can tell the CPU to forget translations, and what each
 * one invalidates.  The list is mm/flush_kinds.def; this header gives its
 * vocabulary.  The experiments' skip checks, the software model and the
 * checker's citations read the table; nothing else may encode a flush's
 * reach.
 */

/* Which address of the region the experiment passes (flush_req.va). */
enum flush_at {
	FLUSH_AT_NONE,		/* the instruction takes no address */
	FLUSH_AT_FIRST,		/* the region's first 4 KiB page (Linux) */
	FLUSH_AT_LAST,		/* the region's last 4 KiB page */
	FLUSH_AT_EACH,		/* every 4 KiB page of the region, one by one */
	FLUSH_AT_EACH_PMD,	/* the first page of every 2 MiB slot of it */
};

/* Final translations (TLB entries) it drops. */
enum tlb_scope {
	TLB_NONE,
	TLB_ADDR,		/* those for the one page (FLUSH_AT_EACH: each) */
	TLB_ALL,		/* all of the PCIDs in scope */
};

/* Paging-structure-cache entries (PML4E, PDPTE, PDE caches) it drops. */
enum psc_scope {
	PSC_NONE,
	PSC_PATH,		/* only those on the address's walk */
	PSC_ALL,		/* all of the PCIDs in scope, any address */
};

/* Which PCIDs it reaches. */
enum pcid_scope {
	PCID_SCOPE_CURRENT,	/* the one in CR3 (the new one, for MOV to CR3) */
	PCID_SCOPE_GIVEN,	/* flush_req.pcid (INVPCID's descriptor) */
	PCID_SCOPE_ALL,
};

/* Which CPUs carry it out (SDM vol. 3A 4.10.5: each one that may cache). */
enum flush_reach {
	REACH_LOCAL,		/* the CPU that executes it, alone */
	REACH_IPI_ALL,		/* every CPU, each told by an IPI, acknowledged */
	REACH_BROADCAST,	/* every CPU, by AMD's INVLPGB broadcast */
};

/* CPUID features a flush needs (struct cpu_info has the flags). */
#define FEAT_PGE	(1U << 0)
#define FEAT_PCID	(1U << 1)
#define FEAT_INVPCID	(1U << 2)

/*
 * What one flush kind reaches: which TLB entries, which paging-structure
 * caches, which PCIDs, which CPUs (mm/flush_kinds.def).
 */
struct flush_scope {
	const char *name;	/* in scenario names, KTAP lines and profiles */
	enum flush_insn insn;
	u8 invpcid_type;	/* for INSN_INVPCID */
	enum flush_at at;
	enum tlb_scope tlb;
	bool tlb_global;	/* the TLB scope includes global entries */
	enum psc_scope psc;	/* Intel, and AMD with EFER.TCE=0 */
	enum psc_scope psc_tce;	/* AMD with EFER.TCE=1 */
	/* AMD with EFER.TCE=0 drops every upper-level entry, whatever psc. */
	bool psc_amd_all;
	enum flush_reach reach;
	/* Completion awaited: the IPIs' acknowledgements, or TLBSYNC. */
	bool sync;
	enum pcid_scope pcid;
	u32 needs;		/* FEAT_* */
	/* The manuals leave the reach unclear; the weaker reading is encoded. */
	bool ambiguous;
	/* The manuals' sections for its reach, as the checker cites them. */
	const char *cite;
};

enum flush_kind {
#define FLUSH_KIND(k, ...) FLUSH_##k,
#include "mm/flush_kinds.def"
#undef FLUSH_KIND
	FLUSH_NR,
};

struct flush_req {
	enum flush_kind kind;
	u64 va;			/* for the kinds that take an address */
	u16 pcid;		/* for INVPCID types 0 and 1 */
};

/* What kind reaches; a NONE-like entry named "?" when out of range. */
const struct flush_scope *flush_scope(enum flush_kind kind);
const char *flush_name(enum flush_kind kind);
/*
 * The address a flush of the region [base, base + size) passes: its first
 * or last 4 KiB page as the table says, base for a sequence over the
 * region (its first address), 0 for kinds without an address.
 */
u64 flush_region_va(enum flush_kind kind, u64 base, u64 size);
/*
 * Why kind cannot run on a CPU with the FEAT_* bits in have ("cpuid lacks
 * ..."), or NULL when it can.
 */
const char *flush_lacks(enum flush_kind kind, u32 have);

/* Its reach into the paging-structure caches on a vendor (amd) with TCE. */
static inline enum psc_scope flush_psc(const struct flush_scope *s, bool amd,
				       bool tce)
{
	if (amd && tce)
		return s->psc_tce;
	return amd && s->psc_amd_all ? PSC_ALL : s->psc;
}

/* The FEAT_* bits of a CPU. */
static inline u32 flush_features(const struct cpu_info *ci)
{
	return (ci->pge ? FEAT_PGE : 0) | (ci->pcid ? FEAT_PCID : 0) |
	       (ci->invpcid ? FEAT_INVPCID : 0);
}

#endif
