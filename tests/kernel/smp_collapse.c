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
 * phase the boot CPU had published before and after it.
 */
#include "tests/kernel/smp_collapse.h"
#include "tests/kernel/fixture.h"
#include "kernel/console.h"
#include "kernel/cpu.h"
#include "kernel/format.h"
#include "kernel/smp_call.h"
#include "kernel/tsc_wait.h"
#include "mm/cpu_mode.h"
#include "mm/shootdown.h"
#include "harness/iter_budget.h"

#define TOUCH		8
#define UNTOUCH		8
#define NPROBES		(TOUCH + UNTOUCH)
#define SLOT_PAGES	(PMD_SIZE / PAGE_SIZE)
#define PCID_WARM	1
#define PCID_AWAY	2
/* Each race phase is held this long, so that the reader sees every one. */
#define RACE_PHASE_US	50
/* The reader gives up after this even if the boot CPU never says done. */
#define RACE_MAX_MS	500

enum phase { PH_OLD, PH_CLEARED, PH_FLUSHED, PH_REUSED, PH_HUGE, PH_DONE };

struct probe_pt {
	u64 va;
	u64 small;		/* what the small page held at va */
	bool touched;
};

struct cpu_counts {
	u64 n[OUT_NR];
	u64 touched_stale_tlb, untouched_stale_tlb;
};

/*
 * The race's reads: judged only where the phase was the same before and
 * after the read (straddling reads are counted apart) and the flush had
 * been done (reads before it are allowed anything the old tables gave,
 * and are counted apart, not as coherent).  The row's unit is the
 * iteration; per phase, phase_read and phase_bad mark whether this
 * iteration had a judged read there and a non-coherent one, for bounds
 * per phase.
 */
struct race_counts {
	u64 reads, before_flush, straddle, fault_ok, new_ok;
	struct histogram h;
	u32 phase_read, phase_bad;
};

/* Shared with the remote CPU: static, never on a stack (smp_call.h). */
static struct {
	struct scen_ctx *c;
	const char *name;
	u64 it;
	enum outcome want;
	struct probe_pt pt[NPROBES];
	struct expect after[NPROBES];
	enum outcome out[NPROBES];
	bool warm_ok;
	u64 root;
	volatile int phase;
	volatile bool racing;
	struct race_counts race;
} job;

static struct expect expect_small(const struct probe_pt *pp)
{
	struct expect e = { pp->small, EXPECT_NONE, EXPECT_NONE, EXPECT_NONE };

	return e;
}

static bool warm_here(void)
{
	bool ok = true;

	for (int i = 0; i < NPROBES; i++) {
		struct expect e = expect_small(&job.pt[i]);
		struct probe p = {
			.name = job.name, .iter = job.it, .va = job.pt[i].va,
			.expect = &e, .touched = true, .want = OUT_COHERENT,
		};

		if (job.pt[i].touched)
			ok &= fixture_probe(job.c, &p, NULL, NULL) == OUT_COHERENT;
	}
	return ok;
}

static void probe_here(void)
{
	for (int i = 0; i < NPROBES; i++) {
		struct probe p = {
			.name = job.name, .iter = job.it, .va = job.pt[i].va,
			.expect = &job.after[i], .touched = job.pt[i].touched,
			.cat = job.pt[i].touched ? CAT_TOUCHED : CAT_UNTOUCHED,
			.want = job.want,
		};

		job.out[i] = fixture_probe(job.c, &p, NULL, NULL);
	}
}

static void op_warm(void *arg)
{
	(void)arg;
	job.warm_ok = warm_here();
}

static void op_probe(void *arg)
{
	(void)arg;
	probe_here();
}

static void op_pcid_enter(void *arg)
{
	(void)arg;
	pcid_enable(job.root);
	pcid_switch(job.root, PCID_WARM, false);
}

/* As a CPU that went on to run a process in another address space. */
static void op_pcid_away(void *arg)
{
	(void)arg;
	pcid_switch(job.root, PCID_AWAY, true);
}

static void op_pcid_back(void *arg)
{
	(void)arg;
	pcid_switch(job.root, PCID_WARM, true);
}

static void op_pcid_leave(void *arg)
{
	(void)arg;
	pcid_disable(job.root);
	fixture_full_flush();
}

