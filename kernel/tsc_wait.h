/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_TSC_WAIT_H
#define TLBPROBE_TSC_WAIT_H

#include "kernel/io.h"
#include "kernel/timer.h"

/*
 * Deadlines in TSC ticks (calibrated by timer_init()).  Wall time, not
 * spins: a vCPU the host deschedules must not shorten or lengthen a wait,
 * only find it expired when it runs again.
 */
static inline u64 tsc_deadline_us(u64 us)
{
	return rdtsc() + tsc_hz() / 1000000 * us;
}

static inline bool tsc_expired(u64 deadline)
{
	return (s64)(rdtsc() - deadline) >= 0;
}

static inline void tsc_delay_us(u64 us)
{
	u64 end = tsc_deadline_us(us);

	while (!tsc_expired(end))
		cpu_relax();
}

#endif
