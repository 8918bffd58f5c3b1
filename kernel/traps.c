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

struct extable_entry {
	u64 insn;
	u64 fixup;
};

extern const struct extable_entry __extable_start[], __extable_end[];
extern const u64 trap_stubs[32];
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

static u64 gdt[5] __attribute__((aligned(16)));
static struct tss tss __attribute__((aligned(16)));
static struct idt_entry idt[32] __attribute__((aligned(16)));
static u8 ist_stacks[3][IST_STACK_SIZE] __attribute__((aligned(16)));

static volatile struct {
	bool hit;
	struct fault_info fi;
} probe_fault;

static const char *context = "boot";
static trap_abort_fn *abort_fn;

static void gdt_init(void)
{
	u64 base = (u64)(uintptr_t)&tss, limit = sizeof(tss) - 1;
	struct table_ptr ptr = { sizeof(gdt) - 1, (u64)(uintptr_t)gdt };
	int i;

	gdt[0] = 0;
	gdt[1] = 0x00AF9A000000FFFFULL;
	gdt[2] = 0x00CF92000000FFFFULL;
	gdt[3] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		 (0x89ULL << 40) | (((limit >> 16) & 0xf) << 48) |
		 (((base >> 24) & 0xff) << 56);
	gdt[4] = base >> 32;
	for (i = 0; i < 3; i++)
		tss.ist[i] = (u64)(uintptr_t)(ist_stacks[i] + IST_STACK_SIZE);
	tss.iomap_base = sizeof(tss);
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

void traps_init(trap_abort_fn *on_abort)
{
	struct table_ptr ptr = { sizeof(idt) - 1, (u64)(uintptr_t)idt };
	int v;

	abort_fn = on_abort;
	gdt_init();
	for (v = 0; v < 32; v++)
		idt_set(v, trap_stubs[v], 0);
	idt_set(VEC_DF, trap_stubs[VEC_DF], IST_DF);
	idt_set(2, trap_stubs[2], IST_NMI);
	idt_set(VEC_MC, trap_stubs[VEC_MC], IST_MC);
	__asm__ volatile("lidt %0" : : "m"(ptr));
}

static u64 extable_fixup(u64 rip)
{
	const struct extable_entry *e;

	for (e = __extable_start; e < __extable_end; e++)
		if (e->insn == rip)
			return e->fixup;
	return 0;
}

static void record_probe_fault(struct trap_frame *tf, u64 fixup)
{
	probe_fault.fi.vector = tf->vector;
	probe_fault.fi.error = tf->error;
	probe_fault.fi.cr2 = tf->vector == VEC_PF ? read_cr2() : 0;
	probe_fault.fi.rip = tf->rip;
	probe_fault.hit = true;
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
	if (!probe_fault.hit)
		return 0;
	if (fi) {
		fi->vector = probe_fault.fi.vector;
		fi->error = probe_fault.fi.error;
		fi->cr2 = probe_fault.fi.cr2;
		fi->rip = probe_fault.fi.rip;
	}
	return -1;
}

int probe_read64(u64 va, u64 *value, struct fault_info *fi)
{
	probe_fault.hit = false;
	*value = probe_read64_raw(va);
	return probe_result(fi);
}

int probe_write64(u64 va, u64 value, struct fault_info *fi)
{
	probe_fault.hit = false;
	probe_write64_raw(va, value);
	return probe_result(fi);
}

extern void probe_wrmsr_raw(u32 msr, u64 value);

int probe_wrmsr(u32 msr, u64 value, struct fault_info *fi)
{
	probe_fault.hit = false;
	probe_wrmsr_raw(msr, value);
	return probe_result(fi);
}

extern u64 probe_rdmsr_raw(u32 msr);

int probe_rdmsr(u32 msr, u64 *value, struct fault_info *fi)
{
	probe_fault.hit = false;
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

__attribute__((weak)) bool mce_handle(struct trap_frame *tf)
{
	(void)tf;
	return false;
}
