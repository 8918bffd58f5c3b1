// SPDX-License-Identifier: MIT
/* The flush table, made from mm/flush_kinds.def. */
#include "mm/flush.h"

#define PAGE_BYTES 4096ULL

static const struct flush_scope table[FLUSH_NR] = {
#define FLUSH_KIND(k, ...) [FLUSH_##k] = { __VA_ARGS__ },
#include "mm/flush_kinds.def"
#undef FLUSH_KIND
};

static const struct flush_scope unknown = { .name = "?" };

const struct flush_scope *flush_scope(enum flush_kind kind)
{
	return kind < FLUSH_NR ? &table[kind] : &unknown;
}

const char *flush_name(enum flush_kind kind)
{
	return flush_scope(kind)->name;
}

u64 flush_region_va(enum flush_kind kind, u64 base, u64 size)
{
	switch (flush_scope(kind)->at) {
	case FLUSH_AT_FIRST:
		return base;
	case FLUSH_AT_LAST:
		return base + size - PAGE_BYTES;
	case FLUSH_AT_EACH:
	case FLUSH_AT_EACH_PMD:
		return base;
	default:
		return 0;
	}
}

/* In the order the skip reasons have always been checked. */
static const struct {
	u32 feat;
	const char *why;
} lacks[] = {
	{ FEAT_INVPCID, "cpuid lacks invpcid" },
	{ FEAT_PCID, "cpuid lacks pcid" },
	{ FEAT_PGE, "cpuid lacks pge (global pages)" },
};

const char *flush_lacks(enum flush_kind kind, u32 have)
{
	u32 need = flush_scope(kind)->needs;

	for (unsigned int i = 0; i < ARRAY_SIZE(lacks); i++)
		if ((need & lacks[i].feat) && !(have & lacks[i].feat))
			return lacks[i].why;
	return NULL;
}
