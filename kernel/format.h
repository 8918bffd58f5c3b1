/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_FORMAT_H
#define TLBPROBE_FORMAT_H

#include "kernel/types.h"

/*
 * A small printf: %s %c %d %u %x %X %p %%, the l and ll length modifiers,
 * a field width (or *), a precision for %s (.N or .*), '0' padding and '-'
 * left alignment.  It always
 * NUL-terminates and returns the length the full output would have had.
 */
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
