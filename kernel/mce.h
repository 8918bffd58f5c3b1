/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_MCE_H
#define TLBPROBE_MCE_H

#include "kernel/types.h"

#define MSR_MCG_STATUS	0x17A
#define MSR_MC0_STATUS	0x401
#define MCG_RIPV	(1ULL << 0)
#define MCG_EIPV	(1ULL << 1)
#define MCG_MCIP	(1ULL << 2)
#define MCI_VAL		(1ULL << 63)
#define MCI_UC		(1ULL << 61)
#define MCI_EN		(1ULL << 60)

/* Machine checks raised (#MC) or logged (corrected) since boot. */
u64 mce_count(void);
/*
 * Look through the MCA banks for errors logged without an #MC (corrected
 * errors), print and clear them; returns how many were found.
 */
int mce_scan_banks(const char *scenario);

#endif
