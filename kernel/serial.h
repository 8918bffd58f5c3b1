/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_SERIAL_H
#define TLBPROBE_SERIAL_H

#include "kernel/types.h"

struct serial_port {
	u16 io_base;		/* 0 when the UART is memory-mapped */
	u64 mmio_base;		/* physical, used when io_base == 0 */
	u32 baud;
	bool present;
};

void serial_init(struct serial_port *sp);
void serial_putc(const struct serial_port *sp, char c);

#endif
