// SPDX-License-Identifier: MIT
/*
 * harness/vendor_class.c: a row's per-machine classes ("vendor:class,...")
 * and which vendor's column applies where the kernel runs.
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

static const struct scenario row = {
	.name = "fam.row", .cls = CLASS_CORRECTNESS,
	.cls_on = "amd-tce:observation,tcg:correctness",
};

static void test_exceptions(void **state)
{
	(void)state;
	assert_int_equal(scenario_class_on(&row, "amd-tce"), CLASS_OBSERVATION);
	assert_int_equal(scenario_class_on(&row, "tcg"), CLASS_CORRECTNESS);
	/* "amd" is a prefix of "amd-tce": it must not take that entry. */
	assert_int_equal(scenario_class_on(&row, "amd"), CLASS_CORRECTNESS);
	assert_int_equal(scenario_class_on(&row, "intel"), CLASS_CORRECTNESS);
}

static void test_no_exceptions(void **state)
{
	const struct scenario plain = { .name = "fam.p", .cls = CLASS_OBSERVATION };

	(void)state;
	assert_int_equal(scenario_class_on(&plain, "tcg"), CLASS_OBSERVATION);
}

/* A class word that is not one keeps the row's own class. */
static void test_unknown_class_keeps_default(void **state)
{
	const struct scenario bad = { .name = "fam.b", .cls = CLASS_OBSERVATION,
				      .cls_on = "tcg:correct,intel:" };

	(void)state;
	assert_int_equal(scenario_class_on(&bad, "tcg"), CLASS_OBSERVATION);
	assert_int_equal(scenario_class_on(&bad, "intel"), CLASS_OBSERVATION);
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
		cmocka_unit_test(test_exceptions),
		cmocka_unit_test(test_no_exceptions),
		cmocka_unit_test(test_unknown_class_keeps_default),
		cmocka_unit_test(test_which_vendor),
	};

	return cmocka_run_group_tests_name("vendor_class", tests, NULL, NULL);
}
