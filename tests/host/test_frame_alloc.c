// SPDX-License-Identifier: MIT
/*
 * mm/frame_alloc.c: which frames it owns, LIFO reuse, the hot stack's
 * overflow, contiguous runs and exhaustion.  The allocator never touches
 * the frames themselves, so no arena is needed here.
 */
#include <string.h>

#include "tests/host/host_test.h"
#include "kernel/random.h"
#include "mm/frame_alloc.h"
#include "mm/phys.h"

#define LIMIT	MIB(64)			/* what the bitmap covers */
#define NFRAMES	(LIMIT / PAGE_SIZE)

static u8 bitmap[NFRAMES / 8];
static struct frame_alloc fa;

static void init(const struct mem_range *regions, int nr,
		 const struct mem_range *reserved, int nr_res)
{
	memset(bitmap, 0xFF, sizeof(bitmap));
	falloc_init(&fa, bitmap, sizeof(bitmap), regions, nr, reserved, nr_res);
}

static const struct mem_range one_region[] = {
	{ 0, MIB(16), MEM_AVAILABLE },
};

/* A map with every kind of hole a frame must stay out of. */
static const struct mem_range map[] = {
	{ 0, 0x9F000, MEM_AVAILABLE },
	{ 0x9F000, 0x100000, MEM_RESERVED },
	{ 0x100000, MIB(8) + 0x800, MEM_AVAILABLE },	/* ragged end */
	{ MIB(8) + 0x800, MIB(9), MEM_ACPI },
	{ MIB(9), MIB(40), MEM_AVAILABLE },
	{ MIB(12) + 0x100, MIB(12) + 0x200, MEM_RESERVED },	/* inside RAM */
	{ MIB(40), MIB(48), MEM_NVS },
	{ MIB(48), MIB(100), MEM_AVAILABLE },		/* past the bitmap */
};

static const struct mem_range map_reserved[] = {
	{ MIB(2), MIB(2) + 3 * PAGE_SIZE, MEM_RESERVED },
	{ MIB(3) + 0x800, MIB(3) + 0x1800, MEM_RESERVED },	/* 2 frames */
};

static u64 map_frames(void)
{
	return (MIB(8) - MIB(1)) / PAGE_SIZE - 3 - 2 +
	       (MIB(40) - MIB(9)) / PAGE_SIZE - 1 +
	       (LIMIT - MIB(48)) / PAGE_SIZE;
}

static bool overlaps(u64 pa, const struct mem_range *r, int n, bool avail_ok)
{
	int i;

	for (i = 0; i < n; i++)
		if ((!avail_ok || r[i].type != MEM_AVAILABLE) &&
		    pa < r[i].end && r[i].start < pa + PAGE_SIZE)
			return true;
	return false;
}

static bool in_available(u64 pa)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(map); i++)
		if (map[i].type == MEM_AVAILABLE && pa >= map[i].start &&
		    pa + PAGE_SIZE <= map[i].end)
			return true;
	return false;
}

static void test_init_counts(void **state)
{
	(void)state;
	init(one_region, 1, NULL, 0);
	assert_int_equal(fa.total_frames, (MIB(16) - MIB(1)) / PAGE_SIZE);
	assert_int_equal(fa.free_frames, fa.total_frames);
	assert_false(falloc_is_free(&fa, MIB(1) - PAGE_SIZE));
	assert_true(falloc_is_free(&fa, MIB(1)));
	assert_true(falloc_is_free(&fa, MIB(16) - PAGE_SIZE));
	assert_false(falloc_is_free(&fa, MIB(16)));
}

