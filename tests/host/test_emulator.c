// SPDX-License-Identifier: MIT
/*
 * kernel/emulator.c: which machine the evidence names.  Each case is what
 * the machine itself provides, as the kernel gathers it (kernel/platform.c):
 * Bochs (no hypervisor bit, ACPI OEMID "BOCHS ", port E9 echoing), QEMU
 * TCG and KVM (the hypervisor leaf, fw_cfg, SeaBIOS' "BOCHS " OEMID too),
 * and a real board, which says none of these.
 */
#include <stdio.h>
#include <string.h>

#include "tests/host/host_test.h"
#include "kernel/emulator.h"

static struct emu_evidence bochs(void)
{
	return (struct emu_evidence){ .acpi_oem = "BOCHS ", .port_e9 = true };
}

static struct emu_evidence qemu(const char *sig)
{
	struct emu_evidence e = { .hypervisor_bit = true, .fw_cfg_qemu = true,
				  .acpi_oem = "BOCHS " };

	snprintf(e.hv_sig, sizeof(e.hv_sig), "%s", sig);
	return e;
}

static void test_bochs(void **state)
{
	struct emu_evidence e = bochs();

	(void)state;
	assert_string_equal(emu_identify(&e), "bochs");
	/* Without the port E9 hack the firmware still says so. */
	e.port_e9 = false;
	assert_string_equal(emu_identify(&e), "bochs");
}

static void test_bare_metal(void **state)
{
	struct emu_evidence e = { .acpi_oem = "ALASKA" };

	(void)state;
	assert_string_equal(emu_identify(&e), "bare-metal");
	e = (struct emu_evidence){ 0 };		/* no ACPI at all */
	assert_string_equal(emu_identify(&e), "bare-metal");
	/* A POST card answering on port E9 is no emulator by itself. */
	e.port_e9 = true;
	assert_string_equal(emu_identify(&e), "bare-metal");
	/* A real brand or OEMID that merely contains the word does not count. */
	snprintf(e.acpi_oem, sizeof(e.acpi_oem), "XBOCHS");
	assert_string_equal(emu_identify(&e), "bare-metal");
}

static void test_qemu_is_not_bochs(void **state)
{
	struct emu_evidence e = qemu("TCGTCGTCGTCG");

	(void)state;
	/* SeaBIOS writes Bochs' OEMID; the hypervisor leaf decides. */
	assert_string_equal(emu_identify(&e), "qemu-tcg");
	e = qemu("KVMKVMKVM");
	assert_string_equal(emu_identify(&e), "kvm");
	/* TCG with the hypervisor bit masked off: fw_cfg still says QEMU. */
	e = qemu("");
	e.hypervisor_bit = false;
	assert_string_equal(emu_identify(&e), "qemu");
}

static void test_other_hypervisors(void **state)
{
	static const char *const sig[][2] = {
		{ "Microsoft Hv", "hyperv" },	{ "VMwareVMware", "vmware" },
		{ "XenVMMXenVMM", "xen" },	{ "VBoxVBoxVBox", "virtualbox" },
		{ "NoSuchHyperv", "hypervisor" }, { "", "hypervisor" },
	};
	struct emu_evidence e = { .hypervisor_bit = true };
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(sig) / sizeof(sig[0]); i++) {
		snprintf(e.hv_sig, sizeof(e.hv_sig), "%s", sig[i][0]);
		assert_string_equal(emu_identify(&e), sig[i][1]);
	}
}

static void test_evidence_list(void **state)
{
	struct emu_evidence e = bochs();
	char buf[96];

	(void)state;
	emu_evidence_list(&e, buf, sizeof(buf));
	assert_string_equal(buf, "acpi-oem-bochs port-e9");
	e = qemu("TCGTCGTCGTCG");
	emu_evidence_list(&e, buf, sizeof(buf));
	assert_string_equal(buf, "cpuid-hypervisor-bit cpuid-leaf fw_cfg acpi-oem-bochs");
	e = (struct emu_evidence){ 0 };
	emu_evidence_list(&e, buf, sizeof(buf));
	assert_string_equal(buf, "none");
	/* A short buffer is cut, never overrun. */
	e = qemu("TCGTCGTCGTCG");
	emu_evidence_list(&e, buf, 8);
	assert_int_equal(strlen(buf), 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bochs),
		cmocka_unit_test(test_bare_metal),
		cmocka_unit_test(test_qemu_is_not_bochs),
		cmocka_unit_test(test_other_hypervisors),
		cmocka_unit_test(test_evidence_list),
	};

	return cmocka_run_group_tests_name("emulator", tests, NULL, NULL);
}
