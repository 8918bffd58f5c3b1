// SPDX-License-Identifier: MIT
/*
 * Secondary CPU start-up: the MP initialisation protocol of SDM vol. 3A
 * 9.4.4 (INIT, 10 ms, SIPI, 200 us, SIPI), one CPU at a time through one
 * trampoline page, each with a bounded wait.  A CPU that does not answer is
 * sent INIT again (so that it cannot wake up later on a stack that is no
 * longer its own), reported and left out.
 */
#include "kernel/smp.h"
#include "kernel/console.h"
#include "kernel/format.h"
#include "kernel/cpu.h"
#include "kernel/cpu_describe.h"
#include "kernel/io.h"
#include "kernel/lapic.h"
#include "kernel/percpu.h"
#include "kernel/smp_call.h"
#include "kernel/traps.h"
#include "kernel/tsc_wait.h"
#include "mm/phys.h"

#define LOW_MEMORY_END	0x100000ULL
/* Real-mode IVT and BIOS data area below, EBDA and ROMs above. */
#define TRAMPOLINE_MIN	0x8000ULL
#define AP_STACK_PAGES	4
#define AP_IST_PAGES	2	/* per IST stack, three of them */
#define AP_PAGES	(AP_STACK_PAGES + 3 * AP_IST_PAGES)
#define INIT_WAIT_US	10000
#define SIPI_WAIT_US	200
/*
 * How long a started CPU may take to reach the kernel.  Far above real
 * hardware (microseconds) and TCG (milliseconds), so that a vCPU the host
 * did not schedule for a while is not left out.
 */
#define AP_ANSWER_MS	1000

extern const u8 trampoline_start[], trampoline_end[];
extern u8 trampoline_gdtr[], trampoline_far32[], trampoline_far64[];
extern u8 trampoline_cr3[];
extern u8 trampoline_efer[], trampoline_stack[], trampoline_entry[];
extern u8 trampoline_arg[], trampoline_stage[];
extern const u64 trampoline_gdt_off, trampoline_prot_off, trampoline_long_off;

enum cpu_fate {
	FATE_NOT_TRIED,		/* cpus= asked for fewer */
	FATE_BOOT,		/* the CPU running this code */
	FATE_ONLINE,
	FATE_DISABLED,		/* not enabled in the MADT */
	FATE_NO_ANSWER,
	FATE_NO_MEMORY,
	FATE_WRONG_ID,		/* answered, but with another APIC ID */
	FATE_TOO_MANY,		/* beyond MAX_CPUS */
};

struct smp_plan smp_plan;
static enum cpu_fate fate[ACPI_MAX_CPUS];
static u8 fate_stage[ACPI_MAX_CPUS];
static int fate_cpu[ACPI_MAX_CPUS];	/* percpu[] index when online */
static u32 cpus_wanted;
static bool x2apic_wanted;
static u64 ap_cr4;

static u8 *tramp_field(const u8 *sym)
{
	return phys_to_virt(smp_plan.trampoline_pa + (u64)(sym - trampoline_start));
}

static u64 find_rsdp(const struct boot_info *bi, const char **from)
{
	u64 ebda, pa;

	if (bi->rsdp_pa && acpi_rsdp_valid(bi->rsdp_pa)) {
		*from = bi->rsdp_new ? "mb2-new" : "mb2-old";
		return bi->rsdp_pa;
	}
	/* ACPI 6.5 5.2.5.1: the first KiB of the EBDA, then the BIOS ROM. */
	ebda = (u64)*(const volatile u16 *)phys_to_virt(0x40E) << 4;
	if (ebda >= 0x80000 && ebda < 0xA0000) {
		pa = acpi_scan_rsdp(ebda, ebda + 1024);
		if (pa) {
			*from = "ebda";
			return pa;
		}
	}
	*from = "bios";
	return acpi_scan_rsdp(0xE0000, 0x100000);
}

