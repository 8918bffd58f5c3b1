// SPDX-License-Identifier: MIT
/* kernel/classify.c: signatures, read classification and histograms. */
#include <string.h>

#include "tests/host/host_test.h"
#include "kernel/classify.h"
#include "mm/phys.h"

#define PA_A	0x0000000012345000ULL
#define PA_B	0x0000000023456000ULL
#define PA_C	0x0000000034567000ULL
#define PA_D	0x0000000045678000ULL

static void test_sig_value_layout(void **state)
{
	(void)state;
	assert_int_equal(sig_value(0x1234000), 0x5A10000001234000ULL);
	assert_int_equal(sig_value(0), SIG_TAG);
	/* Bits 52..63 belong to the tag: an address never reaches them. */
	assert_int_equal(sig_value(0xFFF0000000001008ULL), SIG_TAG | 0x1008);
	assert_int_equal(sig_value(0x000FFFFFFFFFFFF8ULL), 0x5A1FFFFFFFFFFFF8ULL);
}

static void test_classify_each_hypothesis(void **state)
{
	const struct expect e = { .coherent = PA_A, .stale = PA_B, .walk = PA_C };

	(void)state;
	assert_int_equal(classify_read(sig_value(PA_A), &e), OUT_COHERENT);
	assert_int_equal(classify_read(sig_value(PA_B), &e), OUT_STALE_TLB);
	assert_int_equal(classify_read(sig_value(PA_C), &e), OUT_STALE_WALK);
	/* Offsets count: the word next to the expected one is not it. */
	assert_int_equal(classify_read(sig_value(PA_A + 8), &e), OUT_UNKNOWN);
}

static void test_classify_unknown_values(void **state)
{
	const struct expect e = { .coherent = PA_A, .stale = PA_B, .walk = PA_C };

	(void)state;
	assert_int_equal(classify_read(sig_value(PA_D), &e), OUT_UNKNOWN);
	assert_int_equal(classify_read(0, &e), OUT_UNKNOWN);
	assert_int_equal(classify_read(PA_A, &e), OUT_UNKNOWN);
	assert_int_equal(classify_read(~0ULL, &e), OUT_UNKNOWN);
	assert_int_equal(classify_read(sig_value(PA_A) ^ (1ULL << 60), &e),
			 OUT_UNKNOWN);
}

/* EXPECT_NONE disables a hypothesis: even the value it would sign as. */
static void test_classify_expect_none(void **state)
{
	const struct expect only = { PA_A, EXPECT_NONE, EXPECT_NONE, EXPECT_NONE };
	const struct expect none = { EXPECT_NONE, EXPECT_NONE, EXPECT_NONE, EXPECT_NONE };
	const struct expect walk = { EXPECT_NONE, EXPECT_NONE, PA_C, EXPECT_NONE };

	(void)state;
	assert_int_equal(classify_read(sig_value(PA_A), &only), OUT_COHERENT);
	assert_int_equal(classify_read(sig_value(PA_B), &only), OUT_UNKNOWN);
	assert_int_equal(classify_read(sig_value(EXPECT_NONE), &only),
			 OUT_UNKNOWN);
	assert_int_equal(classify_read(sig_value(EXPECT_NONE), &none),
			 OUT_UNKNOWN);
	assert_int_equal(classify_read(sig_value(PA_C), &walk), OUT_STALE_WALK);
}

/* The level a stale walk came through: the PDE canary or the PDPTE one. */
static void test_classify_walk_levels(void **state)
{
	const struct expect e = { .coherent = PA_A, .stale = PA_B, .walk = PA_C,
				  .walk_pdpte = PA_D };
	const struct expect three = { .coherent = PA_A, .stale = PA_B, .walk = PA_C };

	(void)state;
	assert_int_equal(classify_read(sig_value(PA_C), &e), OUT_STALE_WALK);
	assert_int_equal(classify_read(sig_value(PA_D), &e), OUT_STALE_WALK_PDPTE);
	/* An initialiser that stops at .walk has no PDPTE canary: not even page 0. */
	assert_int_equal(classify_read(sig_value(PA_D), &three), OUT_UNKNOWN);
	assert_int_equal(classify_read(sig_value(0), &three), OUT_UNKNOWN);
	assert_string_equal(outcome_name(OUT_STALE_WALK_PDPTE), "stale_walk_pdpte");
	assert_string_equal(outcome_name(OUT_WALK_FAULT), "walk_fault");
	assert_true(outcome_split(OUT_STALE_WALK_PDPTE));
	assert_true(outcome_split(OUT_WALK_FAULT));
}

