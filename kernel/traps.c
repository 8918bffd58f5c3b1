// SPDX-License-Identifier: MIT
/*
 * GDT with a TSS (so #DF, NMI and #MC run on their own stacks and a broken
 * stack cannot triple-fault the machine into a silent reboot), the IDT for
 * the 32 exception vectors, and the dispatch that either recovers a probed
 * access through the exception table or ends the run with a report.
 */
#include "kernel/traps.h"
#include "kernel/console.h"
#include "kernel/io.h"
#include "kernel/percpu.h"

struct extable_entry {
	u64 insn;
	u64 fixup;
};

extern const struct extable_entry __extable_start[], __extable_end[];
extern const u64 trap_stubs[32];
extern char irq_stub_call[], irq_stub_shootdown[], irq_stub_spurious[];
extern void gdt_reload_segments(u64 cs, u64 ds);

struct tss {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __attribute__((packed));

struct idt_entry {
	u16 off_lo;
	u16 sel;
	u8 ist;
	u8 type;
	u16 off_mid;
	u32 off_hi;
	u32 zero;
} __attribute__((packed));

struct table_ptr {
	u16 limit;
	u64 base;
} __attribute__((packed));

#define KERNEL_CS	0x08
#define KERNEL_DS	0x10
#define TSS_SEL		0x18
#define IST_STACK_SIZE	8192
#define IST_DF		1
#define IST_NMI		2
#define IST_MC		3

/* One GDT and TSS per CPU (a TSS is busy once loaded); one IDT for all. */
static u64 gdt[MAX_CPUS][5] __attribute__((aligned(16)));
static struct tss tss[MAX_CPUS] __attribute__((aligned(16)));
static struct idt_entry idt[256] __attribute__((aligned(16)));
static u8 bsp_ist_stacks[3][IST_STACK_SIZE] __attribute__((aligned(16)));

static const char *context = "boot";
static trap_abort_fn *abort_fn;

static void gdt_init(int cpu, const u64 ist_top[3])
{
	struct tss *t = &tss[cpu];
	u64 *g = gdt[cpu];
	u64 base = (u64)(uintptr_t)t, limit = sizeof(*t) - 1;
	struct table_ptr ptr = { sizeof(gdt[cpu]) - 1, (u64)(uintptr_t)g };
	int i;

	g[0] = 0;
	g[1] = 0x00AF9A000000FFFFULL;
	g[2] = 0x00CF92000000FFFFULL;
	g[3] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
	       (0x89ULL << 40) | (((limit >> 16) & 0xf) << 48) |
	       (((base >> 24) & 0xff) << 56);
	g[4] = base >> 32;
	for (i = 0; i < 3; i++)
		t->ist[i] = ist_top[i];
	t->iomap_base = sizeof(*t);
	__asm__ volatile("lgdt %0" : : "m"(ptr));
	gdt_reload_segments(KERNEL_CS, KERNEL_DS);
	__asm__ volatile("ltr %w0" : : "r"(TSS_SEL));
}

static void idt_set(int v, u64 handler, u8 ist)
{
	idt[v].off_lo = handler & 0xffff;
	idt[v].sel = KERNEL_CS;
	idt[v].ist = ist;
	idt[v].type = 0x8E;	/* present, DPL 0, interrupt gate */
	idt[v].off_mid = (handler >> 16) & 0xffff;
	idt[v].off_hi = (u32)(handler >> 32);
	idt[v].zero = 0;
}

static void idt_load(void)
{
	struct table_ptr ptr = { sizeof(idt) - 1, (u64)(uintptr_t)idt };

	__asm__ volatile("lidt %0" : : "m"(ptr));
}

void traps_init(trap_abort_fn *on_abort)
{
	u64 ist_top[3];
	int v;

	abort_fn = on_abort;
	percpu_attach(&percpu[0]);
	for (v = 0; v < 3; v++)
		ist_top[v] = (u64)(uintptr_t)(bsp_ist_stacks[v] + IST_STACK_SIZE);
	gdt_init(0, ist_top);
	for (v = 0; v < 32; v++)
		idt_set(v, trap_stubs[v], 0);
	idt_set(VEC_DF, trap_stubs[VEC_DF], IST_DF);
	idt_set(2, trap_stubs[2], IST_NMI);
	idt_set(VEC_MC, trap_stubs[VEC_MC], IST_MC);
	/* Vectors 32-255 stay not present except the IPIs we send. */
	idt_set(VEC_IPI_CALL, (u64)(uintptr_t)irq_stub_call, 0);
	idt_set(VEC_IPI_SHOOTDOWN, (u64)(uintptr_t)irq_stub_shootdown, 0);
	idt_set(VEC_SPURIOUS, (u64)(uintptr_t)irq_stub_spurious, 0);
	idt_load();
}

void traps_init_ap(int cpu, const u64 ist_top[3])
{
	gdt_init(cpu, ist_top);
	idt_load();
}

static u64 extable_fixup(u64 rip)
{
	const struct extable_entry *e;

	for (e = __extable_start; e < __extable_end; e++)
		if (e->insn == rip)
			return e->fixup;
	return 0;
}

/* Per CPU: a probe on one CPU must not see another CPU's fault. */
static void record_probe_fault(struct trap_frame *tf, u64 fixup)
{
	struct percpu *pc = this_cpu();

	pc->fault.vector = tf->vector;
	pc->fault.error = tf->error;
	pc->fault.cr2 = tf->vector == VEC_PF ? read_cr2() : 0;
	pc->fault.rip = tf->rip;
	pc->fault_hit = true;
	tf->rip = fixup;
}

/* The owner's abort must not return; if it does, stop here. */
static void __attribute__((noreturn)) abort_run(const struct trap_frame *tf)
{
	if (abort_fn)
		abort_fn(tf);
	halt_forever();
	__builtin_unreachable();
}

void trap_dispatch(struct trap_frame *tf)
{
	u64 fixup;

	if (tf->vector >= 32) {
		irq_handle(tf->vector);
		return;
	}
	if (tf->vector == VEC_MC) {
		if (!mce_handle(tf))
			abort_run(tf);
		/* In a probe: end the probe, do not re-execute it. */
		fixup = extable_fixup(tf->rip);
		if (fixup)
			record_probe_fault(tf, fixup);
		return;
	}
	fixup = extable_fixup(tf->rip);
	if (fixup && tf->vector != VEC_DF) {
		record_probe_fault(tf, fixup);
		return;
	}
	abort_run(tf);
}

extern u64 probe_read64_raw(u64 va);
extern void probe_write64_raw(u64 va, u64 value);

static int probe_result(struct fault_info *fi)
{
	struct percpu *pc = this_cpu();

	if (!pc->fault_hit)
		return 0;
	if (fi)
		*fi = pc->fault;
	return -1;
}

int probe_read64(u64 va, u64 *value, struct fault_info *fi)
{
	this_cpu()->fault_hit = false;
	*value = probe_read64_raw(va);
	return probe_result(fi);
}

int probe_write64(u64 va, u64 value, struct fault_info *fi)
{
	this_cpu()->fault_hit = false;
	probe_write64_raw(va, value);
	return probe_result(fi);
}

extern void probe_wrmsr_raw(u32 msr, u64 value);

int probe_wrmsr(u32 msr, u64 value, struct fault_info *fi)
{
	this_cpu()->fault_hit = false;
	probe_wrmsr_raw(msr, value);
	return probe_result(fi);
}

extern u64 probe_rdmsr_raw(u32 msr);

int probe_rdmsr(u32 msr, u64 *value, struct fault_info *fi)
{
	this_cpu()->fault_hit = false;
	*value = probe_rdmsr_raw(msr);
	return probe_result(fi);
}

void traps_set_context(const char *scenario)
{
	context = scenario;
}

const char *traps_context(void)
{
	return context;
}

__attribute__((weak)) void irq_handle(u64 vector)
{
	(void)vector;
}

__attribute__((weak)) bool mce_handle(struct trap_frame *tf)
{
	(void)tf;
	return false;
}