static bool page_free(const struct boot_info *bi, u64 pa)
{
	bool ram = false;

	for (int i = 0; i < bi->nr_regions; i++) {
		const struct mem_range *r = &bi->regions[i];

		if (pa < r->end && r->start < pa + PAGE_SIZE) {
			if (r->type != MEM_AVAILABLE)
				return false;
			ram |= r->start <= pa && pa + PAGE_SIZE <= r->end;
		}
	}
	for (int i = 0; i < bi->nr_reserved; i++)
		if (pa < bi->reserved[i].end && bi->reserved[i].start < pa + PAGE_SIZE)
			return false;
	return ram;
}

/* A page the memory map calls available RAM, below 1 MiB, no loader data. */
static u64 pick_trampoline(const struct boot_info *bi)
{
	for (u64 pa = TRAMPOLINE_MIN; pa < LOW_MEMORY_END; pa += PAGE_SIZE)
		if (page_free(bi, pa))
			return pa;
	return 0;
}

static bool need_x2apic(const struct acpi_info *ai)
{
	for (int i = 0; i < ai->nr_cpus; i++)
		if ((ai->cpu[i].flags & MADT_ENABLED) && ai->cpu[i].apic_id >= 0xFF)
			return true;
	return false;
}

static void plan_off(const char *why)
{
	smp_plan.enabled = false;
	smp_plan.why_not = why;
}

void smp_prepare(const struct boot_info *bi, const struct options *o)
{
	const char *from = "none";
	s64 page;
	u64 rsdp;

	cpus_wanted = o->cpus;
	x2apic_wanted = o->x2apic;
	rsdp = find_rsdp(bi, &from);
	smp_plan.acpi.rsdp_from = from;
	if (!rsdp) {
		fmt_snprintf(smp_plan.acpi_err, sizeof(smp_plan.acpi_err),
			     "no RSDP in the multiboot2 tags, the EBDA or the BIOS ROM");
		plan_off("no ACPI tables: running on one CPU");
		return;
	}
	/* Only the loader's identity map of the low 4 GiB reaches tables now. */
	if (acpi_parse(rsdp, GIB(4), &smp_plan.acpi, smp_plan.acpi_err,
		       sizeof(smp_plan.acpi_err))) {
		plan_off("no usable MADT: running on one CPU");
		return;
	}
	if (o->cpus == 1) {
		plan_off("cpus=1: the other CPUs stay stopped");
		return;
	}
	page = lapic_setup(need_x2apic(&smp_plan.acpi), o->x2apic);
	if (page < 0) {
		plan_off("no usable local APIC: running on one CPU");
		return;
	}
	smp_plan.lapic_page = (u64)page;
	smp_plan.trampoline_pa = pick_trampoline(bi);
	if (!smp_plan.trampoline_pa) {
		plan_off("no free page below 1 MiB for the start-up code");
		return;
	}
	smp_plan.enabled = true;
}

static void trampoline_install(u64 cr3)
{
	u64 base = smp_plan.trampoline_pa;
	u8 *dst = phys_to_virt(base);
	u32 efer = (u32)(rdmsr(MSR_EFER) & (EFER_NXE | (1ULL << 8)));

	for (const u8 *p = trampoline_start; p < trampoline_end; p++)
		*dst++ = *p;
	*(u32 *)(tramp_field(trampoline_gdtr) + 2) = (u32)(base + trampoline_gdt_off);
	*(u32 *)tramp_field(trampoline_far32) = (u32)(base + trampoline_prot_off);
	*(u32 *)tramp_field(trampoline_far64) = (u32)(base + trampoline_long_off);
	*(u32 *)tramp_field(trampoline_cr3) = (u32)cr3;
	*(u32 *)tramp_field(trampoline_efer) = efer;
}

