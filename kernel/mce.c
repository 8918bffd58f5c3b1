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
#include "kernel/hw.h"

#define MSR_MCG_CAP	0x179
#define MCI_PCC		(1ULL << 57)
#define MCI_ADDRV	(1ULL << 58)
/* Banks 0..31 sit at 0x400 + 4i; past that the legacy MSR space ends. */
#define MAX_LEGACY_BANKS 32
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
	return (int)MIN(rdmsr(MSR_MCG_CAP) & 0xff, MAX_LEGACY_BANKS);
}

/* Processor context corrupt in any bank: resuming is not allowed. */
static bool context_corrupt(void)
{
	for (int i = 0; i < nr_banks(); i++) {
		u64 st = rdmsr(MSR_MC0_STATUS + 4 * i);

		if ((st & MCI_VAL) && (st & MCI_PCC))
			return true;
	}
	return false;
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
		kprintf("  # mce: kind=%s scenario=%s bank=%d status=0x%llx addr=0x%llx "
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
	bool corrupt = context_corrupt();

	count++;
	kprintf("  # mce: kind=exception scenario=%s rip=0x%llx mcg_status=0x%llx\n",
		traps_context(), (unsigned long long)tf->rip,
		(unsigned long long)mcg);
	dump_banks(traps_context(), "exception");
	if (!(mcg & MCG_RIPV) || corrupt)
		return false;
	/* Resumable: clear MCIP so that a second #MC is not a shutdown. */
	wrmsr(MSR_MCG_STATUS, 0);
	/*
	 * A check raised by the TLB itself (multi-hit, AMD erratum 383) would
	 * recur through the same entries: drop them all before resuming.
	 */
	hw_flush(&(struct flush_req){ .kind = FLUSH_FULL });
	return true;
}
