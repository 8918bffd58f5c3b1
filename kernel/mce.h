/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_MCE_H
#define TLBPROBE_MCE_H

#include "kernel/types.h"

/* Machine checks raised (#MC) or logged (corrected) since boot. */
u64 mce_count(void);
/*
 * Look through the MCA banks for errors logged without an #MC (corrected
 * errors), print and clear them; returns how many were found.
 */
int mce_scan_banks(const char *scenario);

#endif
