// SPDX-License-Identifier: MIT
/* SMIs per scenario (smi_count.h). */
#include "harness/smi_count.h"
#include "kernel/cpu.h"
#include "kernel/hw.h"
#include "kernel/strutil.h"

static bool smi_read(u64 *count)
{
	struct fault_info fi;

	/* The counter is Intel's; elsewhere 0x34 is nothing to rely on. */
	if (!str_eq(cpu_info.vendor, "GenuineIntel"))
		return false;
	return hw_rdmsr(MSR_SMI_COUNT, count, &fi) == 0;
}

void smi_mark_begin(struct smi_mark *m)
{
	m->valid = smi_read(&m->count);
}

void smi_mark_end(const struct smi_mark *m, struct scen_result *r)
{
	u64 now;

	if (m->valid && smi_read(&now))
		result_kv(r, "smi", (u32)(now - m->count));
}
