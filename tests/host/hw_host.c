// SPDX-License-Identifier: MIT
/*
 * The host unit tests' side of the hardware seam (kernel/hw.h): a CPU
 * without translation caches over the arena (host_hw.h).  Physical
 * addresses outside the arena fail the test.
 */
#include <stdlib.h>
#include <string.h>

#include "tests/host/host_test.h"
#include "tests/host/host_hw.h"
#include "kernel/cpu.h"
#include "kernel/io.h"
#include "kernel/mce.h"
#include "kernel/traps.h"
#include "mm/pgtable.h"
#include "mm/phys.h"

struct host_hw host_hw;

/* What the seam last wrote to each 8-byte word of the arena, and whether. */
static u64 *seen_value;
static u8 *seen;

static bool seam_slot(u64 pa, size_t *i)
{
	if (pa < ARENA_PA_BASE || pa >= ARENA_PA_END)
		return false;
	if (!seen) {
		seen_value = calloc(ARENA_SIZE / 8, sizeof(u64));
		seen = calloc(ARENA_SIZE / 8 / 8, 1);
		assert_non_null(seen_value);
		assert_non_null(seen);
	}
	*i = (size_t)((pa - ARENA_PA_BASE) / 8);
	return true;
}

static void seam_remember(volatile u64 *entry, u64 value)
{
	size_t i;

	if (!seam_slot(virt_to_phys((const void *)entry), &i))
		return;
	seen_value[i] = value;
	seen[i / 8] |= (u8)(1U << (i % 8));
}

/* An entry the walk reads must be what the seam wrote (A bits aside). */
static void seam_check(u64 entry_pa, u64 value)
{
	size_t i;

	if (!seam_slot(entry_pa, &i))
		return;
	if (!(seen[i / 8] & (1U << (i % 8))) ||
	    (seen_value[i] & ~PTE_A) != (value & ~PTE_A))
		host_hw.unseen_entries++;
}

/* The 4 KiB translations a CPU could hold now (host_hw.h). */
static struct {
	u64 page;
	bool global;
} small[HOST_SMALL_LEAVES];
static unsigned int nr_small;

static void small_remember(u64 va, bool global)
{
	u64 page = va & ~(PAGE_SIZE - 1);

	for (unsigned int i = 0; i < nr_small; i++)
		if (small[i].page == page)
			return;
	/* Full: drop the oldest, as eviction may (it only hides conflicts). */
	if (nr_small == HOST_SMALL_LEAVES) {
		memmove(&small[0], &small[1], sizeof(small[0]) * --nr_small);
	}
	small[nr_small].page = page;
	small[nr_small++].global = global;
}

static void small_forget(bool all, u64 va, bool globals)
{
	unsigned int i = 0, n = 0;

	for (; i < nr_small; i++)
		if (!(all ? (globals || !small[i].global) :
		      small[i].page == (va & ~(PAGE_SIZE - 1))))
			small[n++] = small[i];
	nr_small = n;
}

static void small_conflict(u64 va, u64 size)
{
	u64 base = va & ~(size - 1);

	for (unsigned int i = 0; i < nr_small; i++)
		if (small[i].page >= base && small[i].page - base < size) {
			host_hw.size_conflicts++;
			return;
		}
}

void host_hw_reset(u64 root_pa)
{
	memset(&host_hw, 0, sizeof(host_hw));
	nr_small = 0;
	host_hw.cr3 = root_pa;
	/* What the seam wrote is memory's history, not CPU state: kept. */
}

static u64 *entry_at(u64 table_pa, u64 va, enum pt_level level)
{
	return (u64 *)arena_va((table_pa & PTE_ADDR_MASK) +
			       pt_index(va, level) * 8);
}

/* Address bits above MAXPHYADDR (up to 51) are reserved in every entry. */
static bool reserved(u64 e)
{
	u64 mask = PTE_ADDR_MASK & ~((1ULL << cpu_info.maxphyaddr) - 1);

	return cpu_info.maxphyaddr < 52 && (e & mask);
}

static int fault(u64 va, u64 error, struct fault_info *fi)
{
	host_hw.faults++;
	if (fi) {
		fi->vector = VEC_PF;
		fi->error = error;
		fi->cr2 = va;
		fi->rip = 0;
	}
	return -1;
}

