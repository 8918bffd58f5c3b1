/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_CONSOLE_H
#define TLBPROBE_CONSOLE_H

#include "kernel/types.h"
#include "kernel/serial.h"

struct console_cfg {
	struct serial_port serial;
	bool vga_mirror;	/* also write to the VGA text screen */
};

void console_init(const struct console_cfg *cfg);
const struct console_cfg *console_config(void);
void kputs(const char *s);
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kvprintf(const char *fmt, va_list ap);

#endif
