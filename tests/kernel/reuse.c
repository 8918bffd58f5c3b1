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

/*
 * Present-looking data: odd words (P=1) that differ from word to word in
 * bits a CPU ignores or that only narrow access (R/W, the ignored bits
 * 9-11), with A, D, PWT, PCD, PS/PAT, U/S and the bits above 51 clear, as
 * a table of tagged addresses could look.  Their address bits name the
 * canary frames, not arbitrary memory: a walk through data that named any
 * address could read device memory, and the kernel touches only what it
 * owns.  So a walk through it ends at a signed frame and is classified by
 * level as with REUSE_CANARY, through entries that are not page-table-like.
 */
static u64 data_p_word(u64 target, unsigned int i)
{
	return target | PTE_P | ((u64)(i & 1) << 1) | ((u64)((i >> 1) & 7) << 9);
}

u64 reuse_word(enum reuse_mode mode, const struct fixture_frames *fx,
	       bool upper, unsigned int i)
{
	/* A PMD page's entries point at a table: the canary PTE page. */
	u64 target = upper ? fx->canary_pt : fx->canary;

	switch (mode) {
	case REUSE_CANARY:
		return target | PTE_P | PTE_RW;
	case REUSE_ZERO:
		return 0;
	case REUSE_RSVD:
		return target | PTE_P | PTE_RW | rsvd_bit();
	case REUSE_DATA:
		return DATA_WORD;
	case REUSE_DATA_P:
		return data_p_word(target, i);
	}
	return 0;
}

void reuse_write(enum reuse_mode mode, const struct fixture_frames *fx,
		 u64 table, bool upper)
{
	volatile u64 *t = phys_to_virt(table);

	/* Written through the seam: a model must see every pattern land. */
	if (mode != REUSE_DATA_P) {
		pgt_fill_table(table, reuse_word(mode, fx, upper, 0));
		return;
	}
	for (unsigned int i = 0; i < PTRS_PER_TABLE; i++)
		hw_write_entry(&t[i], reuse_word(mode, fx, upper, i));
}

bool reuse_explains_fault(enum reuse_mode mode, u64 error)
{
	switch (mode) {
	case REUSE_ZERO:
	case REUSE_DATA:
		return !(error & PF_P);
	case REUSE_RSVD:
		return error & PF_RSVD;
	default:
		return false;
	}
}

const char *reuse_skip(enum reuse_mode mode)
{
	/* With 52 address bits, bit 52 is ignored, not reserved. */
	if (mode == REUSE_RSVD && cpu_info.maxphyaddr >= 52)
		return "no reserved address bit: maxphyaddr is 52";
	return NULL;
}
