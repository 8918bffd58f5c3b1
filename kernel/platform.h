/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_PLATFORM_H
#define TLBPROBE_PLATFORM_H

#include "kernel/types.h"
#include "kernel/cmdline.h"

/* QEMU's isa-debug-exit device, as `make run` configures it. */
#define DEBUG_EXIT_PORT	0xF4

/*
 * Whether this is QEMU: the CPUID hypervisor bit and the fw_cfg signature.
 * The fw_cfg ports are only touched under a hypervisor, since on a real
 * board they may belong to something else.
 */
bool platform_is_qemu(void);
/* What on_done resolves to here. */
enum on_done platform_on_done(enum on_done requested);
/* End the run: never returns. */
void platform_finish(enum on_done action, bool pass) __attribute__((noreturn));

#endif
