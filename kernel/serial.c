// SPDX-License-Identifier: MIT
/* 16550 UART, port I/O or memory-mapped with byte-wide registers. */
#include "kernel/serial.h"
#include "kernel/io.h"
#include "mm/phys.h"

enum {
	UART_THR = 0, UART_DLL = 0, UART_IER = 1, UART_DLM = 1, UART_FCR = 2,
	UART_LCR = 3, UART_MCR = 4, UART_LSR = 5, UART_SCR = 7,
};

#define LSR_THRE	0x20
/* Bounded wait: an absent UART must slow us down, never stop us. */
#define THRE_SPINS	100000

static void reg_write(const struct serial_port *sp, int reg, u8 v)
{
	if (sp->io_base)
		outb((u16)(sp->io_base + reg), v);
	else
		*(volatile u8 *)phys_to_virt(sp->mmio_base + reg) = v;
}

static u8 reg_read(const struct serial_port *sp, int reg)
{
	if (sp->io_base)
		return inb((u16)(sp->io_base + reg));
	return *(volatile u8 *)phys_to_virt(sp->mmio_base + reg);
}

void serial_init(struct serial_port *sp)
{
	u32 div = sp->baud ? 115200 / sp->baud : 1;

	if (!div)
		div = 1;
	/* A missing port reads back 0xff from the scratch register test. */
	reg_write(sp, UART_SCR, 0x5a);
	sp->present = reg_read(sp, UART_SCR) == 0x5a;
	reg_write(sp, UART_IER, 0x00);
	reg_write(sp, UART_LCR, 0x80);
	reg_write(sp, UART_DLL, (u8)(div & 0xff));
	reg_write(sp, UART_DLM, (u8)(div >> 8));
	reg_write(sp, UART_LCR, 0x03);		/* 8N1 */
	reg_write(sp, UART_FCR, 0xC7);		/* FIFO on, cleared */
	reg_write(sp, UART_MCR, 0x03);		/* DTR, RTS */
}

void serial_putc(const struct serial_port *sp, char c)
{
	int spins = THRE_SPINS;

	/* No UART answered at init: waiting on it would turn into a hang. */
	if (!sp->present)
		return;
	while (!(reg_read(sp, UART_LSR) & LSR_THRE) && --spins)
		cpu_relax();
	reg_write(sp, UART_THR, (u8)c);
}
