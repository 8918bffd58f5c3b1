/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_HW_H
#define TLBPROBE_HW_H

/*
 * The hardware seam: the only operations through which the experiments
 * (tests/kernel/, and mm/ on their behalf) reach the CPU's translation
 * machinery.  Each is an ordinary function resolved at link time, with one
 * implementation per place the experiment code runs:
 *   kernel/hw_cpu.c     the kernel: the real instructions (mm/flush_insn.h);
 *   tests/host/hw_host.c the host unit tests: a CPU without any translation
 *                        cache that walks the arena's tables on every read;
 *   model/              the software MMU model (docs/model.md).
 * A host program that links the experiment code picks exactly one.
 *
 * What goes through here: every read through a virtual address that an
 * experiment judges, every store into a page-table page (so that a model
 * sees each write; plain reads of entries, such as accessed bits, stay
 * memory reads through phys_to_virt()), every flush, every CR3 load and
 * CR4.PCIDE change, and every MSR access (EFER.TCE is set through EFER).
 * The bench family's timed loops read memory directly: a model has no
 * clock (docs/bench.md).
 */
#include "kernel/types.h"
#include "mm/flush.h"

/* What a recoverable fault left behind. */
struct fault_info {
	u64 vector;
	u64 error;
	u64 cr2;
	u64 rip;
};

/*
 * Read the 8 bytes at va through the current translation.  0 and *value on
 * success; -1 and *fi (vector, #PF error code, CR2) when the access faulted.
 */
int hw_read64(u64 va, u64 *value, struct fault_info *fi);

/*
 * Store value into the paging-structure entry at entry.  entry points into
 * a page-table page through the direct map (phys_to_virt()), so
 * virt_to_phys(entry) is the entry's physical address.
 */
void hw_write_entry(volatile u64 *entry, u64 value);
/*
 * n stores, in order: first[i] = value + i * step.  The same as n calls of
 * hw_write_entry(); one call, so that filling a table stays a tight loop.
 */
void hw_write_entries(volatile u64 *first, unsigned int n, u64 value,
		      u64 step);

/*
 * A software prefetch of va (PREFETCHT0): a hint that never faults.  A
 * walk it makes, if the CPU makes one, may leave the upper entries on
 * va's path in the paging-structure caches (SDM 4.10.3.1) without the #PF
 * that would invalidate them again (4.10.4.1), and where the PTE is not
 * present it leaves no TLB entry (4.10.2.1).  Whether it walks is up to
 * the CPU: a model may do nothing.
 */
void hw_prefetch(u64 va);

/* Carry out one flush (mm/flush.h says what each kind invalidates). */
void hw_flush(const struct flush_req *req);

/*
 * MOV to CR3: root_pa with pcid in bits 11:0 (0 unless CR4.PCIDE=1), and
 * bit 63 set when noflush (keep the PCID's cached entries; SDM 4.10.4.1).
 */
void hw_load_cr3(u64 root_pa, u16 pcid, bool noflush);
/*
 * CR4.PCIDE on or off.  The caller loads CR3 with PCID 0 first: setting
 * PCIDE with a non-zero PCID in CR3 is a #GP (SDM 4.10.1).
 */
void hw_set_pcide(bool on);

/* RDMSR / WRMSR; -1 and *fi when the CPU refused (#GP). */
int hw_rdmsr(u32 msr, u64 *value, struct fault_info *fi);
int hw_wrmsr(u32 msr, u64 value, struct fault_info *fi);

/*
 * INT 18: enter the machine-check handler as a staged #MC would (the
 * mce_raised control).  The kernel's handler counts it (mce_count()).
 */
void hw_raise_mc(void);

#endif
