// SPDX-License-Identifier: MIT
/*
 * From the boot code to the verdict: read what the loader gave us, take
 * over memory with our own tables, report the environment, run the
 * selected scenarios, and end the run the way on_done says.
 */
#include "kernel/bootinfo.h"
#include "kernel/cmdline.h"
#include "kernel/console.h"
#include "kernel/cpu.h"
#include "kernel/env_report.h"
#include "kernel/format.h"
#include "kernel/hw.h"
#include "kernel/io.h"
#include "kernel/mem_check.h"
#include "kernel/percpu.h"
#include "kernel/platform.h"
#include "kernel/report.h"
#include "kernel/smp.h"
#include "kernel/smp_call.h"
#include "kernel/strutil.h"
#include "kernel/timer.h"
#include "kernel/traps.h"
#include "kernel/vga.h"
#include "mm/cpu_mode.h"
#include "mm/kernel_map.h"
#include "mm/phys.h"
#include "harness/scenario.h"

#define VERSION "0.1"
/* Frames the allocator can manage: 16 GiB of physical address space. */
#define MANAGED_BYTES	GIB(16)

extern char __kernel_start[], __kernel_end[];

static u8 frame_bitmap[MANAGED_BYTES / PAGE_SIZE / 8];
static struct boot_info bi;
static struct options opt;
static struct frame_alloc fa;
static struct pgt kpgt;
static struct mem_range reserved[BI_MAX_RESERVED + 2];
static char err[1024];
static volatile bool aborting;

static void finish(bool pass)
{
	platform_finish(platform_on_done(opt.on_done), pass);
}

/* An unexpected exception (kernel/traps.c): report it and end failed. */
static void abort_run(const struct trap_frame *tf)
{
	char pf[32] = "";

	/* A secondary CPU reports its own; the boot CPU ends the run. */
	if (this_cpu()->index != 0)
		smp_ap_abort(tf);
	/* A fault while reporting a fault: stop at once, still failing. */
	if (aborting)
		platform_finish(platform_on_done(opt.on_done), false);
	aborting = true;
	if (tf->vector == VEC_PF)
		pf_error_decode(tf->error, pf, sizeof(pf));
	kprintf("# abort: vector=%llu name=%s error=0x%llx%s%s rip=0x%llx "
		"cr2=0x%llx cr3=0x%llx scenario=%s cpu=0\n",
		(unsigned long long)tf->vector, trap_name(tf->vector),
		(unsigned long long)tf->error, pf[0] ? " pf=" : "", pf,
		(unsigned long long)tf->rip, (unsigned long long)read_cr2(),
		(unsigned long long)read_cr3(), traps_context());
	report_abort("unexpected exception");
	finish(false);
	__builtin_unreachable();
}

/* Secondary CPU cpu took an exception and reported it: end the run. */
static void abort_run_remote(int cpu)
{
	char why[64];

	if (aborting)
		platform_finish(platform_on_done(opt.on_done), false);
	aborting = true;
	fmt_snprintf(why, sizeof(why), "unexpected exception on cpu %d", cpu);
	report_abort(why);
	finish(false);
	__builtin_unreachable();
}

/* The start-up page and the local APIC registers (kernel/smp_boot.c). */
static int map_smp_pages(void)
{
	u64 t = smp_plan.trampoline_pa;

	if (t && pgt_map_4k(&kpgt, t, t, PTE_RW))
		return -1;
	if (smp_plan.lapic_page &&
	    pgt_map_4k(&kpgt, smp_plan.lapic_page, smp_plan.lapic_page,
		       PTE_RW | PTE_PCD | PTE_PWT))
		return -1;
	return 0;
}

static int memory_init(void)
{
	u64 dev[2];
	int nres = 0, ndev = 0, i;

	reserved[nres].start = ALIGN_DOWN((u64)(uintptr_t)__kernel_start, PAGE_SIZE);
	reserved[nres].end = ALIGN_UP((u64)(uintptr_t)__kernel_end, PAGE_SIZE);
	nres++;
	for (i = 0; i < bi.nr_reserved; i++)
		reserved[nres++] = bi.reserved[i];
	if (smp_plan.trampoline_pa) {
		reserved[nres].start = smp_plan.trampoline_pa;
		reserved[nres].end = smp_plan.trampoline_pa + PAGE_SIZE;
		reserved[nres++].type = MEM_RESERVED;
	}
	falloc_init(&fa, frame_bitmap, sizeof(frame_bitmap), bi.regions,
		    bi.nr_regions, reserved, nres);
	if (pgt_init(&kpgt, &fa, hw_flush))
		return -1;
	if (bi.vga_text && !bi.efi)
		dev[ndev++] = VGA_TEXT_PA;
	if (!opt.console_io)
		dev[ndev++] = opt.console_mmio;
	if (kernel_map_build(&kpgt, &bi, fa.limit_pa, dev, ndev) ||
	    map_smp_pages())
		return -1;
	write_cr3(kpgt.root_pa);
	return 0;
}

