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

/*
 * Through fault capture: a hypervisor may advertise TCE in CPUID and still
 * refuse the write (#GP) or drop the bit, and that must cost the scenario
 * (a skip with the reason), never the run.
 */
const char *tce_set(bool on)
{
	struct fault_info fi;
	u64 efer, want;

	if (hw_rdmsr(MSR_EFER, &efer, &fi))
		return "EFER cannot be read (#GP on RDMSR)";
	want = on ? efer | EFER_TCE : efer & ~EFER_TCE;
	if (hw_wrmsr(MSR_EFER, want, &fi))
		return on ? "EFER.TCE write refused (#GP on WRMSR)" :
			    "EFER.TCE clear refused (#GP on WRMSR)";
	if (hw_rdmsr(MSR_EFER, &efer, &fi) || (efer & EFER_TCE) != (want & EFER_TCE))
		return "EFER.TCE did not keep the value written";
	return NULL;
}

/*
 * The boot-time clear: firmware or an earlier OS may have left TCE on.
 * Through tce_set() (fault capture), then EFER read back: 0 or 1, or -1
 * when EFER cannot be read; *why says why the clear did not hold.
 */
int tce_clear_checked(bool have_tce, const char **why)
{
	struct fault_info fi;
	u64 efer;

	*why = have_tce ? tce_set(false) : NULL;
	if (hw_rdmsr(MSR_EFER, &efer, &fi))
		return -1;
	return (efer & EFER_TCE) ? 1 : 0;
}
