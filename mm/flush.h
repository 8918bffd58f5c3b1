/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_FLUSH_H
#define TLBPROBE_FLUSH_H

#include "kernel/types.h"

/* The ways software can tell the CPU to forget translations. */
enum flush_kind {
	FLUSH_NONE,
	FLUSH_INVLPG,		/* one address */
	FLUSH_CR3,		/* MOV to CR3 (same value) */
	FLUSH_PGE,		/* toggle CR4.PGE: everything */
	FLUSH_INVPCID_ADDR,	/* INVPCID type 0 */
	FLUSH_INVPCID_CTX,	/* type 1 */
	FLUSH_INVPCID_ALL_G,	/* type 2, globals included */
	FLUSH_INVPCID_ALL,	/* type 3, globals kept */
	FLUSH_FULL,		/* the strongest the CPU offers */
	FLUSH_NR,
};

struct flush_req {
	enum flush_kind kind;
	u64 va;			/* for INVLPG and INVPCID type 0 */
	u16 pcid;		/* for INVPCID types 0 and 1 */
};

const char *flush_name(enum flush_kind kind);

/* The kernel's implementation: executes the instruction(s). */
void flush_cpu(const struct flush_req *req);

#endif
