// SPDX-License-Identifier: MIT
/* kernel/random.h: splitmix64 determinism and rng_below's range. */
#include "tests/host/host_test.h"
#include "kernel/random.h"

/* The published splitmix64 reference outputs for seed 0. */
static void test_reference_vector(void **state)
{
	struct rng r;

	(void)state;
	rng_seed(&r, 0);
	assert_int_equal(rng_next(&r), 0xE220A8397B1DCDAFULL);
	assert_int_equal(rng_next(&r), 0x6E789E6AA1B965F4ULL);
	assert_int_equal(rng_next(&r), 0x06C45D188009454FULL);
}

static void test_same_seed_same_sequence(void **state)
{
	struct rng a, b;
	int i;

	(void)state;
	rng_seed(&a, 12345);
	rng_seed(&b, 12345);
	for (i = 0; i < 1000; i++)
		assert_int_equal(rng_next(&a), rng_next(&b));
}

/* The digest names the values drawn: equal draws, equal digests. */
static void test_digest_follows_draws(void **state)
{
	struct rng a, b, c;
	int i;

	(void)state;
	rng_seed(&a, 7);
	rng_seed(&b, 7);
	rng_seed(&c, 8);
	assert_int_equal(a.digest, c.digest);
	for (i = 0; i < 100; i++) {
		rng_next(&a);
		rng_next(&b);
		rng_next(&c);
	}
	assert_int_equal(a.digest, b.digest);
	assert_int_not_equal(a.digest, c.digest);
	rng_next(&b);
	assert_int_not_equal(a.digest, b.digest);
}

static void test_reseed_restarts(void **state)
{
	struct rng r;
	u64 first[8];
	int i;

	(void)state;
	rng_seed(&r, 0xC0FFEE);
	for (i = 0; i < 8; i++)
		first[i] = rng_next(&r);
	rng_seed(&r, 0xC0FFEE);
	for (i = 0; i < 8; i++)
		assert_int_equal(rng_next(&r), first[i]);
}

static void test_different_seeds_differ(void **state)
{
	struct rng a, b;
	int i, same = 0;

	(void)state;
	rng_seed(&a, 1);
	rng_seed(&b, 2);
	for (i = 0; i < 100; i++)
		same += rng_next(&a) == rng_next(&b);
	assert_int_equal(same, 0);
}

static void test_state_advances_by_gamma(void **state)
{
	struct rng r;

	(void)state;
	rng_seed(&r, 7);
	assert_int_equal(r.state, 7);
	rng_next(&r);
	assert_int_equal(r.state, 7 + 0x9E3779B97F4A7C15ULL);
}

static void test_below_range(void **state)
{
	static const u64 bounds[] = {
		1, 2, 3, 7, 1000, 1ULL << 40, (1ULL << 63) + 1, UINT64_MAX,
	};
	struct rng r;
	size_t b;
	int i;

	(void)state;
	rng_seed(&r, 99);
	for (b = 0; b < ARRAY_SIZE(bounds); b++)
		for (i = 0; i < 5000; i++)
			assert_true(rng_below(&r, bounds[b]) < bounds[b]);
	for (i = 0; i < 100; i++)
		assert_int_equal(rng_below(&r, 1), 0);
}

/* Every value is reached, about equally often (8 sigma bounds: no flake). */
static void test_below_covers_range(void **state)
{
	u64 count[8] = { 0 };
	struct rng r;
	int i;

	(void)state;
	rng_seed(&r, 2024);
	for (i = 0; i < 80000; i++)
		count[rng_below(&r, 8)]++;
	for (i = 0; i < 8; i++)
		assert_in_range(count[i], 10000 - 750, 10000 + 750);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reference_vector),
		cmocka_unit_test(test_same_seed_same_sequence),
		cmocka_unit_test(test_digest_follows_draws),
		cmocka_unit_test(test_reseed_restarts),
		cmocka_unit_test(test_different_seeds_differ),
		cmocka_unit_test(test_state_advances_by_gamma),
		cmocka_unit_test(test_below_range),
		cmocka_unit_test(test_below_covers_range),
	};

	return cmocka_run_group_tests_name("random", tests, NULL, NULL);
}
