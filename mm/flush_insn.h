/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_FLUSH_INSN_H
#define TLBPROBE_FLUSH_INSN_H

/*
 * The flush instructions, each written once, and their names for the flush
 * table (mm/flush_kinds.def).  Used by the kernel's seam (kernel/hw_cpu.c)
 * and by the bench, which times them bare.  They compile
 * anywhere but execute only at CPL 0: the host builds include this header
 * and never call it.  MOV to/from CR3 and CR4 are in kernel/io.h.
 */
#include "kernel/io.h"

/* The instruction that carries a flush out (flush_scope.insn). */
enum flush_insn {
	INSN_NONE,
	INSN_INVLPG,
	INSN_MOV_CR3,		/* MOV to CR3, same root, PCID, no bit 63 */
	INSN_CR4_PGE,		/* CR4.PGE toggled (off and on again) */
	INSN_INVPCID,		/* with flush_scope.invpcid_type */
	INSN_INVLPGB,		/* AMD's broadcast (mm/shootdown.c issues it) */
};

static inline void insn_invlpg(u64 va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static inline void insn_invpcid(unsigned long type, u16 pcid, u64 va)
{
	struct {
		u64 pcid;
		u64 va;
	} desc = { pcid, va };

	__asm__ volatile("invpcid %0, %1" : : "m"(desc), "r"(type) : "memory");
}

/* Two writes to CR4, PGE off then as cr4 says: drops everything (4.10.4.1). */
static inline void insn_pge_toggle(u64 cr4)
{
	write_cr4(cr4 & ~CR4_PGE);
	write_cr4(cr4);
}

#endif
