// SPDX-License-Identifier: MIT
/* The host stand-in for physical memory and shared helpers; see host_test.h. */
#include <stdlib.h>
#include <string.h>

#include "tests/host/host_test.h"
#include "mm/phys.h"

static u8 *arena;

void arena_setup(u8 fill)
{
	/* 2 MiB aligned, so that huge-page offsets in the arena look real. */
	arena = aligned_alloc(PMD_SIZE, ARENA_SIZE);
	assert_non_null(arena);
	memset(arena, fill, ARENA_SIZE);
	phys_map_offset = (uintptr_t)arena - (uintptr_t)ARENA_PA_BASE;
}

void arena_teardown(void)
{
	free(arena);
	arena = NULL;
	phys_map_offset = 0;
}

void *arena_va(u64 pa)
{
	assert_non_null(arena);
	assert_in_range(pa, ARENA_PA_BASE, ARENA_PA_END - 1);
	return arena + (pa - ARENA_PA_BASE);
}

void arena_w8(u64 pa, u8 v)
{
	*(u8 *)arena_va(pa) = v;
}

void arena_w32(u64 pa, u32 v)
{
	memcpy(arena_va(pa), &v, sizeof(v));
}

void arena_w64(u64 pa, u64 v)
{
	memcpy(arena_va(pa), &v, sizeof(v));
}

u64 arena_r64(u64 pa)
{
	u64 v;

	memcpy(&v, arena_va(pa), sizeof(v));
	return v;
}

void arena_wstr(u64 pa, const char *s)
{
	memcpy(arena_va(pa), s, strlen(s) + 1);
}

int arena_setup_zero(void **state)
{
	(void)state;
	arena_setup(0);
	return 0;
}

int arena_setup_garbage(void **state)
{
	(void)state;
	arena_setup(0xA5);
	return 0;
}

int arena_teardown_cb(void **state)
{
	(void)state;
	arena_teardown();
	return 0;
}

void _assert_contains(const char *haystack, const char *needle,
		      const char *file, int line)
{
	if (haystack && needle && strstr(haystack, needle))
		return;
	print_error("\"%s\" does not contain \"%s\"\n",
		    haystack ? haystack : "(null)", needle ? needle : "(null)");
	_fail(file, line);
}
