// SPDX-License-Identifier: MIT
/*
 * The cross-CPU interface (kernel/smp_call.h, mm/shootdown.h) in
 * build/tlbprobe-model: two modelled CPUs, one MMU model each
 * (machine.mmu is CPU 0, the boot CPU; remote is CPU 1) over the one
 * arena, so that every store is recorded by both (mmu.h: next_cpu).
 *
 * The CPUs run one at a time: smp_call() runs the function at once with
 * the target CPU current (machine.cur), as if the boot CPU waited for it;
 * a shootdown flushes each target CPU's model; INVLPGB is queued and
 * applied to every CPU at TLBSYNC (APM vol. 3, TLBSYNC: only then is it
 * known to be done; before, a CPU may still hold the entries, which
 * allows more).  A row that needs both CPUs at once (a race) cannot be
 * run so, and says so (smp_not_concurrent()).
 *
 * Between rows the remote CPU is parked: its model leaves the ring and
 * stops recording stores (cheap for the rows that never use it).  What
 * it cached meanwhile is unknown, so it comes back only through a full
 * flush (every smp row begins with one), with a fresh model.
 */
#include <stdio.h>
#include <stdlib.h>

#include "model/cpus.h"
#include "model/machine.h"
#include "kernel/smp_call.h"
#include "mm/flush.h"
#include "mm/phys.h"
#include "mm/shootdown.h"

#define MODEL_CPUS	2
#define MAX_PENDING	64

static struct mmu remote;
static bool remote_made, parked = true;
static u64 unparks;

static struct {
	smp_fn fn;
	void *arg;
} mailbox[MODEL_CPUS];

/* INVLPGBs issued and not yet known done (no TLBSYNC since). */
static struct {
	u64 va;
	u32 npages;
	bool final_only;
} pending[MAX_PENDING];
static int npending;

static struct mmu *cpu_mmu(int cpu)
{
	return cpu ? &remote : &machine.mmu;
}

static int cur_cpu(void)
{
	return machine.cur == &remote;
}

static void link_cpus(bool on)
{
	machine.mmu.next_cpu = on ? &remote : NULL;
	remote.next_cpu = on ? &machine.mmu : NULL;
}

/* CPU 1 as the kernel brings an AP up: the same root, PGE, EFER. */
static void make_remote(void)
{
	const struct mmu *b = &machine.mmu;

	if (remote_made)
		mmu_destroy(&remote);
	mmu_init(&remote, b->vendor, &b->par, b->track_lo, b->track_hi);
	remote.maxphyaddr = b->maxphyaddr;
	remote.mutant = b->mutant;
	remote.legal = b->legal;
	/* Its own choices: a stream of its own, one per wake-up. */
	rng_seed(&remote.legal.rng, 0x72656D6F7465ULL ^ unparks);
	remote.legal.evicted = remote.legal.flushed = 0;
	remote.legal.unfilled = remote.legal.rewalked = 0;
	mmu_write_cr4(&remote, CR4_PGE_BIT);
	mmu_write_cr3(&remote, b->cr3 & 0x000FFFFFFFFFF000ULL);
	mmu_write_efer(&remote, b->efer);
	remote_made = true;
}

/* Wake CPU 1 for a full flush (flushing) or fail: its caches are unknown. */
static void unpark(bool flushing)
{
	if (!parked)
		return;
	if (!flushing) {
		fprintf(stderr, "tlbprobe-model: CPU 1 was used before a full "
			"flush woke it: what it cached while parked is unknown\n");
		exit(1);
	}
	unparks++;
	make_remote();
	link_cpus(true);
	parked = false;
}

void cpus_park(void)
{
	if (parked)
		return;
	link_cpus(false);
	machine.cur = &machine.mmu;
	npending = 0;
	parked = true;
}

u64 cpus_remote_bypassed(void)
{
	return remote_made ? remote.bypassed : 0;
}

const char *smp_not_concurrent(void)
{
	return "the model runs its CPUs one at a time (model/cpus.c): no read "
	       "can fall between two steps of the other CPU";
}

bool smp_cpu_usable(int cpu)
{
	return cpu >= 0 && cpu < MODEL_CPUS;
}

int smp_nr_remote(void)
{
	return MODEL_CPUS - 1;
}

int smp_nr_cpus(void)
{
	return MODEL_CPUS;
}

u8 smp_cpu_core_type(int cpu)
{
	(void)cpu;
	return 0;
}

