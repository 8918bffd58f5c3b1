/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_CRC32_H
#define TLBPROBE_CRC32_H

#include "kernel/types.h"

/*
 * CRC-32 as zlib, gzip and Ethernet compute it (reflected polynomial
 * 0xEDB88320, initial value and final XOR 0xFFFFFFFF): crc32("123456789")
 * is 0xCBF43926, so any reader can check a log line with a stock tool.
 * Shared by the kernel (kernel/log_seal.c) and the checker.
 *
 * Incremental use: state = CRC32_INIT; state = crc32_step(state, c) for
 * each byte; crc32_final(state) is the checksum.
 */
#define CRC32_INIT 0xFFFFFFFFu

u32 crc32_step(u32 state, u8 c);
u32 crc32_bytes(u32 state, const void *data, size_t len);

static inline u32 crc32_final(u32 state)
{
	return ~state;
}

/* The CRC-32 of len bytes at data. */
static inline u32 crc32(const void *data, size_t len)
{
	return crc32_final(crc32_bytes(CRC32_INIT, data, len));
}

#endif
