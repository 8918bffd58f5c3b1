/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_CPU_MODE_H
#define TLBPROBE_CPU_MODE_H

#include "kernel/types.h"

/*
 * Processor modes the experiments switch: PCIDs (CR4.PCIDE and the PCID in
 * CR3) and AMD's translation-cache extension (EFER.TCE).  Each enable has
 * a matching disable that puts the machine back as the kernel runs.  All
 * of it goes through the hardware seam (kernel/hw.h).
 */
void pcid_enable(u64 root_pa);
void pcid_disable(u64 root_pa);
/* Switch to root_pa under pcid; keep that PCID's cached entries if keep. */
void pcid_switch(u64 root_pa, u16 pcid, bool keep);
/* NULL when EFER.TCE now reads as asked, else why not (nothing aborts). */
const char *tce_set(bool on);
/*
 * Clear EFER.TCE (where CPUID has it) and read EFER back: 0, 1 (TCE kept
 * on: a hypervisor that refused or ignored the clear), -1 (EFER
 * unreadable); *why is NULL or what went wrong with the clear.
 */
int tce_clear_checked(bool have_tce, const char **why);

#endif