/*
 * A page walk's loads are not ordered with explicit loads (SDM vol. 3A
 * 4.10.4.3; LFENCE waits for every earlier instruction to complete, vol.
 * 2A LFENCE), so without it the probe could be served before the first
 * phase load or after the second and be judged by the wrong phase.
 */
static inline void load_fence(void)
{
	__asm__ volatile("lfence" ::: "memory");
}

static int phase_now(void)
{
	int ph;

	load_fence();
	ph = __atomic_load_n(&job.phase, __ATOMIC_ACQUIRE);
	load_fence();
	return ph;
}

/* One read, judged by the phase published before and after it. */
static void race_read(int i)
{
	struct race_counts *k = &job.race;
	struct fault_info fi;
	enum outcome o;
	int before, after, f;
	u64 v;

	before = phase_now();
	f = hw_read64(job.pt[i].va, &v, &fi);
	after = phase_now();
	k->reads++;
	if (before != after) {
		k->straddle++;
		return;
	}
	/* Until the flush has reached us the old frame or a fault is fine. */
	if (before < PH_FLUSHED) {
		k->before_flush++;
		return;
	}
	if (f) {
		/* Not present between the clear and the new entry: correct. */
		o = before >= PH_HUGE ? OUT_FAULT : OUT_COHERENT;
		k->fault_ok += o == OUT_COHERENT;
	} else {
		o = classify_read(v, &job.after[i]);
		/* The 2 MiB entry is written after PH_REUSED is published. */
		if (o == OUT_COHERENT && before < PH_REUSED)
			o = OUT_UNKNOWN;	/* the new frame before it was mapped */
		else if (o == OUT_COHERENT)
			k->new_ok++;
	}
	hist_add(&k->h, true, o);
	k->phase_read |= 1u << before;
	if (o != OUT_COHERENT)
		k->phase_bad |= 1u << before;
}

static void op_race(void *arg)
{
	u64 end = tsc_deadline_us(RACE_MAX_MS * 1000);

	(void)arg;
	job.race = (struct race_counts){ 0 };
	__atomic_store_n(&job.racing, true, __ATOMIC_RELEASE);
	while (__atomic_load_n(&job.phase, __ATOMIC_ACQUIRE) != PH_DONE &&
	       !tsc_expired(end))
		for (int i = 0; i < TOUCH; i++)
			race_read(i);
	__atomic_store_n(&job.racing, false, __ATOMIC_RELEASE);
}

static bool in_used(const unsigned int *used, int n, unsigned int x)
{
	for (int i = 0; i < n; i++)
		if (used[i] == x)
			return true;
	return false;
}

static void pick_probes(struct scen_ctx *c, const struct fixture_frames *lf,
			u64 base)
{
	unsigned int used[NPROBES], page;

	for (int i = 0; i < NPROBES; i++) {
		do
			page = (unsigned int)rng_below(&c->rng, SLOT_PAGES);
		while (in_used(used, i, page));
		used[i] = page;
		job.pt[i].va = base + page * PAGE_SIZE + fixture_offset(c);
		job.pt[i].touched = i < TOUCH;
		job.pt[i].small = lf->small[page % FIX_SMALL_FRAMES] +
				  (job.pt[i].va & (PAGE_SIZE - 1));
	}
}

static int map_small(struct scen_ctx *c, const struct fixture_frames *lf, u64 base,
		     u64 *table)
{
	u64 *pde;

	for (unsigned int j = 0; j < SLOT_PAGES; j++)
		if (pgt_map_4k(c->pgt, base + j * PAGE_SIZE,
			       lf->small[j % FIX_SMALL_FRAMES], PTE_RW))
			return -1;
	pde = pgt_entry(c->pgt, base, PT_LEVEL_PMD);
	*table = *pde & PTE_ADDR_MASK;
	return 0;
}

static void flush_all_cpus(u64 *missing)
{
	struct shootdown_stats st;

	shootdown(SHOOTDOWN_FULL, 0, 0, true, &st);
	*missing += (u64)st.missing;
}

