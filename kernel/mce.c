// SPDX-License-Identifier: MIT
/*
 * Machine checks.  A stale walk through a freed page can hand the CPU a
 * physical address that is not memory; on real hardware that can end in a
 * machine check rather than a fault.  The #MC handler prints the MCA banks
 * and the scenario, then continues when the CPU says the interrupted
 * context can resume (MCG_STATUS.RIPV), or ends the run with the report.
 */
#include "kernel/mce.h"
#include "kernel/console.h"
#include "kernel/cpu.h"
#include "kernel/io.h"
#include "kernel/traps.h"

#define MSR_MCG_CAP	0x179
#define MCI_ADDRV	(1ULL << 58)
#define MCI_MISCV	(1ULL << 59)

static u64 count;

u64 mce_count(void)
{
	return count;
}

static int nr_banks(void)
{
	if (!cpu_info.mca)
		return 0;
	return (int)(rdmsr(MSR_MCG_CAP) & 0xff);
}

static int dump_banks(const char *scenario, const char *kind)
{
	int i, found = 0;
	u64 st, addr, misc;

	for (i = 0; i < nr_banks(); i++) {
		st = rdmsr(MSR_MC0_STATUS + 4 * i);
		if (!(st & MCI_VAL))
			continue;
		addr = st & MCI_ADDRV ? rdmsr(MSR_MC0_STATUS + 4 * i + 1) : 0;
		misc = st & MCI_MISCV ? rdmsr(MSR_MC0_STATUS + 4 * i + 2) : 0;
		kprintf("    # mce: kind=%s scenario=%s bank=%d status=0x%llx addr=0x%llx "
			"misc=0x%llx uc=%d\n", kind, scenario, i,
			(unsigned long long)st, (unsigned long long)addr,
			(unsigned long long)misc, !!(st & MCI_UC));
		wrmsr(MSR_MC0_STATUS + 4 * i, 0);
		found++;
	}
	return found;
}

int mce_scan_banks(const char *scenario)
{
	int n = dump_banks(scenario, "logged");

	count += (u64)n;
	return n;
}

bool mce_handle(struct trap_frame *tf)
{
	u64 mcg = cpu_info.mca ? rdmsr(MSR_MCG_STATUS) : 0;

	count++;
	kprintf("    # mce: kind=exception scenario=%s rip=0x%llx mcg_status=0x%llx\n",
		traps_context(), (unsigned long long)tf->rip,
		(unsigned long long)mcg);
	dump_banks(traps_context(), "exception");
	if (!(mcg & MCG_RIPV))
		return false;
	/* Resumable: clear MCIP so that a second #MC is not a shutdown. */
	wrmsr(MSR_MCG_STATUS, 0);
	return true;
}
