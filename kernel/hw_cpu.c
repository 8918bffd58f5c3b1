// SPDX-License-Identifier: MIT
/*
 * The kernel's side of the hardware seam (kernel/hw.h): the instructions
 * themselves.  Kernel only; the host tests and the model link their own.
 */
#include "kernel/hw.h"
#include "kernel/cpu.h"
#include "kernel/traps.h"
#include "mm/flush_insn.h"

int hw_read64(u64 va, u64 *value, struct fault_info *fi)
{
	return probe_read64(va, value, fi);
}

void hw_write_entry(volatile u64 *entry, u64 value)
{
	*entry = value;
}

void hw_write_entries(volatile u64 *first, unsigned int n, u64 value,
		      u64 step)
{
	for (unsigned int i = 0; i < n; i++)
		first[i] = value + i * step;
}

void hw_prefetch(u64 va)
{
	__asm__ volatile("prefetcht0 (%0)" : : "r"(va) : "memory");
}

/* Toggle PGE; where CPUID has no PGE, a MOV to CR3 is the strongest flush. */
static void pge_flush(void)
{
	u64 cr4 = read_cr4();

	if (cr4 & CR4_PGE) {
		insn_pge_toggle(cr4);
	} else if (cpu_info.pge) {
		write_cr4(cr4 | CR4_PGE);
		write_cr4(cr4);
	} else {
		write_cr3(read_cr3());
	}
}

void hw_flush(const struct flush_req *req)
{
	const struct flush_scope *s = flush_scope(req->kind);
	unsigned long type = s->invpcid_type;

	switch (s->insn) {
	case INSN_NONE:
	/* A broadcast is the smp engine's (mm/shootdown.c): no local meaning. */
	case INSN_INVLPGB:
		break;
	case INSN_INVLPG:
		insn_invlpg(req->va);
		break;
	case INSN_MOV_CR3:
		write_cr3(read_cr3());
		break;
	case INSN_CR4_PGE:
		pge_flush();
		break;
	case INSN_INVPCID:
		/* Types 2 and 3 ignore the descriptor; type 1 its address. */
		insn_invpcid(type, type <= 1 ? req->pcid : 0,
			     type == 0 ? req->va : 0);
		break;
	}
}

void hw_load_cr3(u64 root_pa, u16 pcid, bool noflush)
{
	write_cr3(root_pa | (pcid & 0xfff) | (noflush ? CR3_NOFLUSH : 0));
}

void hw_set_pcide(bool on)
{
	u64 cr4 = read_cr4();

	write_cr4(on ? cr4 | CR4_PCIDE : cr4 & ~CR4_PCIDE);
}

int hw_rdmsr(u32 msr, u64 *value, struct fault_info *fi)
{
	return probe_rdmsr(msr, value, fi);
}

int hw_wrmsr(u32 msr, u64 value, struct fault_info *fi)
{
	return probe_wrmsr(msr, value, fi);
}

void hw_raise_mc(void)
{
	__asm__ volatile("int $18" ::: "memory");
}
