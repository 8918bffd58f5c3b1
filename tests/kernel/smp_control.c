// SPDX-License-Identifier: MIT
/*
 * The smp family's control, smp.control.remote_probe: the detectors on the
 * remote CPU.  A read of a freshly mapped signed page must be coherent
 * there, and a read of an address never mapped must fault and be
 * recovered by the exception table, on that CPU.  Without it a row that
 * sees only coherent reads on the remote CPU could mean its probe is blind.
 */
#include "tests/kernel/smp_job.h"

static void fill_probes(const struct fixture_frames *fx, struct scen_ctx *c,
			u64 va)
{
	smp_job.pt[0] = (struct probe_pt){ .va = va + fixture_offset(c),
					   .touched = true };
	smp_job.after[0] = (struct expect){
		fx->small[0] + (smp_job.pt[0].va & (PAGE_SIZE - 1)),
		EXPECT_NONE, EXPECT_NONE, EXPECT_NONE };
	smp_job.pt[1] = (struct probe_pt){ .va = FIX_FAR_VA + fixture_offset(c) };
	smp_job.after[1] = (struct expect){ fx->small[0], EXPECT_NONE,
					    EXPECT_NONE, EXPECT_NONE };
	for (int i = 2; i < NPROBES; i++) {
		smp_job.pt[i] = smp_job.pt[0];
		smp_job.after[i] = smp_job.after[0];
	}
}

void run_smp_remote_probe(const struct scenario *s, struct scen_ctx *c,
			  struct scen_result *r)
{
	const struct fixture_frames *fx;
	struct totals t = { 0 };
	int remote = smp_pick_remote(s->param);
	u64 huge_pa, va;

	fx = fixture_setup(c, PT_LEVEL_PMD, &huge_pa, r);
	if (!fx)
		return;
	smp_job.c = c;
	smp_job.name = s->name;
	for (u64 it = 0; it < c->opt->iters; it++) {
		va = fixture_pmd_slot((unsigned int)rng_below(&c->rng, 512)) +
		     rng_below(&c->rng, SLOT_PAGES) * PAGE_SIZE;
		smp_job.it = it;
		fill_probes(fx, c, va);
		smp_flush_all_cpus(&t.missing);
		if (pgt_map_4k(c->pgt, va, fx->small[0], PTE_RW)) {
			fixture_iter_error(s->name, it, "could not map the page", r);
			return;
		}
		smp_job.want = OUT_NR;
		if (smp_call_remote(remote, smp_op_probe, &t)) {
			fixture_iter_error(s->name, it, "the remote CPU did not probe", r);
			return;
		}
		pgt_unmap(c->pgt, va);
		smp_flush_all_cpus(&t.missing);
		for (int i = 0; i < NPROBES; i++)
			smp_count(r, &t.remote, CAT_NONE, smp_job.pt[i].touched,
				  smp_job.out[i]);
		/* The page table pages stay: a later scenario reuses the slot. */
		r->pass &= smp_job.out[0] == OUT_COHERENT &&
			   smp_job.out[1] == OUT_FAULT;
		r->iters++;
	}
	smp_add_counts(r, &t, remote, s->param);
}
