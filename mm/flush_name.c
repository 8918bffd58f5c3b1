// SPDX-License-Identifier: MIT
#include "mm/flush.h"

static const char *const names[FLUSH_NR] = {
	[FLUSH_NONE] = "none",
	[FLUSH_INVLPG] = "invlpg",
	[FLUSH_CR3] = "cr3",
	[FLUSH_PGE] = "pge",
	[FLUSH_INVPCID_ADDR] = "invpcid0",
	[FLUSH_INVPCID_CTX] = "invpcid1",
	[FLUSH_INVPCID_ALL_G] = "invpcid2",
	[FLUSH_INVPCID_ALL] = "invpcid3",
	[FLUSH_FULL] = "full",
};

const char *flush_name(enum flush_kind kind)
{
	return kind < FLUSH_NR ? names[kind] : "?";
}