/* Step 3's flush, as far as the row says. */
static void row_flush(enum flush_kind f, u64 base, u64 *missing)
{
	struct shootdown_stats st = { 0 };
	struct flush_req full = { .kind = FLUSH_FULL };

	switch (f) {
	case FLUSH_NONE:
		break;
	case FLUSH_INVLPG_RANGE:
		for (u64 i = 0; i < SLOT_PAGES; i++)
			fixture_flush(FLUSH_INVLPG, base + i * PAGE_SIZE);
		break;
	case FLUSH_SHOOTDOWN:
		shootdown(SHOOTDOWN_PAGES, base, SLOT_PAGES, true, &st);
		break;
	case FLUSH_FULL:
		hw_flush(&full);
		break;
	case FLUSH_SHOOTDOWN_FULL:
		shootdown(SHOOTDOWN_FULL, 0, 0, true, &st);
		break;
	case FLUSH_INVLPGB:
		invlpgb_range(base, SLOT_PAGES, false, true);
		break;
	case FLUSH_INVLPGB_FINAL:
		invlpgb_range(base, SLOT_PAGES, true, true);
		break;
	case FLUSH_INVLPGB_NOSYNC:
		invlpgb_range(base, SLOT_PAGES, false, false);
		break;
	default:	/* the rows use only the kinds above */
		break;
	}
	*missing += (u64)st.missing;
}

static void set_phase(int ph, bool race)
{
	__atomic_store_n(&job.phase, ph, __ATOMIC_RELEASE);
	if (race)
		tsc_delay_us(RACE_PHASE_US);
}

/* Step 3: NULL, or what went wrong. */
static const char *collapse(struct scen_ctx *c, const struct fixture_frames *lf,
			    const struct smp_param *p, u64 base, u64 table,
			    u64 huge_pa, u64 *missing)
{
	u64 *pde = pgt_entry(c->pgt, base, PT_LEVEL_PMD), got;

	if (!pde || (*pde & PTE_ADDR_MASK) != table)
		return "the PDE did not point at the PTE page";
	hw_write_entry(pde, 0);
	set_phase(PH_CLEARED, p->race);
	row_flush(p->flush, base, missing);
	set_phase(PH_FLUSHED, p->race);
	falloc_free(c->fa, table);
	got = falloc_alloc(c->fa);
	if (got != table) {
		if (got != FA_NO_FRAME)
			falloc_free(c->fa, got);
		return "the allocator did not hand the freed PTE page back";
	}
	pgt_fill_table(table, lf->canary | PTE_P | PTE_RW);
	set_phase(PH_REUSED, p->race);
	if (pmd_set_huge(c->pgt, base, huge_pa, PTE_RW))
		return "pmd_set_huge failed";
	set_phase(PH_HUGE, p->race);
	return NULL;
}

static int pick_remote(const struct smp_param *p)
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

/* The phases after the flush, where race reads are judged. */
static const struct {
	enum phase ph;
	const char *name;
} judged_phases[] = {
	{ PH_FLUSHED, "flushed" }, { PH_REUSED, "reused" }, { PH_HUGE, "huge" },
};

#define NR_JUDGED ARRAY_SIZE(judged_phases)

struct totals {
	struct cpu_counts local, remote;
	u64 missing, reused_a, lost_calls;
	u64 race_reads, race_before_flush, race_straddle, race_fault_ok;
	u64 race_new_ok;
	/* Per judged phase: iterations with a judged read, with a bad one. */
	u64 phase_units[NR_JUDGED], phase_bad[NR_JUDGED];
};