static void test_init_excludes_holes(void **state)
{
	(void)state;
	init(map, ARRAY_SIZE(map), map_reserved, ARRAY_SIZE(map_reserved));
	assert_int_equal(fa.total_frames, map_frames());
	assert_int_equal(fa.free_frames, map_frames());
	assert_false(falloc_is_free(&fa, MIB(2) + 2 * PAGE_SIZE));
	assert_true(falloc_is_free(&fa, MIB(2) + 3 * PAGE_SIZE));
	assert_false(falloc_is_free(&fa, MIB(3)));
	assert_false(falloc_is_free(&fa, MIB(3) + PAGE_SIZE));
	assert_true(falloc_is_free(&fa, MIB(3) + 2 * PAGE_SIZE));
	assert_false(falloc_is_free(&fa, MIB(8)));
	assert_false(falloc_is_free(&fa, MIB(12)));
	assert_true(falloc_is_free(&fa, MIB(12) + PAGE_SIZE));
	assert_false(falloc_is_free(&fa, MIB(40)));
}

/* Overlapping available regions: each frame counted once. */
static void test_init_overlapping_regions(void **state)
{
	static const struct mem_range r[] = {
		{ MIB(1), MIB(3), MEM_AVAILABLE },
		{ MIB(2), MIB(4), MEM_AVAILABLE },
		{ MIB(1), MIB(4), MEM_AVAILABLE },
	};
	u64 n = 0;

	(void)state;
	init(r, ARRAY_SIZE(r), NULL, 0);
	assert_int_equal(fa.total_frames, MIB(3) / PAGE_SIZE);
	while (falloc_alloc(&fa) != FA_NO_FRAME)
		n++;
	assert_int_equal(n, MIB(3) / PAGE_SIZE);
}

/* The frame-by-frame definition of what falloc_init() must take. */
static bool ref_ownable(u64 pa, const struct mem_range *r, int nr,
			const struct mem_range *res, int nres)
{
	bool in_ram = false;
	int i;

	if (pa < MIB(1))
		return false;
	for (i = 0; i < nr; i++) {
		if (r[i].type == MEM_AVAILABLE && pa >= r[i].start &&
		    pa + PAGE_SIZE <= r[i].end)
			in_ram = true;
		if (r[i].type != MEM_AVAILABLE && pa < r[i].end &&
		    r[i].start < pa + PAGE_SIZE)
			return false;
	}
	for (i = 0; i < nres; i++)
		if (pa < res[i].end && res[i].start < pa + PAGE_SIZE)
			return false;
	return in_ram;
}

static void random_range(struct rng *g, struct mem_range *m, u64 max_len,
			 u32 type)
{
	m->start = rng_below(g, MIB(56)) & ~0xFFULL;
	m->end = m->start + (rng_below(g, max_len) & ~0xFFULL);
	m->type = type;
}

/*
 * Random maps (ragged, overlapping, with holes): falloc_init()'s run-wise
 * walk must agree with the per-frame definition on every frame.
 */
static void test_init_matches_reference(void **state)
{
	struct mem_range r[12], res[4];
	struct rng g;
	u64 f, want;
	int iter, i;

	(void)state;
	rng_seed(&g, 42);
	for (iter = 0; iter < 100; iter++) {
		for (i = 0; i < 6; i++)
			random_range(&g, &r[i], KIB(64), MEM_RESERVED + i % 4);
		for (; i < 12; i++)
			random_range(&g, &r[i], MIB(8), MEM_AVAILABLE);
		for (i = 0; i < 4; i++)
			random_range(&g, &res[i], KIB(40), MEM_RESERVED);
		init(r, 12, res, 4);
		want = 0;
		for (f = 0; f < NFRAMES; f++) {
			bool own = ref_ownable(f * PAGE_SIZE, r, 12, res, 4);

			want += own;
			if (falloc_is_free(&fa, f * PAGE_SIZE) != own)
				fail_msg("map %d: frame 0x%llx should%s be free",
					 iter, (unsigned long long)(f * PAGE_SIZE),
					 own ? "" : " not");
			assert_int_equal(falloc_owns(&fa, f * PAGE_SIZE), own);
		}
		assert_int_equal(fa.total_frames, want);
		assert_int_equal(fa.free_frames, want);
	}
}

