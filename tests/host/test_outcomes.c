// SPDX-License-Identifier: MIT
/*
 * kernel/outcomes.def is the only outcome list (docs/hacking.md, "Add an
 * outcome"): every outcome's columns say how each part handles it, and
 * the parts that cannot include the .def read it: this fails when one
 * of them would leave an outcome unhandled.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/host/host_test.h"
#include "kernel/classify.h"

enum { READ, FAULT, NONE };

static const struct {
	const char *key;
	int noncoherent, split, rank, psc, model, always;
} def[] = {
#define OUTCOME(id, key, nc, split, rank, cell, label, psc, model, always) \
	{ #key, nc, split, rank, psc, model, always },
#include "kernel/outcomes.def"
#undef OUTCOME
};
#define NR (sizeof(def) / sizeof(def[0]))

static const char *const fault_kinds[] = {
#define FAULT_KIND(id, key) #key,
#include "kernel/outcomes.def"
#undef FAULT_KIND
};

/* The kernel's names, splits and walk evidence are the .def's. */
static void test_kernel_tables(void **state)
{
	(void)state;
	assert_int_equal(NR, OUT_NR);
	for (size_t i = 0; i < NR; i++) {
		assert_string_equal(outcome_name((enum outcome)i), def[i].key);
		assert_int_equal(outcome_split((enum outcome)i), def[i].split);
		assert_int_equal(outcome_psc((enum outcome)i), def[i].psc);
	}
}

/*
 * Columns that contradict each other leave an outcome unjudged: the
 * coherent read is the only coherent one, a fault or a never-modelled
 * outcome is not coherent, walk evidence is not coherent, and the checker
 * report shows every non-coherent outcome (rank > 0).
 */
static void test_columns_consistent(void **state)
{
	(void)state;
	assert_string_equal(def[0].key, "coherent");
	assert_int_equal(def[0].model, READ);
	for (size_t i = 0; i < NR; i++) {
		assert_int_equal(def[i].noncoherent, i != 0);
		if (def[i].psc || def[i].model != READ)
			assert_true(def[i].noncoherent);
		if (def[i].noncoherent)
			assert_true(def[i].rank > 0);
	}
	/* Faults are named by error code: there must be kinds to name them. */
	assert_true(sizeof(fault_kinds) / sizeof(fault_kinds[0]) >= 2);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, (size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

/* docs/log-format.md explains every outcome key the result line has. */
static void test_documented(void **state)
{
	char *doc = slurp("docs/log-format.md"), want[64];

	(void)state;
	assert_non_null(doc);
	for (size_t i = 0; i < NR; i++) {
		snprintf(want, sizeof(want), "`%s`", def[i].key);
		if (!strstr(doc, want))
			fail_msg("docs/log-format.md does not explain %s", want);
	}
	free(doc);
}

/* The Perl scripts (scripts/Outcomes.pm) read the same list, in order. */
static void test_scripts_read_it(void **state)
{
	FILE *p = popen("perl -Iscripts -MOutcomes -e 'print join(\" \", map "
			"{ \"$_->{key}:$_->{psc}\" } Outcomes::all()), \"\\n\"'",
			"r");
	char got[512] = "", want[512] = "";
	size_t used = 0;

	(void)state;
	assert_non_null(p);
	assert_non_null(fgets(got, sizeof(got), p));
	assert_int_equal(pclose(p), 0);
	for (size_t i = 0; i < NR; i++)
		used += (size_t)snprintf(want + used, sizeof(want) - used, "%s%s:%d",
					 i ? " " : "", def[i].key, def[i].psc);
	strcat(want, "\n");
	assert_string_equal(got, want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kernel_tables),
		cmocka_unit_test(test_columns_consistent),
		cmocka_unit_test(test_documented),
		cmocka_unit_test(test_scripts_read_it),
	};

	return cmocka_run_group_tests_name("outcomes", tests, NULL, NULL);
}
