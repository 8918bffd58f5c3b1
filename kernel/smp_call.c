// SPDX-License-Identifier: MIT
/* The mailbox of kernel/smp_call.h and the interrupts that drive it. */
#include "kernel/smp_call.h"
#include "kernel/console.h"
#include "kernel/io.h"
#include "kernel/lapic.h"
#include "kernel/traps.h"
#include "kernel/tsc_wait.h"

static volatile int failed_cpu = -1;
static void (*abort_handler)(int cpu);
static void (*shootdown_handler)(void);

void smp_set_abort_handler(void (*fn)(int cpu))
{
	abort_handler = fn;
}

void smp_set_shootdown_handler(void (*fn)(void))
{
	shootdown_handler = fn;
}

/* Real CPUs run at once. */
const char *smp_not_concurrent(void)
{
	return NULL;
}

bool smp_cpu_usable(int cpu)
{
	return cpu >= 0 && cpu < nr_cpus && percpu[cpu].online &&
	       !percpu[cpu].lost;
}

int smp_nr_remote(void)
{
	int n = 0;

	for (int i = 1; i < nr_cpus; i++)
		n += smp_cpu_usable(i);
	return n;
}

int smp_nr_cpus(void)
{
	return nr_cpus;
}

u8 smp_cpu_core_type(int cpu)
{
	return cpu >= 0 && cpu < nr_cpus ? percpu[cpu].core_type : 0;
}

int smp_post(int cpu, smp_fn fn, void *arg)
{
	struct smp_mailbox *mb = &percpu[cpu].mbox;

	if (!smp_cpu_usable(cpu) || cpu == 0 || mb->req != mb->done)
		return -1;
	mb->fn = fn;
	mb->arg = arg;
	__atomic_store_n(&mb->req, mb->req + 1, __ATOMIC_RELEASE);
	/* It may be halted: the interrupt wakes it (its handler only EOIs). */
	lapic_send_ipi(percpu[cpu].apic_id, VEC_IPI_CALL);
	return 0;
}

static void leave_out(int cpu, u64 timeout_ms, const char *what)
{
	percpu[cpu].lost = true;
	kprintf("# smp: cpu %d (apic_id=%u) did not %s within %llu ms: stopped "
		"with INIT and left out\n", cpu, percpu[cpu].apic_id, what,
		(unsigned long long)timeout_ms);
	lapic_send_init(percpu[cpu].apic_id);
}

int smp_wait(int cpu, u64 timeout_ms)
{
	struct smp_mailbox *mb = &percpu[cpu].mbox;
	u64 end = tsc_deadline_us(timeout_ms * 1000);

	while (__atomic_load_n(&mb->done, __ATOMIC_ACQUIRE) != mb->req) {
		smp_check_abort();
		if (percpu[cpu].lost)
			return -1;
		if (tsc_expired(end)) {
			leave_out(cpu, timeout_ms, "finish a call");
			return -1;
		}
		cpu_relax();
	}
	return 0;
}

int smp_call(int cpu, smp_fn fn, void *arg, u64 timeout_ms)
{
	if (smp_post(cpu, fn, arg))
		return -1;
	return smp_wait(cpu, timeout_ms);
}

void smp_ap_idle(struct percpu *pc)
{
	struct smp_mailbox *mb = &pc->mbox;

	for (;;) {
		__asm__ volatile("cli" ::: "memory");
		if (__atomic_load_n(&mb->req, __ATOMIC_ACQUIRE) != mb->done) {
			/* Calls run with interrupts on: shootdowns must reach us. */
			__asm__ volatile("sti" ::: "memory");
			mb->fn(mb->arg);
			__atomic_store_n(&mb->done, mb->req, __ATOMIC_RELEASE);
			continue;
		}
		/* STI's one-instruction shadow: no wake-up is lost before HLT. */
		__asm__ volatile("sti; hlt" ::: "memory");
	}
}

void irq_handle(u64 vector)
{
	if (vector == VEC_IPI_SHOOTDOWN && shootdown_handler)
		shootdown_handler();
	lapic_eoi();
}

void smp_ap_abort(const struct trap_frame *tf)
{
	struct percpu *pc = this_cpu();

	kprintf("# abort: vector=%llu name=%s error=0x%llx rip=0x%llx cr2=0x%llx "
		"cr3=0x%llx scenario=%s cpu=%d apic_id=%u\n",
		(unsigned long long)tf->vector, trap_name(tf->vector),
		(unsigned long long)tf->error, (unsigned long long)tf->rip,
		(unsigned long long)read_cr2(), (unsigned long long)read_cr3(),
		traps_context(), pc->index, pc->apic_id);
	__atomic_store_n(&failed_cpu, pc->index, __ATOMIC_RELEASE);
	halt_forever();
	__builtin_unreachable();
}

void smp_check_abort(void)
{
	int cpu = __atomic_load_n(&failed_cpu, __ATOMIC_ACQUIRE);

	if (cpu >= 0 && abort_handler)
		abort_handler(cpu);
}
