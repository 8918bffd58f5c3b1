// SPDX-License-Identifier: MIT
/*
 * harness/vendor_class.c: a row's class per vendor from the table the
 * model derives (harness/derived_classes.c), and which vendor's column
 * applies where the kernel runs.
 */
#include <string.h>

#include "tests/host/host_test.h"
#include "harness/vendor_class.h"
#include "kernel/cpu.h"

struct cpu_info cpu_info;
static const char *accel = "none";

const char *cpu_accel_name(const struct cpu_info *ci)
{
	(void)ci;
	return accel;
}

#define COR CLASS_CORRECTNESS
#define OBS CLASS_OBSERVATION
#define SKP CLASS_DERIVED

/* Columns: intel, amd, amd-tce, tcg. */
static const struct derived_class table[] = {
	{ "fam.row", { COR, COR, OBS, COR } },
	{ "fam.row.tce", { SKP, COR, COR, SKP } },
	{ "fam.split", { SKP, OBS, COR, SKP } },
	{ "fam.none", { SKP, SKP, SKP, SKP } },
};

static const struct derived_class *find(const char *name)
{
	return derived_class_find(table, ARRAY_SIZE(table), name);
}

static void test_per_vendor(void **state)
{
	(void)state;
	assert_int_equal(derived_class_on(find("fam.row"), "amd-tce"), OBS);
	assert_int_equal(derived_class_on(find("fam.row"), "tcg"), COR);
	/* "amd" is a prefix of "amd-tce": each has its own column. */
	assert_int_equal(derived_class_on(find("fam.row"), "amd"), COR);
	assert_int_equal(derived_class_on(find("fam.row"), "intel"), COR);
}

/* Where the model skips the row: what the others agree on, else OBS. */
static void test_skipped_vendor(void **state)
{
	(void)state;
	assert_int_equal(derived_class_on(find("fam.row.tce"), "tcg"), COR);
	assert_int_equal(derived_class_on(find("fam.row.tce"), "intel"), COR);
	assert_int_equal(derived_class_on(find("fam.split"), "tcg"), OBS);
	assert_int_equal(derived_class_on(find("fam.split"), "amd-tce"), COR);
	assert_int_equal(derived_class_on(find("fam.none"), "amd"), OBS);
	/* A row the table lacks, or a vendor it has no column for. */
	assert_null(find("fam.absent"));
	assert_int_equal(derived_class_on(NULL, "intel"), OBS);
	assert_int_equal(derived_class_on(find("fam.row"), "via"), OBS);
	assert_int_equal(derived_class_on(find("fam.row.tce"), "via"), COR);
}

/* A stated class holds everywhere; a derived one without the table is OBS. */
static void test_scenario_class(void **state)
{
	const struct scenario stated = { .name = "linux.5e0fb5df2ee8",
					 .cls = CLASS_CORRECTNESS };
	const struct scenario control = { .name = "c.x", .cls = CLASS_CONTROL };
	const struct scenario derived = { .name = "fam.absent",
					  .cls = CLASS_DERIVED };

	(void)state;
	assert_int_equal(scenario_class_on(&stated, "amd-tce"), COR);
	assert_int_equal(scenario_class_on(&stated, NULL), COR);
	assert_int_equal(scenario_class_on(&control, "tcg"), CLASS_CONTROL);
	assert_int_equal(scenario_class_on(&derived, "intel"), OBS);
	assert_int_equal(scenario_class_on(&derived, NULL), OBS);
}

/* The generated table: one row per name, a class or SKP in every column. */
static void test_generated_table(void **state)
{
	(void)state;
	assert_true(derived_classes_count > 0);
	for (size_t i = 0; i < derived_classes_count; i++) {
		const struct derived_class *d = &derived_classes[i];

		assert_ptr_equal(derived_class_find(derived_classes, i + 1,
						    d->name), d);
		for (int v = 0; v < CV_NR; v++)
			assert_true(d->on[v] == COR || d->on[v] == OBS ||
				    d->on[v] == SKP);
	}
	assert_int_equal(class_vendor_id("amd-tce"), CV_AMD_TCE);
	assert_string_equal(class_vendor_name(CV_TCG), "tcg");
	assert_int_equal(class_vendor_id("amd-"), CV_NR);
}

static void test_which_vendor(void **state)
{
	(void)state;
	class_vendor_override = NULL;
	accel = "tcg";
	strcpy(cpu_info.vendor, "AuthenticAMD");
	assert_string_equal(class_vendor(), "tcg");
	accel = "kvm";
	assert_string_equal(class_vendor(), "amd");
	strcpy(cpu_info.vendor, "HygonGenuine");
	assert_string_equal(class_vendor(), "amd");
	strcpy(cpu_info.vendor, "GenuineIntel");
	assert_string_equal(class_vendor(), "intel");
	class_vendor_override = "amd-tce";
	assert_string_equal(class_vendor(), "amd-tce");
	class_vendor_override = NULL;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_per_vendor),
		cmocka_unit_test(test_skipped_vendor),
		cmocka_unit_test(test_scenario_class),
		cmocka_unit_test(test_generated_table),
		cmocka_unit_test(test_which_vendor),
	};

	return cmocka_run_group_tests_name("vendor_class", tests, NULL, NULL);
}
