/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_CPU_H
#define TLBPROBE_CPU_H

#include "kernel/types.h"

struct cpu_info {
	char vendor[13];
	char brand[49];
	char hypervisor[13];	/* CPUID 0x40000000 signature, "" if none */
	u32 family, model, stepping;
	u32 max_leaf, max_ext_leaf;
	bool hypervisor_bit;
	bool pge, pcid, invpcid, pdpe1gb, la57, nx, smep, smap, tce, mca, mce;
	bool tsc, rdtscp, invtsc;
	u32 maxphyaddr, maxlinaddr;
	u32 tsc_khz_cpuid;	/* from leaf 0x15/0x16, 0 if not given */
};

extern struct cpu_info cpu_info;

void cpuid(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d);
void cpu_identify(struct cpu_info *ci);
/* "tcg", "kvm", "other" (another hypervisor) or "none" (bare metal). */
const char *cpu_accel_name(const struct cpu_info *ci);

#endif
