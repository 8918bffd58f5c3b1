// SPDX-License-Identifier: MIT
#include "kernel/env_report.h"
#include "kernel/console.h"
#include "kernel/cpu.h"
#include "kernel/emulator.h"
#include "kernel/platform.h"
#include "kernel/timer.h"
#include "kernel/ucode.h"

void print_quoted(const char *s)
{
	char c[2] = { 0, 0 };

	kputs("\"");
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			kputs("\\");
		/* Control characters would break the line-based log. */
		c[0] = (*s >= 0x20 && *s < 0x7f) ? *s : '?';
		kputs(c);
	}
	kputs("\"");
}

static const char *accel(void)
{
	const char *a = cpu_accel_name(&cpu_info);

	/* QEMU's TCG may not announce itself in CPUID; fw_cfg still does. */
	if (a[0] == 'o' && platform_is_qemu() && !cpu_info.hypervisor[0])
		return "tcg";
	return a;
}

static void env_cpu(void)
{
	const struct cpu_info *ci = &cpu_info;

	kprintf("# env: vendor=%s family=%u model=%u stepping=%u brand=",
		ci->vendor[0] ? ci->vendor : "unknown", ci->family, ci->model,
		ci->stepping);
	print_quoted(ci->brand);
	kputs("\n# env: hypervisor=");
	print_quoted(ci->hypervisor);
	ucode_env_fields();
	kprintf(" accel=%s qemu=%d tsc_hz=%llu tsc_source=%s\n", accel(),
		platform_is_qemu(), (unsigned long long)tsc_hz(), tsc_source());
	kprintf("# env: pge=%d pcid=%d invpcid=%d pdpe1gb=%d la57=%d nx=%d "
		"smep=%d smap=%d tce=%d mce=%d mca=%d maxphyaddr=%u maxlinaddr=%u\n",
		ci->pge, ci->pcid, ci->invpcid, ci->pdpe1gb, ci->la57, ci->nx,
		ci->smep, ci->smap, ci->tce, ci->mce, ci->mca, ci->maxphyaddr,
		ci->maxlinaddr);
}

/* Which machine this is (kernel/emulator.c): a Bochs log never reads as metal. */
static void env_emulator(void)
{
	struct emu_evidence e;
	char from[96];

	platform_evidence(&e);
	emu_evidence_list(&e, from, sizeof(from));
	kprintf("# env: emulator=%s emulator_from=", emu_identify(&e));
	print_quoted(from);
	kputs("\n");
}

static void env_memory(const struct boot_info *bi, const struct frame_alloc *fa)
{
	u64 avail = bootinfo_available_bytes(bi), top = 0;
	int i;

	for (i = 0; i < bi->nr_regions; i++)
		if (bi->regions[i].type == MEM_AVAILABLE)
			top = MAX(top, bi->regions[i].end);
	kprintf("# env: mem_total_kib=%llu mem_usable_kib=%llu mem_regions=%d "
		"mem_top=0x%llx mem_limit=0x%llx protocol=multiboot%d mb2_tags=0x%x "
		"efi=%d vga_text=%d loader=",
		(unsigned long long)(avail >> 10),
		(unsigned long long)(fa ? fa->total_frames * 4 : 0), bi->nr_regions,
		(unsigned long long)top, (unsigned long long)(fa ? fa->limit_pa : 0),
		bi->protocol, bi->mb2_tags, bi->efi, bi->vga_text);
	print_quoted(bi->loader[0] ? bi->loader : "unknown");
	kputs(" cmdline=");
	print_quoted(bi->cmdline);
	kputs("\n");
	for (i = 0; i < bi->nr_regions; i++)
		kprintf("# memmap: 0x%016llx-0x%016llx type=%u\n",
			(unsigned long long)bi->regions[i].start,
			(unsigned long long)bi->regions[i].end, bi->regions[i].type);
}

void env_report(const struct boot_info *bi, const struct options *o,
		const struct frame_alloc *fa)
{
	env_cpu();
	env_emulator();
	env_memory(bi, fa);
	kprintf("# env: seed=%llu iters=%u tests=", (unsigned long long)o->seed,
		o->iters);
	print_quoted(o->tests);
	kprintf(" on_done=%s console=", on_done_name(o->on_done));
	if (o->console_io)
		kprintf("io:0x%x,%u\n", o->console_io, o->console_baud);
	else
		kprintf("mmio:0x%llx,%u\n", (unsigned long long)o->console_mmio,
			o->console_baud);
}
