// SPDX-License-Identifier: MIT
/*
 * The machine-check detectors: a machine check cannot be caused on
 * purpose, but one can be staged where the CPU lets software write the MCA
 * registers (QEMU does; most hardware raises #GP, and then the control is
 * skipped with that reason).  logged: an error left in bank 0 must be found
 * by the bank scan that follows every scenario.  raised: the same error and
 * MCG_STATUS.RIPV, then INT 18 enters the #MC handler, which must report
 * it, clear it and resume.
 */
#include "tests/kernel/controls.h"
#include "tests/kernel/fixture.h"
#include "kernel/cpu.h"
#include "kernel/mce.h"
#include "kernel/format.h"

/*
 * A WRMSR without #GP does not mean the bank took the value: Bochs accepts
 * writes to MCi_STATUS and MCG_STATUS and drops them, and a #MC raised then
 * finds nothing staged and aborts the run.  So each write is read back, and
 * a value that did not stick is a skip with the reason, never a run.
 */
static const char *stage_msr(u32 msr, u64 value, const char *name)
{
	static char why[96];
	struct fault_info fi;
	u64 got = 0;

	if (hw_wrmsr(msr, value, &fi)) {
		fmt_snprintf(why, sizeof(why), "this CPU refuses writes to %s (#GP)", name);
		return why;
	}
	if (hw_rdmsr(msr, &got, &fi) || got != value) {
		fmt_snprintf(why, sizeof(why),
			     "%s did not keep the value written (wrote 0x%llx, read 0x%llx)",
			     name, (unsigned long long)value,
			     (unsigned long long)got);
		return why;
	}
	return NULL;
}

static const char *stage_mce(bool raised)
{
	struct fault_info fi;
	u64 st = MCI_VAL | MCI_EN | (raised ? MCI_UC : 0);
	const char *why;

	why = stage_msr(MSR_MC0_STATUS, st, "MC0_STATUS");
	if (!why && raised)
		why = stage_msr(MSR_MCG_STATUS, MCG_RIPV | MCG_EIPV | MCG_MCIP,
				"MCG_STATUS");
	if (why) {
		/* Leave nothing staged for the next row's bank scan. */
		hw_wrmsr(MSR_MC0_STATUS, 0, &fi);
		if (raised)
			hw_wrmsr(MSR_MCG_STATUS, 0, &fi);
	}
	return why;
}

void run_mce_control(const struct scenario *s, struct scen_ctx *c,
			    struct scen_result *r)
{
	bool raised = s->variant == CTRL_MCE_RAISED;
	u64 it, n = MIN(c->opt->iters, 4), before;
	int found;

	r->pass = true;
	for (it = 0; it < n; it++) {
		before = mce_count();
		r->skip = stage_mce(raised);
		if (r->skip)
			return;
		if (raised)
			hw_raise_mc();
		else
			mce_scan_banks(s->name);
		found = (int)(mce_count() - before);
		hist_add(&r->h, true, found == 1 ? OUT_MCE : OUT_COHERENT);
		r->pass &= found == 1;
		r->iters++;
	}
	/* Negative: nothing may be left behind in the banks. */
	r->pass &= mce_scan_banks(s->name) == 0;
}

const char *skip_mce(const struct scenario *s, struct scen_ctx *c)
{
	(void)s;
	(void)c;
	if (!cpu_info.mca || !cpu_info.mce)
		return "cpuid lacks mca/mce";
	return NULL;
}
