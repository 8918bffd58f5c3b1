/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_PERCPU_H
#define TLBPROBE_PERCPU_H

#include "kernel/types.h"
#include "kernel/traps.h"

/*
 * What each CPU keeps for itself.  The GS base of every CPU points at its
 * own entry, whose first word points back at it, so this_cpu() is one load
 * and works inside trap handlers.
 */
#define MAX_CPUS	256

struct smp_mailbox {
	void (*fn)(void *arg);
	void *arg;
	volatile u64 req;	/* bumped by the caller after fn, arg */
	volatile u64 done;	/* set to req by the CPU when fn returned */
};

struct percpu {
	struct percpu *self;
	int index;		/* 0 is the boot CPU */
	u32 apic_id;		/* from the MADT */
	u32 seen_apic_id;	/* what its local APIC said once started */
	u32 cpuid_apic_id;	/* initial APIC ID from CPUID */
	u64 stack_top;
	u64 ist_top[3];
	volatile bool online;	/* answered and runs its idle loop */
	bool lost;		/* did not answer a call in time: left out */
	/* The last fault a probed access took on this CPU (traps.c). */
	volatile bool fault_hit;
	struct fault_info fault;
	struct smp_mailbox mbox;
	volatile u64 shootdown_ack;	/* the last shootdown generation done */
	/* What the CPU said about itself (cpu_describe.c). */
	u32 family, model, stepping;
	u8 core_type;		/* CPUID 0x1A EAX[31:24] on hybrid parts, else 0 */
	bool microcode_ok;
	u64 microcode;
};

extern struct percpu percpu[MAX_CPUS];
/* CPUs with an entry in percpu[] that came up (index 0 always). */
extern int nr_cpus;

static inline struct percpu *this_cpu(void)
{
	struct percpu *p;

	__asm__ volatile("mov %%gs:0, %0" : "=r"(p));
	return p;
}

/* Point this CPU's GS base at its entry (IA32_GS_BASE). */
void percpu_attach(struct percpu *p);

#endif
