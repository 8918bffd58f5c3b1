/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_MODEL_MMU_INTERNAL_H
#define TLBPROBE_MODEL_MMU_INTERNAL_H

/* The model's cache sets and the index of where each table is reachable. */
#include "model/mmu.h"

/* A final translation that may be cached (SDM 4.10.2). */
struct tlb_ent {
	u64 va;		/* aligned to the page size */
	u64 val;	/* the leaf entry, A and D cleared */
	u64 pcids;	/* slots it may be cached for */
	u8 level;	/* 1: 4 KiB, 2: 2 MiB, 3: 1 GiB */
	bool global;	/* G with CR4.PGE: matches every PCID */
	bool dead;
	u8 nholes;	/* 4 KiB pieces an INVLPG dropped (fractured) */
	u64 used;	/* legal machines: the clock at the last use (LRU) */
	u64 holes[8];
	int next;	/* hash chain */
};

/* An upper-level entry that may be cached (SDM 4.10.3). */
struct psc_ent {
	u64 va;		/* aligned to what the entry covers */
	u64 val;	/* the entry, A cleared */
	u64 pcids;
	u8 level;	/* 4: PML4E, 3: PDPTE, 2: PDE */
	bool dead;
	u64 used;	/* legal machines: the clock at the last use (LRU) */
};

#define TLB_BUCKETS 4096

struct mmu_tlb {
	struct tlb_ent *e;
	int n, cap, ndead;
	int bucket[TLB_BUCKETS];
	/*
	 * The non-global entries' indexes, ascending: a flush that keeps
	 * globals (MOV to CR3) need not look at them, however many a
	 * machine that never drops them (a mutant) gathers.
	 */
	int *ng, nng, capng;
};

struct mmu_psc {
	struct psc_ent *e;
	int n, cap;
};

/* Where a table page is reachable: through CR3 or a cached PSC entry. */
struct mount {
	u64 table;	/* physical address of the table page */
	u64 va;		/* the VA its entry 0 maps */
	u64 pcids;
	u8 level;	/* level of the entries in the table */
	int next;	/* chain of the mounts of one table */
	int knext;	/* chain of one (table, level, va) hash */
};

#define IDX_BUCKETS 1024
#define IDX_KBUCKETS 4096

struct shadow {
	u64 table;
	u64 word[512];
	int next;
};

/* What a rebuild read: the mounts change only when one of these does. */
struct idx_inputs {
	u64 root, live;
	struct psc_ent *psc;	/* the live PSC entries, in order */
	int npsc, cap;
};

struct mmu_index {
	bool dirty;		/* a table pointer changed: rebuild */
	bool refresh;		/* registers or caches changed: rebuild if inputs did */
	struct idx_inputs in;
	struct mount *mt;
	int nmt, capmt;
	int bucket[IDX_BUCKETS];
	/*
	 * By (table, level, va): one table is often mounted at many VAs
	 * (a page of PTEs under every PDE of a region).
	 */
	int kbucket[IDX_KBUCKETS];
	struct shadow *sh;
	int nsh, capsh;
	int shbucket[IDX_BUCKETS];
};

/* What an invalidation drops; see model/mmu_flush.c. */
struct inval {
	u64 psc_pcids;		/* slots whose PSC entries go */
	bool psc_path_only;	/* only those on va's path */
	u64 tlb_pcids;		/* slots whose non-global TLB entries go */
	bool tlb_va_only;	/* only those that map va */
	bool globals;		/* global TLB entries go too (va_only applies) */
	bool fractured_keep;	/* large entries lose only va's 4 KiB piece */
	bool psc_keep_path;	/* mutant: the entries on va's path stay */
	bool tlb_keep_4k;	/* mutant: va's 4 KiB TLB entry stays */
	u64 va;
};

#define ENTRY_IGNORED_BITS	((1ULL << 5) | (1ULL << 6))	/* A, D */
#define PTE_A_BIT		(1ULL << 5)
#define ADDR_MASK		0x000FFFFFFFFFF000ULL

static inline u64 slot_bit(int s)
{
	return 1ULL << s;
}

/* model/mmu_state.c */
void tlb_add(struct mmu *m, u64 va, int level, u64 val, u64 pcids, bool global);
void psc_add(struct mmu *m, u64 va, int level, u64 val, u64 pcids);
int tlb_add_new(struct mmu *m, u64 va, int level, u64 val, u64 pcids, bool global);
void tlb_clear(struct mmu *m);
void psc_compact(struct mmu *m);
void psc_clear(struct mmu *m);
bool tlb_covers(const struct tlb_ent *t, u64 va);
/* Calls fn for every live TLB entry that could translate va. */
void tlb_for_va(struct mmu *m, u64 va, void (*fn)(struct mmu *, struct tlb_ent *, void *),
		void *arg);
void tlb_compact(struct mmu *m);
/* Indexes of the entries that could map va, ascending; -1: more than max. */
int tlb_candidates(struct mmu *m, u64 va, int *idx, int max);
u64 mmu_global_ok(const struct mmu *m);

/* model/mmu_legal.c: a legal machine's choices (all no-ops when off). */
bool legal_fills(struct mmu *m);
void legal_before_access(struct mmu *m);
int legal_choose(struct mmu *m, const struct mmu_outcome *o, int n,
		 int stalest);
void legal_touch_tlb(struct mmu *m, u64 va, const struct mmu_outcome *o);

/* model/mmu_mutant.c: bend one invalidation as the mutant breaks it. */
void mutant_flush(struct mmu *m, const struct flush_scope *sem, int *psc,
		  struct inval *iv);
/* A store (old to val at pa) and a walk's read of the entry at pa. */
void mutant_store(struct mmu *m, u64 pa, u64 old, u64 val);
u64 mutant_entry(struct mmu *m, u64 pa, u64 e);

/* model/mmu_index.c */
void idx_mark_dirty(struct mmu *m);
void idx_sync(struct mmu *m);
void idx_refresh(struct mmu *m);
/* Record, for every place the entry at pa is reachable, what it gave. */
void idx_record_old(struct mmu *m, u64 pa, u64 old);
/* Write a word the CPU itself changes (accessed bits): no history. */
void idx_cpu_write(struct mmu *m, u64 pa, u64 val);
void idx_free(struct mmu *m);
/* model/mmu_inputs.c: whether a rebuild would read what the last one did. */
bool idx_inputs_same(struct mmu *m);
void idx_inputs_save(struct mmu *m);
void idx_alloc(struct mmu *m);

/* model/mmu_flush.c */
void mmu_invalidate(struct mmu *m, const struct inval *iv);
void mmu_flush_everything(struct mmu *m);
void mmu_pf_invalidate(struct mmu *m, u64 va);
/* model/mmu_walk.c: the leaf level that maps va now, 0 if none. */
int mmu_current_level(struct mmu *m, u64 va);

/* realloc() or abort with a message: the model has no way on without memory. */
void *mmu_xrealloc(void *p, size_t n);

#endif
