/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_TIMER_H
#define TLBPROBE_TIMER_H

#include "kernel/types.h"

/* Calibrate the TSC (CPUID leaf 0x15/0x16, else against the PIT). */
void timer_init(void);
u64 tsc_hz(void);
const char *tsc_source(void);	/* "cpuid", "pit" or "guess" */
/* Milliseconds since timer_init(). */
u64 time_ms(void);

#endif
