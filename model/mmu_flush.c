// SPDX-License-Identifier: MIT
/*
 * Invalidation, per vendor.  Every rule cites its section; docs/model.md
 * lists them with the host test that checks each.
 *
 * When a kept PSC entry goes, what could have been derived through it
 * before it went may still be cached below it (SDM 4.10.3.3: the processor
 * may use PSC entries to fill the TLB and lower-level PSC entries, at any
 * time).  So before an entry is dropped, the TLB and lower PSC entries a
 * walk through it would give now are kept, if this invalidation does not
 * also drop them.  Entries the current tables produce need no such care:
 * a walk from CR3 gives them again.
 */
#include <stdio.h>
#include <stdlib.h>

#include "model/mmu_internal.h"
#include "mm/flush.h"
#include "mm/phys.h"

static bool on_path(u64 entry_va, int level, u64 va)
{
	return (va & ~(mmu_entry_size(level) - 1)) == entry_va;
}

static u64 psc_dying(const struct inval *iv, u64 va, int level, u64 pcids)
{
	if (iv->psc_path_only && !on_path(va, level, iv->va))
		return 0;
	if (iv->psc_keep_path && on_path(va, level, iv->va))
		return 0;
	return pcids & iv->psc_pcids;
}

/* Slots whose copy of a TLB entry goes; *hole when only va's piece goes. */
static u64 tlb_dying(const struct inval *iv, u64 va, int level, bool global,
		     u64 pcids, int cur_level, bool *hole)
{
	u64 d;

	*hole = false;
	if (iv->tlb_va_only && !on_path(va, level, iv->va))
		return 0;
	if (iv->tlb_keep_4k && level == 1)
		return 0;
	d = global ? (iv->globals ? pcids | 1 : 0) : pcids & iv->tlb_pcids;
	/*
	 * SDM 4.10.4.1: INVLPG drops every TLB entry of a page larger than
	 * 4 KiB only where the tables map va with such a page when it runs.
	 * After an in-place size change they map a smaller page, and a CPU
	 * that cached the old large page as fractured pieces (4.10.2.3) may
	 * keep the others.  With the entry cleared first (not present: the
	 * algorithm 4.10.2.3 gives for a size change) every piece goes.
	 */
	if (d && iv->tlb_va_only && level >= 2 && iv->fractured_keep &&
	    cur_level >= 1 && cur_level < level)
		*hole = true;
	return d;
}

static void add_hole(struct tlb_ent *t, u64 va)
{
	/* Out of room: keep the piece, which only ever allows more. */
	if (t->nholes < ARRAY_SIZE(t->holes))
		t->holes[t->nholes++] = va & ~(PAGE_SIZE - 1);
}

static void keep_leaf(struct mmu *m, const struct inval *iv, u64 va, int level,
		      u64 e, u64 pcids, int cur_level)
{
	bool global = (e & (1ULL << 8)) && mmu_global_ok(m), hole;
	u64 d = tlb_dying(iv, va, level, global, pcids, cur_level, &hole);

	if (pcids & ~d)
		tlb_add(m, va, level, e, pcids & ~d, global);
	if (d && hole) {
		int k = tlb_add_new(m, va, level, e, d, global);

		add_hole(&m->tlb->e[k], iv->va);
	}
}

/* Keep what a walk through the dying entry (level, va, val) gives now. */
static void derive_below(struct mmu *m, const struct inval *iv, int level,
			 u64 va, u64 val, u64 dying, int cur_level)
{
	u64 table = val & ADDR_MASK;
	int tl = level - 1;

	for (unsigned int i = 0; i < 512; i++) {
		u64 e = mmu_read_entry(table + 8 * i);
		u64 cva = va + (u64)i * mmu_entry_size(tl), d;

		if (!(e & 1) || mmu_entry_rsvd(m, e, tl))
			continue;
		if (mmu_is_leaf(m, e, tl)) {
			keep_leaf(m, iv, cva, tl, e, dying, cur_level);
			continue;
		}
		d = psc_dying(iv, cva, tl, dying);
		if (dying & ~d)
			psc_add(m, cva, tl, e, dying & ~d);
		if (d)
			derive_below(m, iv, tl, cva, e, d, cur_level);
	}
}

