// SPDX-License-Identifier: MIT
/* The reuse patterns (reuse.h). */
#include "tests/kernel/reuse.h"
#include "kernel/cpu.h"

/* "tlbprobe" as a little-endian word: bit 0 clear, so never present. */
#define DATA_WORD	0x65626F7270626C74ULL

/* The lowest address bit above MAXPHYADDR: reserved in every entry. */
static u64 rsvd_bit(void)
{
	return 1ULL << cpu_info.maxphyaddr;
}

void reuse_write(enum reuse_mode mode, const struct fixture_frames *lf,
		 u64 table, bool upper)
{
	/* A PMD page's entries point at a table: the canary PTE page. */
	u64 target = upper ? lf->canary_pt : lf->canary;

	switch (mode) {
	case REUSE_CANARY:
		pgt_fill_table(table, target | PTE_P | PTE_RW);
		break;
	case REUSE_ZERO:
		pgt_fill_table(table, 0);
		break;
	case REUSE_RSVD:
		pgt_fill_table(table, target | PTE_P | PTE_RW | rsvd_bit());
		break;
	case REUSE_DATA:
		/* Written through the seam too: a model must see it land. */
		pgt_fill_table(table, DATA_WORD);
		break;
	}
}

const char *reuse_skip(enum reuse_mode mode)
{
	/* With 52 address bits, bit 52 is ignored, not reserved. */
	if (mode == REUSE_RSVD && cpu_info.maxphyaddr >= 52)
		return "no reserved address bit: maxphyaddr is 52";
	return NULL;
}
