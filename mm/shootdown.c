// SPDX-License-Identifier: MIT
/* Cross-CPU invalidation: IPI shootdowns and AMD INVLPGB (mm/shootdown.h). */
#include "mm/shootdown.h"
#include "mm/flush.h"
#include "mm/phys.h"
#include "kernel/cpu.h"
#include "kernel/hw.h"
#include "kernel/console.h"
#include "kernel/lapic.h"
#include "kernel/percpu.h"
#include "kernel/smp_call.h"
#include "kernel/traps.h"
#include "kernel/tsc_wait.h"

#define ACK_WAIT_MS	SMP_WAIT_MS
#define INVLPGB_VA	(1ULL << 0)
#define INVLPGB_GLOBAL	(1ULL << 3)
#define INVLPGB_FINAL	(1ULL << 4)

/* One request at a time, posted by the boot CPU only. */
static struct {
	enum shootdown_kind kind;
	u64 va;
	u64 npages;
	volatile u64 gen;
} req;

static void flush_here(enum shootdown_kind kind, u64 va, u64 npages)
{
	struct flush_req r = { .kind = FLUSH_INVLPG };

	if (kind == SHOOTDOWN_FULL) {
		r.kind = FLUSH_FULL;
		hw_flush(&r);
		return;
	}
	for (u64 i = 0; i < npages; i++) {
		r.va = va + i * PAGE_SIZE;
		hw_flush(&r);
	}
}

void shootdown_irq(void)
{
	u64 gen = __atomic_load_n(&req.gen, __ATOMIC_ACQUIRE);

	flush_here(req.kind, req.va, req.npages);
	__atomic_store_n(&this_cpu()->shootdown_ack, gen, __ATOMIC_RELEASE);
}

static bool wait_ack(int cpu, u64 gen, u64 end)
{
	while (__atomic_load_n(&percpu[cpu].shootdown_ack, __ATOMIC_ACQUIRE) != gen) {
		smp_check_abort();
		if (tsc_expired(end))
			return false;
		cpu_relax();
	}
	return true;
}

int shootdown(enum shootdown_kind kind, u64 va, u64 npages, bool self,
	      struct shootdown_stats *st)
{
	int me = this_cpu()->index;
	u64 end, gen;

	st->targets = st->missing = 0;
	/* Before the first IPI: the handler every CPU's interrupt runs. */
	smp_set_shootdown_handler(shootdown_irq);
	req.kind = kind;
	req.va = va;
	req.npages = npages;
	gen = req.gen + 1;
	__atomic_store_n(&req.gen, gen, __ATOMIC_RELEASE);
	for (int i = 0; i < nr_cpus; i++) {
		if (i == me || !smp_cpu_usable(i))
			continue;
		lapic_send_ipi(percpu[i].apic_id, VEC_IPI_SHOOTDOWN);
		st->targets++;
	}
	if (self)
		flush_here(kind, va, npages);
	end = tsc_deadline_us(ACK_WAIT_MS * 1000);
	for (int i = 0; i < nr_cpus; i++) {
		if (i == me || !smp_cpu_usable(i) || wait_ack(i, gen, end))
			continue;
		kprintf("# smp: cpu %d (apic_id=%u) did not acknowledge a "
			"shootdown within %u ms\n", i, percpu[i].apic_id,
			ACK_WAIT_MS);
		st->missing++;
	}
	return st->missing ? -1 : 0;
}

bool invlpgb_supported(const char **why)
{
	u32 a, b, c, d;

	if (cpu_info.max_ext_leaf < 0x80000008) {
		*why = "cpuid has no leaf 0x80000008";
		return false;
	}
	cpuid(0x80000008, 0, &a, &b, &c, &d);
	if (!(b & (1U << 3))) {
		*why = "cpuid 0x80000008 ebx[3] clear: no invlpgb/tlbsync";
		return false;
	}
	return true;
}

u32 invlpgb_max_pages(void)
{
	u32 a, b, c, d;

	cpuid(0x80000008, 0, &a, &b, &c, &d);
	return (d & 0xffff) + 1;
}

void tlbsync(void)
{
	__asm__ volatile(".byte 0x0f, 0x01, 0xff" ::: "memory");
}

/*
 * Linux's own kernel-range form: VA valid, globals included, PCID/ASID 0.
 * MFENCE first: INVLPGB is not serializing and the APM (vol. 3, INVLPGB)
 * does not say it waits for earlier stores, so without it the cleared
 * page-table entry could still sit in this CPU's store buffer while a
 * remote CPU, its entries just invalidated, walks the tables again and
 * caches the old one.
 */
void invlpgb_range(u64 va, u32 npages, bool final_only, bool sync)
{
	u32 max = invlpgb_max_pages(), n;
	u64 rax;

	__asm__ volatile("mfence" ::: "memory");
	while (npages) {
		n = MIN(npages, max);
		rax = (va & ~(PAGE_SIZE - 1)) | INVLPGB_VA | INVLPGB_GLOBAL |
		      (final_only ? INVLPGB_FINAL : 0);
		__asm__ volatile(".byte 0x0f, 0x01, 0xfe"
				 : : "a"(rax), "c"(n - 1), "d"(0) : "memory");
		va += (u64)n * PAGE_SIZE;
		npages -= n;
	}
	if (sync)
		tlbsync();
}
