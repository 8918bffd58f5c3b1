// SPDX-License-Identifier: MIT
/*
 * The rows' parameters (kernel/report.c: row_params_format(), the
 * families' scenario.params): every row that reports states level=,
 * flush= and cpus=; and the checker's table for old logs
 * (checker/legacy_params.c) agrees with every row it still names.
 */
#include <string.h>

#include "tests/host/host_test.h"
#include "harness/scenario.h"
#include "checker/legacy_params.h"

static void format_row(const struct scenario *s, char *buf, size_t len)
{
	struct row_params p = ROW_PARAMS_NONE;

	s->params(s, &p);
	row_params_format(&p, buf, len);
}

/* What the checker selects and cites by is on every result line. */
static void test_every_row_states_params(void **state)
{
	size_t nf;
	const struct family *const *f = families_all(&nf);
	char buf[ROW_PARAMS_MAX];

	(void)state;
	for (size_t i = 0; i < nf; i++)
		for (size_t j = 0; j < f[i]->count; j++) {
			const struct scenario *s = &f[i]->scen[j];

			/* Self-tests abort the run: they print no result. */
			if (!strcmp(f[i]->name, "selftest"))
				continue;
			assert_non_null(s->params);
			format_row(s, buf, sizeof(buf));
			if (strcmp(f[i]->name, "bench"))
				assert_non_null(strstr(buf, " level="));
			assert_non_null(strstr(buf, " flush="));
			assert_non_null(strstr(buf, " cpus="));
		}
}

/* The table for old logs says what the rows it names still say. */
static void test_legacy_table_agrees(void **state)
{
	char buf[ROW_PARAMS_MAX];
	const char *name;
	int checked = 0;

	(void)state;
	for (size_t i = 0; (name = legacy_params_name(i)); i++) {
		const struct scenario *s = scenario_find(name);

		if (!s)
			continue;	/* renamed since: only old logs have it */
		format_row(s, buf, sizeof(buf));
		assert_string_equal(buf + 1, legacy_params(name));
		checked++;
	}
	assert_true(checked > 90);
	assert_null(legacy_params("no.such.row"));
}

/* A flag the row does not have is not printed; one it has is, 0 or 1. */
static void test_format(void **state)
{
	struct row_params p = ROW_PARAMS_NONE;
	char buf[ROW_PARAMS_MAX];

	(void)state;
	row_params_format(&p, buf, sizeof(buf));
	assert_string_equal(buf, "");
	p.level = "pmd";
	p.flush = "cr3";
	p.pcid = 0;
	p.tce = 1;
	p.cpus = 2;
	row_params_format(&p, buf, sizeof(buf));
	assert_string_equal(buf, " level=pmd flush=cr3 pcid=0 tce=1 cpus=2");
	row_params_format(&p, buf, 12);
	assert_string_equal(buf, " level=pmd ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_row_states_params),
		cmocka_unit_test(test_legacy_table_agrees),
		cmocka_unit_test(test_format),
	};

	return cmocka_run_group_tests_name("row_params", tests, NULL, NULL);
}
