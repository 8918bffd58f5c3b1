// SPDX-License-Identifier: MIT
/*
 * Why a collapse row cannot run on this machine: each reason names the
 * CPUID bit (or the memory) the row needs, so a skip is never silent.
 */
#include "tests/kernel/collapse_iter.h"
#include "kernel/cpu.h"
#include "tests/kernel/skip_needs.h"

const char *skip_collapse(const struct scenario *s, struct scen_ctx *c)
{
	const struct collapse_param *p = s->param;
	const char *why = NULL;

	why = skip_level_flush(p->level, p->flush);
	if (why)
		return why;
	if (p->pcid && !cpu_info.pcid)
		return "cpuid lacks pcid";
	/* The full flush between iterations must reach every PCID. */
	if (p->pcid && !cpu_info.pge)
		return "cpuid lacks pge (no full flush across PCIDs)";
	if (p->tce && !cpu_info.tce)
		return "cpuid lacks tce (AMD translation-cache extension)";
	if (p->global && !cpu_info.pge)
		return "cpuid lacks pge (global pages)";
	why = reuse_skip(p->reuse);
	if (why)
		return why;
	if (p->level == PT_LEVEL_PUD && fixture_huge1g(c, &why) == FA_NO_FRAME)
		return why;
	return NULL;
}
