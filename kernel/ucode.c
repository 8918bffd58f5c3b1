// SPDX-License-Identifier: MIT
/*
 * The microcode revision and the control registers the paging rules
 * depend on, for the "# env:" line.  A log without the revision cannot
 * say whether a stale read on Alder/Raptor Lake is erratum ADL063/RPL042
 * (fixed by microcode) or a new finding.
 */
#include "kernel/ucode.h"
#include "kernel/console.h"
#include "kernel/cpu.h"
#include "kernel/hw.h"
#include "kernel/io.h"
#include "kernel/strutil.h"

#define MSR_UCODE_REV	0x8B	/* IA32_BIOS_SIGN_ID; AMD's PATCH_LEVEL */

/*
 * Intel (SDM vol. 3A 10.11.7.1): write 0 to IA32_BIOS_SIGN_ID, execute
 * CPUID(1), then the revision is in bits 63:32.  AMD (and Hygon): MSR 0x8B
 * is PATCH_LEVEL, the revision in bits 31:0, read directly.  Other vendors,
 * and emulators that refuse either access: unknown, never 0.
 */
int ucode_revision(u32 *rev)
{
	struct fault_info fi;
	u32 a, b, c, d;
	u64 v = 0;

	if (str_eq(cpu_info.vendor, "GenuineIntel")) {
		if (hw_wrmsr(MSR_UCODE_REV, 0, &fi))
			return -1;
		cpuid(1, 0, &a, &b, &c, &d);
		if (hw_rdmsr(MSR_UCODE_REV, &v, &fi))
			return -1;
		*rev = (u32)(v >> 32);
		return 0;
	}
	if (!str_eq(cpu_info.vendor, "AuthenticAMD") &&
	    !str_eq(cpu_info.vendor, "HygonGenuine"))
		return -1;
	if (hw_rdmsr(MSR_UCODE_REV, &v, &fi))
		return -1;
	*rev = (u32)v;
	return 0;
}

void ucode_env_fields(void)
{
	struct fault_info fi;
	u64 efer = 0;
	u32 rev = 0;

	if (ucode_revision(&rev))
		kputs(" ucode=unknown");
	else
		kprintf(" ucode=0x%x", rev);
	if (hw_rdmsr(MSR_EFER, &efer, &fi))
		kputs(" efer=unknown");
	else
		kprintf(" efer=0x%llx", (unsigned long long)efer);
	kprintf(" cr4=0x%llx", (unsigned long long)read_cr4());
}
