// SPDX-License-Identifier: MIT
/* kernel/glob.c: '*' and '?' patterns and comma-separated lists. */
#include "tests/host/host_test.h"
#include "kernel/glob.h"

static void test_literal(void **state)
{
	(void)state;
	assert_true(glob_match("pmd_collapse", "pmd_collapse"));
	assert_false(glob_match("pmd_collapse", "pmd_collapsE"));
	assert_false(glob_match("abc", "abcd"));
	assert_false(glob_match("abcd", "abc"));
	assert_false(glob_match("PMD", "pmd"));
}

static void test_empty(void **state)
{
	(void)state;
	assert_true(glob_match("", ""));
	assert_false(glob_match("", "a"));
	assert_false(glob_match("a", ""));
	assert_true(glob_match("*", ""));
	assert_true(glob_match("**", ""));
	assert_false(glob_match("?", ""));
}

static void test_star(void **state)
{
	(void)state;
	assert_true(glob_match("pmd_*", "pmd_collapse"));
	assert_true(glob_match("pmd_*", "pmd_"));
	assert_false(glob_match("pmd_*", "pud_collapse"));
	assert_true(glob_match("*_free", "pte_free"));
	assert_false(glob_match("*_free", "pte_free2"));
	assert_true(glob_match("a*b*c", "aXXbYYc"));
	assert_false(glob_match("a*b*c", "aXcYb"));
	assert_true(glob_match("*", "anything at all"));
	assert_true(glob_match("a**b", "ab"));
}

static void test_question(void **state)
{
	(void)state;
	assert_true(glob_match("p?d", "pmd"));
	assert_true(glob_match("p?d", "pud"));
	assert_false(glob_match("p?d", "pd"));
	assert_false(glob_match("p?d", "pmmd"));
	assert_true(glob_match("??", "ab"));
	assert_true(glob_match("?*", "a"));
	assert_false(glob_match("?*", ""));
}

/* The cases that need the star to give back characters it took. */
static void test_backtracking(void **state)
{
	(void)state;
	assert_true(glob_match("*ab", "aab"));
	assert_true(glob_match("*aab", "aaab"));
	assert_true(glob_match("a*a*a", "aaa"));
	assert_false(glob_match("a*a*a", "aa"));
	assert_true(glob_match("*x*y", "xxyxy"));
	assert_false(glob_match("*x*y", "xxyxyz"));
	assert_true(glob_match("*?b", "abab"));
	assert_true(glob_match("a*?", "ab"));
	assert_false(glob_match("a*?", "a"));
}

static void test_list(void **state)
{
	(void)state;
	assert_true(glob_match_list("pmd_*,pud_*", "pmd_collapse"));
	assert_true(glob_match_list("pmd_*,pud_*", "pud_collapse"));
	assert_false(glob_match_list("pmd_*,pud_*", "pte_reuse"));
	assert_true(glob_match_list("*", "x"));
	assert_true(glob_match_list("a,,b", "b"));
	assert_true(glob_match_list("a,", "a"));
	assert_true(glob_match_list(",a", "a"));
}

static void test_list_empty_patterns_match_nothing(void **state)
{
	(void)state;
	assert_false(glob_match_list("", "x"));
	assert_false(glob_match_list("", ""));
	assert_false(glob_match_list(",", ""));
	assert_false(glob_match_list(",,", "x"));
}

/* Each pattern ends at its comma: the rest of the list is no part of it. */
static void test_list_patterns_are_bounded(void **state)
{
	(void)state;
	assert_true(glob_match_list("ab,cd", "ab"));
	assert_true(glob_match_list("ab,cd", "cd"));
	assert_false(glob_match_list("ab,cd", "ab,cd"));
	assert_false(glob_match_list("ab,cd", "abcd"));
	assert_false(glob_match_list("a*,x", "bx"));
	assert_true(glob_match_list("a*,x", "abx"));
	assert_false(glob_match_list("x,?", "xy"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_literal),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_star),
		cmocka_unit_test(test_question),
		cmocka_unit_test(test_backtracking),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_list_empty_patterns_match_nothing),
		cmocka_unit_test(test_list_patterns_are_bounded),
	};

	return cmocka_run_group_tests_name("glob", tests, NULL, NULL);
}