/*
 * EFER.TCE as read back after the clear (-1: EFER could not be read) and,
 * when the clear did not hold, why: a hypervisor may refuse the write or
 * keep TCE on, and then the single-INVLPG PUD rows run with TCE's rules
 * (the checker judges by this, docs/log-format.md "efer_tce=").
 */
static int efer_tce = -1;
static const char *tce_clear_why;

static void tce_report(void)
{
	if (efer_tce < 0)
		kputs("# env: efer_tce=unknown");
	else
		kprintf("# env: efer_tce=%d", efer_tce);
	if (tce_clear_why)
		kprintf(" efer_tce_clear=\"%s\"", tce_clear_why);
	kputs("\n");
}

/*
 * iters=auto is the default where the evidence costs little time (KVM,
 * bare metal); under TCG, which cannot show the caches anyway, and
 * wherever iters= was given (make test gives it), the count stays fixed.
 */
static void iters_default(void)
{
	if (!opt.iters_set && !str_eq(cpu_accel_name(&cpu_info), "tcg")) {
		opt.iters_auto = true;
		opt.iters = OPT_ITERS_MAX;
	}
}

/* After the environment's iters=, which it replaces (docs/log-format.md). */
static void iters_report(void)
{
	char pct[24];

	if (!opt.iters_auto)
		return;
	fmt_pct(pct, sizeof(pct), opt.target_ppb);
	kprintf("# env: iters=auto target=%s budget_s=%u max_iters=%u\n", pct,
		opt.budget_s, opt.iters);
}

static void cpu_setup(void)
{
	u64 cr4 = read_cr4();

	if (cpu_info.pge)
		cr4 |= CR4_PGE;
	if (cpu_info.mce)
		cr4 |= CR4_MCE;
	write_cr4(cr4);
	/* Firmware or an earlier OS may have left TCE on; scenarios assume off. */
	efer_tce = tce_clear_checked(cpu_info.tce, &tce_clear_why);
}

static void console_setup(bool from_options)
{
	struct console_cfg cc = {
		.serial = { .io_base = 0x3F8, .baud = 115200 },
		.vga_mirror = bi.vga_text && !bi.efi,
	};

	if (from_options) {
		cc.serial.io_base = opt.console_io;
		cc.serial.mmio_base = opt.console_mmio;
		cc.serial.baud = opt.console_baud;
	}
	console_init(&cc);
}

static void fatal(const char *why)
{
	report_fatal(why);
	finish(false);
}

void kmain(u32 magic, u32 info_pa)
{
	int bad_boot, bad_cmdline = 0;
	char cmderr[768];

	traps_init(abort_run);
	cpu_identify(&cpu_info);
	options_default(&opt);
	bad_boot = bootinfo_parse(magic, info_pa, &bi, err, sizeof(err));
	if (!bad_boot)
		bad_cmdline = cmdline_parse(bi.cmdline, &opt, cmderr, sizeof(cmderr));
	if (bad_cmdline)
		options_default(&opt);
	if (!bad_boot && !bad_cmdline)
		smp_prepare(&bi, &opt);
	if (!bad_boot && memory_init()) {
		bad_boot = 1;
		fmt_snprintf(err, sizeof(err), "could not build the page tables");
	}
	if (!bad_boot && !bad_cmdline && !opt.list &&
	    mem_check(&fa, bootinfo_available_bytes(&bi), err, sizeof(err)))
		bad_boot = 1;
	console_setup(!bad_boot);
	report_begin();
	kprintf("# tlbprobe %s: TLB and paging-structure cache probe\n", VERSION);
	if (bad_boot)
		fatal(err);
	if (bad_cmdline)
		fatal(cmderr);
	cpu_setup();
	iters_default();
	timer_init();
	smp_set_abort_handler(abort_run_remote);
	smp_start(&fa, kpgt.root_pa);
	env_report(&bi, &opt, &fa);
	iters_report();
	tce_report();
	smp_report();
	if (check_selection(opt.tests, err, sizeof(err)))
		fatal(err);
	{
		struct scen_ctx ctx = { .pgt = &kpgt, .fa = &fa, .opt = &opt };

		finish(run_selected(&ctx));
	}
}
