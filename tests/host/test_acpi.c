// SPDX-License-Identifier: MIT
/*
 * kernel/acpi.c: RSDP, RSDT/XSDT and MADT built in the arena, well-formed
 * and broken: the processors found, and "no ACPI" for every bad table.
 */
#include <string.h>

#include "tests/host/host_test.h"
#include "kernel/acpi.h"

#define RSDP	(ARENA_PA_BASE + 0x1000)
#define ROOT	(ARENA_PA_BASE + 0x2000)
#define MADT	(ARENA_PA_BASE + 0x3000)
#define OTHER	(ARENA_PA_BASE + 0x4000)

static struct acpi_info ai;
static char err[128];
static u32 madt_len;

static void fix_sum(u64 pa, u32 len, u32 at)
{
	u8 *p = arena_va(pa), sum = 0;

	p[at] = 0;
	for (u32 i = 0; i < len; i++)
		sum = (u8)(sum + p[i]);
	p[at] = (u8)-sum;
}

static void header(u64 pa, const char *sig, u32 len, u8 rev)
{
	memcpy(arena_va(pa), sig, 4);
	arena_w32(pa + 4, len);
	arena_w8(pa + 8, rev);
}

static void rsdp(u8 rev, u64 rsdt, u64 xsdt)
{
	memcpy(arena_va(RSDP), "RSD PTR ", 8);
	memcpy(arena_va(RSDP + 9), "BOCHS ", 6);	/* as Bochs' BIOS writes it */
	arena_w8(RSDP + 15, rev);
	arena_w32(RSDP + 16, (u32)rsdt);
	fix_sum(RSDP, 20, 8);
	if (rev >= 2) {
		arena_w32(RSDP + 20, 36);
		arena_w64(RSDP + 24, xsdt);
		fix_sum(RSDP, 36, 32);
	}
}

/* An RSDT listing another table, then the MADT. */
static void rsdt(void)
{
	header(OTHER, "FACP", 36, 1);
	fix_sum(OTHER, 36, 9);
	header(ROOT, "RSDT", 36 + 8, 1);
	arena_w32(ROOT + 36, (u32)OTHER);
	arena_w32(ROOT + 40, (u32)MADT);
	fix_sum(ROOT, 44, 9);
}

static void madt_begin(u8 rev)
{
	madt_len = 44;
	header(MADT, "APIC", madt_len, rev);
	arena_w32(MADT + 36, 0xFEE00000);
	arena_w32(MADT + 40, 1);
}

static void madt_add(const u8 *e, u8 len)
{
	memcpy(arena_va(MADT + madt_len), e, len);
	madt_len += len;
}

static void lapic(u8 uid, u8 id, u32 flags)
{
	u8 e[8] = { 0, 8, uid, id };

	memcpy(e + 4, &flags, 4);
	madt_add(e, 8);
}

static void x2apic(u32 id, u32 flags, u32 uid)
{
	u8 e[16] = { 9, 16 };

	memcpy(e + 4, &id, 4);
	memcpy(e + 8, &flags, 4);
	memcpy(e + 12, &uid, 4);
	madt_add(e, 16);
}

static void madt_end(void)
{
	arena_w32(MADT + 4, madt_len);
	fix_sum(MADT, madt_len, 9);
}

static int parse(void)
{
	memset(&ai, 0, sizeof(ai));
	memset(err, 0, sizeof(err));
	return acpi_parse(RSDP, ARENA_PA_END, &ai, err, sizeof(err));
}

static void test_rsdt_madt(void **state)
{
	(void)state;
	rsdp(0, ROOT, 0);
	rsdt();
	madt_begin(3);
	lapic(0, 0, 1);
	lapic(1, 2, 1);
	lapic(2, 4, 0);		/* disabled */
	madt_end();
	assert_int_equal(parse(), 0);
	assert_string_equal(ai.oem_id, "BOCHS ");
	assert_false(ai.xsdt);
	assert_true(ai.have_madt);
	assert_true(ai.pcat_compat);
	assert_int_equal(ai.lapic_pa, 0xFEE00000);
	assert_int_equal(ai.nr_cpus, 3);
	assert_int_equal(ai.cpu[1].apic_id, 2);
	assert_int_equal(ai.cpu[1].uid, 1);
	assert_string_equal(acpi_cpu_state(&ai.cpu[1]), "enabled");
	assert_string_equal(acpi_cpu_state(&ai.cpu[2]), "disabled");
}

