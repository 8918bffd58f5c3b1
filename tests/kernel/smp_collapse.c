// SPDX-License-Identifier: MIT
/*
 * The smp family's engine (smp_collapse.h).  One iteration:
 *   1. flush every CPU; map a 2 MiB slot with small pages under a fresh
 *      PTE page;
 *   2. both CPUs read the touched pages (TLB entries and upper-level
 *      entries cached on each); the untouched pages are never read, so
 *      only upper-level (paging-structure) entries can lead to them;
 *   3. on the boot CPU: clear the PDE, flush as the row says, free the PTE
 *      page, take it straight back, fill it with canary entries, install
 *      the 2 MiB entry (pmd_free_pte_page + pmd_set_huge, step by step);
 *   4. both CPUs read every probe; each read is classified and counted in
 *      the row's histogram and in the reading CPU's own counts.
 * SDM vol. 3A 4.10.5: a paging-structure change that other processors may
 * cache needs an invalidation on each of them.  So a row is correctness
 * only where its flush reaches every CPU that read (shootdown, full,
 * INVLPGB with TLBSYNC), and observation elsewhere.
 *
 * The race rows replace step 4 for the remote CPU: it reads the touched
 * pages in a tight loop while step 3 runs, and judges each read against the
 * phase the boot CPU had published before and after it (smp_race.c).  The
 * steps the remote CPU runs are smp_ops.c; the control is smp_control.c.
 */
#include "tests/kernel/smp_job.h"
#include "kernel/console.h"
#include "kernel/cpu.h"
#include "kernel/format.h"
#include "mm/shootdown.h"
#include "harness/iter_budget.h"

static bool in_used(const unsigned int *used, int n, unsigned int x)
{
	for (int i = 0; i < n; i++)
		if (used[i] == x)
			return true;
	return false;
}

static void pick_probes(struct scen_ctx *c, const struct fixture_frames *fx,
			u64 base)
{
	unsigned int used[NPROBES], page;

	for (int i = 0; i < NPROBES; i++) {
		do
			page = (unsigned int)rng_below(&c->rng, SLOT_PAGES);
		while (in_used(used, i, page));
		used[i] = page;
		smp_job.pt[i].va = base + page * PAGE_SIZE + fixture_offset(c);
		smp_job.pt[i].touched = i < TOUCH;
		smp_job.pt[i].small = fx->small[page % FIX_SMALL_FRAMES] +
				      (smp_job.pt[i].va & (PAGE_SIZE - 1));
	}
}

static int map_small(struct scen_ctx *c, const struct fixture_frames *fx, u64 base,
		     u64 *table)
{
	u64 *pde;

	for (unsigned int j = 0; j < SLOT_PAGES; j++)
		if (pgt_map_4k(c->pgt, base + j * PAGE_SIZE,
			       fx->small[j % FIX_SMALL_FRAMES], PTE_RW))
			return -1;
	pde = pgt_entry(c->pgt, base, PT_LEVEL_PMD);
	*table = *pde & PTE_ADDR_MASK;
	return 0;
}

int smp_pick_remote(const struct smp_param *p)
{
	for (int i = 1; i < smp_nr_cpus(); i++) {
		if (!smp_cpu_usable(i))
			continue;
		if (p->remote == REMOTE_ANY)
			return i;
		if (smp_cpu_core_type(i) &&
		    smp_cpu_core_type(i) != smp_cpu_core_type(0))
			return i;
	}
	return -1;
}

/* cat: touched/untouched after the collapse; CAT_NONE in the control. */
void smp_count(struct scen_result *r, struct cpu_counts *k,
	       enum probe_cat cat, bool touched, enum outcome o)
{
	result_read(r, cat, touched, o);
	k->n[o]++;
	if (o == OUT_STALE_TLB && touched)
		k->touched_stale_tlb++;
	else if (o == OUT_STALE_TLB)
		k->untouched_stale_tlb++;
}

/* One CPU's reads of one iteration: one unit of the bounds. */
static void count_all(struct scen_result *r, struct cpu_counts *k)
{
	for (int i = 0; i < NPROBES; i++)
		smp_count(r, k,
			  smp_job.pt[i].touched ? CAT_TOUCHED : CAT_UNTOUCHED,
			  smp_job.pt[i].touched, smp_job.out[i]);
	result_unit_end(r);
}