static void inval_psc(struct mmu *m, const struct inval *iv, int cur_level)
{
	int n = m->psc->n;

	for (int i = 0; i < n; i++) {
		struct psc_ent e = m->psc->e[i];
		u64 d;

		if (e.dead)
			continue;
		d = psc_dying(iv, e.va, e.level, e.pcids);
		if (!d)
			continue;
		derive_below(m, iv, e.level, e.va, e.val, d, cur_level);
		m->psc->e[i].pcids &= ~d;
		m->psc->e[i].dead = !m->psc->e[i].pcids;
	}
	psc_compact(m);
}

static void inval_tlb_one(struct mmu *m, const struct inval *iv, int i,
			  int cur_level)
{
	struct tlb_ent *t = &m->tlb->e[i];
	bool hole;
	u64 d;

	if (t->dead)
		return;
	d = tlb_dying(iv, t->va, t->level, t->global, t->pcids, cur_level, &hole);
	if (!d)
		return;
	if (hole) {
		if (t->global || d == t->pcids) {
			add_hole(t, iv->va);
		} else {
			struct tlb_ent copy = *t;
			int k;

			t->pcids &= ~d;
			k = tlb_add_new(m, copy.va, copy.level, copy.val, d, false);
			t = &m->tlb->e[k];
			t->nholes = copy.nholes;
			for (int h = 0; h < copy.nholes; h++)
				t->holes[h] = copy.holes[h];
			add_hole(t, iv->va);
		}
		return;
	}
	t->pcids &= ~d;
	if (t->global || !t->pcids) {
		t->dead = true;
		m->tlb->ndead++;
	}
}

#define MAX_CANDIDATES 256

static void inval_tlb(struct mmu *m, const struct inval *iv, int cur_level)
{
	int n = m->tlb->n, cand[MAX_CANDIDATES], nc = -1;

	/* An address flush reaches only the entries that map va: by hash. */
	if (iv->tlb_va_only)
		nc = tlb_candidates(m, iv->va, cand, MAX_CANDIDATES);
	if (nc >= 0) {
		for (int k = 0; k < nc; k++)
			inval_tlb_one(m, iv, cand[k], cur_level);
	} else if (!iv->globals) {
		/* Globals stay: only the non-global entries can go. */
		for (int k = 0, nng = m->tlb->nng; k < nng; k++)
			inval_tlb_one(m, iv, m->tlb->ng[k], cur_level);
	} else {
		for (int i = 0; i < n; i++)
			inval_tlb_one(m, iv, i, cur_level);
	}
	if (m->tlb->ndead > m->tlb->n / 2)
		tlb_compact(m);
}

void mmu_invalidate(struct mmu *m, const struct inval *iv)
{
	int cur_level = iv->tlb_va_only ? mmu_current_level(m, iv->va) : 0;

	/* PSC first: what it derives must still meet the TLB rules. */
	inval_psc(m, iv, cur_level);
	inval_tlb(m, iv, cur_level);
	idx_refresh(m);
}

void mmu_flush_everything(struct mmu *m)
{
	tlb_clear(m);
	psc_clear(m);
	m->tcg_lp_addr = (u64)-1;
	m->tcg_lp_mask = 0;
	m->live = slot_bit(mmu_cur_slot(m));
	idx_refresh(m);
}

/*
 * QEMU's TCG (docs/model.md): no paging-structure caches, and INVLPG drops
 * the page, or everything when it lies in the span of the large pages
 * cached since the last full flush; every other flush drops everything,
 * globals included.
 */
