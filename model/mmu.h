/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_MODEL_MMU_H
#define TLBPROBE_MODEL_MMU_H

/*
 * A software x86-64 MMU that does what the architecture permits and no
 * more (docs/model.md).  Host only.  The page tables live in the memory
 * phys_to_virt() reaches (the host arena); the model adds what the CPU may
 * have cached: TLB entries and paging-structure-cache (PSC) entries, each
 * tagged with the PCIDs it may be cached for.
 *
 * "May" is the point.  Any translation that was valid at some moment since
 * the last invalidation covering it may still be cached, speculative fills
 * included, and any entry may be evicted.  So the model does not keep one
 * cache state: it keeps every entry that could be cached, and a read
 * returns the set of outcomes the architecture allows.  Entries that the
 * current tables still produce are implicit (a walk from CR3 finds them);
 * only entries that a store or an invalidation made unreachable are kept
 * explicitly, recorded just before they become unreachable.
 */
#include "kernel/types.h"
#include "kernel/random.h"

enum mmu_vendor {
	MMU_INTEL,	/* SDM vol. 3A 4.10 */
	MMU_AMD,	/* APM vol. 2 5.5, EFER.TCE as software sets it */
	MMU_AMD_TCE,	/* AMD with EFER.TCE pinned to 1 */
	MMU_TCG,	/* QEMU's software TLB (docs/background.md) */
	MMU_VENDOR_NR,
};

/* The SDM's ambiguities, named; the defaults allow more (docs/model.md). */
enum mmu_invpcid0_psc {
	INVPCID0_PSC_PATH,	/* default: PSC entries on the address's path */
	INVPCID0_PSC_ALL,	/* every PSC entry of the PCID, as INVLPG */
};

enum mmu_fractured {
	FRACTURED_KEEP,		/* default: only the 4 KiB piece of va goes */
	FRACTURED_DROP,		/* the whole old large entry goes */
};

struct mmu_params {
	enum mmu_invpcid0_psc invpcid0_psc;
	enum mmu_fractured invlpg_fractured;
};

enum mmu_policy {
	MMU_STALEST,	/* prefer the outcome furthest from the current tables */
	MMU_RANDOM,	/* a seeded choice among the allowed outcomes */
};

/* How a read got its translation. */
enum mmu_via {
	VIA_TLB = 0,	/* a TLB entry */
	VIA_PDE = 2,	/* a walk that began at a cached PDE */
	VIA_PDPTE = 3,	/* ... at a cached PDPTE */
	VIA_PML4E = 4,	/* ... at a cached PML4E */
	VIA_CR3 = 5,	/* a walk of the current tables from CR3 */
};

struct mmu_outcome {
	bool fault;
	u64 pa;		/* the word read, when !fault */
	u32 pf_error;	/* #PF error code (P, RSVD), when fault */
	u8 level;	/* leaf level (1..3), or the level of the bad entry */
	u8 via;		/* enum mmu_via */
};

#define MMU_MAX_OUTCOMES 32

/*
 * A legal machine (model/mmu_legal.c): one concrete CPU among those the
 * architecture permits, drawn from a seed.  Each choice only ever keeps
 * less than the model allows, or picks among the outcomes it allows, so
 * every read stays inside mmu_allowed() (docs/model.md, "Legal machines").
 */
struct mmu_legal {
	bool on;
	u32 evict_ppm;		/* per access: one kept entry evicted */
	u32 flush_ppm;		/* per access: everything flushed (SMI, migration) */
	u32 fill_ppm;		/* a translation about to go stale was cached */
	u32 stalest_ppm;	/* per read: the stalest outcome, else a random one */
	int psc_cap[5];		/* kept PSC entries per level (2..4), LRU; -1: no limit */
	int tlb_cap;		/* kept TLB entries, LRU; -1: no limit */
	bool amd_rewalk;	/* AMD: walk the current tables again before a #PF */
	struct rng rng;
	u64 clock;		/* for LRU */
	u64 evicted, flushed, unfilled, rewalked;
};

/* Broken machines (model/mmu_mutant.c): each breaks one rule. */
enum mmu_mutant {
	MUT_NONE,
	MUT_INVLPG_KEEPS_PSC_PATH,
	MUT_INVLPG_KEEPS_PAGE,
	MUT_INVLPG_KEEPS_GLOBAL,
	MUT_CR3_KEEPS_TLB,
	MUT_CR3_KEEPS_PSC,
	MUT_PGE_KEEPS_GLOBALS,
	MUT_INVPCID_KEEPS_PSC,
	MUT_INVPCID0_KEEPS_PAGE,
	MUT_AMD_TCE0_PATH_ONLY,
	MUT_SHADOW_NO_RESYNC,
	MUT_REMOTE_IGNORES_SHOOTDOWN,
	MUT_INVLPGB_NO_WAIT,
	MUT_SHADOW_LINKS_UNSYNCED,
	MUT_NR,
};

struct mmu_mutant_info {
	const char *name;
	const char *rule;	/* the rule it breaks, with its source */
	const char *like;	/* the erratum or bug it behaves like */
	const char *vendors;	/* where it applies: "intel amd ..." */
	const char *uncatchable;	/* why the model cannot run it, or NULL */
	/* Why the rows catch it in fewer than 99 of 100 runs, or NULL. */
	const char *weak;
};