/* cat: touched/untouched after the collapse; CAT_NONE in the control. */
static void count(struct scen_result *r, struct cpu_counts *k,
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
		count(r, k, job.pt[i].touched ? CAT_TOUCHED : CAT_UNTOUCHED,
		      job.pt[i].touched, job.out[i]);
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

static int call(int cpu, smp_fn fn, struct totals *t)
{
	if (!smp_call(cpu, fn, NULL, SMP_WAIT_MS))
		return 0;
	t->lost_calls++;
	return -1;
}

/* Step 4 and the race: NULL or what went wrong. */
static const char *observe(const struct smp_param *p, int remote,
			   struct scen_result *r, struct totals *t)
{
	if (p->pcid && call(remote, op_pcid_back, t))
		return "the remote CPU did not switch back to its PCID";
	probe_here();
	count_all(r, &t->local);
	if (call(remote, op_probe, t))
		return "the remote CPU did not probe in time";
	count_all(r, &t->remote);
	return NULL;
}

static void race_add(struct scen_result *r, const struct race_counts *k,
		     struct totals *t)
{
	for (int o = 0; o < OUT_NR; o++) {
		result_reads(r, CAT_NONE, true, (enum outcome)o, k->h.touched[o]);
		t->remote.n[o] += k->h.touched[o];
	}
	result_unit_end(r);
	t->remote.touched_stale_tlb += k->h.touched[OUT_STALE_TLB];
	t->race_reads += k->reads;
	t->race_before_flush += k->before_flush;
	t->race_straddle += k->straddle;
	t->race_fault_ok += k->fault_ok;
	t->race_new_ok += k->new_ok;
	for (size_t i = 0; i < NR_JUDGED; i++) {
		t->phase_units[i] += (k->phase_read >> judged_phases[i].ph) & 1;
		t->phase_bad[i] += (k->phase_bad >> judged_phases[i].ph) & 1;
	}
}

static const char *race(struct scen_ctx *c, const struct fixture_frames *lf,
			const struct smp_param *p, int remote, u64 base,
			u64 table, u64 huge_pa, struct scen_result *r,
			struct totals *t)
{
	u64 end = tsc_deadline_us(SMP_WAIT_MS * 1000);
	const char *why;

	job.racing = false;
	if (smp_post(remote, op_race, NULL))
		return "the remote CPU could not take the race";
	while (!job.racing && !tsc_expired(end))
		cpu_relax();
	tsc_delay_us(RACE_PHASE_US);
	why = collapse(c, lf, p, base, table, huge_pa, &t->missing);
	set_phase(PH_DONE, false);
	if (smp_wait(remote, RACE_MAX_MS + SMP_WAIT_MS)) {
		t->lost_calls++;
		return why ? why : "the remote CPU did not finish the race";
	}
	race_add(r, &job.race, t);
	return why;
}

static void expect_after(const struct fixture_frames *lf, u64 base, u64 huge_pa)
{
	for (int i = 0; i < NPROBES; i++) {
		job.after[i].coherent = huge_pa + (job.pt[i].va - base);
		job.after[i].stale = job.pt[i].small;
		job.after[i].walk = lf->canary + (job.pt[i].va & (PAGE_SIZE - 1));
	}
}

static const char *one_iteration(struct scen_ctx *c, const struct fixture_frames *lf,
				 const struct smp_param *p, int remote,
				 u64 huge_pa, struct scen_result *r,
				 struct totals *t)
{
	u64 base = fixture_pmd_slot((unsigned int)rng_below(&c->rng, 512)), table;
	const char *why = NULL;
	bool collapsed = false;

	pick_probes(c, lf, base);
	expect_after(lf, base, huge_pa);
	job.phase = PH_OLD;
	flush_all_cpus(&t->missing);
	if (map_small(c, lf, base, &table))
		return "could not map the small pages";
	if (p->pcid && call(remote, op_pcid_enter, t)) {
		why = "the remote CPU did not enter its PCID";
		goto out;
	}
	job.warm_ok = false;
	if (!warm_here() || call(remote, op_warm, t) || !job.warm_ok) {
		why = "the warm-up reads did not behave";
		goto out;
	}
	if (p->pcid && call(remote, op_pcid_away, t)) {
		why = "the remote CPU did not leave its PCID";
		goto out;
	}
	if (p->race) {
		why = race(c, lf, p, remote, base, table, huge_pa, r, t);
		collapsed = !why;
	} else {
		why = collapse(c, lf, p, base, table, huge_pa, &t->missing);
		collapsed = !why;
		if (!why)
			why = observe(p, remote, r, t);
	}
	if (collapsed)
		t->reused_a += reused_a_bits(table);
out:
	if (p->pcid)
		call(remote, op_pcid_leave, t);
	if (collapsed) {
		pgt_unmap(c->pgt, base);
		flush_all_cpus(&t->missing);
		falloc_free(c->fa, table);
	} else {
		struct flush_req full = { .kind = FLUSH_FULL };

		pmd_free_pte_page(c->pgt, base, &full);
		flush_all_cpus(&t->missing);
	}
	return why;
}

/*
 * race_reads: all of them; race_before_flush and race_straddle: left
 * unjudged; race_units_PHASE / race_bad_PHASE: iterations with a judged
 * read in that phase, and with a non-coherent one (docs/log-format.md).
 */
static void add_race_counts(struct scen_result *r, const struct totals *t)
{
	char key[32];

	result_kv(r, "race_reads", t->race_reads);
	result_kv(r, "race_before_flush", t->race_before_flush);
	result_kv(r, "race_straddle", t->race_straddle);
	result_kv(r, "race_fault_ok", t->race_fault_ok);
	result_kv(r, "race_new_ok", t->race_new_ok);
	for (size_t i = 0; i < NR_JUDGED; i++) {
		fmt_snprintf(key, sizeof(key), "race_units_%s",
			     judged_phases[i].name);
		result_kv(r, key, t->phase_units[i]);
		fmt_snprintf(key, sizeof(key), "race_bad_%s",
			     judged_phases[i].name);
		result_kv(r, key, t->phase_bad[i]);
	}
}

static void add_counts(struct scen_result *r, const struct totals *t,
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
		add_race_counts(r, t);
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
	const struct fixture_frames *lf;
	int remote = pick_remote(p);
	struct iter_budget ib;
	u64 huge_pa;
	const char *why;

	lf = fixture_setup(c, PT_LEVEL_PMD, &huge_pa, r);
	if (!lf)
		return;
	job.c = c;
	job.name = s->name;
	job.root = c->pgt->root_pa;
	job.want = s->cls == CLASS_OBSERVATION ? OUT_NR : OUT_COHERENT;
	r->twin = smp_twin(s);
	iter_budget_start(&ib, c, r->twin);
	for (u64 it = 0; iter_budget_more(&ib, c, s, r); it++) {
		job.it = it;
		why = one_iteration(c, lf, p, remote, huge_pa, r, &t);
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
	add_counts(r, &t, remote, p);
	iter_budget_end(&ib, c, r);
}

/*
 * The detectors on the remote CPU: a read of a freshly mapped signed page
 * must be coherent there, and a read of an address never mapped must
 * fault and be recovered by the exception table, on that CPU.
 */
void run_smp_remote_probe(const struct scenario *s, struct scen_ctx *c,
			  struct scen_result *r)
{
	const struct fixture_frames *lf;
	struct totals t = { 0 };
	int remote = pick_remote(s->param);
	u64 huge_pa, va;

	lf = fixture_setup(c, PT_LEVEL_PMD, &huge_pa, r);
	if (!lf)
		return;
	job.c = c;
	job.name = s->name;
	for (u64 it = 0; it < c->opt->iters; it++) {
		va = fixture_pmd_slot((unsigned int)rng_below(&c->rng, 512)) +
		     rng_below(&c->rng, SLOT_PAGES) * PAGE_SIZE;
		job.it = it;
		job.pt[0] = (struct probe_pt){ .va = va + fixture_offset(c), .touched = true };
		job.after[0] = (struct expect){ lf->small[0] + (job.pt[0].va & (PAGE_SIZE - 1)),
						EXPECT_NONE, EXPECT_NONE, EXPECT_NONE };
		job.pt[1] = (struct probe_pt){ .va = FIX_FAR_VA + fixture_offset(c) };
		job.after[1] = (struct expect){ lf->small[0], EXPECT_NONE, EXPECT_NONE,
						EXPECT_NONE };
		flush_all_cpus(&t.missing);
		if (pgt_map_4k(c->pgt, va, lf->small[0], PTE_RW)) {
			fixture_iter_error(s->name, it, "could not map the page", r);
			return;
		}
		job.want = OUT_NR;
		for (int i = 2; i < NPROBES; i++)
			job.pt[i] = job.pt[0], job.after[i] = job.after[0];
		if (call(remote, op_probe, &t)) {
			fixture_iter_error(s->name, it, "the remote CPU did not probe", r);
			return;
		}
		pgt_unmap(c->pgt, va);
		flush_all_cpus(&t.missing);
		for (int i = 0; i < NPROBES; i++)
			count(r, &t.remote, CAT_NONE, job.pt[i].touched,
			      job.out[i]);
		/* The page table pages stay: a later scenario reuses the slot. */
		r->pass &= job.out[0] == OUT_COHERENT && job.out[1] == OUT_FAULT;
		r->iters++;
	}
	add_counts(r, &t, remote, s->param);
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
	if (pick_remote(p) < 0)
		return "no online core of another type than cpu 0";
	if (p->pcid && !cpu_info.pcid)
		return "cpuid lacks pcid";
	if (p->pcid && !cpu_info.pge)
		return "cpuid lacks pge (no full flush across PCIDs)";
	if (flush_sem(p->flush)->reach == REACH_BROADCAST &&
	    !invlpgb_supported(&why))
		return why;
	return NULL;
}