/* ram_top() rounds the top of RAM up: near 2^64 that wraps to 0. */
static void test_init_ram_near_top_of_address_space(void **state)
{
	static const struct mem_range r[] = {
		{ MIB(1), MIB(16), MEM_AVAILABLE },
		{ GIB(4), 0xFFFFFFFFFFFFF000ULL, MEM_AVAILABLE },
	};

	(void)state;
	init(r, ARRAY_SIZE(r), NULL, 0);
	/* Only the low region lies under the bitmap: 1..16 MiB. */
	assert_int_equal(fa.total_frames, MIB(16) / PAGE_SIZE - 256);
}

/* Drain everything: each frame once, and only frames that are RAM. */
static void test_drain_never_bad_frame(void **state)
{
	static u8 seen[NFRAMES];
	u64 pa, n = 0;

	(void)state;
	memset(seen, 0, sizeof(seen));
	init(map, ARRAY_SIZE(map), map_reserved, ARRAY_SIZE(map_reserved));
	while ((pa = falloc_alloc(&fa)) != FA_NO_FRAME) {
		assert_true(IS_ALIGNED(pa, PAGE_SIZE));
		assert_true(pa >= MIB(1));
		assert_true(pa < LIMIT);
		assert_true(in_available(pa));
		assert_false(overlaps(pa, map, ARRAY_SIZE(map), true));
		assert_false(overlaps(pa, map_reserved, ARRAY_SIZE(map_reserved),
				      false));
		assert_int_equal(seen[pa / PAGE_SIZE]++, 0);
		n++;
	}
	assert_int_equal(n, map_frames());
	assert_int_equal(fa.free_frames, 0);
	assert_int_equal(falloc_alloc(&fa), FA_NO_FRAME);
}

static void test_lifo_one(void **state)
{
	u64 a, b;

	(void)state;
	init(one_region, 1, NULL, 0);
	a = falloc_alloc(&fa);
	b = falloc_alloc(&fa);
	assert_int_not_equal(a, b);
	assert_false(falloc_is_free(&fa, a));
	falloc_free(&fa, a);
	assert_true(falloc_is_free(&fa, a));
	assert_int_equal(falloc_alloc(&fa), a);
	assert_false(falloc_is_free(&fa, a));
}

static void test_lifo_two(void **state)
{
	u64 a, b;

	(void)state;
	init(one_region, 1, NULL, 0);
	a = falloc_alloc(&fa);
	b = falloc_alloc(&fa);
	falloc_free(&fa, a);
	falloc_free(&fa, b);
	assert_int_equal(falloc_alloc(&fa), b);
	assert_int_equal(falloc_alloc(&fa), a);
}

static void test_free_rounds_down(void **state)
{
	u64 a;

	(void)state;
	init(one_region, 1, NULL, 0);
	a = falloc_alloc(&fa);
	falloc_free(&fa, a + 0x123);
	assert_int_equal(falloc_alloc(&fa), a);
}

static void test_free_count(void **state)
{
	u64 before, a;

	(void)state;
	init(one_region, 1, NULL, 0);
	before = fa.free_frames;
	a = falloc_alloc(&fa);
	assert_int_equal(fa.free_frames, before - 1);
	falloc_free(&fa, a);
	assert_int_equal(fa.free_frames, before);
}

/*
 * FA_HOT_MAX + 1 frees: the oldest moves to the bitmap, the rest come back
 * newest first, and the spilled frame is still handed out exactly once.
 */
