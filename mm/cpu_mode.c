// SPDX-License-Identifier: MIT
#include "mm/cpu_mode.h"
#include "kernel/hw.h"
#include "kernel/io.h"	/* the register and bit names only */

void pcid_enable(u64 root_pa)
{
	/* CR4.PCIDE may only be set while CR3 holds PCID 0. */
	hw_load_cr3(root_pa, 0, false);
	hw_set_pcide(true);
}

void pcid_disable(u64 root_pa)
{
	hw_load_cr3(root_pa, 0, false);
	hw_set_pcide(false);
}

void pcid_switch(u64 root_pa, u16 pcid, bool keep)
{
	hw_load_cr3(root_pa, pcid, keep);
}

void tce_set(bool on)
{
	struct fault_info fi;
	u64 efer;

	/* Called only where CPUID has TCE: EFER exists and takes the bit. */
	if (hw_rdmsr(MSR_EFER, &efer, &fi))
		return;
	hw_wrmsr(MSR_EFER, on ? efer | EFER_TCE : efer & ~EFER_TCE,
		 &fi);
}