static u64 reused_a_bits(u64 table)
{
	volatile u64 *t = phys_to_virt(table);
	u64 n = 0;

	for (int j = 0; j < PTRS_PER_TABLE; j++)
		n += !!(t[j] & PTE_A);
	return n;
}

/* Step 4 and the race: NULL or what went wrong. */
static const char *observe(const struct smp_param *p, int remote,
			   struct scen_result *r, struct totals *t)
{
	if (p->pcid && smp_call_remote(remote, smp_op_pcid_back, t))
		return "the remote CPU did not switch back to its PCID";
	smp_probe_here();
	count_all(r, &t->local);
	if (smp_call_remote(remote, smp_op_probe, t))
		return "the remote CPU did not probe in time";
	count_all(r, &t->remote);
	return NULL;
}

static void expect_after(const struct fixture_frames *fx, u64 base, u64 huge_pa)
{
	for (int i = 0; i < NPROBES; i++) {
		smp_job.after[i].coherent = huge_pa + (smp_job.pt[i].va - base);
		smp_job.after[i].stale = smp_job.pt[i].small;
		smp_job.after[i].walk = fx->canary +
					(smp_job.pt[i].va & (PAGE_SIZE - 1));
	}
}

static const char *one_iteration(struct scen_ctx *c, const struct fixture_frames *fx,
				 const struct smp_param *p, int remote,
				 u64 huge_pa, struct scen_result *r,
				 struct totals *t)
{
	u64 base = fixture_pmd_slot((unsigned int)rng_below(&c->rng, 512)), table;
	const char *why = NULL;
	bool collapsed = false;

	pick_probes(c, fx, base);
	expect_after(fx, base, huge_pa);
	smp_job.phase = PH_OLD;
	smp_flush_all_cpus(&t->missing);
	if (map_small(c, fx, base, &table))
		return "could not map the small pages";
	if (p->pcid && smp_call_remote(remote, smp_op_pcid_enter, t)) {
		why = "the remote CPU did not enter its PCID";
		goto out;
	}
	smp_job.warm_ok = false;
	if (!smp_warm_here() || smp_call_remote(remote, smp_op_warm, t) ||
	    !smp_job.warm_ok) {
		why = "the warm-up reads did not behave";
		goto out;
	}
	if (p->pcid && smp_call_remote(remote, smp_op_pcid_away, t)) {
		why = "the remote CPU did not leave its PCID";
		goto out;
	}
	if (p->race) {
		why = smp_race(c, fx, p, remote, base, table, huge_pa, r, t);
		collapsed = !why;
	} else {
		why = smp_collapse_step(c, fx, p, base, table, huge_pa, &t->missing);
		collapsed = !why;
		if (!why)
			why = observe(p, remote, r, t);
	}
	if (collapsed)
		t->reused_a += reused_a_bits(table);
out:
	if (p->pcid)
		smp_call_remote(remote, smp_op_pcid_leave, t);
	if (collapsed) {
		pgt_unmap(c->pgt, base);
		smp_flush_all_cpus(&t->missing);
		falloc_free(c->fa, table);
	} else {
		struct flush_req full = { .kind = FLUSH_FULL };

		pmd_free_pte_page(c->pgt, base, &full);
		smp_flush_all_cpus(&t->missing);
	}
	return why;
}

void smp_add_counts(struct scen_result *r, const struct totals *t,
		    int remote, const struct smp_param *p)
{
	result_kv(r, "remote_cpu", (u64)remote);
	result_kv(r, "local_coherent", t->local.n[OUT_COHERENT]);
	result_kv(r, "local_stale_tlb", t->local.n[OUT_STALE_TLB]);
	result_kv(r, "local_stale_walk", t->local.n[OUT_STALE_WALK]);
	result_kv(r, "local_fault", t->local.n[OUT_FAULT]);
	result_kv(r, "remote_coherent", t->remote.n[OUT_COHERENT]);
	result_kv(r, "remote_stale_tlb", t->remote.n[OUT_STALE_TLB]);
	result_kv(r, "remote_touched_stale_tlb", t->remote.touched_stale_tlb);
	result_kv(r, "remote_untouched_stale_tlb", t->remote.untouched_stale_tlb);
	result_kv(r, "remote_stale_walk", t->remote.n[OUT_STALE_WALK]);
	result_kv(r, "remote_fault", t->remote.n[OUT_FAULT]);
	result_kv(r, "reused_a", t->reused_a);
	result_kv(r, "shootdown_missing", t->missing);
	if (p->race)
		smp_add_race_counts(r, t);
}