int hw_read64(u64 va, u64 *value, struct fault_info *fi)
{
	u64 table = host_hw.cr3 & PTE_ADDR_MASK, *e, pa, size;
	enum pt_level l;

	host_hw.reads++;
	for (l = PT_LEVEL_PGD; l >= PT_LEVEL_PTE; l--) {
		e = entry_at(table, va, l);
		seam_check(virt_to_phys(e), *e);
		if (!(*e & PTE_P))
			return fault(va, 0, fi);
		if (reserved(*e))
			return fault(va, PF_P | PF_RSVD, fi);
		*e |= PTE_A;		/* the walk sets A (SDM 4.8) */
		seam_remember(e, *e);	/* the CPU's own write, not a store */
		if (l == PT_LEVEL_PTE || (l <= PT_LEVEL_PUD && (*e & PTE_PS)))
			break;
		table = *e & PTE_ADDR_MASK;
	}
	size = 1ULL << (12 + 9 * (l - 1));
	if (size == PAGE_SIZE)
		small_remember(va, *e & PTE_G);
	else
		small_conflict(va, size);
	pa = (*e & PTE_ADDR_MASK & ~(size - 1)) | (va & (size - 1));
	memcpy(value, arena_va(pa), sizeof(*value));
	return 0;
}

void hw_write_entry(volatile u64 *entry, u64 value)
{
	host_hw.entry_writes++;
	seam_remember(entry, value);
	*entry = value;
}

void hw_write_entries(volatile u64 *first, unsigned int n, u64 value,
		      u64 step)
{
	for (unsigned int i = 0; i < n; i++)
		hw_write_entry(&first[i], value + i * step);
}

void hw_prefetch(u64 va)
{
	(void)va;
	host_hw.prefetches++;
}

/*
 * Weak: the host tests of single files (format, cmdline, ...) link this
 * file without mm/flush_table.c and never flush; the experiments link it.
 */
#pragma weak flush_scope

void hw_flush(const struct flush_req *req)
{
	const struct flush_scope *fs;

	assert_true(req->kind < FLUSH_NR);
	/* The seam carries out one local instruction; sequences are the engine's. */
	if (flush_scope)
		assert_true(flush_scope(req->kind)->reach == REACH_LOCAL &&
			    flush_scope(req->kind)->at != FLUSH_AT_EACH);
	host_hw.flushes[req->kind]++;
	host_hw.last[req->kind] = *req;
	if (!flush_scope)
		return;
	fs = flush_scope(req->kind);
	if (fs->tlb == TLB_ADDR)
		small_forget(false, req->va, true);
	else if (fs->tlb == TLB_ALL)
		small_forget(true, 0, fs->tlb_global);
}

void hw_load_cr3(u64 root_pa, u16 pcid, bool noflush)
{
	/* PCID bits with CR4.PCIDE=0 would be PWT/PCD: experiments never do it. */
	assert_true(host_hw.pcide || pcid == 0);
	host_hw.cr3 = root_pa | (pcid & 0xfff) | (noflush ? CR3_NOFLUSH : 0);
	if (!noflush)
		small_forget(true, 0, false);
}

void hw_set_pcide(bool on)
{
	/* Setting PCIDE with a PCID in CR3 is a #GP (SDM 4.10.1). */
	assert_true(!on || (host_hw.cr3 & 0xfff) == 0);
	host_hw.pcide = on;
}

static u64 *msr(u32 nr)
{
	switch (nr) {
	case MSR_EFER:
		return &host_hw.efer;
	case MSR_MC0_STATUS:
		return &host_hw.mc0_status;
	case MSR_MCG_STATUS:
		return &host_hw.mcg_status;
	case 0x34:	/* MSR_SMI_COUNT */
		return host_hw.no_smi_count ? NULL : &host_hw.smi_count;
	default:
		return NULL;
	}
}

static int gp(struct fault_info *fi)
{
	if (fi)
		*fi = (struct fault_info){ .vector = VEC_GP };
	return -1;
}

int hw_rdmsr(u32 nr, u64 *value, struct fault_info *fi)
{
	u64 *m = msr(nr);

	if (!m)
		return gp(fi);
	*value = *m;
	return 0;
}

int hw_wrmsr(u32 nr, u64 value, struct fault_info *fi)
{
	u64 *m = msr(nr);

	if (!m || (host_hw.refuse_mca_writes && nr != MSR_EFER) ||
	    (host_hw.refuse_efer_writes && nr == MSR_EFER))
		return gp(fi);
	if (host_hw.drop_mca_writes &&
	    (nr == MSR_MC0_STATUS || nr == MSR_MCG_STATUS))
		return 0;
	*m = value;
	return 0;
}

/* As the kernel's #MC handler: count it, clear what was staged, resume. */
void hw_raise_mc(void)
{
	host_hw.mc_raised++;
	host_hw.mc0_status = 0;
	host_hw.mcg_status = 0;
}
