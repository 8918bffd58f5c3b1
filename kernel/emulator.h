/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_EMULATOR_H
#define TLBPROBE_EMULATOR_H

#include "kernel/types.h"

/*
 * What the machine says about itself, gathered by platform.c.  Only what
 * an emulator or hypervisor provides on purpose counts: CPUID's hypervisor
 * leaf, QEMU's fw_cfg signature, the firmware's own string (the ACPI
 * OEMID) and Bochs' port E9 hack reading back 0xE9.  Never timing.
 */
struct emu_evidence {
	bool hypervisor_bit;	/* CPUID.1:ECX[31] */
	char hv_sig[13];	/* CPUID 0x40000000 signature, "" if none */
	bool fw_cfg_qemu;	/* fw_cfg port 0x510 signature "QEMU" */
	char acpi_oem[7];	/* RSDP OEMID, "" when no ACPI was found */
	bool port_e9;		/* port 0xE9 reads 0xE9 (Bochs port_e9_hack) */
};

/* Whether the firmware says Bochs' BIOS (Bochs, or SeaBIOS in QEMU). */
bool emu_firmware_is_bochs(const struct emu_evidence *e);
/*
 * The machine: "bochs", "qemu-tcg", "qemu" (fw_cfg but no hypervisor
 * leaf), "kvm", "hyperv", "vmware", "xen", "virtualbox", "hypervisor" (a
 * leaf this list lacks) or "bare-metal" when nothing said otherwise.
 */
const char *emu_identify(const struct emu_evidence *e);
/* The pieces of evidence behind emu_identify(), space separated, in buf. */
void emu_evidence_list(const struct emu_evidence *e, char *buf, size_t len);

#endif