/*
 * The no-flush twin (docs/log-format.md, "Bounds"): the smp row with the
 * same PCID, race and remote choice and no flush; "" when none exists.
 */
static const char *smp_twin(const struct scenario *s)
{
	const struct smp_param *p = s->param, *q;
	const struct family *const *fam;
	size_t n;

	if (p->flush == FLUSH_NONE)
		return NULL;
	fam = families_all(&n);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < fam[i]->count; j++) {
			if (fam[i]->scen[j].run != run_smp_collapse)
				continue;
			q = fam[i]->scen[j].param;
			if (q->flush == FLUSH_NONE && q->pcid == p->pcid &&
			    q->race == p->race && q->remote == p->remote)
				return fam[i]->scen[j].name;
		}
	return "";
}

void run_smp_collapse(const struct scenario *s, struct scen_ctx *c,
		      struct scen_result *r)
{
	const struct smp_param *p = s->param;
	struct totals t = { 0 };
	const struct fixture_frames *fx;
	int remote = smp_pick_remote(p);
	struct iter_budget ib;
	u64 huge_pa;
	const char *why;

	fx = fixture_setup(c, PT_LEVEL_PMD, &huge_pa, r);
	if (!fx)
		return;
	smp_job.c = c;
	smp_job.name = s->name;
	smp_job.root = c->pgt->root_pa;
	smp_job.want = s->cls == CLASS_OBSERVATION ? OUT_NR : OUT_COHERENT;
	r->twin = smp_twin(s);
	iter_budget_start(&ib, c, r->twin);
	for (u64 it = 0; iter_budget_more(&ib, c, s, r); it++) {
		smp_job.it = it;
		why = one_iteration(c, fx, p, remote, huge_pa, r, &t);
		if (why) {
			fixture_iter_error(s->name, it, why, r);
			break;
		}
		r->iters++;
		report_progress(s->name, it + 1, iter_budget_total(c));
	}
	if (s->cls != CLASS_OBSERVATION &&
	    (hist_count(&r->h, OUT_COHERENT) != hist_total(&r->h) || t.reused_a))
		r->pass = false;
	/* A flush that did not reach a CPU proves nothing either way. */
	if (t.missing || t.lost_calls)
		r->error = true;
	smp_add_counts(r, &t, remote, p);
	iter_budget_end(&ib, c, r);
}

const char *skip_smp_collapse(const struct scenario *s, struct scen_ctx *c)
{
	static char unmodelled[160];
	const struct smp_param *p = s->param;
	const char *why = NULL;

	(void)c;
	if (!smp_nr_remote())
		return "one CPU: needs a second (SMP=2 or more, cpus= not 1)";
	if (p->race && smp_not_concurrent()) {
		fmt_snprintf(unmodelled, sizeof(unmodelled),
			     "unmodelled=concurrent:%s", smp_not_concurrent());
		return unmodelled;
	}
	if (p->remote == REMOTE_OTHER_TYPE && !smp_cpu_core_type(0))
		return "not a hybrid CPU (no core type in cpuid 0x1a)";
	if (smp_pick_remote(p) < 0)
		return "no online core of another type than cpu 0";
	if (p->pcid && !cpu_info.pcid)
		return "cpuid lacks pcid";
	if (p->pcid && !cpu_info.pge)
		return "cpuid lacks pge (no full flush across PCIDs)";
	if (flush_scope(p->flush)->reach == REACH_BROADCAST &&
	    !invlpgb_supported(&why))
		return why;
	return NULL;
}
