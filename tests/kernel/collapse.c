// SPDX-License-Identifier: MIT
/*
 * The collapse engine behind the pmd_collapse, pud_collapse and linux
 * families (collapse.h).  One iteration:
 *   1. map a region with small pages under fresh table page(s);
 *   2. warm the caches (plain reads, or the Linux way);
 *   3. clear the upper entry, flush, free the table page(s);
 *   4. take them back from the allocator (LIFO: the same pages) and write
 *      the reuse pattern; install the huge entry;
 *   5. probe touched and untouched addresses, in a new random order each
 *      iteration; classify each read;
 *   6. read the accessed bits: a set A bit in the reused page is a walk
 *      through it, whatever the data said.
 */
#include "tests/kernel/collapse_iter.h"
#include "tests/kernel/linux_seq.h"
#include "kernel/cpu.h"
#include "kernel/mce.h"
#include "harness/iter_budget.h"
#include "mm/cpu_mode.h"

struct counts {
	u64 fault[FAULT_NR];	/* by kind: kernel/outcomes.def FAULT_KIND */
	/*
	 * Reused entries the CPU marked accessed, by the page they lie in: a
	 * PTE page (reached through a stale PDE) or the PMD page (through a
	 * stale PDPTE).
	 */
	u64 reused_a_pde, reused_a_pdpte;
	u64 huge_a;		/* iterations whose huge entry got its A bit */
	u64 mce;
	/*
	 * The first untouched probe of each iteration, on its own: the probes
	 * after it may find a 2 MiB TLB entry its walk left, which masks a
	 * stale upper entry for the rest of the slot.
	 */
	u64 first_untouched[OUT_NR];
};

static u64 leaf_flags(const struct collapse_param *p)
{
	return PTE_RW | (p->global ? PTE_G : 0);
}

static int map_small(struct scen_ctx *c, const struct fixture_frames *fx,
		     struct iter_state *st)
{
	u64 slot_va, *pde;

	for (int i = 0; i < st->nr_subslots; i++) {
		slot_va = st->base + st->subslot[i] * PMD_SIZE;
		for (unsigned int j = 0; j < 512; j++)
			if (pgt_map_4k(c->pgt, slot_va + j * PAGE_SIZE,
				       fx->small[j % FIX_SMALL_FRAMES],
				       leaf_flags(st->p)))
				return -1;
		pde = pgt_entry(c->pgt, slot_va, PT_LEVEL_PMD);
		st->tables[i] = *pde & PTE_ADDR_MASK;
	}
	for (int i = 0; i < st->nr_probes; i++)
		st->probe[i].small = fx->small[((st->probe[i].va >> 12) & 511) %
					       FIX_SMALL_FRAMES] +
				     (st->probe[i].va & (PAGE_SIZE - 1));
	return 0;
}

static u16 collapse_pcid(const struct collapse_param *p)
{
	return p->pcid ? PCID_COLLAPSE : 0;
}

static void reuse_cb(void *arg, u64 table, bool upper)
{
	const struct iter_state *st = arg;

	reuse_write(st->p->reuse, st->fx, table, upper);
}

static u64 region_size(const struct collapse_param *p)
{
	return p->level == PT_LEVEL_PUD ? PUD_SIZE : PMD_SIZE;
}

/* The address the flush names (outside the region when told so). */
static u64 flush_va(const struct iter_state *st)
{
	const struct collapse_param *p = st->p;

	return p->flush_outside ? FIX_FAR_VA :
	       flush_region_va(p->flush, st->base, region_size(p));
}

/*
 * Where a probe lies relative to the flush: the flushed page, a slot that
 * never had a PTE page, another 2 MiB slot than the flushed one (the first
 * when the flush names no address in the region), or touched/untouched.
 */
