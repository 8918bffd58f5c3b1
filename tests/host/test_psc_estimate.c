// SPDX-License-Identifier: MIT
/* tests/kernel/psc_estimate.c: the capacity interval of the psc_size rows. */
#include "tests/host/host_test.h"
#include "tests/kernel/psc_estimate.h"

static const u32 sweep[] = { 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64 };
#define NPTS (sizeof(sweep) / sizeof(sweep[0]))

/* What an LRU cache of cap entries shows: min(N, cap) regions per pass. */
static void lru(u32 cap, struct psc_point *p)
{
	for (unsigned int i = 0; i < NPTS; i++) {
		u32 held = sweep[i] < cap ? sweep[i] : cap;

		p[i] = (struct psc_point){ .n = sweep[i], .passes = 4,
					   .seen = 4ULL * held, .most = held };
	}
}

static void check(u32 cap, const char *want)
{
	struct psc_point p[NPTS];
	struct psc_capacity c;
	char buf[32];

	lru(cap, p);
	psc_estimate(p, NPTS, &c);
	psc_capacity_format(&c, buf, sizeof(buf));
	assert_string_equal(buf, want);
	if (cap && cap <= 64) {
		assert_true(c.lo <= cap);
		assert_true(!c.hi || cap <= c.hi);
	}
}

static void test_sizes_in_interval(void **state)
{
	(void)state;
	check(16, "16..23");
	check(24, "24..31");
	check(4, "4..5");
	check(20, "20..23");
	check(1, "1..1");
}

/* Nothing seen is "none", never a capacity of 0. */
static void test_none(void **state)
{
	(void)state;
	check(0, "none");
}

/* Held every region up to the largest N: no upper end. */
static void test_open_above(void **state)
{
	(void)state;
	check(64, "64..");
	check(1000, "64..");
}

/* An eviction in one pass lowers that pass only: the most seen counts. */
static void test_noisy_pass(void **state)
{
	struct psc_point p[NPTS];
	struct psc_capacity c;

	(void)state;
	lru(16, p);
	p[7].most = 15;		/* N=16: one entry lost in every pass */
	p[7].seen = 60;
	psc_estimate(p, NPTS, &c);
	assert_false(c.none);
	assert_int_equal(c.lo, 16);	/* N=24 still held 16 at once */
	assert_int_equal(c.hi, 23);
}

/* A point without passes (skipped for memory) gives no upper end. */
static void test_untried_points(void **state)
{
	struct psc_point p[2] = {
		{ .n = 8, .passes = 2, .seen = 16, .most = 8 },
		{ .n = 16, .passes = 0 },
	};
	struct psc_capacity c;

	(void)state;
	psc_estimate(p, 2, &c);
	assert_int_equal(c.lo, 8);
	assert_int_equal(c.hi, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sizes_in_interval),
		cmocka_unit_test(test_none),
		cmocka_unit_test(test_open_above),
		cmocka_unit_test(test_noisy_pass),
		cmocka_unit_test(test_untried_points),
	};

	return cmocka_run_group_tests_name("psc_estimate", tests, NULL, NULL);
}
