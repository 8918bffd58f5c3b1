// SPDX-License-Identifier: MIT
/* Frame signatures and the classification of probe reads. */
#include "kernel/classify.h"
#include "kernel/traps.h"
#include "mm/phys.h"

static const struct {
	const char *name;
	bool split, psc;
} outcomes[OUT_NR] = {
#define OUTCOME(id, key, noncoherent, split_, rank, cell, label, psc_, model, always) \
	[OUT_##id] = { #key, split_, psc_ },
#include "kernel/outcomes.def"
#undef OUTCOME
};

static const char *const cat_names[CAT_NR] = {
	[CAT_NONE] = "none",
	[CAT_FLUSHED] = "flushed_page",
	[CAT_TOUCHED] = "touched",
	[CAT_UNTOUCHED] = "untouched",
	[CAT_OTHER_SUBSLOT] = "other_subslot",
	[CAT_NO_TABLE] = "no_table",
};

const char *probe_cat_name(enum probe_cat c)
{
	return c < CAT_NR ? cat_names[c] : "?";
}

bool outcome_psc(enum outcome o)
{
	return o < OUT_NR && outcomes[o].psc;
}

const char *outcome_name(enum outcome o)
{
	return o < OUT_NR ? outcomes[o].name : "?";
}

bool outcome_split(enum outcome o)
{
	return o < OUT_NR && outcomes[o].split;
}

static const struct {
	const char *name;
	u64 mask, match;
} fault_kinds[FAULT_NR] = {
#define FAULT_KIND(id, key, mask_, match_) \
	[FAULT_##id] = { #key, mask_, match_ },
#include "kernel/outcomes.def"
#undef FAULT_KIND
};

enum fault_kind fault_kind_of(u64 vector, u64 error)
{
	/* The last kind takes the rest (its mask is 0: tests/host). */
	if (vector == VEC_PF)
		for (int k = 0; k < FAULT_NR - 1; k++)
			if ((error & fault_kinds[k].mask) == fault_kinds[k].match)
				return (enum fault_kind)k;
	return (enum fault_kind)(FAULT_NR - 1);
}

const char *fault_kind_name(enum fault_kind k)
{
	return k < FAULT_NR ? fault_kinds[k].name : "?";
}

enum outcome classify_read(u64 value, const struct expect *e)
{
	if (e->coherent != EXPECT_NONE && value == sig_value(e->coherent))
		return OUT_COHERENT;
	if (e->stale != EXPECT_NONE && value == sig_value(e->stale))
		return OUT_STALE_TLB;
	if (e->walk != EXPECT_NONE && value == sig_value(e->walk))
		return OUT_STALE_WALK;
	if (e->walk_pdpte && e->walk_pdpte != EXPECT_NONE &&
	    value == sig_value(e->walk_pdpte))
		return OUT_STALE_WALK_PDPTE;
	return OUT_UNKNOWN;
}

bool sig_decode(u64 value, u64 *pa)
{
	if ((value & SIG_TAG_MASK) != SIG_TAG)
		return false;
	*pa = value & ~SIG_TAG_MASK;
	return true;
}

void sign_frames(u64 pa, u64 count)
{
	u64 words = count * (PAGE_SIZE / 8), i;
	volatile u64 *p = phys_to_virt(pa);

	for (i = 0; i < words; i++)
		p[i] = sig_value(pa + i * 8);
}

u64 hist_count(const struct histogram *h, enum outcome o)
{
	return h->touched[o] + h->untouched[o];
}

u64 hist_total(const struct histogram *h)
{
	u64 t = 0;
	int o;

	for (o = 0; o < OUT_NR; o++)
		t += hist_count(h, (enum outcome)o);
	return t;
}

/* OUT_ by key, for the .def's STALE lines (a key that is none: an error). */
enum {
#define OUTCOME(id, key, noncoherent, split, rank, cell, label, psc, model, always) \
	OUTKEY_##key = OUT_##id,
#include "kernel/outcomes.def"
#undef OUTCOME
};

static const struct {
	enum stale_cache cache;
	const char *words;
} stale[OUT_NR] = {
#define STALE(key, cache_, words_) [OUTKEY_##key] = { CACHE_##cache_, words_ },
#include "kernel/outcomes.def"
#undef STALE
};

bool outcome_stale(enum outcome o)
{
	return o < OUT_NR && stale[o].cache != CACHE_NONE;
}

enum stale_cache outcome_cache(enum outcome o)
{
	return o < OUT_NR ? stale[o].cache : CACHE_NONE;
}

const char *outcome_stale_words(enum outcome o)
{
	return o < OUT_NR ? stale[o].words : NULL;
}