/* The secondary CPU's first C code, on its own stack. */
static void __attribute__((noreturn)) ap_main(struct percpu *pc)
{
	percpu_attach(pc);
	traps_init_ap(pc->index, pc->ist_top);
	write_cr4(ap_cr4);
	if (cpu_info.tce)
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) & ~EFER_TCE);
	lapic_enable();
	pc->seen_apic_id = lapic_id();
	cpu_describe_self(pc);
	__atomic_store_n(&pc->online, true, __ATOMIC_RELEASE);
	smp_ap_idle(pc);
}

static bool alloc_stacks(struct frame_alloc *fa, struct percpu *pc)
{
	u64 pa = falloc_alloc_contig(fa, AP_PAGES, PAGE_SIZE);

	if (pa == FA_NO_FRAME)
		return false;
	pc->stack_top = pa + AP_STACK_PAGES * PAGE_SIZE;
	for (int i = 0; i < 3; i++)
		pc->ist_top[i] = pc->stack_top + (u64)(i + 1) * AP_IST_PAGES * PAGE_SIZE;
	return true;
}

static bool wait_online(struct percpu *pc, u64 us)
{
	u64 end = tsc_deadline_us(us);

	while (!__atomic_load_n(&pc->online, __ATOMIC_ACQUIRE)) {
		if (tsc_expired(end))
			return false;
		cpu_relax();
	}
	return true;
}

static enum cpu_fate start_one(struct frame_alloc *fa, int slot, u32 apic_id)
{
	struct percpu *pc = &percpu[nr_cpus];
	volatile u8 *stage = tramp_field(trampoline_stage);
	u8 page = (u8)(smp_plan.trampoline_pa >> 12);

	*pc = (struct percpu){ .index = nr_cpus, .apic_id = apic_id };
	if (!alloc_stacks(fa, pc))
		return FATE_NO_MEMORY;
	*(u64 *)tramp_field(trampoline_stack) = pc->stack_top;
	*(u64 *)tramp_field(trampoline_entry) = (u64)(uintptr_t)ap_main;
	*(u64 *)tramp_field(trampoline_arg) = (u64)(uintptr_t)pc;
	*stage = 0;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	lapic_send_init(apic_id);
	tsc_delay_us(INIT_WAIT_US);
	lapic_send_sipi(apic_id, page);
	if (!wait_online(pc, SIPI_WAIT_US) && !*stage) {
		/* SDM 9.4.4.1: a second SIPI if the first was lost. */
		lapic_send_sipi(apic_id, page);
	}
	if (!wait_online(pc, AP_ANSWER_MS * 1000)) {
		fate_stage[slot] = *stage;
		/* Park it: a late start must not find the next CPU's stack. */
		lapic_send_init(apic_id);
		tsc_delay_us(INIT_WAIT_US);
		return FATE_NO_ANSWER;
	}
	if (pc->seen_apic_id != apic_id) {
		lapic_send_init(apic_id);
		return FATE_WRONG_ID;
	}
	fate_cpu[slot] = nr_cpus++;
	return FATE_ONLINE;
}

static void mask_pic(void)
{
	/* Interrupts are on in the secondary CPUs' idle loops: no legacy IRQ. */
	outb(0x21, 0xFF);
	outb(0xA1, 0xFF);
}

void smp_start(struct frame_alloc *fa, u64 cr3)
{
	struct acpi_info *ai = &smp_plan.acpi;
	u32 bsp_id;

	percpu[0].online = true;
	cpu_describe_self(&percpu[0]);
	percpu[0].apic_id = percpu[0].cpuid_apic_id;
	for (int i = 0; i < ai->nr_cpus; i++) {
		fate[i] = (ai->cpu[i].flags & MADT_ENABLED) ? FATE_NOT_TRIED :
			  FATE_DISABLED;
		if (ai->cpu[i].apic_id == percpu[0].apic_id) {
			fate[i] = FATE_BOOT;
			fate_cpu[i] = 0;
		}
	}
	if (!smp_plan.enabled)
		return;
	if (cr3 >= GIB(4)) {
		plan_off("the page tables lie above 4 GiB: running on one CPU");
		return;
	}
	lapic_enable();
	bsp_id = lapic_id();
	percpu[0].apic_id = bsp_id;
	mask_pic();
	ap_cr4 = read_cr4();
	trampoline_install(cr3);
	for (int i = 0; i < ai->nr_cpus; i++) {
		if (ai->cpu[i].apic_id == bsp_id) {
			fate[i] = FATE_BOOT;
			fate_cpu[i] = 0;
			continue;
		}
		if (fate[i] != FATE_NOT_TRIED)
			continue;
		if (cpus_wanted && (u32)nr_cpus >= cpus_wanted)
			continue;
		if (nr_cpus == MAX_CPUS) {
			fate[i] = FATE_TOO_MANY;
			continue;
		}
		fate[i] = start_one(fa, i, ai->cpu[i].apic_id);
	}
}

