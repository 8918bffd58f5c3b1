// SPDX-License-Identifier: MIT
/*
 * The generated classes (harness/derived_classes.c) against the catalogue
 * the kernel links: a row that says CLASS_DERIVED but that the model never
 * runs would silently count as observation everywhere, and a table entry
 * without its row is left over from a row that went.  Either means `make
 * model-table` was not run (docs/hacking.md, "Add a row").
 */
#include <stdio.h>

#include "tests/host/host_test.h"
#include "harness/vendor_class.h"

static bool derived_somewhere(const struct derived_class *d)
{
	for (int v = 0; d && v < CV_NR; v++)
		if (d->on[v] != CLASS_DERIVED)
			return true;
	return false;
}

static void test_every_derived_row_has_classes(void **state)
{
	size_t nf, rows = 0;
	const struct family *const *f = families_all(&nf);

	(void)state;
	for (size_t i = 0; i < nf; i++)
		for (size_t j = 0; j < f[i]->count; j++) {
			const struct scenario *s = &f[i]->scen[j];

			if (s->cls != CLASS_DERIVED)
				continue;
			rows++;
			if (!derived_somewhere(derived_class_find(derived_classes,
					derived_classes_count, s->name)))
				fail_msg("%s is CLASS_DERIVED but has no derived class: "
					 "run make model-table (or state its class: "
					 "the model cannot run it)", s->name);
		}
	/* The collapse and split families are derived. */
	assert_true(rows > 0);
}

static void test_every_entry_names_a_row(void **state)
{
	(void)state;
	for (size_t i = 0; i < derived_classes_count; i++)
		if (!scenario_find(derived_classes[i].name))
			fail_msg("harness/derived_classes.c names %s, which is no "
				 "row: run make model-table",
				 derived_classes[i].name);
}

/* Controls: a derived row and a table entry that the checks must catch. */
static void test_controls(void **state)
{
	static const struct derived_class none = {
		"x.y", { CLASS_DERIVED, CLASS_DERIVED, CLASS_DERIVED, CLASS_DERIVED }
	};

	(void)state;
	assert_false(derived_somewhere(NULL));
	assert_false(derived_somewhere(&none));
	assert_true(derived_somewhere(&derived_classes[0]));
	assert_null(scenario_find("x.y"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_derived_row_has_classes),
		cmocka_unit_test(test_every_entry_names_a_row),
		cmocka_unit_test(test_controls),
	};

	return cmocka_run_group_tests_name("derived_classes", tests, NULL, NULL);
}
