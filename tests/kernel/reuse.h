/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_REUSE_H
#define TLBPROBE_REUSE_H

/*
 * What a freed page-table page holds when it comes back into use: the
 * patterns the collapse engine writes into the pages it takes back, and
 * that decide what a stale walk through them finds (docs/hacking.md: add
 * a pattern here).
 */
#include "tests/kernel/fixture.h"

enum reuse_mode {
	REUSE_CANARY,	/* entries pointing at the signed canary */
	REUSE_ZERO,	/* zeroed, as a fresh page-table page would be */
	REUSE_RSVD,	/* canary entries with a reserved address bit set */
	REUSE_DATA,	/* ordinary data (text) written through the direct map */
};

/* Fill table with the pattern; upper: it was a PMD page (PUD collapse). */
void reuse_write(enum reuse_mode mode, const struct fixture_frames *lf,
		 u64 table, bool upper);
/* Why the pattern cannot be built on this CPU, or NULL. */
const char *reuse_skip(enum reuse_mode mode);

#endif
