/* SPDX-License-Identifier: MIT */
/*
 * Shared by the host unit tests: cmocka's prerequisites and the arena that
 * stands in for physical memory.  The kernel sources under test reach
 * memory through phys_to_virt(pa) = pa + phys_map_offset; arena_setup()
 * points that offset at a heap block so that physical addresses
 * [ARENA_PA_BASE, ARENA_PA_BASE + ARENA_SIZE) land in it.  Physical 0 is
 * deliberately outside the arena, so a stray null "physical" pointer is an
 * AddressSanitizer report instead of a silent write.
 */
#ifndef TLBPROBE_HOST_TEST_H
#define TLBPROBE_HOST_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "kernel/types.h"

#define ARENA_PA_BASE	MIB(16)
#define ARENA_SIZE	MIB(64)
#define ARENA_PA_END	(ARENA_PA_BASE + ARENA_SIZE)

/* Allocate the arena, fill it with fill, point phys_map_offset at it. */
void arena_setup(u8 fill);
void arena_teardown(void);
/* The host address of physical pa; fails the test if pa is outside. */
void *arena_va(u64 pa);
void arena_w8(u64 pa, u8 v);
void arena_w32(u64 pa, u32 v);
void arena_w64(u64 pa, u64 v);
u64 arena_r64(u64 pa);
/* Copies s and its NUL. */
void arena_wstr(u64 pa, const char *s);

/* cmocka setup/teardown wrappers: zeroed arena, or one full of 0xA5. */
int arena_setup_zero(void **state);
int arena_setup_garbage(void **state);
int arena_teardown_cb(void **state);

/* Fails the test, printing both, unless needle occurs in haystack. */
void _assert_contains(const char *haystack, const char *needle,
		      const char *file, int line);
#define assert_contains(haystack, needle) \
	_assert_contains((haystack), (needle), __FILE__, __LINE__)

#endif
