// SPDX-License-Identifier: MIT
#include "kernel/platform.h"
#include "kernel/console.h"
#include "kernel/cpu.h"
#include "kernel/io.h"

#define FW_CFG_SEL	0x510
#define FW_CFG_DATA	0x511

static int qemu_state = -1;

bool platform_is_qemu(void)
{
	char sig[4];
	int i;

	if (qemu_state >= 0)
		return qemu_state;
	qemu_state = 0;
	if (!cpu_info.hypervisor_bit)
		return false;
	outw(FW_CFG_SEL, 0x0000);	/* FW_CFG_SIGNATURE */
	for (i = 0; i < 4; i++)
		sig[i] = (char)inb(FW_CFG_DATA);
	qemu_state = sig[0] == 'Q' && sig[1] == 'E' && sig[2] == 'M' &&
		     sig[3] == 'U';
	return qemu_state;
}

enum on_done platform_on_done(enum on_done requested)
{
	if (requested == ON_DONE_DEFAULT)
		return platform_is_qemu() ? ON_DONE_EXIT : ON_DONE_HALT;
	if (requested == ON_DONE_EXIT && !platform_is_qemu())
		return ON_DONE_HALT;
	return requested;
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
