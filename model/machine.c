// SPDX-License-Identifier: MIT
/*
 * The model's side of the hardware seam (kernel/hw.h): reads through a VA,
 * page-table stores, flushes, CR3/CR4.PCIDE and MSR writes, all carried out
 * by the MMU model, with the host mapping from model/main.c as physical
 * memory.  Also the few kernel services the experiments use beyond the
 * seam (console, CPU description, clock, machine-check counters), as
 * tests/host/host_kernel.c provides them to the host tests.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "model/machine.h"
#include "kernel/console.h"
#include "kernel/cpu.h"
#include "kernel/format.h"
#include "kernel/hw.h"
#include "kernel/io.h"
#include "kernel/mce.h"
#include "kernel/timer.h"
#include "kernel/traps.h"
#include "mm/flush.h"
#include "mm/kernel_map.h"
#include "mm/phys.h"

struct machine machine;
struct cpu_info cpu_info;

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
	mmu_init(&machine.mmu, v, par, WINDOW_BASE, WINDOW_BASE + WINDOW_SIZE);
	machine.cur = &machine.mmu;
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

int hw_read64(u64 va, u64 *value, struct fault_info *fi)
{
	struct mmu_outcome o;

	o = mmu_read(machine.cur, va, machine.policy, &machine.rng,
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
		fprintf(stderr, "tlbprobe-model: a read of 0x%llx reached 0x%llx, "
			"outside the modelled memory\n", (unsigned long long)va,
			(unsigned long long)o.pa);
		exit(1);
	}
	return 0;
}

void hw_write_entry(volatile u64 *entry, u64 value)
{
	mmu_store(machine.cur, virt_to_phys((const void *)entry), value);
}

void hw_write_entries(volatile u64 *first, unsigned int n, u64 value, u64 step)
{
	for (unsigned int i = 0; i < n; i++)
		hw_write_entry(&first[i], value + i * step);
}

/*
 * A prefetch may walk and fill the paging-structure caches; the model
 * already lets any valid entry be cached at any time (speculative fills),
 * so it has nothing to add.
 */
void hw_prefetch(u64 va)
{
	(void)va;
}

void hw_flush(const struct flush_req *req)
{
	const struct flush_scope *sem = flush_scope(req->kind);

	mmu_flush(machine.cur, sem, req->va, req->pcid);
}

void hw_load_cr3(u64 root_pa, u16 pcid, bool noflush)
{
	mmu_write_cr3(machine.cur,
		      root_pa | (pcid & 0xfff) | (noflush ? CR3_NOFLUSH_BIT : 0));
}

void hw_set_pcide(bool on)
{
	struct mmu *m = machine.cur;

	mmu_write_cr4(m, on ? m->cr4 | CR4_PCIDE_BIT : m->cr4 & ~CR4_PCIDE_BIT);
}

/* EFER is the only MSR the model has; the others fault (#GP). */
int hw_rdmsr(u32 msr, u64 *value, struct fault_info *fi)
{
	if (msr != MSR_EFER) {
		*fi = (struct fault_info){ .vector = VEC_GP };
		return -1;
	}
	*value = machine.cur->efer;
	return 0;
}

int hw_wrmsr(u32 msr, u64 value, struct fault_info *fi)
{
	if (msr != MSR_EFER) {
		*fi = (struct fault_info){ .vector = VEC_GP };
		return -1;
	}
	mmu_write_efer(machine.cur, value);
	return 0;
}

/* Never called: the machine-check controls skip (no MCA in cpu_info). */
void hw_raise_mc(void)
{
	fprintf(stderr, "tlbprobe-model: a machine check was raised, but the "
		"model has no machine-check architecture\n");
	exit(1);
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
