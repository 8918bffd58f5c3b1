/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_CPU_DESCRIBE_H
#define TLBPROBE_CPU_DESCRIBE_H

#include "kernel/percpu.h"

/* Run on the CPU itself: signature, hybrid core type, microcode revision. */
void cpu_describe_self(struct percpu *pc);
/* One "# cpu:" line; the boot CPU's values are the reference for others. */
void cpu_describe_line(const struct percpu *pc, u32 uid);
/* "core", "atom" or "" (not a hybrid part). */
const char *cpu_core_type_name(u8 type);

#endif
