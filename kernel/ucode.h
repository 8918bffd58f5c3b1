/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_UCODE_H
#define TLBPROBE_UCODE_H

#include "kernel/types.h"

/*
 * The microcode revision from MSR 0x8B, read through fault capture: 0 and
 * *rev, or -1 where the read (or Intel's clearing write) faults.  The
 * checker needs it to tell a known erratum from a finding (checker/errata.c).
 */
int ucode_revision(u32 *rev);
/* " ucode=0x.. efer=0x.. cr4=0x..", for the "# env:" line (docs/log-format.md). */
void ucode_env_fields(void);

#endif