static void test_hot_overflow_spills_oldest(void **state)
{
	u64 f[FA_HOT_MAX + 1], pa, before;
	int i, spilled_seen = 0;

	(void)state;
	init(one_region, 1, NULL, 0);
	for (i = 0; i <= FA_HOT_MAX; i++)
		f[i] = falloc_alloc(&fa);
	before = fa.free_frames;
	for (i = 0; i <= FA_HOT_MAX; i++)
		falloc_free(&fa, f[i]);
	assert_int_equal(fa.nr_hot, FA_HOT_MAX);
	assert_int_equal(fa.free_frames, before + FA_HOT_MAX + 1);
	assert_true(falloc_is_free(&fa, f[0]));
	assert_int_equal(fa.hot[0], f[1]);
	for (i = FA_HOT_MAX; i >= 1; i--)
		assert_int_equal(falloc_alloc(&fa), f[i]);
	while ((pa = falloc_alloc(&fa)) != FA_NO_FRAME) {
		for (i = 1; i <= FA_HOT_MAX; i++)
			assert_int_not_equal(pa, f[i]);
		spilled_seen += pa == f[0];
	}
	assert_int_equal(spilled_seen, 1);
}

static void test_exhaustion(void **state)
{
	static const struct mem_range four[] = {
		{ MIB(4), MIB(4) + 4 * PAGE_SIZE, MEM_AVAILABLE },
	};
	u64 got[4];
	int i;

	(void)state;
	init(four, 1, NULL, 0);
	assert_int_equal(fa.total_frames, 4);
	for (i = 0; i < 4; i++) {
		got[i] = falloc_alloc(&fa);
		assert_int_equal(got[i], MIB(4) + (u64)i * PAGE_SIZE);
	}
	assert_int_equal(falloc_alloc(&fa), FA_NO_FRAME);
	assert_int_equal(fa.free_frames, 0);
	falloc_free(&fa, got[2]);
	assert_int_equal(falloc_alloc(&fa), got[2]);
	assert_int_equal(falloc_alloc(&fa), FA_NO_FRAME);
}

static void test_empty_map(void **state)
{
	static const struct mem_range low[] = {
		{ 0, MIB(1), MEM_AVAILABLE },
		{ MIB(1), MIB(2), MEM_RESERVED },
		{ MIB(70), MIB(80), MEM_AVAILABLE },
	};

	(void)state;
	init(low, ARRAY_SIZE(low), NULL, 0);
	assert_int_equal(fa.total_frames, 0);
	assert_int_equal(falloc_alloc(&fa), FA_NO_FRAME);
	assert_int_equal(falloc_alloc_contig(&fa, 1, PAGE_SIZE), FA_NO_FRAME);
}

static void test_contig_alignment(void **state)
{
	u64 a, b, before, i;

	(void)state;
	init(map, ARRAY_SIZE(map), map_reserved, ARRAY_SIZE(map_reserved));
	before = fa.free_frames;
	a = falloc_alloc_contig(&fa, 16, PMD_SIZE);
	/* 2 MiB holds reserved frames: 4 MiB is the first clean 2 MiB start. */
	assert_int_equal(a, MIB(4));
	b = falloc_alloc_contig(&fa, 16, PMD_SIZE);
	assert_int_equal(b, MIB(6));
	for (i = 0; i < 16; i++) {
		assert_false(falloc_is_free(&fa, a + i * PAGE_SIZE));
		assert_false(falloc_is_free(&fa, b + i * PAGE_SIZE));
	}
	assert_true(falloc_is_free(&fa, a + 16 * PAGE_SIZE));
	assert_int_equal(fa.free_frames, before - 32);
	a = falloc_alloc_contig(&fa, 1, MIB(16));
	assert_int_equal(a, MIB(16));
}