static void test_xsdt_x2apic_and_override(void **state)
{
	u8 ovr[12] = { 5, 12 };
	u64 base = 0xFED00000;

	(void)state;
	rsdp(2, 0, ROOT);
	header(ROOT, "XSDT", 36 + 8, 1);
	arena_w64(ROOT + 36, MADT);
	fix_sum(ROOT, 44, 9);
	madt_begin(5);
	lapic(0, 0, 1);
	x2apic(300, 1, 7);
	x2apic(0, 1, 9);	/* the same CPU again: counted once */
	memcpy(ovr + 4, &base, 8);
	madt_add(ovr, 12);
	madt_end();
	assert_int_equal(parse(), 0);
	assert_true(ai.xsdt);
	assert_int_equal(ai.nr_cpus, 2);
	assert_int_equal(ai.cpu[1].apic_id, 300);
	assert_int_equal(ai.cpu[1].uid, 7);
	assert_true(ai.cpu[1].x2apic_entry);
	assert_int_equal(ai.lapic_pa, base);
}

/* ACPI 6.3: bit 1 means "may be enabled later" from MADT revision 5 on. */
static void test_online_capable_needs_revision_5(void **state)
{
	(void)state;
	rsdp(0, ROOT, 0);
	rsdt();
	madt_begin(5);
	lapic(0, 0, 1);
	lapic(1, 1, 2);
	madt_end();
	assert_int_equal(parse(), 0);
	assert_string_equal(acpi_cpu_state(&ai.cpu[1]), "online-capable");
	madt_begin(4);
	lapic(0, 0, 1);
	lapic(1, 1, 2);
	madt_end();
	assert_int_equal(parse(), 0);
	assert_string_equal(acpi_cpu_state(&ai.cpu[1]), "disabled");
	assert_int_equal(ai.cpu[1].flags, 0);
}

static void test_bad_tables(void **state)
{
	(void)state;
	rsdp(0, ROOT, 0);
	rsdt();
	madt_begin(3);
	lapic(0, 0, 1);
	madt_end();
	arena_w8(MADT + 44, 0x55);	/* checksum now wrong */
	assert_int_equal(parse(), -1);
	assert_contains(err, "MADT is corrupt");
	madt_end();
	arena_w8(ROOT + 40, 0x77);
	assert_int_equal(parse(), -1);
	assert_contains(err, "RSDT is missing, corrupt");
	rsdt();
	arena_w8(RSDP + 3, 'X');
	assert_int_equal(parse(), -1);
	assert_contains(err, "RSDP has a bad signature");
	/* Out of reach: a limit below the tables means no ACPI. */
	rsdp(0, ROOT, 0);
	memset(&ai, 0, sizeof(ai));
	assert_int_equal(acpi_parse(RSDP, ROOT + 8, &ai, err, sizeof(err)), -1);
}

static void test_no_madt(void **state)
{
	(void)state;
	rsdp(0, ROOT, 0);
	header(ROOT, "RSDT", 40, 1);
	arena_w32(ROOT + 36, (u32)OTHER);
	header(OTHER, "FACP", 36, 1);
	fix_sum(OTHER, 36, 9);
	fix_sum(ROOT, 40, 9);
	assert_int_equal(parse(), -1);
	assert_contains(err, "no MADT");
}

static void test_scan(void **state)
{
	(void)state;
	rsdp(0, ROOT, 0);
	assert_int_equal(acpi_scan_rsdp(ARENA_PA_BASE, RSDP + 0x100), RSDP);
	assert_int_equal(acpi_scan_rsdp(RSDP + 16, RSDP + 0x1000), 0);
	/* A signature with a wrong checksum is not an RSDP. */
	arena_w8(RSDP + 9, (u8)(*(u8 *)arena_va(RSDP + 9) + 1));
	assert_int_equal(acpi_scan_rsdp(ARENA_PA_BASE, RSDP + 0x100), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rsdt_madt, arena_setup_zero,
						arena_teardown_cb),
		cmocka_unit_test_setup_teardown(test_xsdt_x2apic_and_override,
						arena_setup_zero, arena_teardown_cb),
		cmocka_unit_test_setup_teardown(test_online_capable_needs_revision_5,
						arena_setup_zero, arena_teardown_cb),
		cmocka_unit_test_setup_teardown(test_bad_tables, arena_setup_zero,
						arena_teardown_cb),
		cmocka_unit_test_setup_teardown(test_no_madt, arena_setup_zero,
						arena_teardown_cb),
		cmocka_unit_test_setup_teardown(test_scan, arena_setup_zero,
						arena_teardown_cb),
	};

	return cmocka_run_group_tests_name("acpi", tests, NULL, NULL);
}
