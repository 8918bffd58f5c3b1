/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_SKIP_NEEDS_H
#define TLBPROBE_SKIP_NEEDS_H

#include "kernel/cpu.h"
#include "mm/flush.h"
#include "mm/pgtable.h"

/*
 * The CPUID bits a row's page level and flush kind need, as a skip reason
 * that names the missing one, or NULL: the checks the collapse and split
 * engines share (skip_collapse(), skip_split()).
 */
static inline const char *skip_level_flush(enum pt_level level,
					   enum flush_kind flush)
{
	if (level == PT_LEVEL_PUD && !cpu_info.pdpe1gb)
		return "cpuid lacks pdpe1gb (1 GiB pages)";
	return flush_lacks(flush, flush_features(&cpu_info));
}

#endif