const struct mmu_mutant_info *mmu_mutant_info(enum mmu_mutant mu);
/* By name; -1 if unknown. */
int mmu_mutant_parse(const char *name);

struct mmu_tlb;
struct mmu_psc;
struct mmu_index;

struct mmu {
	enum mmu_vendor vendor;
	struct mmu_params par;
	u64 track_lo, track_hi;	/* VAs whose history is kept */
	u32 maxphyaddr;
	bool pdpe1gb;
	/* Architectural registers. */
	u64 cr3, cr4, efer;
	/* PCIDs are kept in up to 64 slots; masks are over slots. */
	u16 slot_pcid[64];
	int nr_slots;
	u64 live;	/* PCIDs that were current since their last invalidation */
	struct mmu_tlb *tlb;
	struct mmu_psc *psc;
	struct mmu_index *idx;
	/*
	 * The other CPUs over the same tables, as a ring (NULL: alone): a
	 * store is recorded by each (model/cpus.c links them).
	 */
	struct mmu *next_cpu;
	/* TCG: the span of the large pages cached since the last full flush. */
	u64 tcg_lp_addr, tcg_lp_mask;
	struct mmu_legal legal;
	enum mmu_mutant mutant;
	/* Statistics, for the log and the tests. */
	u64 bypassed;	/* table words changed without mmu_store() */
	u64 reads, walks;
};

/* Vendors by name: "intel", "amd", "amd-tce", "tcg"; -1 if unknown. */
int mmu_vendor_parse(const char *name);
const char *mmu_vendor_name(enum mmu_vendor v);
void mmu_params_default(struct mmu_params *p);

/*
 * Track history for VAs in [lo, hi) (the experiment window: the direct map
 * is never probed, and leaving it out keeps the model fast).
 */
void mmu_init(struct mmu *m, enum mmu_vendor v, const struct mmu_params *p,
	      u64 track_lo, u64 track_hi);
void mmu_destroy(struct mmu *m);

/* Architectural operations. */
void mmu_store(struct mmu *m, u64 pa, u64 val);	/* an 8-byte table store */
void mmu_write_cr3(struct mmu *m, u64 cr3);
void mmu_write_cr4(struct mmu *m, u64 cr4);
void mmu_write_efer(struct mmu *m, u64 efer);
struct flush_scope;
/* A flush with the reach mm/flush_kinds.def gives it (va, pcid as needed). */
void mmu_flush(struct mmu *m, const struct flush_scope *sem, u64 va, u16 pcid);
/* That flush of each 4 KiB page of [va, va + npages pages), at once. */
void mmu_flush_pages(struct mmu *m, const struct flush_scope *sem, u64 va,
		     u64 npages, u16 pcid);
void mmu_invlpg(struct mmu *m, u64 va);
void mmu_invpcid(struct mmu *m, unsigned int type, u16 pcid, u64 va);

/*
 * Catch table words changed without mmu_store() (recorded, counted in
 * m->bypassed); the operations above do it themselves.
 */
void mmu_sync(struct mmu *m);

/* The allowed outcomes of a read of va now; returns how many. */
int mmu_allowed(struct mmu *m, u64 va, struct mmu_outcome *out, int max);
/*
 * A read: pick one allowed outcome (policy; rng for MMU_RANDOM) and do
 * what that choice does to the machine: accessed bits set by the walk it
 * took, TCG's TLB fill, the invalidation a #PF makes.  The allowed set is
 * copied to allowed (if not NULL) and its size to *nr_allowed.
 */
struct mmu_outcome mmu_read(struct mmu *m, u64 va, enum mmu_policy pol,
			    struct rng *rng, struct mmu_outcome *allowed,
			    int *nr_allowed);

/*
 * Draw a legal machine from seed (model/mmu_legal.c): its knobs, and the
 * ambiguity readings in *par it takes (apply them before mmu_init()).
 */
void mmu_legal_draw(struct mmu_legal *l, struct mmu_params *par,
		    enum mmu_vendor v, u64 seed);
/*
 * A machine given knob by knob ("fill_ppm=500000,psc_cap_pde=0,...": the
 * names of mmu_legal_describe(), psc_cap split into psc_cap_pde,
 * psc_cap_pdpte, psc_cap_pml4e) over one that keeps everything; -1 on a
 * bad spec.
 */
int mmu_legal_parse(struct mmu_legal *l, const char *spec, u64 seed);
/* The knobs as k=v words, for the log. */
int mmu_legal_describe(const struct mmu_legal *l, char *buf, int len);

#define CR4_PGE_BIT	(1ULL << 7)
#define CR4_PCIDE_BIT	(1ULL << 17)
#define EFER_TCE_BIT	(1ULL << 15)
#define CR3_NOFLUSH_BIT	(1ULL << 63)

/* Internal, shared by model/mmu_*.c. */
u64 mmu_entry_size(int level);
bool mmu_entry_rsvd(const struct mmu *m, u64 e, int level);
bool mmu_is_leaf(const struct mmu *m, u64 e, int level);
u64 mmu_read_entry(u64 pa);
int mmu_cur_slot(struct mmu *m);
int mmu_slot_of(struct mmu *m, u16 pcid);
bool mmu_tce(const struct mmu *m);

#endif
