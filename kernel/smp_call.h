/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_SMP_CALL_H
#define TLBPROBE_SMP_CALL_H

#include "kernel/percpu.h"

/*
 * The cross-CPU mailbox: "run this function on CPU n", then wait for it.
 * Everything the experiments do on another CPU (warm these addresses,
 * probe these, run this flush, report) is a function posted here, so a
 * model of several CPUs only needs to provide these three calls.
 *
 * Only the boot CPU posts.  Every wait is bounded by wall time (TSC): a CPU
 * that does not finish in time is reported, stopped with INIT and left
 * out of everything that follows.  Arguments must outlive a late finish:
 * pass static storage, never the caller's stack.
 */
typedef void (*smp_fn)(void *arg);

/* Generous: 4 vCPUs on 2 host cores may each wait a scheduler tick or more. */
#define SMP_WAIT_MS	2000

/* Whether CPU index cpu is online and has not been left out. */
bool smp_cpu_usable(int cpu);
/* Queue fn(arg) on cpu and wake it; -1 if cpu is not usable or busy. */
int smp_post(int cpu, smp_fn fn, void *arg);
/* Wait until the posted function returned: 0, or -1 after timeout_ms. */
int smp_wait(int cpu, u64 timeout_ms);
/* smp_post() then smp_wait(). */
int smp_call(int cpu, smp_fn fn, void *arg, u64 timeout_ms);
/*
 * NULL where the CPUs run at the same time; else why not (the MMU model
 * runs them one at a time): a row that needs two CPUs racing skips there
 * with "unmodelled=concurrent:<why>" rather than give a verdict.
 */
const char *smp_not_concurrent(void);
/* Usable CPUs other than the boot CPU. */
int smp_nr_remote(void);
/* CPUs that came up (index 0 .. n-1), usable or not. */
int smp_nr_cpus(void);
/* CPUID 0x1A core type of CPU cpu on hybrid parts, else 0. */
u8 smp_cpu_core_type(int cpu);

/* A secondary CPU's loop: halt until a call arrives, run it, repeat. */
void smp_ap_idle(struct percpu *pc) __attribute__((noreturn));
/*
 * An unexpected exception on a secondary CPU: report it with the CPU
 * number, stop that CPU; the boot CPU ends the run when it next waits.
 */
void smp_ap_abort(const struct trap_frame *tf) __attribute__((noreturn));
/* On the boot CPU, in every wait: end the run if a secondary CPU failed. */
void smp_check_abort(void);
/*
 * Hooks, so that this file needs neither the run's owner nor the shootdown
 * code: what ends the run when CPU cpu took an exception (kernel/main.c),
 * and what the shootdown IPI runs before its EOI (mm/shootdown.c).
 */
void smp_set_abort_handler(void (*fn)(int cpu));
void smp_set_shootdown_handler(void (*fn)(void));

#endif
