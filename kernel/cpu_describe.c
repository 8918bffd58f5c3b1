// SPDX-License-Identifier: MIT
/*
 * What each CPU says about itself.  On hybrid parts (CPUID.07H:EDX[15])
 * leaf 1AH names the core type (SDM vol. 2A, CPUID); mixed steppings and
 * microcode revisions are rare but exactly what a TLB difference between
 * two CPUs of one machine could come from.
 */
#include "kernel/cpu_describe.h"
#include "kernel/console.h"
#include "kernel/cpu.h"
#include "kernel/strutil.h"
#include "kernel/ucode.h"

#define CORE_ATOM	0x20
#define CORE_CORE	0x40

/* This CPU's revision, as the "# env:" line reads it (kernel/ucode.c). */
static void read_microcode(struct percpu *pc)
{
	u32 rev;

	if (ucode_revision(&rev))
		return;
	pc->microcode = rev;
	pc->microcode_ok = true;
}

void cpu_describe_self(struct percpu *pc)
{
	u32 a, b, c, d, base_fam;

	cpuid(1, 0, &a, &b, &c, &d);
	base_fam = (a >> 8) & 0xf;
	pc->stepping = a & 0xf;
	pc->family = base_fam == 0xf ? base_fam + ((a >> 20) & 0xff) : base_fam;
	pc->model = (base_fam == 0x6 || base_fam == 0xf) ?
		    (((a >> 16) & 0xf) << 4) | ((a >> 4) & 0xf) : (a >> 4) & 0xf;
	pc->cpuid_apic_id = b >> 24;
	if (cpu_info.max_leaf >= 0xB) {
		cpuid(0xB, 0, &a, &b, &c, &d);
		if (b)
			pc->cpuid_apic_id = d;	/* the x2APIC ID */
	}
	pc->core_type = 0;
	if (cpu_info.max_leaf >= 0x1A) {
		cpuid(7, 0, &a, &b, &c, &d);
		if (d & (1U << 15)) {
			cpuid(0x1A, 0, &a, &b, &c, &d);
			pc->core_type = (u8)(a >> 24);
		}
	}
	read_microcode(pc);
}

const char *cpu_core_type_name(u8 type)
{
	switch (type) {
	case 0:
		return "";
	case CORE_ATOM:
		return "atom";
	case CORE_CORE:
		return "core";
	default:
		return "other";
	}
}

void cpu_describe_line(const struct percpu *pc, u32 uid)
{
	const struct percpu *ref = &percpu[0];

	kprintf("# cpu: index=%d apic_id=%u", pc->index, pc->apic_id);
	if (uid != (u32)-1)
		kprintf(" uid=%u madt=enabled", uid);
	kputs(" state=online");
	if (pc->core_type)
		kprintf(" core_type=%s(0x%x)", cpu_core_type_name(pc->core_type),
			pc->core_type);
	if (pc == ref || pc->family != ref->family || pc->model != ref->model ||
	    pc->stepping != ref->stepping)
		kprintf(" family=%u model=%u stepping=%u", pc->family, pc->model,
			pc->stepping);
	if (pc->microcode_ok)
		kprintf(" microcode=0x%llx", (unsigned long long)pc->microcode);
	kputs("\n");
}
