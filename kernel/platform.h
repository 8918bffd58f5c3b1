/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_PLATFORM_H
#define TLBPROBE_PLATFORM_H

#include "kernel/types.h"
#include "kernel/cmdline.h"

/* QEMU's isa-debug-exit device, as `make run` configures it. */
#define DEBUG_EXIT_PORT	0xF4

/*
 * Whether this is QEMU: the fw_cfg signature, read only under a hypervisor
 * bit or Bochs/SeaBIOS firmware (QEMU TCG can hide the bit).
 */
bool platform_is_qemu(void);
struct emu_evidence;
/* What this machine says about itself (kernel/emulator.h), for the log. */
void platform_evidence(struct emu_evidence *e);
/* Whether emu_identify() says Bochs: on_done=exit uses its shutdown port. */
bool platform_is_bochs(void);
/* What on_done resolves to here. */
enum on_done platform_on_done(enum on_done requested);
/* End the run: never returns. */
void platform_finish(enum on_done action, bool pass) __attribute__((noreturn));

#endif
