/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_RANDOM_H
#define TLBPROBE_RANDOM_H

#include "kernel/types.h"

/* splitmix64: tiny, seedable, and the same sequence everywhere. */
struct rng {
	u64 state;
	u64 digest;	/* of every value drawn: names the sequence */
};

static inline void rng_seed(struct rng *r, u64 seed)
{
	r->state = seed;
	r->digest = 0xCBF29CE484222325ULL;
}

static inline u64 rng_next(struct rng *r)
{
	u64 z = (r->state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	z ^= z >> 31;
	r->digest = (r->digest ^ z) * 0x100000001B3ULL;
	return z;
}

/* Uniform in [0, n), n > 0; the modulo bias is far below what matters here. */
static inline u64 rng_below(struct rng *r, u64 n)
{
	return rng_next(r) % n;
}

#endif
