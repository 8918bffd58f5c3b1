/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_SMI_COUNT_H
#define TLBPROBE_SMI_COUNT_H

/*
 * System-management interrupts taken during a scenario, from Intel's
 * MSR_SMI_COUNT (0x34, Nehalem on).  An SMI is a flush nobody recorded:
 * SMM code runs with its own paging state and may leave the TLB and the
 * paging-structure caches emptier than the scenario left them, so a row
 * that saw nothing stale while SMIs came says less.  The MSR is read
 * through the seam's fault capture (kernel/hw.h): where it does not exist
 * (#GP), or on other vendors, nothing is reported.
 */
#include "kernel/report.h"

#define MSR_SMI_COUNT	0x34

struct smi_mark {
	bool valid;
	u64 count;
};

/* Before the scenario runs. */
void smi_mark_begin(struct smi_mark *m);
/* After: " smi=N" on the result line, where the count could be read. */
void smi_mark_end(const struct smi_mark *m, struct scen_result *r);

#endif
