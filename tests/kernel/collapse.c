// SPDX-License-Identifier: MIT
/*
 * The collapse engine behind the pmd_collapse, pud_collapse and linux
 * families (collapse.h).  One iteration:
 *   1. map a region with small pages under fresh table page(s);
 *   2. warm the caches (plain reads, or the Linux way);
 *   3. clear the upper entry, flush, free the table page(s);
 *   4. take them back from the allocator (LIFO: the same pages) and write
 *      the reuse pattern; install the huge entry;
 *   5. probe touched and untouched addresses; classify each read;
 *   6. read the accessed bits: a set A bit in the reused page is a walk
 *      through it, whatever the data said.
 */
#include "tests/kernel/collapse.h"
#include "tests/kernel/lab.h"
#include "kernel/console.h"
#include "kernel/cpu.h"
#include "kernel/io.h"
#include "kernel/mce.h"
#include "mm/cpu_mode.h"

#define MAX_SUBSLOTS	4	/* 2 MiB slots with PTE pages, PUD level */
#define TOUCH_PER_SLOT	2
#define UNTOUCH_PER_SLOT 2
#define OTHER_SLOT_PROBES 4	/* PUD: slots that never had a PTE page */
#define MAX_PROBES	(MAX_SUBSLOTS * (TOUCH_PER_SLOT + UNTOUCH_PER_SLOT) + \
			 OTHER_SLOT_PROBES)
#define PMD_TOUCH	8
#define PMD_UNTOUCH	8
/*
 * The Linux warm-up keeps this PTE of each PTE page present through the
 * unmap: a read through it caches the upper entries.  Probes never use it.
 */
#define GUARD_PAGE	511
#define PCID_WARM	1
#define PCID_COLLAPSE	2
/* "tlbprobe" as a little-endian word: bit 0 clear, so never present. */
#define DATA_WORD	0x65626F7270626C74ULL

struct probe_pt {
	u64 va;
	u64 small;		/* the small frame's word before the collapse */
	bool touched;
	bool mapped_small;	/* mapped with a small page before */
};

struct iter_state {
	const struct collapse_param *p;
	u64 base;		/* region start */
	u64 huge_pa;		/* target of the huge entry */
	unsigned int subslot[MAX_SUBSLOTS];
	int nr_subslots;
	struct probe_pt probe[MAX_PROBES];
	int nr_probes;
	u64 tables[MAX_SUBSLOTS + 1];	/* table pages freed and reused */
	int nr_tables;
	u64 root_flags;
};

struct counts {
	u64 fault_np, fault_rsvd, fault_other;
	u64 reused_a;		/* reused entries the CPU marked accessed */
	u64 huge_a;		/* iterations whose huge entry got its A bit */
	u64 mce;
};

