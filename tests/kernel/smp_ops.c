// SPDX-License-Identifier: MIT
/*
 * The smp family's per-CPU steps: the functions smp_call() runs on the
 * remote CPU (and the boot CPU runs directly), reading the job's probes or
 * moving the CPU between PCIDs.  They share state only through smp_job,
 * which is static (smp_call.h: a callee never sees the caller's stack).
 */
#include "tests/kernel/smp_job.h"
#include "kernel/cpu.h"
#include "mm/cpu_mode.h"

struct smp_job smp_job;

static struct expect expect_small(const struct probe_pt *pp)
{
	struct expect e = { pp->small, EXPECT_NONE, EXPECT_NONE, EXPECT_NONE };

	return e;
}

/* Step 2: read every touched page; all of them must be coherent. */
bool smp_warm_here(void)
{
	bool ok = true;

	for (int i = 0; i < NPROBES; i++) {
		struct expect e = expect_small(&smp_job.pt[i]);
		struct probe p = {
			.name = smp_job.name, .iter = smp_job.it,
			.va = smp_job.pt[i].va, .expect = &e, .touched = true,
			.want = OUT_COHERENT,
		};

		if (smp_job.pt[i].touched)
			ok &= fixture_probe(smp_job.c, &p, NULL, NULL) ==
			      OUT_COHERENT;
	}
	return ok;
}

/* Step 4: read every probe and keep its outcome for the boot CPU. */
void smp_probe_here(void)
{
	for (int i = 0; i < NPROBES; i++) {
		struct probe p = {
			.name = smp_job.name, .iter = smp_job.it,
			.va = smp_job.pt[i].va, .expect = &smp_job.after[i],
			.touched = smp_job.pt[i].touched,
			.cat = smp_job.pt[i].touched ? CAT_TOUCHED : CAT_UNTOUCHED,
			.want = smp_job.want,
		};

		smp_job.out[i] = fixture_probe(smp_job.c, &p, NULL, NULL);
	}
}

void smp_op_warm(void *arg)
{
	(void)arg;
	smp_job.warm_ok = smp_warm_here();
}

void smp_op_probe(void *arg)
{
	(void)arg;
	smp_probe_here();
}

void smp_op_pcid_enter(void *arg)
{
	(void)arg;
	pcid_enable(smp_job.root);
	pcid_switch(smp_job.root, PCID_WARM, false);
}

/* As a CPU that went on to run a process in another address space. */
void smp_op_pcid_away(void *arg)
{
	(void)arg;
	pcid_switch(smp_job.root, PCID_AWAY, true);
}

void smp_op_pcid_back(void *arg)
{
	(void)arg;
	pcid_switch(smp_job.root, PCID_WARM, true);
}

void smp_op_pcid_leave(void *arg)
{
	(void)arg;
	pcid_disable(smp_job.root);
	fixture_full_flush();
}

/* Run fn on cpu and wait; a call that does not come back is counted. */
int smp_call_remote(int cpu, smp_fn fn, struct totals *t)
{
	if (!smp_call(cpu, fn, NULL, SMP_WAIT_MS))
		return 0;
	t->lost_calls++;
	return -1;
}
