// SPDX-License-Identifier: MIT
/*
 * The cross-CPU interface (kernel/smp_call.h, mm/shootdown.h) for host
 * programs (the host unit tests and build/tlbprobe-model): one CPU, so the
 * smp family and the cross-CPU bench figures skip with their reason, as on
 * a one-CPU machine.  A model of several CPUs would replace this file: run
 * fn on its CPU n, and flush its TLBs on shootdown.
 */
#include <stdio.h>
#include <stdlib.h>
#include "kernel/hw.h"
#include "kernel/smp_call.h"
#include "mm/flush.h"
#include "mm/phys.h"
#include "mm/shootdown.h"

const char *smp_not_concurrent(void)
{
	return "one CPU";
}

bool smp_cpu_usable(int cpu)
{
	return cpu == 0;
}

int smp_nr_remote(void)
{
	return 0;
}

int smp_nr_cpus(void)
{
	return 1;
}

u8 smp_cpu_core_type(int cpu)
{
	(void)cpu;
	return 0;
}

int smp_post(int cpu, smp_fn fn, void *arg)
{
	(void)cpu;
	(void)fn;
	(void)arg;
	return -1;
}

int smp_wait(int cpu, u64 timeout_ms)
{
	(void)cpu;
	(void)timeout_ms;
	return -1;
}

int smp_call(int cpu, smp_fn fn, void *arg, u64 timeout_ms)
{
	(void)timeout_ms;
	return smp_post(cpu, fn, arg);
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

/* Only this CPU: the flush itself, through the seam. */
int shootdown(enum shootdown_kind kind, u64 va, u64 npages, bool self,
	      struct shootdown_stats *st)
{
	struct flush_req r = { .kind = FLUSH_FULL };

	st->targets = st->missing = 0;
	if (!self)
		return 0;
	if (kind == SHOOTDOWN_FULL) {
		hw_flush(&r);
		return 0;
	}
	r.kind = FLUSH_INVLPG;
	for (u64 i = 0; i < npages; i++) {
		r.va = va + i * PAGE_SIZE;
		hw_flush(&r);
	}
	return 0;
}

bool invlpgb_supported(const char **why)
{
	*why = "the host has no INVLPGB";
	return false;
}

u32 invlpgb_max_pages(void)
{
	return 1;
}

void invlpgb_range(u64 va, u32 npages, bool final_only, bool sync)
{
	(void)va;
	(void)npages;
	(void)final_only;
	(void)sync;
	fprintf(stderr, "invlpgb_range() on the host: the row should have skipped\n");
	abort();
}

void tlbsync(void)
{
}