static enum probe_cat probe_category(const struct iter_state *st,
				     const struct probe_pt *pp)
{
	bool at_addr = flush_scope(st->p->flush)->tlb == TLB_ADDR &&
		       !st->p->flush_outside;
	u64 fva = flush_va(st), slot_va = at_addr ? fva : st->base;

	if (at_addr && !st->p->revert &&
	    ALIGN_DOWN(pp->va, PAGE_SIZE) == ALIGN_DOWN(fva, PAGE_SIZE))
		return CAT_FLUSHED;
	if (!pp->mapped_small)
		return CAT_NO_TABLE;
	if (ALIGN_DOWN(pp->va, PMD_SIZE) != ALIGN_DOWN(slot_va, PMD_SIZE))
		return CAT_OTHER_SUBSLOT;
	return pp->touched ? CAT_TOUCHED : CAT_UNTOUCHED;
}

/* Steps 3 and 4; NULL on success, else what went wrong. */
static const char *collapse(struct scen_ctx *c, struct iter_state *st)
{
	const struct collapse_param *p = st->p;
	struct linux_collapse lc = {
		.level = p->level,
		.va = st->base,
		.huge_pa = st->huge_pa,
		.leaf_flags = leaf_flags(p),
		.req = {
			.kind = p->flush,
			.va = flush_va(st),
			.pcid = collapse_pcid(p),
		},
		.tables = st->tables,
		.nr_tables = p->level == PT_LEVEL_PUD ? st->nr_subslots + 1 : 1,
		.reuse = reuse_cb,
		.arg = st,
	};
	u64 *pud;

	if (p->level == PT_LEVEL_PUD) {
		/* The PMD page is freed (and taken back) with the PTE pages. */
		pud = pgt_entry(c->pgt, st->base, PT_LEVEL_PUD);
		st->tables[st->nr_subslots] = pud ? *pud & PTE_ADDR_MASK : 0;
	}
	st->nr_tables = lc.nr_tables;
	return linux_collapse(c->pgt, &lc);
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
	u64 *pde;

	for (int i = 0; i < st->nr_subslots; i++)
		linux_revert_pte_page(st->tables[i], st->huge_pa +
				      st->subslot[i] * PMD_SIZE, flags);
	if (st->p->level != PT_LEVEL_PUD)
		return;
	for (unsigned int s = 0; s < 512; s++) {
		pde = pgt_entry(c->pgt, st->base + s * PMD_SIZE, PT_LEVEL_PMD);
		if (pde && !(*pde & PTE_P))
			hw_write_entry(pde, (st->huge_pa + s * PMD_SIZE) | flags |
				       PTE_PS);
	}
}

static void count_fault(struct counts *k, const struct probe_out *o)
{
	k->fault[fault_kind_of(o->fault.vector, o->fault.error)]++;
}

/* A new order per iteration (Fisher-Yates, from the scenario's stream). */
static void shuffle(struct scen_ctx *c, int *order, int n)
{
	for (int i = 0; i < n; i++)
		order[i] = i;
	for (int i = n - 1; i > 0; i--) {
		int j = (int)rng_below(&c->rng, (u64)i + 1), t = order[i];

		order[i] = order[j];
		order[j] = t;
	}
}

/*
 * A #PF at the probe's own address after a collapse: the huge entry maps
 * it present and a TLB never holds a not-present translation (SDM
 * 4.10.2.3, 4.10.3.1), so where the reuse pattern gives that error code,
 * only a walk through the reused page explains it.
 */
static bool walk_fault(const struct iter_state *st, const struct probe_pt *pp,
		       const struct probe_out *o)
{
	return !st->p->revert && o->fault.vector == VEC_PF &&
	       ALIGN_DOWN(o->fault.cr2, 8) == ALIGN_DOWN(pp->va, 8) &&
	       reuse_explains_fault(st->p->reuse, o->fault.error);
}