static const char *fate_name(enum cpu_fate f)
{
	static const char *const names[] = {
		[FATE_NOT_TRIED] = "not-started",
		[FATE_BOOT] = "online",
		[FATE_ONLINE] = "online",
		[FATE_DISABLED] = "disabled",
		[FATE_NO_ANSWER] = "no-answer",
		[FATE_NO_MEMORY] = "no-memory",
		[FATE_WRONG_ID] = "wrong-apic-id",
		[FATE_TOO_MANY] = "beyond-max",
	};
	return names[f];
}

static void report_entry(int i)
{
	const struct acpi_cpu *c = &smp_plan.acpi.cpu[i];

	if (fate[i] == FATE_BOOT || fate[i] == FATE_ONLINE) {
		cpu_describe_line(&percpu[fate_cpu[i]], c->uid);
		return;
	}
	kprintf("# cpu: apic_id=%u uid=%u madt=%s state=%s", c->apic_id, c->uid,
		acpi_cpu_state(c), fate_name(fate[i]));
	if (fate[i] == FATE_NO_ANSWER)
		kprintf(" stage=%u waited_ms=%u: left out", fate_stage[i],
			AP_ANSWER_MS);
	else if (fate[i] == FATE_NOT_TRIED && cpus_wanted)
		kprintf(" (cpus=%u)", cpus_wanted);
	else if (fate[i] == FATE_DISABLED)
		kputs(c->flags & MADT_ONLINE_CAPABLE ?
		      " (the firmware may enable it later; not started)" :
		      " (not usable)");
	kputs("\n");
}

void smp_report(void)
{
	const struct acpi_info *ai = &smp_plan.acpi;
	int enabled = 0, i;
	bool bsp_listed = false;

	for (i = 0; i < ai->nr_cpus; i++)
		enabled += !!(ai->cpu[i].flags & MADT_ENABLED);
	kprintf("# env: cpus=%d madt_cpus=%d madt_enabled=%d acpi=%s apic=%s "
		"trampoline=0x%llx cpus_opt=%u\n", nr_cpus, ai->nr_listed, enabled,
		ai->have_madt ? ai->rsdp_from : "none",
		smp_plan.enabled ? lapic_mode_name() : "unused",
		(unsigned long long)smp_plan.trampoline_pa, cpus_wanted);
	if (smp_plan.enabled && x2apic_wanted && !lapic_has_x2apic())
		kputs("# smp: x2apic=1 asked, but cpuid lacks x2APIC: xAPIC mode\n");
	if (!smp_plan.enabled)
		kprintf("# smp: %s%s%s\n", smp_plan.why_not,
			smp_plan.acpi_err[0] ? ": " : "", smp_plan.acpi_err);
	if (ai->nr_listed > ai->nr_cpus)
		kprintf("# smp: the MADT lists %d CPUs; only the first %d are used\n",
			ai->nr_listed, ai->nr_cpus);
	for (i = 0; i < ai->nr_cpus; i++)
		bsp_listed |= fate[i] == FATE_BOOT;
	if (!bsp_listed)
		cpu_describe_line(&percpu[0], (u32)-1);
	for (i = 0; i < ai->nr_cpus; i++)
		report_entry(i);
}
