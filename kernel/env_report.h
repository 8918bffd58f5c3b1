/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_ENV_REPORT_H
#define TLBPROBE_ENV_REPORT_H

#include "kernel/bootinfo.h"
#include "kernel/cmdline.h"
#include "mm/frame_alloc.h"

/* The "# env:" lines: CPU, features, memory, loader, options. */
void env_report(const struct boot_info *bi, const struct options *o,
		const struct frame_alloc *fa);
/* Print s double-quoted with \" and \\ escapes (docs/log-format.md). */
void print_quoted(const char *s);

#endif