static bool probe_after(const struct scenario *s, struct scen_ctx *c,
			struct iter_state *st, u64 it, struct scen_result *r,
			struct counts *k)
{
	enum outcome want = s->cls == CLASS_OBSERVATION ? OUT_NR : OUT_COHERENT;
	int order[MAX_PROBES];
	bool ok = true, first = true;
	struct probe_out o;

	shuffle(c, order, st->nr_probes);
	for (int n = 0; n < st->nr_probes; n++) {
		const struct probe_pt *pp = &st->probe[order[n]];
		struct expect e = collapse_expect_after(st, pp);
		u64 mces = mce_count();

		enum probe_cat cat = probe_category(st, pp);

		fixture_probe(c, &(struct probe){
			.name = s->name, .iter = it, .va = pp->va, .expect = &e,
			.touched = pp->touched, .want = want, .cat = cat,
		}, NULL, &o);
		if (mce_count() != mces)
			o.outcome = OUT_MCE;
		if (o.outcome == OUT_FAULT && walk_fault(st, pp, &o))
			o.outcome = OUT_WALK_FAULT;
		if (o.outcome == OUT_FAULT)
			count_fault(k, &o);
		result_read(r, cat, pp->touched, o.outcome);
		if (!pp->touched && first) {
			k->first_untouched[o.outcome]++;
			first = false;
		}
		ok &= o.outcome == OUT_COHERENT;
	}
	return ok;
}

/*
 * Accessed bits: the CPU sets them only when it walks through an entry, so
 * a bit the pattern left clear and the CPU set is a walk through the
 * freed, reused page, whatever the data said (patterns with A already set,
 * such as REUSE_DATA's text, cannot show it).  tables[] holds the PTE
 * pages, then at PUD level the PMD page.
 */
static void read_a_bits(struct scen_ctx *c, struct iter_state *st,
			struct counts *k)
{
	volatile u64 *t;
	u64 *leaf, *n;
	bool upper;

	if (st->p->revert)
		return;
	for (int i = 0; i < st->nr_tables; i++) {
		upper = st->p->level == PT_LEVEL_PUD && i == st->nr_subslots;
		n = upper ? &k->reused_a_pdpte : &k->reused_a_pde;
		t = phys_to_virt(st->tables[i]);
		for (unsigned int j = 0; j < PTRS_PER_TABLE; j++)
			*n += (t[j] & PTE_A) &&
			      !(reuse_word(st->p->reuse, st->fx, upper, j) & PTE_A);
	}
	leaf = pgt_entry(c->pgt, st->base, st->p->level);
	k->huge_a += leaf && (*leaf & PTE_A);
}

static void teardown(struct scen_ctx *c, struct iter_state *st, bool collapsed)
{
	struct flush_req full = { .kind = FLUSH_FULL };

	collapse_mode_leave(c, st->p);
	if (!collapsed) {
		/* Still small pages (revert, or a failed step): unlink and free. */
		if (st->p->level == PT_LEVEL_PMD)
			pmd_free_pte_page(c->pgt, st->base, &full);
		else
			pud_free_pmd_page(c->pgt, st->base, &full);
		return;
	}
	pgt_unmap(c->pgt, st->base);
	fixture_full_flush();
	for (int i = 0; i < st->nr_tables; i++)
		falloc_free(c->fa, st->tables[i]);
}

static const char *one_iteration(const struct scenario *s, struct scen_ctx *c,
				 const struct fixture_frames *fx,
				 struct iter_state *st, u64 it,
				 struct scen_result *r, struct counts *k)
{
	const struct collapse_param *p = st->p;
	const char *why = NULL;
	bool collapsed = false;