static void tcg_flush(struct mmu *m, const struct flush_scope *sem, u64 va)
{
	struct inval iv = { .tlb_pcids = ~0ULL, .tlb_va_only = true,
			    .globals = true, .va = va };

	switch (sem->insn) {
	case INSN_NONE:
		return;
	case INSN_INVLPG:
		/* QEMU: the page, or everything inside the large-page span. */
		if (m->tcg_lp_addr == (u64)-1 ||
		    (va & m->tcg_lp_mask) != m->tcg_lp_addr) {
			mmu_invalidate(m, &iv);
			return;
		}
		break;
	case INSN_INVPCID:
		fprintf(stderr, "tlbprobe-model: tcg has no INVPCID (#UD)\n");
		abort();
	default:
		break;	/* QEMU: MOV to CR3 drops globals too; PGE all */
	}
	mmu_flush_everything(m);
}

static u64 pcid_scope(struct mmu *m, const struct flush_scope *sem, u16 pcid)
{
	switch (sem->pcid) {
	case PCID_SCOPE_GIVEN:
		return slot_bit(mmu_slot_of(m, pcid));
	case PCID_SCOPE_ALL:
		return ~0ULL;
	default:
		return slot_bit(mmu_cur_slot(m));
	}
}

/*
 * One flush, with the reach mm/flush_kinds.def gives it (the table is the
 * one place that encodes what a flush invalidates; SDM 4.10.4.1, APM vol.
 * 2 5.5.3): the TLB scope, the PSC scope (flush_psc(): psc_tce with
 * EFER.TCE=1, every entry for AMD's psc_amd_all), the PCIDs.  The model
 * adds only what the table leaves open: the named ambiguities, and QEMU's
 * own rules for tcg.
 */
static void flush_synced(struct mmu *m, const struct flush_scope *sem, u64 va,
			 u16 pcid)
{
	/* AMD's INVPCID type 0 with TCE=0 reaches every entry (APM 3.1.7). */
	enum psc_scope psc = flush_psc(sem, m->vendor == MMU_AMD ||
				       m->vendor == MMU_AMD_TCE, mmu_tce(m));
	u64 scope = pcid_scope(m, sem, pcid), cur = slot_bit(mmu_cur_slot(m));
	struct inval iv = {
		.tlb_va_only = sem->tlb == TLB_ADDR,
		.globals = sem->tlb != TLB_NONE && sem->tlb_global,
		.fractured_keep = m->par.invlpg_fractured == FRACTURED_KEEP,
		.va = va,
	};

	if (m->vendor == MMU_TCG) {
		tcg_flush(m, sem, va);
		return;
	}
	/* The weaker reading is the table's; the option takes the stronger. */
	if (sem->ambiguous && psc == PSC_PATH &&
	    m->par.invpcid0_psc == INVPCID0_PSC_ALL)
		psc = PSC_ALL;
	iv.tlb_pcids = sem->tlb == TLB_NONE ? 0 : scope;
	if (m->mutant) {
		int p = psc;

		mutant_flush(m, sem, &p, &iv);
		psc = p;
	}
	iv.psc_pcids = psc == PSC_NONE ? 0 : scope;
	iv.psc_path_only = psc == PSC_PATH;
	/*
	 * Everything goes (a mutant may have left it so): nothing derived
	 * below a dying entry survives, so skip deriving it.
	 */
	if (sem->tlb == TLB_ALL && iv.tlb_pcids == ~0ULL && iv.globals &&
	    psc == PSC_ALL && iv.psc_pcids == ~0ULL && !iv.psc_keep_path &&
	    !iv.tlb_keep_4k) {
		mmu_flush_everything(m);
		return;
	}
	/* A PCID emptied while not current can no longer be filled. */
	if (sem->tlb == TLB_ALL && psc == PSC_ALL)
		m->live &= ~(scope & ~cur);
	mmu_invalidate(m, &iv);
}

void mmu_flush(struct mmu *m, const struct flush_scope *sem, u64 va, u16 pcid)
{
	idx_sync(m);
	flush_synced(m, sem, va, pcid);
}

/*
 * The same flush of npages 4 KiB pages from va, as one CPU's IPI handler
 * or INVLPGB runs it: no code of the experiments runs between the pages,
 * so the tables are compared with the shadows once.
 */
