// SPDX-License-Identifier: MIT
/*
 * Which machine this is, from what that machine provides to say so.  A
 * Bochs log must never read as bare metal: Bochs sets no CPUID hypervisor
 * bit and reports a real-looking brand, so the hypervisor leaf alone would
 * call it metal.  Its BIOS does say "BOCHS" (the ACPI OEMID); SeaBIOS under
 * QEMU says BOCHS too, which QEMU's fw_cfg signature tells apart.
 */
#include "kernel/emulator.h"
#include "kernel/format.h"
#include "kernel/strutil.h"

static const struct {
	const char *sig;
	const char *name;
} hypervisors[] = {
	{ "TCGTCGTCGTCG", "qemu-tcg" },
	{ "KVMKVMKVM", "kvm" },
	{ "Microsoft Hv", "hyperv" },
	{ "VMwareVMware", "vmware" },
	{ "XenVMMXenVMM", "xen" },
	{ "VBoxVBoxVBox", "virtualbox" },
};

bool emu_firmware_is_bochs(const struct emu_evidence *e)
{
	return str_starts_with(e->acpi_oem, "BOCHS");
}

static const char *from_leaf(const struct emu_evidence *e)
{
	unsigned int i;

	for (i = 0; i < sizeof(hypervisors) / sizeof(hypervisors[0]); i++)
		if (str_starts_with(e->hv_sig, hypervisors[i].sig))
			return hypervisors[i].name;
	return "hypervisor";
}

const char *emu_identify(const struct emu_evidence *e)
{
	if (e->hypervisor_bit)
		return from_leaf(e);
	/* QEMU TCG with the hypervisor bit masked off still has fw_cfg. */
	if (e->fw_cfg_qemu)
		return "qemu";
	/* The port alone could be a POST card; the firmware must agree. */
	if (emu_firmware_is_bochs(e))
		return "bochs";
	return "bare-metal";
}

static void add(char *buf, size_t len, size_t *at, bool cond, const char *what)
{
	if (!cond || *at >= len)
		return;
	*at += (size_t)fmt_snprintf(buf + *at, len - *at, "%s%s",
				    *at ? " " : "", what);
}

void emu_evidence_list(const struct emu_evidence *e, char *buf, size_t len)
{
	size_t at = 0;

	buf[0] = 0;
	add(buf, len, &at, e->hypervisor_bit, "cpuid-hypervisor-bit");
	add(buf, len, &at, e->hv_sig[0], "cpuid-leaf");
	add(buf, len, &at, e->fw_cfg_qemu, "fw_cfg");
	add(buf, len, &at, str_starts_with(e->acpi_oem, "BOCHS"),
	    "acpi-oem-bochs");
	add(buf, len, &at, e->port_e9, "port-e9");
	if (!at)
		fmt_snprintf(buf, len, "none");
}
