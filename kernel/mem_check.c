// SPDX-License-Identifier: MIT
#include "kernel/mem_check.h"
#include "kernel/format.h"
#include "mm/phys.h"

static bool block_free(const struct frame_alloc *fa, u64 pa)
{
	u64 off;

	for (off = 0; off < PMD_SIZE; off += PAGE_SIZE)
		if (!falloc_is_free(fa, pa + off))
			return false;
	return true;
}

const char *mem_check(const struct frame_alloc *fa, u64 usable_bytes,
		      char *buf, size_t len)
{
	u64 pa;

	for (pa = 0; pa + PMD_SIZE <= fa->limit_pa; pa += PMD_SIZE)
		if (block_free(fa, pa))
			return NULL;
	fmt_snprintf(buf, len,
		     "too little memory: %llu KiB usable, and no free 2 MiB-aligned 2 MiB block, which every scenario needs; give the machine at least 8 MiB (QEMU: MEM=8M)",
		     (unsigned long long)(usable_bytes >> 10));
	return buf;
}