	st->base = p->level == PT_LEVEL_PUD ?
		   fixture_pud_slot((unsigned int)rng_below(&c->rng, FIX_PUD_SLOTS)) :
		   fixture_pmd_slot((unsigned int)rng_below(&c->rng, 512));
	collapse_pick_points(c, st);
	st->nr_tables = 0;
	why = collapse_mode_enter(c, p);
	if (why)
		goto out;
	if (map_small(c, fx, st)) {
		why = "could not map the small pages";
		goto out;
	}
	if (!collapse_warm(s, c, st, it)) {
		why = "the warm-up reads did not behave";
		goto out;
	}
	if (p->pcid)
		pcid_switch(c->pgt->root_pa, PCID_COLLAPSE, true);
	if (p->revert) {
		revert_remap(c, st);
	} else {
		why = collapse(c, st);
		collapsed = !why;
		if (why)
			goto out;
	}
	if (p->pcid)
		pcid_switch(c->pgt->root_pa, PCID_WARM, true);
	if (!probe_after(s, c, st, it, r, k) && s->cls != CLASS_OBSERVATION)
		r->pass = false;
	read_a_bits(c, st, k);
out:
	teardown(c, st, collapsed);
	return why;
}

static void add_counts(struct scen_result *r, const struct counts *k)
{
	u64 walks = 0;

	for (int o = 0; o < OUT_NR; o++)
		if (outcome_psc((enum outcome)o))
			walks += k->first_untouched[o];

	for (int f = 0; f < FAULT_NR; f++)
		result_kv(r, fault_kind_name((enum fault_kind)f), k->fault[f]);
	result_kv(r, "reused_a", k->reused_a_pde + k->reused_a_pdpte);
	result_kv(r, "reused_a_pde", k->reused_a_pde);
	result_kv(r, "reused_a_pdpte", k->reused_a_pdpte);
	result_kv(r, "huge_a", k->huge_a);
	result_kv(r, "first_untouched_coherent",
		  k->first_untouched[OUT_COHERENT]);
	result_kv(r, "first_untouched_walk", walks);
}

/*
 * Whether this row showed paging-structure caching (docs/log-format.md,
 * "# caching:"): a stale walk or walk fault, touched or not (only a cached
 * upper entry leads to the reused page: a TLB entry leads to the old small
 * frame), or an accessed bit set in a reused page.
 */
static bool psc_evidence(const struct scen_result *r, const struct counts *k)
{
	for (int o = 0; o < OUT_NR; o++)
		if (outcome_psc((enum outcome)o) &&
		    hist_count(&r->h, (enum outcome)o))
			return true;
	return k->reused_a_pde || k->reused_a_pdpte;
}

void run_collapse(const struct scenario *s, struct scen_ctx *c,
		  struct scen_result *r)
{
	const struct collapse_param *p = s->param;
	struct iter_state st = { .p = p };
	const struct fixture_frames *fx;
	struct counts k = { 0 };
	struct iter_budget ib;
	const char *why;

	if (p->tce && (why = collapse_tce_usable())) {
		r->skip = why;
		return;
	}
	fx = fixture_setup(c, p->level, &st.huge_pa, r);
	if (!fx)
		return;
	st.fx = fx;
	r->twin = collapse_twin(s);
	iter_budget_start(&ib, c, r->twin);
	for (u64 it = 0; iter_budget_more(&ib, c, s, r); it++) {
		why = one_iteration(s, c, fx, &st, it, r, &k);
		if (why) {
			fixture_iter_error(s->name, it, why, r);
			break;
		}
		r->iters++;
		result_unit_end(r);
		report_progress(s->name, it + 1, iter_budget_total(c));
	}
	/* A walk that set A bits wrote into a freed, reused page: corruption. */
	if (k.reused_a_pde + k.reused_a_pdpte && s->cls != CLASS_OBSERVATION) {
		diag(DIAG_FINDING, "name=%s reused_a=%llu: the CPU walked "
		     "through a freed page-table page", s->name,
		     (unsigned long long)(k.reused_a_pde + k.reused_a_pdpte));
		r->pass = false;
	}
	add_counts(r, &k);
	iter_budget_end(&ib, c, r);
	r->witness = p->witness;
	r->psc_seen = psc_evidence(r, &k);
}

