// SPDX-License-Identifier: MIT
#include "mm/cpu_mode.h"
#include "kernel/io.h"

void pcid_enable(u64 root_pa)
{
	/* CR4.PCIDE may only be set while CR3 holds PCID 0. */
	write_cr3(root_pa);
	write_cr4(read_cr4() | CR4_PCIDE);
}

void pcid_disable(u64 root_pa)
{
	write_cr3(root_pa);
	write_cr4(read_cr4() & ~CR4_PCIDE);
}

void pcid_switch(u64 root_pa, u16 pcid, bool keep)
{
	write_cr3(root_pa | (pcid & 0xfff) | (keep ? CR3_NOFLUSH : 0));
}

void tce_set(bool on)
{
	u64 efer = rdmsr(MSR_EFER);

	wrmsr(MSR_EFER, on ? efer | EFER_TCE : efer & ~EFER_TCE);
}