void mmu_flush_pages(struct mmu *m, const struct flush_scope *sem, u64 va,
		     u64 npages, u16 pcid)
{
	idx_sync(m);
	for (u64 i = 0; i < npages; i++)
		flush_synced(m, sem, va + i * 4096, pcid);
}

void mmu_invlpg(struct mmu *m, u64 va)
{
	mmu_flush(m, flush_scope(FLUSH_INVLPG), va, 0);
}

static const enum flush_kind invpcid_kind[4] = {
	FLUSH_INVPCID_ADDR, FLUSH_INVPCID_CTX, FLUSH_INVPCID_ALL_G,
	FLUSH_INVPCID_ALL,
};

void mmu_invpcid(struct mmu *m, unsigned int type, u16 pcid, u64 va)
{
	mmu_flush(m, flush_scope(invpcid_kind[type & 3]), va, pcid);
}

/*
 * MOV to CR3 (SDM 4.10.4.1): with CR4.PCIDE=0, or bit 63 clear, the
 * non-global TLB entries and the PSC entries of the PCID loaded; with bit
 * 63 set, nothing.  QEMU drops everything, globals included.
 */
void mmu_write_cr3(struct mmu *m, u64 cr3)
{
	bool keep = (m->cr4 & CR4_PCIDE_BIT) && (cr3 & CR3_NOFLUSH_BIT);
	u64 old_root = m->cr3 & ADDR_MASK;
	int q;

	idx_sync(m);
	if (old_root && old_root != (cr3 & ADDR_MASK)) {
		fprintf(stderr, "model: a switch to another root table is not "
			"modelled (0x%llx -> 0x%llx)\n",
			(unsigned long long)old_root,
			(unsigned long long)(cr3 & ADDR_MASK));
		abort();
	}
	m->cr3 = cr3 & ~CR3_NOFLUSH_BIT;
	q = mmu_cur_slot(m);
	if (m->vendor == MMU_TCG) {
		mmu_flush_everything(m);
		return;
	}
	m->live |= slot_bit(q);
	if (!keep)
		mmu_flush(m, flush_scope(FLUSH_CR3), 0, 0);
	else
		idx_refresh(m);
}

/*
 * MOV to CR4 (SDM 4.10.4.1): a change of PGE, or PCIDE from 1 to 0, drops
 * every TLB and PSC entry of every PCID, globals included.
 */
void mmu_write_cr4(struct mmu *m, u64 cr4)
{
	u64 old = m->cr4;

	idx_sync(m);
	m->cr4 = cr4;
	if ((old ^ cr4) & CR4_PGE_BIT)
		mmu_flush(m, flush_scope(FLUSH_PGE), 0, 0);
	else if ((old & CR4_PCIDE_BIT) && !(cr4 & CR4_PCIDE_BIT))
		mmu_flush_everything(m);
	m->live |= slot_bit(mmu_cur_slot(m));
	idx_refresh(m);
}

/* EFER.TCE exists on AMD only; amd-tce pins it to 1. */
void mmu_write_efer(struct mmu *m, u64 efer)
{
	idx_sync(m);
	if (m->vendor == MMU_AMD_TCE)
		efer |= EFER_TCE_BIT;
	else if (m->vendor != MMU_AMD)
		efer &= ~EFER_TCE_BIT;
	m->efer = efer;
}

/*
 * SDM 4.10.4.1: a page fault invalidates the TLB and PSC entries that
 * would be used for the faulting address (current PCID).  Globals are kept
 * (the reading that allows more).
 */
void mmu_pf_invalidate(struct mmu *m, u64 va)
{
	int c = mmu_cur_slot(m);
	struct inval iv = {
		.psc_pcids = slot_bit(c), .psc_path_only = true,
		.tlb_pcids = slot_bit(c), .tlb_va_only = true,
		.fractured_keep = true, .va = va,
	};

	if (m->vendor == MMU_TCG)
		return;
	mmu_invalidate(m, &iv);
}