static bool in_list_u64(const u64 *v, int n, u64 x)
{
	for (int i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

static bool in_list(const unsigned int *v, int n, unsigned int x)
{
	for (int i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

static unsigned int pick_distinct(struct scen_ctx *c, const unsigned int *used,
				  int n, unsigned int range)
{
	unsigned int x;

	do
		x = (unsigned int)rng_below(&c->rng, range);
	while (in_list(used, n, x));
	return x;
}

/* Sub-slots (2 MiB slots mapped with PTE pages): slot 0 always, as Linux flushes there. */
static void pick_subslots(struct scen_ctx *c, struct iter_state *st)
{
	st->nr_subslots = st->p->level == PT_LEVEL_PUD ? MAX_SUBSLOTS : 1;
	st->subslot[0] = 0;
	for (int i = 1; i < st->nr_subslots; i++)
		st->subslot[i] = pick_distinct(c, st->subslot, i, 512);
}

static void add_probe(struct iter_state *st, u64 va, bool touched, bool mapped)
{
	struct probe_pt *pp = &st->probe[st->nr_probes++];

	pp->va = va;
	pp->touched = touched;
	pp->mapped_small = mapped;
}

static void pick_pages_in_slot(struct scen_ctx *c, struct iter_state *st,
			       u64 slot_va, int ntouch, int nuntouch)
{
	unsigned int used[PMD_TOUCH + PMD_UNTOUCH];
	int n = 0;

	while (n < ntouch + nuntouch) {
		used[n] = pick_distinct(c, used, n, GUARD_PAGE);
		add_probe(st, slot_va + used[n] * PAGE_SIZE + lab_offset(c),
			  n < ntouch, true);
		n++;
	}
}

static void pick_probes(struct scen_ctx *c, struct iter_state *st)
{
	unsigned int other[OTHER_SLOT_PROBES];

	st->nr_probes = 0;
	if (st->p->level == PT_LEVEL_PMD) {
		pick_pages_in_slot(c, st, st->base, PMD_TOUCH, PMD_UNTOUCH);
		return;
	}
	for (int i = 0; i < st->nr_subslots; i++)
		pick_pages_in_slot(c, st, st->base + st->subslot[i] * PMD_SIZE,
				   TOUCH_PER_SLOT, UNTOUCH_PER_SLOT);
	for (int i = 0; i < OTHER_SLOT_PROBES; i++) {
		unsigned int s;

		do
			s = (unsigned int)rng_below(&c->rng, 512);
		while (in_list(st->subslot, st->nr_subslots, s) ||
		       in_list(other, i, s));
		other[i] = s;
		add_probe(st, st->base + s * PMD_SIZE +
			  rng_below(&c->rng, 512) * PAGE_SIZE + lab_offset(c),
			  false, false);
	}
}

static u64 leaf_flags(const struct collapse_param *p)
{
	return PTE_RW | (p->global ? PTE_G : 0);
}

static int map_small(struct scen_ctx *c, const struct lab_frames *lf,
		     struct iter_state *st)
{
	u64 slot_va, *pde;

	for (int i = 0; i < st->nr_subslots; i++) {
		slot_va = st->base + st->subslot[i] * PMD_SIZE;
		for (unsigned int j = 0; j < 512; j++)
			if (pgt_map_4k(c->pgt, slot_va + j * PAGE_SIZE,
				       lf->small[j % LAB_SMALL_FRAMES],
				       leaf_flags(st->p)))
				return -1;
		pde = pgt_entry(c->pgt, slot_va, PT_LEVEL_PMD);
		st->tables[i] = *pde & PTE_ADDR_MASK;
	}
	for (int i = 0; i < st->nr_probes; i++)
		st->probe[i].small = lf->small[((st->probe[i].va >> 12) & 511) %
					       LAB_SMALL_FRAMES] +
				     (st->probe[i].va & (PAGE_SIZE - 1));
	return 0;
}

static struct expect expect_small(const struct probe_pt *pp)
{
	struct expect e = { pp->small, EXPECT_NONE, EXPECT_NONE };

	return e;
}

static bool warm_plain(const struct scenario *s, struct scen_ctx *c,
		       struct iter_state *st, u64 it)
{
	bool ok = true;

	for (int i = 0; i < st->nr_probes; i++) {
		struct expect e = expect_small(&st->probe[i]);

		if (st->probe[i].touched)
			ok &= lab_probe(c, s->name, it, st->probe[i].va, &e, true,
					OUT_COHERENT, NULL, NULL) == OUT_COHERENT;
	}
	return ok;
}

/*
 * As vunmap() leaves things: the PTEs cleared and the range flushed (Linux
 * flushes everything past 33 pages), with the upper entries that lead to
 * the range still cached.  A faulting access would not do for the last
 * part: a #PF invalidates the paging-structure-cache entries for its
 * address (SDM 4.10.4.1).  So one guard PTE per PTE page stays present
 * through the flush, a read through it caches the PML4E, PDPTE and PDE,
 * and it is then cleared without a flush.  Its TLB entry stays stale, but
 * no probe ever reads the guard page.
 */
static bool warm_linux(const struct scenario *s, struct scen_ctx *c,
		       struct iter_state *st, u64 it)
{
	bool ok = warm_plain(s, c, st, it);
	volatile u64 *t;
	u64 guard[MAX_SUBSLOTS], va;

	for (int i = 0; i < st->nr_subslots; i++) {
		t = phys_to_virt(st->tables[i]);
		guard[i] = t[GUARD_PAGE];
		pgt_fill_table(st->tables[i], 0);
		t[GUARD_PAGE] = guard[i];
	}
	lab_full_flush();
	for (int i = 0; i < st->nr_subslots; i++) {
		struct probe_pt g = { 0 };

		va = st->base + st->subslot[i] * PMD_SIZE + GUARD_PAGE * PAGE_SIZE;
		g.small = (guard[i] & PTE_ADDR_MASK);
		struct expect e = expect_small(&g);

		ok &= lab_probe(c, s->name, it, va, &e, true, OUT_COHERENT, NULL,
				NULL) == OUT_COHERENT;
		t = phys_to_virt(st->tables[i]);
		t[GUARD_PAGE] = 0;
	}
	return ok;
}

static u64 rsvd_bit(void)
{
	return 1ULL << cpu_info.maxphyaddr;
}

static void write_reuse(const struct collapse_param *p,
			const struct lab_frames *lf, u64 table, bool is_pmd_page)
{
	u64 target = is_pmd_page ? lf->canary_pt : lf->canary;

	switch (p->reuse) {
	case REUSE_CANARY:
		pgt_fill_table(table, target | PTE_P | PTE_RW);
		break;
	case REUSE_ZERO:
		pgt_fill_table(table, 0);
		break;
	case REUSE_RSVD:
		pgt_fill_table(table, target | PTE_P | PTE_RW | rsvd_bit());
		break;
	case REUSE_DATA:
		pgt_fill_table(table, DATA_WORD);
		break;
	}
}

static u16 collapse_pcid(const struct collapse_param *p)
{
	return p->pcid ? PCID_COLLAPSE : 0;
}

/* Steps 3 and 4; NULL on success, else what went wrong. */
static const char *collapse(struct scen_ctx *c, const struct lab_frames *lf,
			    struct iter_state *st)
{
	const struct collapse_param *p = st->p;
	struct flush_req req = {
		.kind = p->flush,
		.va = p->flush_outside ? LAB_FAR_VA : st->base,
		.pcid = collapse_pcid(p),
	};
	u64 freed, got;
	int n = st->p->level == PT_LEVEL_PUD ? st->nr_subslots + 1 : 1;

	if (p->level == PT_LEVEL_PMD) {
		freed = pmd_free_pte_page(c->pgt, st->base, &req);
	} else {
		freed = pud_free_pmd_page(c->pgt, st->base, &req);
		st->tables[st->nr_subslots] = freed;
	}
	if (!freed)
		return "the upper entry did not point at a table";
	/* LIFO: the PMD page comes back first, then the PTE pages. */
	for (int i = 0; i < n; i++) {
		got = falloc_alloc(c->fa);
		if (got == FA_NO_FRAME)
			return "out of frames while reusing the freed pages";
		if (!in_list_u64(st->tables, n, got)) {
			falloc_free(c->fa, got);
			return "the allocator did not hand the freed table pages back";
		}
		write_reuse(p, lf, got, p->level == PT_LEVEL_PUD && got == freed);
	}
	st->nr_tables = n;
	if (p->level == PT_LEVEL_PMD)
		return pmd_set_huge(c->pgt, st->base, st->huge_pa,
				    leaf_flags(p)) ? "pmd_set_huge failed" : NULL;
	return pud_set_huge(c->pgt, st->base, st->huge_pa, leaf_flags(p)) ?
	       "pud_set_huge failed" : NULL;
}

/*
 * The plain revert: no collapse.  The new mapping goes into the existing
 * PTE pages as 4 KiB entries, and the 2 MiB slots that have none get 2 MiB
 * entries, as ioremap() does when pmd/pud_free_*_page() declines.  The old
 * entries were cleared and flushed, so writing new ones needs no flush.
 */
static void revert_remap(struct scen_ctx *c, struct iter_state *st)
{
	u64 flags = leaf_flags(st->p) | PTE_P;
	volatile u64 *t;
	u64 *pde;

	for (int i = 0; i < st->nr_subslots; i++) {
		t = phys_to_virt(st->tables[i]);
		for (int j = 0; j < PTRS_PER_TABLE; j++)
			t[j] = (st->huge_pa + st->subslot[i] * PMD_SIZE +
				(u64)j * PAGE_SIZE) | flags;
	}
	if (st->p->level != PT_LEVEL_PUD)
		return;
	for (unsigned int s = 0; s < 512; s++) {
		pde = pgt_entry(c->pgt, st->base + s * PMD_SIZE, PT_LEVEL_PMD);
		if (pde && !(*pde & PTE_P))
			*pde = (st->huge_pa + s * PMD_SIZE) | flags | PTE_PS;
	}
}

static struct expect expect_after(const struct lab_frames *lf,
				  const struct iter_state *st,
				  const struct probe_pt *pp)
{
	struct expect e;

	e.coherent = st->huge_pa + (pp->va - st->base);
	e.stale = pp->mapped_small ? pp->small : EXPECT_NONE;
	e.walk = lf->canary + (pp->va & (PAGE_SIZE - 1));
	return e;
}

static void count_fault(struct counts *k, const struct probe_out *o)
{
	if (o->fault.vector != VEC_PF)
		k->fault_other++;
	else if (o->fault.error & PF_RSVD)
		k->fault_rsvd++;
	else if (!(o->fault.error & PF_P))
		k->fault_np++;
	else
		k->fault_other++;
}

static bool probe_after(const struct scenario *s, struct scen_ctx *c,
			const struct lab_frames *lf, struct iter_state *st,
			u64 it, struct scen_result *r, struct counts *k)
{
	enum outcome want = s->cls == CLASS_OBSERVATION ? OUT_NR : OUT_COHERENT;
	struct probe_out o;
	bool ok = true;

	for (int i = 0; i < st->nr_probes; i++) {
		const struct probe_pt *pp = &st->probe[i];
		struct expect e = expect_after(lf, st, pp);
		u64 mces = mce_count();

		lab_probe(c, s->name, it, pp->va, &e, pp->touched, want, NULL, &o);
		if (mce_count() != mces)
			o.outcome = OUT_MCE;
		if (o.outcome == OUT_FAULT)
			count_fault(k, &o);
		hist_add(&r->h, pp->touched, o.outcome);
		ok &= o.outcome == OUT_COHERENT;
	}
	return ok;
}

/* Accessed bits: the CPU sets them only when it walks through an entry. */
static void read_a_bits(struct scen_ctx *c, struct iter_state *st,
			struct counts *k)
{
	volatile u64 *t;
	u64 *leaf;

	if (st->p->revert)
		return;
	if (st->p->reuse == REUSE_CANARY)
		for (int i = 0; i < st->nr_tables; i++) {
			t = phys_to_virt(st->tables[i]);
			for (int j = 0; j < PTRS_PER_TABLE; j++)
				k->reused_a += !!(t[j] & PTE_A);
		}
	leaf = pgt_entry(c->pgt, st->base, st->p->level);
	k->huge_a += leaf && (*leaf & PTE_A);
}

static void mode_enter(struct scen_ctx *c, const struct collapse_param *p)
{
	lab_full_flush();
	if (p->tce)
		tce_set(true);
	if (p->pcid) {
		pcid_enable(c->pgt->root_pa);
		pcid_switch(c->pgt->root_pa, PCID_WARM, false);
	}
}

static void mode_leave(struct scen_ctx *c, const struct collapse_param *p)
{
	if (p->pcid)
		pcid_disable(c->pgt->root_pa);
	if (p->tce)
		tce_set(false);
	lab_full_flush();
}

static void teardown(struct scen_ctx *c, struct iter_state *st, bool collapsed)
{
	struct flush_req full = { .kind = FLUSH_FULL };

	mode_leave(c, st->p);
	if (!collapsed) {
		/* Still small pages (revert, or a failed step): unlink and free. */
		if (st->p->level == PT_LEVEL_PMD)
			pmd_free_pte_page(c->pgt, st->base, &full);
		else
			pud_free_pmd_page(c->pgt, st->base, &full);
		return;
	}
	pgt_unmap(c->pgt, st->base);
	lab_full_flush();
	for (int i = 0; i < st->nr_tables; i++)
		falloc_free(c->fa, st->tables[i]);
}

static void sign_targets(const struct iter_state *st)
{
	/* 2 MiB targets are signed whole; a GiB only where probes read. */
	if (st->p->level != PT_LEVEL_PUD)
		return;
	for (int i = 0; i < st->nr_probes; i++)
		sign_frames(st->huge_pa + ALIGN_DOWN(st->probe[i].va - st->base,
						     PAGE_SIZE), 1);
}

static const char *one_iteration(const struct scenario *s, struct scen_ctx *c,
				 const struct lab_frames *lf,
				 struct iter_state *st, u64 it,
				 struct scen_result *r, struct counts *k)
{
	const struct collapse_param *p = st->p;
	const char *why = NULL;
	bool warm_ok, collapsed = false;

	st->base = p->level == PT_LEVEL_PUD ?
		   lab_pud_slot((unsigned int)rng_below(&c->rng, LAB_PUD_SLOTS)) :
		   lab_pmd_slot((unsigned int)rng_below(&c->rng, 512));
	pick_subslots(c, st);
	pick_probes(c, st);
	sign_targets(st);
	st->nr_tables = 0;
	mode_enter(c, p);
	if (map_small(c, lf, st)) {
		why = "could not map the small pages";
		goto out;
	}
	warm_ok = p->warm == WARM_LINUX ? warm_linux(s, c, st, it) :
		  warm_plain(s, c, st, it);
	if (!warm_ok) {
		why = "the warm-up reads did not behave";
		goto out;
	}
	if (p->pcid)
		pcid_switch(c->pgt->root_pa, PCID_COLLAPSE, true);
	if (p->revert) {
		revert_remap(c, st);
	} else {
		why = collapse(c, lf, st);
		collapsed = !why;
		if (why)
			goto out;
	}
	if (p->pcid)
		pcid_switch(c->pgt->root_pa, PCID_WARM, true);
	if (!probe_after(s, c, lf, st, it, r, k) && s->cls != CLASS_OBSERVATION)
		r->pass = false;
	read_a_bits(c, st, k);
out:
	teardown(c, st, collapsed);
	return why;
}

static void add_counts(struct scen_result *r, const struct counts *k)
{
	result_kv(r, "fault_np", k->fault_np);
	result_kv(r, "fault_rsvd", k->fault_rsvd);
	result_kv(r, "fault_other", k->fault_other);
	result_kv(r, "reused_a", k->reused_a);
	result_kv(r, "huge_a", k->huge_a);
}

void run_collapse(const struct scenario *s, struct scen_ctx *c,
		  struct scen_result *r)
{
	const struct collapse_param *p = s->param;
	struct iter_state st = { .p = p };
	const struct lab_frames *lf = lab_setup(c, p->level, &st.huge_pa, r);
	struct counts k = { 0 };
	const char *why;

	if (!lf)
		return;
	for (u64 it = 0; it < c->opt->iters; it++) {
		why = one_iteration(s, c, lf, &st, it, r, &k);
		if (why) {
			lab_iter_error(s->name, it, why, r);
			break;
		}
		r->iters++;
		report_progress(s->name, it + 1, c->opt->iters);
	}
	/* A walk that set A bits wrote into a freed, reused page: corruption. */
	if (k.reused_a && s->cls != CLASS_OBSERVATION) {
		kprintf("  # finding: name=%s reused_a=%llu: the CPU walked "
			"through a freed page-table page\n", s->name,
			(unsigned long long)k.reused_a);
		r->pass = false;
	}
	add_counts(r, &k);
}

static bool needs_invpcid(enum flush_kind k)
{
	return k >= FLUSH_INVPCID_ADDR && k <= FLUSH_INVPCID_ALL;
}

const char *skip_collapse(const struct scenario *s, struct scen_ctx *c)
{
	const struct collapse_param *p = s->param;
	const char *why = NULL;

	if (p->level == PT_LEVEL_PUD && !cpu_info.pdpe1gb)
		return "cpuid lacks pdpe1gb (1 GiB pages)";
	if (needs_invpcid(p->flush) && !cpu_info.invpcid)
		return "cpuid lacks invpcid";
	if (p->pcid && !cpu_info.pcid)
		return "cpuid lacks pcid";
	/* The full flush between iterations must reach every PCID. */
	if (p->pcid && !cpu_info.pge)
		return "cpuid lacks pge (no full flush across PCIDs)";
	if (p->tce && !cpu_info.tce)
		return "cpuid lacks tce (AMD translation-cache extension)";
	if (p->global && !cpu_info.pge)
		return "cpuid lacks pge (global pages)";
	if (p->reuse == REUSE_RSVD && cpu_info.maxphyaddr >= 52)
		return "no reserved address bit: maxphyaddr is 52";
	if (p->level == PT_LEVEL_PUD && lab_huge1g(c, &why) == FA_NO_FRAME)
		return why;
	return NULL;
}
