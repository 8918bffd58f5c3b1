// SPDX-License-Identifier: MIT
/*
 * kernel/outcomes.def is the only outcome list (docs/hacking.md, "Add an
 * outcome"): every outcome's columns say how each part handles it, and
 * the parts that cannot include the .def read it: this fails when one
 * of them would leave an outcome unhandled.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/host/host_test.h"
#include "kernel/classify.h"
#include "kernel/traps.h"

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

static const struct {
	const char *key;
	u64 mask, match;
} fault_kinds[] = {
#define FAULT_KIND(id, key, mask, match) { #key, mask, match },
#include "kernel/outcomes.def"
#undef FAULT_KIND
};
#define NR_FAULT (sizeof(fault_kinds) / sizeof(fault_kinds[0]))

enum { TLB = CACHE_TLB, PDE = CACHE_PDE, PDPTE = CACHE_PDPTE };
static const struct {
	const char *key;
	int cache;
	const char *words;
} stale[] = {
#define STALE(key, cache, words) { #key, cache, words },
#include "kernel/outcomes.def"
#undef STALE
};
#define NR_STALE (sizeof(stale) / sizeof(stale[0]))

static int def_index(const char *key)
{
	for (size_t i = 0; i < NR; i++)
		if (!strcmp(def[i].key, key))
			return (int)i;
	return -1;
}

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
	assert_true(NR_FAULT >= 2);
}

/*
 * The kernel and the model decode a fault as the FAULT_KIND lines say:
 * each line's own error code is its kind (no line above takes it), the
 * last line (mask 0) takes every other #PF and exception, and the names are the
 * keys the checker reads.
 */
static void test_fault_kinds(void **state)
{
	(void)state;
	assert_int_equal(NR_FAULT, FAULT_NR);
	assert_int_equal(fault_kinds[NR_FAULT - 1].mask, 0);
	for (size_t k = 0; k < NR_FAULT; k++) {
		assert_string_equal(fault_kind_name((enum fault_kind)k),
				    fault_kinds[k].key);
		if (k < NR_FAULT - 1)
			assert_int_equal(fault_kind_of(VEC_PF, fault_kinds[k].match),
					 k);
		assert_int_equal(fault_kind_of(VEC_GP, fault_kinds[k].match),
				 NR_FAULT - 1);
		assert_int_equal(def_index(fault_kinds[k].key), -1);
	}
	assert_string_equal(fault_kind_name(FAULT_NR), "?");
	/* Controls: the error codes the model and the collapse rows see. */
	assert_string_equal(fault_kind_name(fault_kind_of(VEC_PF, 0)),
			    fault_kinds[0].key);
	assert_int_not_equal(fault_kind_of(VEC_PF, PF_P | PF_RSVD), 0);
	assert_int_not_equal(fault_kind_of(VEC_PF, PF_P | PF_RSVD),
			     NR_FAULT - 1);
	assert_int_equal(fault_kind_of(VEC_PF, PF_P | PF_W), NR_FAULT - 1);
}

/*
 * The STALE lines name outcomes, in the .def's order, that are evidence
 * of a stale entry; the kernel answers from them; the walk outcomes (psc)
 * are exactly those of a paging-structure-cache level.
 */
static void test_stale(void **state)
{
	int last = -1, psc = 0;

	(void)state;
	assert_true(NR_STALE > 0);
	for (size_t s = 0; s < NR_STALE; s++) {
		int i = def_index(stale[s].key);

		if (i < 0)
			fail_msg("STALE(%s): no such outcome", stale[s].key);
		assert_true(i > last);
		last = i;
		assert_true(def[i].noncoherent && def[i].model != NONE);
		assert_int_equal(def[i].psc, stale[s].cache != TLB);
		assert_true(outcome_stale((enum outcome)i));
		assert_int_equal(outcome_cache((enum outcome)i), stale[s].cache);
		assert_string_equal(outcome_stale_words((enum outcome)i),
				    stale[s].words);
	}
	for (size_t i = 0; i < NR; i++) {
		psc += def[i].psc;
		if (outcome_stale((enum outcome)i))
			continue;
		assert_false(def[i].psc);
		assert_int_equal(outcome_cache((enum outcome)i), CACHE_NONE);
		assert_null(outcome_stale_words((enum outcome)i));
	}
	assert_true(psc > 0);
	assert_false(outcome_stale(OUT_NR));
	assert_false(outcome_stale(OUT_COHERENT));
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

static bool names_key(const char *text, const char *key)
{
	char want[64];

	snprintf(want, sizeof(want), "\"%s\"", key);
	return strstr(text, want) != NULL;
}

/*
 * How many keys of the .def text names as string literals: outcomes
 * ("stale_walk") and fault kinds ("fault_np").
 */
static int keys_named(const char *text)
{
	int n = 0;

	for (size_t i = 0; i < NR; i++)
		n += names_key(text, def[i].key);
	for (size_t k = 0; k < NR_FAULT; k++)
		n += names_key(text, fault_kinds[k].key);
	return n;
}

/* The files of dir that name two outcome keys or more: hand-kept lists. */
static int scan_dir(const char *dir, char *bad, size_t len)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[512];
	int files = 0;

	assert_non_null(d);
	while ((e = readdir(d))) {
		const char *dot = strrchr(e->d_name, '.');
		char *text;

		if (!dot || (strcmp(dot, ".c") && strcmp(dot, ".h") &&
			     strcmp(dot, ".pl") && strcmp(dot, ".pm") &&
			     strcmp(dot, ".sh")))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		text = slurp(path);
		if (!text)
			continue;
		files++;
		if (keys_named(text) >= 2 && strlen(bad) + strlen(path) + 2 < len) {
			strcat(bad, " ");
			strcat(bad, path);
		}
		free(text);
	}
	closedir(d);
	return files;
}

/*
 * No code keeps its own list of outcomes (docs/hacking.md, "Add an
 * outcome"): a new line in the .def reaches every part, or this names the
 * file that would leave it unhandled.  A file may name one outcome for a
 * rule about it; two or more is a list.
 */
static void test_no_list_elsewhere(void **state)
{
	static const char *const dirs[] = {
		"kernel", "mm", "harness", "checker", "model", "tests/kernel",
		"scripts", "tests/checker", "tests/model",
	};
	char bad[2048] = "";
	int files = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		files += scan_dir(dirs[i], bad, sizeof(bad));
	assert_true(files > 50);
	if (bad[0])
		fail_msg("outcome lists outside kernel/outcomes.def:%s", bad);
	/* Control: the scan sees a list, and one key alone is no list. */
	assert_int_equal(keys_named("{ \"stale_tlb\", \"stale_walk\" }"), 2);
	assert_int_equal(keys_named("strcmp(what, \"stale_tlb\")"), 1);
	assert_int_equal(keys_named("kv(\"fault_np\"); kv(\"fault_other\");"), 2);
	assert_int_equal(keys_named("\"fault_rsvd\", \"stale_tlb\""), 2);
	assert_int_equal(keys_named("result_kv(r, \"fault_rsvd\", n)"), 1);
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
		cmocka_unit_test(test_stale),
		cmocka_unit_test(test_fault_kinds),
		cmocka_unit_test(test_no_list_elsewhere),
		cmocka_unit_test(test_documented),
		cmocka_unit_test(test_scripts_read_it),
	};

	return cmocka_run_group_tests_name("outcomes", tests, NULL, NULL);
}
