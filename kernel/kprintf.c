// SPDX-License-Identifier: MIT
/*
 * kprintf() over whichever kvprintf() the program links: the serial
 * console in the kernel, a text buffer in the host tests, stdout in the
 * model.  One wrapper, so the three sinks differ only where they must.
 */
#include "kernel/console.h"

int kprintf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvprintf(fmt, ap);
	va_end(ap);
	return n;
}
