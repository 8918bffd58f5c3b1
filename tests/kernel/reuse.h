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
	REUSE_DATA_P,	/* data whose words look present (P=1): reuse.c */
};

/* Fill table with the pattern; upper: it was a PMD page (PUD collapse). */
void reuse_write(enum reuse_mode mode, const struct fixture_frames *fx,
		 u64 table, bool upper);
/* Word i of the pattern as reuse_write() writes it. */
u64 reuse_word(enum reuse_mode mode, const struct fixture_frames *fx,
	       bool upper, unsigned int i);
/*
 * Whether a #PF with this error code, at the probe's own address, is what
 * a walk through the pattern gives (not present, or a reserved bit): with
 * the huge entry present and no not-present translation ever cached, only
 * a stale walk explains it (OUT_WALK_FAULT).
 */
bool reuse_explains_fault(enum reuse_mode mode, u64 error);
/* Why the pattern cannot be built on this CPU, or NULL. */
const char *reuse_skip(enum reuse_mode mode);

#endif