/* When two hypotheses name the same word, coherent wins, then stale. */
static void test_classify_priority(void **state)
{
	const struct expect all = { PA_A, PA_A, PA_A, PA_A };
	const struct expect sw = { PA_B, PA_C, PA_C, PA_C };

	(void)state;
	assert_int_equal(classify_read(sig_value(PA_A), &all), OUT_COHERENT);
	assert_int_equal(classify_read(sig_value(PA_C), &sw), OUT_STALE_TLB);
}

static void test_sig_decode(void **state)
{
	static const u64 pas[] = {
		0, 8, PA_A, PA_A + 0xFF8, 0x000FFFFFFFFFFFF8ULL,
	};
	static const u64 junk[] = {
		0, 0xDEADBEEF, SIG_TAG ^ (1ULL << 52), ~0ULL, 0x5A00000000001000ULL,
	};
	u64 pa;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(pas); i++) {
		pa = 0x1111;
		assert_true(sig_decode(sig_value(pas[i]), &pa));
		assert_int_equal(pa, pas[i]);
	}
	for (i = 0; i < ARRAY_SIZE(junk); i++) {
		pa = 0x1111;
		assert_false(sig_decode(junk[i], &pa));
		assert_int_equal(pa, 0x1111);
	}
}

static void test_sign_frames(void **state)
{
	const u64 pa = ARENA_PA_BASE + MIB(3);
	const u64 words = 3 * PAGE_SIZE / 8;
	u64 i, got;

	(void)state;
	sign_frames(pa, 3);
	for (i = 0; i < words; i++) {
		assert_int_equal(arena_r64(pa + i * 8), sig_value(pa + i * 8));
		assert_true(sig_decode(arena_r64(pa + i * 8), &got));
		assert_int_equal(got, pa + i * 8);
	}
	/* Nothing either side. */
	assert_int_equal(arena_r64(pa - 8), 0);
	assert_int_equal(arena_r64(pa + 3 * PAGE_SIZE), 0);
}

static void test_sign_zero_frames(void **state)
{
	const u64 pa = ARENA_PA_BASE + MIB(5);

	(void)state;
	sign_frames(pa, 0);
	assert_int_equal(arena_r64(pa), 0);
}

static void test_outcome_names(void **state)
{
	/*
	 * The names and order logs already use stay; outcomes added after
	 * them come from outcomes.def alone (test_outcomes checks the rest).
	 */
	static const char *const kept[] = {
		"coherent", "stale_tlb", "stale_walk", "fault", "mce", "unknown",
		"stale_walk_pdpte", "walk_fault",
	};
	size_t o;

	(void)state;
	assert_true(OUT_NR >= sizeof(kept) / sizeof(kept[0]));
	for (o = 0; o < sizeof(kept) / sizeof(kept[0]); o++)
		assert_string_equal(outcome_name((enum outcome)o), kept[o]);
	assert_string_equal(outcome_name(OUT_NR), "?");
	assert_string_equal(outcome_name((enum outcome)1000), "?");
}

static void test_histogram(void **state)
{
	struct histogram h;

	(void)state;
	memset(&h, 0, sizeof(h));
	assert_int_equal(hist_total(&h), 0);
	hist_add(&h, true, OUT_COHERENT);
	hist_add(&h, true, OUT_COHERENT);
	hist_add(&h, false, OUT_COHERENT);
	hist_add(&h, false, OUT_STALE_WALK);
	hist_add(&h, true, OUT_UNKNOWN);
	assert_int_equal(h.touched[OUT_COHERENT], 2);
	assert_int_equal(h.untouched[OUT_COHERENT], 1);
	assert_int_equal(h.untouched[OUT_STALE_WALK], 1);
	assert_int_equal(h.touched[OUT_STALE_WALK], 0);
	assert_int_equal(hist_count(&h, OUT_COHERENT), 3);
	assert_int_equal(hist_count(&h, OUT_STALE_WALK), 1);
	assert_int_equal(hist_count(&h, OUT_UNKNOWN), 1);
	assert_int_equal(hist_count(&h, OUT_FAULT), 0);
	assert_int_equal(hist_total(&h), 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sig_value_layout),
		cmocka_unit_test(test_classify_each_hypothesis),
		cmocka_unit_test(test_classify_unknown_values),
		cmocka_unit_test(test_classify_expect_none),
		cmocka_unit_test(test_classify_walk_levels),
		cmocka_unit_test(test_classify_priority),
		cmocka_unit_test(test_sig_decode),
		cmocka_unit_test_setup_teardown(test_sign_frames,
						arena_setup_zero, arena_teardown_cb),
		cmocka_unit_test_setup_teardown(test_sign_zero_frames,
						arena_setup_zero, arena_teardown_cb),
		cmocka_unit_test(test_outcome_names),
		cmocka_unit_test(test_histogram),
	};

	return cmocka_run_group_tests_name("classify", tests, NULL, NULL);
}
