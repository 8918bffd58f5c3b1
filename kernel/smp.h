/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_SMP_H
#define TLBPROBE_SMP_H

#include "kernel/types.h"
#include "kernel/acpi.h"
#include "kernel/bootinfo.h"
#include "kernel/cmdline.h"
#include "mm/frame_alloc.h"

/*
 * Bringing up the other CPUs (kernel/smp_boot.c).  Two steps, because the
 * kernel's page tables must map what the first step finds:
 *   smp_prepare(): before the kernel's tables (the loader's identity map
 *     still reaches the low 4 GiB): find the ACPI tables, read the MADT,
 *     pick the APIC mode and a free page below 1 MiB for the trampoline;
 *   smp_start(): with the kernel's tables and a calibrated TSC: start each
 *     enabled CPU with INIT-SIPI-SIPI, each within a bounded time.
 */
struct smp_plan {
	bool enabled;		/* try to start other CPUs */
	const char *why_not;	/* when not: the reason, for the log */
	u64 lapic_page;		/* xAPIC registers to map (0: x2APIC or none) */
	u64 trampoline_pa;	/* below 1 MiB; 0 if none */
	struct acpi_info acpi;
	char acpi_err[128];
};

extern struct smp_plan smp_plan;

void smp_prepare(const struct boot_info *bi, const struct options *o);
void smp_start(struct frame_alloc *fa, u64 cr3);
/* "# smp:" and "# cpu:" lines: every MADT CPU and what became of it. */
void smp_report(void);

#endif
