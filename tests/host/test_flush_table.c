// SPDX-License-Identifier: MIT
/* mm/flush_name.c: the names the report prints for each flush kind. */
#include <string.h>

#include "tests/host/host_test.h"
#include "mm/flush.h"

static void test_every_name(void **state)
{
	static const char *const want[FLUSH_NR] = {
		"none", "invlpg", "cr3", "pge", "invpcid0", "invpcid1",
		"invpcid2", "invpcid3", "full",
	};
	int k;

	(void)state;
	for (k = 0; k < FLUSH_NR; k++)
		assert_string_equal(flush_name((enum flush_kind)k), want[k]);
}

static void test_out_of_range(void **state)
{
	(void)state;
	assert_string_equal(flush_name(FLUSH_NR), "?");
	assert_string_equal(flush_name((enum flush_kind)(FLUSH_NR + 1)), "?");
	assert_string_equal(flush_name((enum flush_kind)1000), "?");
}

/* Names go into KTAP lines and profiles: unique, short, no spaces. */
static void test_names_unique_and_plain(void **state)
{
	int a, b;
	const char *n;

	(void)state;
	for (a = 0; a < FLUSH_NR; a++) {
		n = flush_name((enum flush_kind)a);
		assert_non_null(n);
		assert_in_range(strlen(n), 1, 16);
		assert_null(strpbrk(n, " \t#,="));
		for (b = a + 1; b < FLUSH_NR; b++)
			assert_string_not_equal(n, flush_name((enum flush_kind)b));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_name),
		cmocka_unit_test(test_out_of_range),
		cmocka_unit_test(test_names_unique_and_plain),
	};

	return cmocka_run_group_tests_name("flush_name", tests, NULL, NULL);
}
