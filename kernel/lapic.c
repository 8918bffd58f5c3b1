// SPDX-License-Identifier: MIT
/* Local APIC access, SDM vol. 3A chapter 11 (xAPIC 11.4-11.6, x2APIC 11.12). */
#include "kernel/lapic.h"
#include "kernel/cpu.h"
#include "kernel/io.h"
#include "mm/phys.h"

#define MSR_APIC_BASE	0x1B
#define APIC_BASE_EXTD	(1ULL << 10)
#define APIC_BASE_EN	(1ULL << 11)
#define X2APIC_MSR(reg)	(0x800 + ((reg) >> 4))

enum {
	REG_ID = 0x20, REG_TPR = 0x80, REG_EOI = 0xB0, REG_SVR = 0xF0,
	REG_ICR_LO = 0x300, REG_ICR_HI = 0x310,
};

#define ICR_FIXED	0x000
#define ICR_INIT	0x500
#define ICR_SIPI	0x600
#define ICR_BUSY	(1U << 12)
#define ICR_ASSERT	(1U << 14)
#define SVR_ENABLE	(1U << 8)
/* The xAPIC ICR is idle within microseconds; this only bounds a broken one. */
#define ICR_SPINS	1000000

static enum lapic_mode mode;
static u64 mmio_pa;

static bool have_x2apic(void)
{
	u32 a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	return c & (1U << 21);
}

static bool have_apic(void)
{
	u32 a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	return d & (1U << 9);
}

s64 lapic_setup(bool need_x2apic, bool want_x2apic)
{
	u64 base;

	if (!have_apic())
		return -1;
	base = rdmsr(MSR_APIC_BASE);
	mmio_pa = base & 0x000FFFFFFFFFF000ULL;
	/* Once the firmware chose x2APIC, xAPIC is gone until a reset (11.12.5). */
	if ((base & APIC_BASE_EXTD) ||
	    ((need_x2apic || want_x2apic) && have_x2apic()))
		mode = LAPIC_X2APIC;
	else if (need_x2apic)
		return -1;
	else
		mode = LAPIC_XAPIC;
	return mode == LAPIC_X2APIC ? 0 : (s64)mmio_pa;
}

bool lapic_has_x2apic(void)
{
	return have_x2apic();
}

enum lapic_mode lapic_mode(void)
{
	return mode;
}

const char *lapic_mode_name(void)
{
	return mode == LAPIC_X2APIC ? "x2apic" : "xapic";
}

static u32 rd(u32 reg)
{
	if (mode == LAPIC_X2APIC)
		return (u32)rdmsr(X2APIC_MSR(reg));
	return *(volatile u32 *)phys_to_virt(mmio_pa + reg);
}

static void wr(u32 reg, u32 v)
{
	if (mode == LAPIC_X2APIC)
		wrmsr(X2APIC_MSR(reg), v);
	else
		*(volatile u32 *)phys_to_virt(mmio_pa + reg) = v;
}

void lapic_enable(void)
{
	u64 base = rdmsr(MSR_APIC_BASE);

	/* EN before EXTD: the reverse order is an invalid transition. */
	if (!(base & APIC_BASE_EN))
		wrmsr(MSR_APIC_BASE, base |= APIC_BASE_EN);
	if (mode == LAPIC_X2APIC && !(base & APIC_BASE_EXTD))
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_EXTD);
	wr(REG_TPR, 0);
	wr(REG_SVR, SVR_ENABLE | 0xFF);		/* spurious vector 0xFF */
}

u32 lapic_id(void)
{
	return mode == LAPIC_X2APIC ? rd(REG_ID) : rd(REG_ID) >> 24;
}

void lapic_eoi(void)
{
	wr(REG_EOI, 0);
}

/*
 * In x2APIC mode a WRMSR to an APIC register is not serializing and may
 * complete before earlier stores are globally visible (SDM vol. 3A
 * 11.12.3): the job an IPI announces (smp_call.c) could still be in this
 * CPU's store buffer when the target takes the interrupt.  MFENCE drains
 * the stores, LFENCE keeps the WRMSR from starting before MFENCE is done;
 * the sequence the SDM names.
 */
static inline void x2apic_wrmsr_fence(void)
{
	__asm__ volatile("mfence; lfence" ::: "memory");
}

static bool send(u32 apic_id, u32 icr)
{
	int spins = ICR_SPINS;

	if (mode == LAPIC_X2APIC) {
		/* One 64-bit write; no delivery status to wait for (11.12.9). */
		x2apic_wrmsr_fence();
		wrmsr(X2APIC_MSR(REG_ICR_LO), (u64)apic_id << 32 | icr);
		return true;
	}
	wr(REG_ICR_HI, apic_id << 24);
	wr(REG_ICR_LO, icr);
	while ((rd(REG_ICR_LO) & ICR_BUSY) && --spins)
		cpu_relax();
	return spins > 0;
}

bool lapic_send_ipi(u32 apic_id, u8 vector)
{
	return send(apic_id, ICR_FIXED | ICR_ASSERT | vector);
}

bool lapic_send_init(u32 apic_id)
{
	return send(apic_id, ICR_INIT | ICR_ASSERT);
}

bool lapic_send_sipi(u32 apic_id, u8 page)
{
	return send(apic_id, ICR_SIPI | ICR_ASSERT | page);
}
