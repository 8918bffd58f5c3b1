/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_HOST_HW_H
#define TLBPROBE_HOST_HW_H

/*
 * The host side of the hardware seam (kernel/hw.h, tests/host/hw_host.c)
 * and of the kernel services the experiments use (tests/host/
 * host_kernel.c), for the host unit tests that run experiment code.
 *
 * The host "CPU" has no translation caches at all: every hw_read64() walks
 * the four levels from the root last loaded with hw_load_cr3(), through
 * the arena, setting accessed bits as a CPU does.  So on the host every
 * flush is architecturally a no-op, and an experiment must see every read
 * coherent: the negative control of the whole collapse engine.
 *
 * It also checks the seam itself: every entry written through
 * hw_write_entry()/hw_write_entries() is remembered, and an entry the
 * walk reads that was not written that way (a plain store behind the
 * seam's back, which a software model would never see) is counted in
 * unseen_entries.
 */
#include "kernel/hw.h"
#include "mm/flush.h"

/* What time_ms() returns on the host (host_kernel.c): 0 unless set. */
extern u64 host_now_ms;

struct host_hw {
	u64 cr3;			/* root, PCID and bit 63 as last loaded */
	bool pcide;
	u64 entry_writes;		/* hw_write_entry() and each of _entries() */
	u64 flushes[FLUSH_NR];		/* hw_flush() calls by kind */
	struct flush_req last[FLUSH_NR];	/* the latest of each kind */
	u64 reads, faults;
	u64 unseen_entries;		/* walked entries the seam never wrote */
	u64 mc_raised;
	u64 prefetches;			/* hw_prefetch() calls */
	/*
	 * Reads through a 2 MiB or 1 GiB leaf while a 4 KiB translation
	 * inside it could still be cached (read since the last flush that
	 * covers it): a page-size conflict (SDM 4.10.2.3, AMD erratum 383).
	 * The cacheless walk cannot use such a translation, but a CPU could.
	 */
	u64 size_conflicts;
	u64 efer, mc0_status, mcg_status;
	u64 smi_count;			/* MSR_SMI_COUNT (0x34) */
	bool no_smi_count;		/* RDMSR 0x34: #GP */
	bool refuse_mca_writes;		/* WRMSR to the MCA registers: #GP */
	bool drop_mca_writes;		/* ... taken, value dropped (Bochs) */
	bool refuse_efer_writes;	/* WRMSR to EFER: #GP */
};

extern struct host_hw host_hw;

/*
 * The 4 KiB translations the host CPU may be caching, for size_conflicts:
 * pages read through a 4 KiB leaf, dropped by the flushes that cover them
 * (mm/flush_kinds.def; PCIDs are not told apart, so a flush in one PCID
 * drops another's: it can miss a conflict, never invent one).
 */
#define HOST_SMALL_LEAVES	4096

/* Forget everything and load root_pa (PCID 0). */
void host_hw_reset(u64 root_pa);

/* The console as text: everything kprintf()/kputs() wrote since reset. */
const char *host_console_text(void);
void host_console_reset(void);

#endif