/* fn(arg) on cpu, now, with that CPU current. */
static void run_on(int cpu, smp_fn fn, void *arg)
{
	struct mmu *prev = machine.cur;

	if (cpu)
		unpark(false);
	machine.cur = cpu_mmu(cpu);
	fn(arg);
	machine.cur = prev;
}

int smp_post(int cpu, smp_fn fn, void *arg)
{
	if (!smp_cpu_usable(cpu) || cpu == cur_cpu() || mailbox[cpu].fn)
		return -1;
	mailbox[cpu].fn = fn;
	mailbox[cpu].arg = arg;
	return 0;
}

/* The posted function runs when the boot CPU waits for it. */
int smp_wait(int cpu, u64 timeout_ms)
{
	smp_fn fn;

	(void)timeout_ms;
	if (!smp_cpu_usable(cpu) || !mailbox[cpu].fn)
		return -1;
	fn = mailbox[cpu].fn;
	mailbox[cpu].fn = NULL;
	run_on(cpu, fn, mailbox[cpu].arg);
	return 0;
}

int smp_call(int cpu, smp_fn fn, void *arg, u64 timeout_ms)
{
	if (smp_post(cpu, fn, arg))
		return -1;
	return smp_wait(cpu, timeout_ms);
}

void smp_check_abort(void)
{
}

void smp_set_abort_handler(void (*fn)(int cpu))
{
	(void)fn;
}

void smp_set_shootdown_handler(void (*fn)(void))
{
	(void)fn;
}

/* What the IPI handler does on one CPU (mm/shootdown.c). */
static void flush_cpu(struct mmu *m, enum shootdown_kind kind, u64 va,
		      u64 npages)
{
	if (kind == SHOOTDOWN_FULL) {
		mmu_flush(m, flush_scope(FLUSH_FULL), 0, 0);
		return;
	}
	mmu_flush_pages(m, flush_scope(FLUSH_INVLPG), va, npages, 0);
}

int shootdown(enum shootdown_kind kind, u64 va, u64 npages, bool self,
	      struct shootdown_stats *st)
{
	int me = cur_cpu();

	st->targets = st->missing = 0;
	unpark(kind == SHOOTDOWN_FULL);
	for (int cpu = 0; cpu < MODEL_CPUS; cpu++) {
		struct mmu *m = cpu_mmu(cpu);

		if (cpu == me && !self)
			continue;
		if (cpu != me)
			st->targets++;
		/* The mutant acknowledges and flushes nothing (SDM 4.10.5). */
		if (cpu != me && m->mutant == MUT_REMOTE_IGNORES_SHOOTDOWN)
			continue;
		flush_cpu(m, kind, va, npages);
	}
	return 0;
}

/* The model offers INVLPGB where AMD has it; QEMU's TCG does not. */
bool invlpgb_supported(const char **why)
{
	enum mmu_vendor v = machine.mmu.vendor;

	if (v == MMU_AMD || v == MMU_AMD_TCE)
		return true;
	*why = v == MMU_TCG ? "TCG has no INVLPGB" :
			      "cpuid lacks INVLPGB (an AMD instruction)";
	return false;
}

/* Any count: the model splits nothing. */
u32 invlpgb_max_pages(void)
{
	return 8;
}

static void apply_invlpgb(struct mmu *m, u64 va, u32 npages, bool final_only)
{
	const struct flush_scope *sem =
		flush_scope(final_only ? FLUSH_INVLPGB_FINAL : FLUSH_INVLPGB);

	mmu_flush_pages(m, sem, va, npages, 0);
}

/*
 * TLBSYNC: every INVLPGB this CPU issued is done on every CPU.  The
 * mutant returns early: only this CPU's own entries are gone.
 */
void tlbsync(void)
{
	int me = cur_cpu();

	for (int cpu = 0; cpu < MODEL_CPUS; cpu++) {
		struct mmu *m = cpu_mmu(cpu);

		if (cpu && parked)
			continue;
		if (cpu != me && m->mutant == MUT_INVLPGB_NO_WAIT)
			continue;
		for (int i = 0; i < npending; i++)
			apply_invlpgb(m, pending[i].va, pending[i].npages,
				      pending[i].final_only);
	}
	npending = 0;
}

void invlpgb_range(u64 va, u32 npages, bool final_only, bool sync)
{
	/* Out of room: the hardware may finish any time, so finish now. */
	if (npending == MAX_PENDING)
		tlbsync();
	pending[npending].va = va;
	pending[npending].npages = npages;
	pending[npending].final_only = final_only;
	npending++;
	if (sync)
		tlbsync();
}
