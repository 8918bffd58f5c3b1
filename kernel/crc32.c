// SPDX-License-Identifier: MIT
/*
 * CRC-32 (kernel/crc32.h), four bits at a time: a 64-byte table instead of
 * 1 KiB, fast enough for a few hundred log lines and for the checker.
 */
#include "kernel/crc32.h"

static const u32 nibble[16] = {
	0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac,
	0x76dc4190, 0x6b6b51f4, 0x4db26158, 0x5005713c,
	0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
	0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
};

u32 crc32_step(u32 state, u8 c)
{
	state ^= c;
	state = (state >> 4) ^ nibble[state & 0xf];
	return (state >> 4) ^ nibble[state & 0xf];
}

u32 crc32_bytes(u32 state, const void *data, size_t len)
{
	const u8 *p = data;

	while (len--)
		state = crc32_step(state, *p++);
	return state;
}
