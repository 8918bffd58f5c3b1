// SPDX-License-Identifier: MIT
/*
 * Time from the TSC.  Progress lines and benchmarks need a rough clock; the
 * PIT's channel 2 gives one on any PC without interrupts.
 */
#include "kernel/timer.h"
#include "kernel/cpu.h"
#include "kernel/io.h"

#define PIT_HZ		1193182ULL
#define CALIB_MS	10ULL
#define PIT_SPIN_MAX	50000000ULL

static u64 hz = 1000000000ULL;
static u64 t0;
static const char *source = "guess";

static u64 pit_calibrate(void)
{
	u64 count = PIT_HZ * CALIB_MS / 1000, start, end, spins = 0;
	u8 gate = inb(0x61);

	outb(0x61, (u8)((gate & ~0x02) | 0x01));	/* gate on, speaker off */
	outb(0x43, 0xB0);	/* channel 2, lo/hi byte, mode 0 */
	outb(0x42, (u8)(count & 0xff));
	outb(0x42, (u8)(count >> 8));
	start = rdtsc();
	/* Bounded: a board without a PIT must not stop the run here. */
	while (!(inb(0x61) & 0x20))
		if (++spins > PIT_SPIN_MAX)
			return 0;
	end = rdtsc();
	outb(0x61, gate);
	return (end - start) * 1000 / CALIB_MS;
}

void timer_init(void)
{
	u64 pit;

	t0 = rdtsc();
	if (cpu_info.tsc_khz_cpuid) {
		hz = (u64)cpu_info.tsc_khz_cpuid * 1000;
		source = "cpuid";
		return;
	}
	pit = pit_calibrate();
	if (pit > 1000000) {
		hz = pit;
		source = "pit";
	}
}

u64 tsc_hz(void)
{
	return hz;
}

const char *tsc_source(void)
{
	return source;
}

u64 time_ms(void)
{
	return (rdtsc() - t0) / (hz / 1000);
}
