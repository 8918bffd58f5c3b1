// SPDX-License-Identifier: MIT
/*
 * The kernel's ways of reaching the CPU, implemented over the MMU model:
 * reads through a VA, flushes, CR3/CR4 and EFER writes, CPUID as the
 * vendor has it.  Page-table stores reach the model through the shadow
 * copies it keeps (model/mmu_index.c), synchronised before every read and
 * every flush.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "model/machine.h"
#include "kernel/console.h"
#include "kernel/cpu.h"
#include "kernel/format.h"
#include "kernel/mce.h"
#include "kernel/timer.h"
#include "kernel/traps.h"
#include "mm/cpu_mode.h"
#include "mm/flush.h"
#include "mm/kernel_map.h"
#include "mm/phys.h"

struct machine machine;
struct cpu_info cpu_info;
uintptr_t phys_map_offset;

static void cpu_as(enum mmu_vendor v, struct cpu_info *ci)
{
	const char *vendor = v == MMU_INTEL ? "GenuineIntel" : "AuthenticAMD";

	for (int i = 0; vendor[i]; i++)
		ci->vendor[i] = vendor[i];
	ci->pge = ci->pdpe1gb = ci->nx = true;
	ci->pcid = ci->invpcid = v != MMU_TCG;
	ci->tce = v == MMU_AMD || v == MMU_AMD_TCE;
	ci->maxphyaddr = v == MMU_TCG ? 40 : 46;
	ci->maxlinaddr = 48;
	/* No MCA banks to stage errors in: those controls skip. */
	ci->mca = ci->mce = false;
}

void machine_init(enum mmu_vendor v, const struct mmu_params *par,
		  enum mmu_policy pol, u64 seed, u64 lo, u64 hi)
{
	mmu_init(&machine.mmu, v, par, WINDOW_BASE,
		 WINDOW_BASE + 512 * PUD_SIZE);
	cpu_as(v, &cpu_info);
	machine.mmu.maxphyaddr = cpu_info.maxphyaddr;
	machine.policy = pol;
	rng_seed(&machine.rng, seed ^ 0x6D6F64656CULL);
	machine.arena_lo = lo;
	machine.arena_hi = hi;
}

void machine_start(u64 root_pa)
{
	mmu_write_cr4(&machine.mmu, CR4_PGE_BIT);
	mmu_write_cr3(&machine.mmu, root_pa);
}

bool machine_peek(u64 pa, u64 *val)
{
	if (pa < machine.arena_lo || pa + 8 > machine.arena_hi)
		return false;
	*val = *(volatile u64 *)phys_to_virt(pa);
	return true;
}

static void forget_flushed_va(void)
{
	machine.has_flushed_va = false;
}

int probe_read64(u64 va, u64 *value, struct fault_info *fi)
{
	struct mmu_outcome o;

	mmu_sync(&machine.mmu);
	o = mmu_read(&machine.mmu, va, machine.policy, &machine.rng,
		     machine.last, &machine.nr_last);
	machine.last_va = va;
	if (o.fault) {
		fi->vector = VEC_PF;
		fi->error = o.pf_error;
		fi->cr2 = va;
		fi->rip = 0;
		return -1;
	}
	if (!machine_peek(o.pa, value)) {
		fprintf(stderr, "model: a read of 0x%llx reached 0x%llx, outside "
			"the arena\n", (unsigned long long)va,
			(unsigned long long)o.pa);
		exit(3);
	}
	return 0;
}

int probe_write64(u64 va, u64 value, struct fault_info *fi)
{
	(void)va;
	(void)value;
	fi->vector = VEC_GP;
	fi->error = 0;
	return -1;
}

/* No MSR but EFER is modelled: a write to any other faults (#GP). */
int probe_wrmsr(u32 msr, u64 value, struct fault_info *fi)
{
	(void)msr;
	(void)value;
	fi->vector = VEC_GP;
	fi->error = 0;
	return -1;
}

static void toggle_pge(void)
{
	struct mmu *m = &machine.mmu;

	if (m->cr4 & CR4_PGE_BIT) {
		mmu_write_cr4(m, m->cr4 & ~CR4_PGE_BIT);
		mmu_write_cr4(m, m->cr4 | CR4_PGE_BIT);
	} else {
		mmu_write_cr4(m, m->cr4 | CR4_PGE_BIT);
		mmu_write_cr4(m, m->cr4 & ~CR4_PGE_BIT);
	}
	forget_flushed_va();
}

void flush_cpu(const struct flush_req *req)
{
	struct mmu *m = &machine.mmu;

	switch (req->kind) {
	case FLUSH_NONE:
		return;
	case FLUSH_INVLPG:
		mmu_invlpg(m, req->va);
		break;
	case FLUSH_CR3:
		mmu_write_cr3(m, m->cr3);
		break;
	case FLUSH_PGE:
	case FLUSH_FULL:
		toggle_pge();
		return;
	case FLUSH_INVPCID_ADDR:
		mmu_invpcid(m, 0, req->pcid, req->va);
		break;
	case FLUSH_INVPCID_CTX:
		mmu_invpcid(m, 1, req->pcid, 0);
		break;
	case FLUSH_INVPCID_ALL_G:
		mmu_invpcid(m, 2, 0, 0);
		break;
	case FLUSH_INVPCID_ALL:
		mmu_invpcid(m, 3, 0, 0);
		break;
	default:
		return;
	}
	if (req->kind == FLUSH_INVLPG || req->kind == FLUSH_INVPCID_ADDR) {
		machine.flushed_va = req->va;
		machine.has_flushed_va = true;
	}
}

void pcid_enable(u64 root_pa)
{
	mmu_write_cr3(&machine.mmu, root_pa);
	mmu_write_cr4(&machine.mmu, machine.mmu.cr4 | CR4_PCIDE_BIT);
}

void pcid_disable(u64 root_pa)
{
	mmu_write_cr3(&machine.mmu, root_pa);
	mmu_write_cr4(&machine.mmu, machine.mmu.cr4 & ~CR4_PCIDE_BIT);
}

void pcid_switch(u64 root_pa, u16 pcid, bool keep)
{
	mmu_write_cr3(&machine.mmu,
		      root_pa | (pcid & 0xfff) | (keep ? CR3_NOFLUSH : 0));
}

void tce_set(bool on)
{
	struct mmu *m = &machine.mmu;

	mmu_write_efer(m, on ? m->efer | EFER_TCE_BIT : m->efer & ~EFER_TCE_BIT);
}

/* The model has no machine-check banks and never raises #MC. */
u64 mce_count(void)
{
	return 0;
}

int mce_scan_banks(const char *scenario)
{
	(void)scenario;
	return 0;
}

u64 time_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000 + (u64)ts.tv_nsec / 1000000;
}

u64 tsc_hz(void)
{
	return 0;
}

const char *tsc_source(void)
{
	return "model";
}

const char *cpu_accel_name(const struct cpu_info *ci)
{
	(void)ci;
	return "model";
}

void kputs(const char *s)
{
	fputs(s, stdout);
}

int kvprintf(const char *fmt, va_list ap)
{
	char buf[1024];
	int n = fmt_vsnprintf(buf, sizeof(buf), fmt, ap);

	kputs(buf);
	return n;
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvprintf(fmt, ap);
	va_end(ap);
	return n;
}
