/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_LAPIC_H
#define TLBPROBE_LAPIC_H

#include "kernel/types.h"

/*
 * The local APIC, in xAPIC (MMIO) or x2APIC (MSR) mode: the boot CPU
 * picks the mode once and every CPU uses the same one (SDM vol. 3A 11.12).
 */
enum lapic_mode { LAPIC_XAPIC, LAPIC_X2APIC };

/*
 * On the boot CPU before the kernel's tables: read IA32_APIC_BASE and pick
 * the mode (x2APIC if the firmware left it on, or if need_x2apic or
 * want_x2apic and the CPU has it).  Returns the MMIO page to map (0 in
 * x2APIC mode), or -1 when the CPU has no local APIC, or cannot address
 * need_x2apic IDs.
 */
s64 lapic_setup(bool need_x2apic, bool want_x2apic);
/* Whether CPUID says the CPU has x2APIC mode. */
bool lapic_has_x2apic(void);
enum lapic_mode lapic_mode(void);
const char *lapic_mode_name(void);
/* On each CPU: same mode as the boot CPU, software-enabled, TPR 0. */
void lapic_enable(void);
u32 lapic_id(void);
void lapic_eoi(void);
/* Fixed IPI of vector to apic_id; false if the ICR stayed busy. */
bool lapic_send_ipi(u32 apic_id, u8 vector);
bool lapic_send_init(u32 apic_id);
bool lapic_send_sipi(u32 apic_id, u8 page);

#endif
