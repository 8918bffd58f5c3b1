// SPDX-License-Identifier: MIT
#include "kernel/platform.h"
#include "kernel/console.h"
#include "kernel/cpu.h"
#include "kernel/emulator.h"
#include "kernel/io.h"
#include "kernel/smp.h"
#include "kernel/strutil.h"

#define FW_CFG_SEL	0x510
#define FW_CFG_DATA	0x511

/* Bochs' shutdown port: writing this string ends the simulation. */
#define BOCHS_SHUTDOWN_PORT	0x8900
#define BOCHS_E9_PORT		0xE9

static int qemu_state = -1;

/*
 * The I/O ports below are only touched where the CPU (hypervisor bit) or
 * the firmware (ACPI OEMID "BOCHS") already says this is not a real
 * board, on which they may belong to something else.
 */
static bool may_probe_ports(void)
{
	return cpu_info.hypervisor_bit ||
	       str_starts_with(smp_plan.acpi.oem_id, "BOCHS");
}

bool platform_is_qemu(void)
{
	char sig[4];
	int i;

	if (qemu_state >= 0)
		return qemu_state;
	qemu_state = 0;
	if (!may_probe_ports())
		return false;
	outw(FW_CFG_SEL, 0x0000);	/* FW_CFG_SIGNATURE */
	for (i = 0; i < 4; i++)
		sig[i] = (char)inb(FW_CFG_DATA);
	qemu_state = sig[0] == 'Q' && sig[1] == 'E' && sig[2] == 'M' &&
		     sig[3] == 'U';
	return qemu_state;
}

static void copy_str(char *dst, const char *src, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len && src[i]; i++)
		dst[i] = src[i];
	dst[i] = 0;
}

void platform_evidence(struct emu_evidence *e)
{
	*e = (struct emu_evidence){ .hypervisor_bit = cpu_info.hypervisor_bit };
	copy_str(e->hv_sig, cpu_info.hypervisor, sizeof(e->hv_sig));
	copy_str(e->acpi_oem, smp_plan.acpi.oem_id, sizeof(e->acpi_oem));
	e->fw_cfg_qemu = platform_is_qemu();
	if (may_probe_ports())
		e->port_e9 = inb(BOCHS_E9_PORT) == BOCHS_E9_PORT;
}

bool platform_is_bochs(void)
{
	struct emu_evidence e;

	platform_evidence(&e);
	return str_eq(emu_identify(&e), "bochs");
}

enum on_done platform_on_done(enum on_done requested)
{
	bool can_exit = platform_is_qemu() || platform_is_bochs();

	if (requested == ON_DONE_DEFAULT)
		return can_exit ? ON_DONE_EXIT : ON_DONE_HALT;
	if (requested == ON_DONE_EXIT && !can_exit)
		return ON_DONE_HALT;
	return requested;
}

static void bochs_shutdown(void)
{
	const char *s = "Shutdown";

	while (*s)
		outb(BOCHS_SHUTDOWN_PORT, (u8)*s++);
}

static void reboot(void)
{
	struct {
		u16 limit;
		u64 base;
	} __attribute__((packed)) null_idt = { 0, 0 };
	int i;

	/* The keyboard controller's reset line, then a triple fault. */
	for (i = 0; i < 100000 && (inb(0x64) & 0x02); i++)
		cpu_relax();
	outb(0x64, 0xFE);
	for (i = 0; i < 1000000; i++)
		cpu_relax();
	outb(0xCF9, 0x06);	/* PCI reset control: hard reset */
	for (i = 0; i < 1000000; i++)
		cpu_relax();
	__asm__ volatile("lidt %0; int3" : : "m"(null_idt));
}

void platform_finish(enum on_done action, bool pass)
{
	switch (action) {
	case ON_DONE_EXIT:
		if (platform_is_bochs()) {
			/* No status: the verdict is the log's, as always. */
			bochs_shutdown();
			kputs("# tlbprobe: the shutdown port did not stop Bochs; halting\n");
			break;
		}
		/* QEMU exits with status (value << 1) | 1: 1 pass, 3 fail. */
		outb(DEBUG_EXIT_PORT, pass ? 0 : 1);
		kputs("# tlbprobe: isa-debug-exit did not stop QEMU; halting\n");
		break;
	case ON_DONE_REBOOT:
		reboot();
		break;
	default:
		kputs("# tlbprobe: halted; it is safe to power off\n");
		break;
	}
	halt_forever();
	__builtin_unreachable();
}