static void test_contig_needs_whole_run(void **state)
{
	static const struct mem_range r[] = {
		{ MIB(1), MIB(5), MEM_AVAILABLE },
	};

	(void)state;
	init(r, 1, NULL, 0);
	assert_int_equal(falloc_alloc_contig(&fa, 0, PAGE_SIZE), FA_NO_FRAME);
	assert_int_equal(falloc_alloc_contig(&fa, 1025, PAGE_SIZE), FA_NO_FRAME);
	assert_int_equal(falloc_alloc_contig(&fa, 512, PMD_SIZE), MIB(2));
	/* [4 MiB, 5 MiB) is only half a 2 MiB run. */
	assert_int_equal(falloc_alloc_contig(&fa, 512, PMD_SIZE), FA_NO_FRAME);
	assert_int_equal(falloc_alloc_contig(&fa, 256, PMD_SIZE), MIB(4));
	falloc_free_contig(&fa, MIB(2), 512);
	assert_true(falloc_is_free(&fa, MIB(2)));
	assert_true(falloc_is_free(&fa, MIB(4) - PAGE_SIZE));
	assert_int_equal(falloc_alloc_contig(&fa, 512, PMD_SIZE), MIB(2));
}

/* A frame on the hot stack is not in the bitmap: contig must not take it. */
static void test_contig_skips_hot_frames(void **state)
{
	static const struct mem_range three[] = {
		{ MIB(4), MIB(4) + 3 * PAGE_SIZE, MEM_AVAILABLE },
	};
	u64 a, b, c;

	(void)state;
	init(three, 1, NULL, 0);
	a = falloc_alloc(&fa);
	b = falloc_alloc(&fa);
	falloc_free(&fa, a);
	c = falloc_alloc_contig(&fa, 1, PAGE_SIZE);
	assert_int_not_equal(c, a);
	assert_int_not_equal(c, b);
	assert_int_not_equal(c, FA_NO_FRAME);
	assert_int_equal(falloc_alloc(&fa), a);
	assert_int_equal(falloc_alloc(&fa), FA_NO_FRAME);
}

static void test_owns(void **state)
{
	u64 a;

	(void)state;
	init(map, ARRAY_SIZE(map), map_reserved, ARRAY_SIZE(map_reserved));
	a = falloc_alloc(&fa);
	assert_true(falloc_owns(&fa, a));
	assert_true(falloc_owns(&fa, MIB(20)));
	assert_true(falloc_owns(&fa, MIB(20) + 0xFFF));
	assert_false(falloc_owns(&fa, 0x1000));		/* below 1 MiB */
	assert_false(falloc_owns(&fa, 0xA0000));	/* reserved region */
	assert_false(falloc_owns(&fa, MIB(2)));		/* reserved range */
	assert_false(falloc_owns(&fa, MIB(3) + PAGE_SIZE));
	assert_false(falloc_owns(&fa, MIB(8)));		/* ragged end */
	assert_false(falloc_owns(&fa, MIB(8) + PAGE_SIZE));	/* ACPI */
	assert_false(falloc_owns(&fa, MIB(12)));	/* hole inside RAM */
	assert_false(falloc_owns(&fa, MIB(44)));	/* NVS */
	assert_true(falloc_owns(&fa, LIMIT - PAGE_SIZE));
	assert_false(falloc_owns(&fa, LIMIT));		/* past the bitmap */
	assert_false(falloc_owns(&fa, GIB(8)));		/* no region at all */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_counts),
		cmocka_unit_test(test_init_excludes_holes),
		cmocka_unit_test(test_init_overlapping_regions),
		cmocka_unit_test(test_init_matches_reference),
		cmocka_unit_test(test_init_ram_near_top_of_address_space),
		cmocka_unit_test(test_drain_never_bad_frame),
		cmocka_unit_test(test_lifo_one),
		cmocka_unit_test(test_lifo_two),
		cmocka_unit_test(test_free_rounds_down),
		cmocka_unit_test(test_free_count),
		cmocka_unit_test(test_hot_overflow_spills_oldest),
		cmocka_unit_test(test_exhaustion),
		cmocka_unit_test(test_empty_map),
		cmocka_unit_test(test_contig_alignment),
		cmocka_unit_test(test_contig_needs_whole_run),
		cmocka_unit_test(test_contig_skips_hot_frames),
		cmocka_unit_test(test_owns),
	};

	return cmocka_run_group_tests_name("frame_alloc", tests, NULL, NULL);
}
