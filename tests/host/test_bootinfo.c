// SPDX-License-Identifier: MIT
/*
 * kernel/bootinfo.c: multiboot 1 and 2 information built in the arena at
 * chosen physical addresses, well-formed and broken.
 */
#include <string.h>

#include "tests/host/host_test.h"
#include "kernel/bootinfo.h"
#include "mm/phys.h"

#define INFO	(ARENA_PA_BASE + 0x10000)	/* the info block */
#define MMAP	(ARENA_PA_BASE + 0x11000)	/* MB1 memory map */
#define STRS	(ARENA_PA_BASE + 0x12000)	/* MB1 strings */
#define MODS	(ARENA_PA_BASE + 0x13000)	/* MB1 module list */

#define MB1_FLAGS_MMAP	(1U << 6)
#define MB1_FLAGS_ALL	((1U << 2) | (1U << 3) | (1U << 6) | (1U << 9))

static struct boot_info bi;
static char err[256];

static int parse(u32 magic, u64 pa)
{
	memset(err, 'Z', sizeof(err));
	return bootinfo_parse(magic, pa, &bi, err, sizeof(err));
}

#define expect_error(magic, pa, what) \
	do { \
		assert_int_equal(parse(magic, pa), -1); \
		assert_contains(err, what); \
	} while (0)

static bool has_reserved(u64 start, u64 end)
{
	int i;

	for (i = 0; i < bi.nr_reserved; i++)
		if (bi.reserved[i].start == start && bi.reserved[i].end == end &&
		    bi.reserved[i].type == MEM_RESERVED)
			return true;
	return false;
}

static void assert_region(int i, u64 start, u64 end, u32 type)
{
	assert_true(i < bi.nr_regions);
	assert_int_equal(bi.regions[i].start, start);
	assert_int_equal(bi.regions[i].end, end);
	assert_int_equal(bi.regions[i].type, type);
}

/* Multiboot 1: memory map entries of the given size field at MMAP. */
static u32 mb1_entry(u32 off, u32 size, u64 base, u64 len, u32 type)
{
	arena_w32(MMAP + off, size);
	arena_w64(MMAP + off + 4, base);
	arena_w64(MMAP + off + 12, len);
	arena_w32(MMAP + off + 20, type);
	return off + 4 + size;
}

static void mb1_info(u32 flags, u32 mmap_len)
{
	arena_w32(INFO, flags);
	arena_w32(INFO + 44, mmap_len);
	arena_w32(INFO + 48, (u32)MMAP);
}

/* The usual PC map: low RAM, the BIOS hole, RAM from 1 MiB. */
static u32 mb1_pc_map(u32 size)
{
	u32 off = 0;

	off = mb1_entry(off, size, 0, 0x9FC00, MEM_AVAILABLE);
	off = mb1_entry(off, size, 0xF0000, 0x10000, MEM_RESERVED);
	return mb1_entry(off, size, MIB(1), MIB(63), MEM_AVAILABLE);
}

static void test_mb1_full(void **state)
{
	(void)state;
	mb1_info(MB1_FLAGS_ALL, mb1_pc_map(20));
	arena_w32(INFO + 16, (u32)STRS);
	arena_wstr(STRS, "/boot/tlbprobe.elf iters=5");
	arena_w32(INFO + 64, (u32)STRS + 0x100);
	arena_wstr(STRS + 0x100, "GRUB 2.06");
	arena_w32(INFO + 20, 2);
	arena_w32(INFO + 24, (u32)MODS);
	arena_w32(MODS, 0x200000);
	arena_w32(MODS + 4, 0x203800);
	arena_w32(MODS + 16, 0x300000);
	arena_w32(MODS + 20, 0x300001);

	assert_int_equal(parse(MB1_BOOT_MAGIC, INFO), 0);
	assert_string_equal(err, "");
	assert_int_equal(bi.protocol, 1);
	assert_int_equal(bi.nr_regions, 3);
	assert_false(bi.regions_truncated);
	assert_region(0, 0, 0x9FC00, MEM_AVAILABLE);
	assert_region(1, 0xF0000, 0x100000, MEM_RESERVED);
	assert_region(2, MIB(1), MIB(64), MEM_AVAILABLE);
	assert_int_equal(bootinfo_available_bytes(&bi), 0x9FC00 + MIB(63));
	assert_string_equal(bi.cmdline, "/boot/tlbprobe.elf iters=5");
	assert_string_equal(bi.loader, "GRUB 2.06");
	/* GRUB may run on EFI: no framebuffer info, so no VGA screen assumed. */
	assert_false(bi.vga_text);
	assert_false(bi.efi);
	/* Info block, module list, each module (page-rounded), memory map. */
	assert_int_equal(bi.nr_reserved, 5);
	assert_true(has_reserved(INFO, INFO + PAGE_SIZE));
	assert_true(has_reserved(MODS, MODS + PAGE_SIZE));
	assert_true(has_reserved(0x200000, 0x204000));
	assert_true(has_reserved(0x300000, 0x301000));
	assert_true(has_reserved(MMAP, MMAP + PAGE_SIZE));
}

/* A VGA text screen: loaders that boot only from a BIOS, or EGA text info. */
static void test_mb1_vga_text(void **state)
{
	const u32 flags = (1U << 6) | (1U << 9);	/* mmap, loader name */

	(void)state;
	mb1_info(flags, mb1_pc_map(20));
	arena_w32(INFO + 64, (u32)STRS);
	arena_wstr(STRS, "qemu");
	assert_int_equal(parse(MB1_BOOT_MAGIC, INFO), 0);
	assert_true(bi.vga_text);
	arena_wstr(STRS, "iPXE 1.21.1");
	assert_int_equal(parse(MB1_BOOT_MAGIC, INFO), 0);
	assert_true(bi.vga_text);
	arena_wstr(STRS, "GRUB 2.06");
	arena_w32(INFO, flags | (1U << 12));
	arena_w8(INFO + 109, 2);	/* framebuffer_type: EGA text */
	assert_int_equal(parse(MB1_BOOT_MAGIC, INFO), 0);
	assert_true(bi.vga_text);
	arena_w8(INFO + 109, 1);	/* RGB: a graphics framebuffer */
	assert_int_equal(parse(MB1_BOOT_MAGIC, INFO), 0);
	assert_false(bi.vga_text);
}

/* Without the cmdline/loader flags the pointers are not followed. */
static void test_mb1_minimal(void **state)
{
	(void)state;
	mb1_info(MB1_FLAGS_MMAP, mb1_pc_map(20));
	arena_w32(INFO + 16, 0xDEADBEEF);
	arena_w32(INFO + 64, 0xDEADBEEF);
	assert_int_equal(parse(MB1_BOOT_MAGIC, INFO), 0);
	assert_string_equal(bi.cmdline, "");
	assert_string_equal(bi.loader, "");
	assert_int_equal(bi.nr_reserved, 2);
}

/* The size field says where the next entry is, not the struct size. */
static void test_mb1_larger_entries(void **state)
{
	(void)state;
	mb1_info(MB1_FLAGS_MMAP, mb1_pc_map(28));
	assert_int_equal(parse(MB1_BOOT_MAGIC, INFO), 0);
	assert_int_equal(bi.nr_regions, 3);
	assert_region(1, 0xF0000, 0x100000, MEM_RESERVED);
	assert_region(2, MIB(1), MIB(64), MEM_AVAILABLE);
}

static void test_mb1_no_mmap_flag(void **state)
{
	(void)state;
	mb1_info(MB1_FLAGS_ALL & ~MB1_FLAGS_MMAP, mb1_pc_map(20));
	arena_w32(INFO + 16, (u32)STRS);
	arena_wstr(STRS, "");
	arena_w32(INFO + 64, (u32)STRS);
	arena_w32(INFO + 20, 0);
	expect_error(MB1_BOOT_MAGIC, INFO, "no memory map");
	assert_contains(err, "bit 6");
}

static void test_mb1_bad_entry_size(void **state)
{
	u32 off;

	(void)state;
	off = mb1_entry(0, 20, MIB(1), MIB(8), MEM_AVAILABLE);
	off = mb1_entry(off, 16, MIB(9), MIB(8), MEM_AVAILABLE);
	mb1_info(MB1_FLAGS_MMAP, off + 8);
	expect_error(MB1_BOOT_MAGIC, INFO,
		     "multiboot1 memory map entry has a bad size (0x10)");
}

static void test_mb1_entry_past_end(void **state)
{
	(void)state;
	mb1_pc_map(20);
	mb1_info(MB1_FLAGS_MMAP, 24 + 10);
	expect_error(MB1_BOOT_MAGIC, INFO, "entry has a bad size");
	mb1_info(MB1_FLAGS_MMAP, 0);
	expect_error(MB1_BOOT_MAGIC, INFO, "memory map has a bad length");
}

static void test_bad_magic_and_null(void **state)
{
	(void)state;
	expect_error(0x12345678, INFO,
		     "not started by a multiboot loader: bad magic (0x12345678)");
	expect_error(0, INFO, "bad magic");
	expect_error(MB1_BOOT_MAGIC, 0, "boot information pointer is null");
	expect_error(MB2_BOOT_MAGIC, 0, "null");
}

static void test_mb1_no_available_ram(void **state)
{
	u32 off;

	(void)state;
	off = mb1_entry(0, 20, 0, MIB(1), MEM_RESERVED);
	off = mb1_entry(off, 20, MIB(1), MIB(8), MEM_ACPI);
	off = mb1_entry(off, 20, MIB(9), 0, MEM_AVAILABLE);
	mb1_info(MB1_FLAGS_MMAP, off);
	expect_error(MB1_BOOT_MAGIC, INFO, "memory map has no available RAM");
	/* The empty entry is dropped. */
	assert_int_equal(bi.nr_regions, 2);
}

static void test_region_wraps(void **state)
{
	u32 off;

	(void)state;
	off = mb1_entry(0, 20, MIB(1), MIB(8), MEM_AVAILABLE);
	off = mb1_entry(off, 20, 0xFFFFFFFFFFFFF000ULL, 0x2000, MEM_RESERVED);
	mb1_info(MB1_FLAGS_MMAP, off);
	expect_error(MB1_BOOT_MAGIC, INFO,
		     "memory map region wraps around (0xfffffffffffff000)");
}

/* Multiboot 2: tags appended at INFO + 8 by mb2_*, closed by mb2_end. */
static u64 tag;

static void mb2_begin(void)
{
	tag = INFO + 8;
}

static u64 mb2_tag(u32 type, u32 size)
{
	u64 t = tag;

	arena_w32(t, type);
	arena_w32(t + 4, size);
	tag += ALIGN_UP(size, 8);
	return t;
}

static void mb2_string(u32 type, const char *s)
{
	arena_wstr(mb2_tag(type, 8 + (u32)strlen(s) + 1) + 8, s);
}

struct mb2_entry {
	u64 base, len;
	u32 type;
};

static void mb2_mmap(const struct mb2_entry *e, int n, u32 esize)
{
	u64 t = mb2_tag(6, 16 + (u32)n * esize);
	int i;

	arena_w32(t + 8, esize);
	arena_w32(t + 12, 0);
	for (i = 0; i < n; i++) {
		arena_w64(t + 16 + i * esize, e[i].base);
		arena_w64(t + 16 + i * esize + 8, e[i].len);
		arena_w32(t + 16 + i * esize + 16, e[i].type);
		arena_w32(t + 16 + i * esize + 20, 0);
	}
}

static void mb2_end(void)
{
	mb2_tag(0, 8);
	arena_w32(INFO, (u32)(tag - INFO));
	arena_w32(INFO + 4, 0);
}

static const struct mb2_entry pc_map[] = {
	{ 0, 0x9FC00, MEM_AVAILABLE },
	{ 0x9FC00, 0x400, MEM_RESERVED },
	{ MIB(1), MIB(511), MEM_AVAILABLE },
	{ 0xFEC00000, 0x1000, MEM_RESERVED },
	{ GIB(4), GIB(2), MEM_AVAILABLE },
};

static void test_mb2_full(void **state)
{
	u64 t;

	(void)state;
	mb2_begin();
	mb2_string(1, "tests=pmd_* seed=3");
	mb2_string(2, "GRUB 2.12");
	t = mb2_tag(3, 16 + 6);
	arena_w32(t + 8, 0x400000);
	arena_w32(t + 12, 0x402001);
	arena_wstr(t + 16, "mod0");
	mb2_mmap(pc_map, ARRAY_SIZE(pc_map), 24);
	arena_w64(mb2_tag(12, 16) + 8, 0x7F000000);
	mb2_end();

	assert_int_equal(parse(MB2_BOOT_MAGIC, INFO), 0);
	assert_string_equal(err, "");
	assert_int_equal(bi.protocol, 2);
	assert_string_equal(bi.cmdline, "tests=pmd_* seed=3");
	assert_string_equal(bi.loader, "GRUB 2.12");
	assert_int_equal(bi.nr_regions, 5);
	assert_region(0, 0, 0x9FC00, MEM_AVAILABLE);
	assert_region(2, MIB(1), MIB(512), MEM_AVAILABLE);
	assert_region(4, GIB(4), GIB(6), MEM_AVAILABLE);
	assert_int_equal(bootinfo_available_bytes(&bi),
			 0x9FC00 + MIB(511) + GIB(2));
	assert_true(bi.efi);
	assert_false(bi.vga_text);
	assert_int_equal(bi.nr_reserved, 2);
	assert_true(has_reserved(INFO, ALIGN_UP(tag, PAGE_SIZE)));
	assert_true(has_reserved(0x400000, 0x403000));
}

static void test_mb2_efi_tags(void **state)
{
	(void)state;
	mb2_begin();
	mb2_mmap(pc_map, ARRAY_SIZE(pc_map), 24);
	mb2_end();
	assert_int_equal(parse(MB2_BOOT_MAGIC, INFO), 0);
	assert_false(bi.efi);
	assert_string_equal(bi.cmdline, "");

	mb2_begin();
	arena_w32(mb2_tag(11, 12) + 8, 0x7F000000);
	mb2_mmap(pc_map, ARRAY_SIZE(pc_map), 24);
	mb2_end();
	assert_int_equal(parse(MB2_BOOT_MAGIC, INFO), 0);
	assert_true(bi.efi);
}

static void mb2_framebuffer(u8 fb_type)
{
	u64 t = mb2_tag(8, 32);

	arena_w64(t + 8, 0xB8000);
	arena_w8(t + 28, 16);
	arena_w8(t + 29, fb_type);
}

static void test_mb2_framebuffer(void **state)
{
	(void)state;
	mb2_begin();
	mb2_framebuffer(2);
	mb2_mmap(pc_map, ARRAY_SIZE(pc_map), 24);
	mb2_end();
	assert_int_equal(parse(MB2_BOOT_MAGIC, INFO), 0);
	assert_true(bi.vga_text);

	mb2_begin();
	mb2_framebuffer(1);
	mb2_mmap(pc_map, ARRAY_SIZE(pc_map), 24);
	mb2_end();
	assert_int_equal(parse(MB2_BOOT_MAGIC, INFO), 0);
	assert_false(bi.vga_text);
}

/* A larger entry_size is a newer layout: step over the extra bytes. */
static void test_mb2_larger_entry_size(void **state)
{
	(void)state;
	mb2_begin();
	mb2_mmap(pc_map, ARRAY_SIZE(pc_map), 40);
	mb2_end();
	assert_int_equal(parse(MB2_BOOT_MAGIC, INFO), 0);
	assert_int_equal(bi.nr_regions, 5);
	assert_region(3, 0xFEC00000, 0xFEC01000, MEM_RESERVED);
	assert_region(4, GIB(4), GIB(6), MEM_AVAILABLE);
}

static void test_mb2_bad_entry_size(void **state)
{
	(void)state;
	mb2_begin();
	mb2_mmap(pc_map, ARRAY_SIZE(pc_map), 20);
	mb2_end();
	expect_error(MB2_BOOT_MAGIC, INFO,
		     "multiboot2 memory map has a bad entry size (0x14)");
	mb2_begin();
	mb2_mmap(pc_map, ARRAY_SIZE(pc_map), 28);
	mb2_end();
	expect_error(MB2_BOOT_MAGIC, INFO, "bad entry size (0x1c)");
}

static void test_mb2_tag_past_end(void **state)
{
	(void)state;
	mb2_begin();
	mb2_mmap(pc_map, ARRAY_SIZE(pc_map), 24);
	mb2_string(1, "iters=3");
	mb2_end();
	/* The command line tag claims 64 bytes more than there are. */
	arena_w32(INFO + 8 + 16 + 5 * 24 + 4, 8 + 8 + 64);
	expect_error(MB2_BOOT_MAGIC, INFO, "multiboot2 tag runs past the end");
	assert_contains(err, "(0x90)");
}

static void test_mb2_tag_too_small(void **state)
{
	(void)state;
	mb2_begin();
	mb2_tag(1, 4);
	mb2_mmap(pc_map, ARRAY_SIZE(pc_map), 24);
	mb2_end();
	expect_error(MB2_BOOT_MAGIC, INFO, "multiboot2 tag");
	assert_contains(err, "(0x8)");
}

static void test_mb2_no_mmap_tag(void **state)
{
	(void)state;
	mb2_begin();
	mb2_string(1, "iters=3");
	mb2_end();
	expect_error(MB2_BOOT_MAGIC, INFO, "no memory map (no multiboot2 tag 6)");
}

/* Parsing stops at the end tag: a memory map after it does not count. */
static void test_mb2_stops_at_end_tag(void **state)
{
	(void)state;
	mb2_begin();
	mb2_tag(0, 8);
	mb2_mmap(pc_map, ARRAY_SIZE(pc_map), 24);
	mb2_end();
	expect_error(MB2_BOOT_MAGIC, INFO, "no multiboot2 tag 6");
	assert_int_equal(bi.nr_regions, 0);
}

static void test_mb2_bad_total_size(void **state)
{
	(void)state;
	arena_w32(INFO, 8);
	expect_error(MB2_BOOT_MAGIC, INFO,
		     "multiboot2 information has a bad total size (0x8)");
	arena_w32(INFO, 2U << 20);
	expect_error(MB2_BOOT_MAGIC, INFO, "bad total size (0x200000)");
}

static void test_mb2_no_available_ram(void **state)
{
	static const struct mb2_entry map[] = {
		{ 0, MIB(1), MEM_RESERVED },
		{ MIB(1), MIB(64), MEM_NVS },
		{ MIB(65), MIB(64), MEM_BAD },
	};

	(void)state;
	mb2_begin();
	mb2_mmap(map, ARRAY_SIZE(map), 24);
	mb2_end();
	expect_error(MB2_BOOT_MAGIC, INFO, "memory map has no available RAM (0x3)");
}

/*
 * A command line without its NUL is not read past the tag's end, and one
 * cut anywhere (there, or at BI_CMDLINE_MAX) fails the boot: a run with the
 * tail of its options lost must not run at all.
 */
static void test_mb2_strings_bounded(void **state)
{
	char longer[BI_CMDLINE_MAX + 100];
	u64 t;

	(void)state;
	mb2_begin();
	t = mb2_tag(1, 8 + 4);
	memcpy(arena_va(t + 8), "abcdXXXX", 8);
	mb2_string(2, "loader name that is longer than sixty-four characters, "
		   "which is the limit");
	mb2_mmap(pc_map, ARRAY_SIZE(pc_map), 24);
	mb2_end();
	expect_error(MB2_BOOT_MAGIC, INFO, "command line is longer than");
	assert_string_equal(bi.cmdline, "abcd");
	assert_true(bi.cmdline_truncated);
	assert_int_equal(strlen(bi.loader), BI_LOADER_MAX - 1);
	assert_memory_equal(bi.loader, "loader name that", 16);

	memset(longer, 'c', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	mb2_begin();
	mb2_string(1, longer);
	mb2_mmap(pc_map, ARRAY_SIZE(pc_map), 24);
	mb2_end();
	expect_error(MB2_BOOT_MAGIC, INFO, "longer than the 4095 bytes");

	/* The longest line that fits arrives whole. */
	longer[BI_CMDLINE_MAX - 1] = '\0';
	mb2_begin();
	mb2_string(1, longer);
	mb2_mmap(pc_map, ARRAY_SIZE(pc_map), 24);
	mb2_end();
	assert_int_equal(parse(MB2_BOOT_MAGIC, INFO), 0);
	assert_false(bi.cmdline_truncated);
	assert_int_equal(strlen(bi.cmdline), BI_CMDLINE_MAX - 1);
	assert_int_equal(BI_CMDLINE_MAX, 4096);
}

/* Multiboot 1 the same: 4095 bytes arrive whole, 4096 fail the boot. */
static void test_mb1_cmdline_limit(void **state)
{
	const u64 str = ARENA_PA_BASE + 0x20000;
	char line[BI_CMDLINE_MAX + 1];

	(void)state;
	memset(line, 'x', sizeof(line) - 1);
	line[BI_CMDLINE_MAX - 1] = '\0';
	mb1_info((1U << 2) | (1U << 6), mb1_pc_map(20));
	arena_w32(INFO + 16, (u32)str);
	arena_wstr(str, line);
	assert_int_equal(parse(MB1_BOOT_MAGIC, INFO), 0);
	assert_int_equal(strlen(bi.cmdline), BI_CMDLINE_MAX - 1);

	line[BI_CMDLINE_MAX - 1] = 'x';
	line[BI_CMDLINE_MAX] = '\0';
	arena_wstr(str, line);
	expect_error(MB1_BOOT_MAGIC, INFO, "longer than the 4095 bytes");
}

static void test_mb2_regions_truncated(void **state)
{
	struct mb2_entry map[BI_MAX_REGIONS + 6];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(map); i++) {
		map[i].base = MIB(1) + i * MIB(2);
		map[i].len = MIB(1);
		map[i].type = MEM_AVAILABLE;
	}
	mb2_begin();
	mb2_mmap(map, ARRAY_SIZE(map), 24);
	mb2_end();
	assert_int_equal(parse(MB2_BOOT_MAGIC, INFO), 0);
	assert_int_equal(bi.nr_regions, BI_MAX_REGIONS);
	assert_true(bi.regions_truncated);
	assert_region(BI_MAX_REGIONS - 1, MIB(1) + (BI_MAX_REGIONS - 1) * MIB(2),
		      MIB(2) + (BI_MAX_REGIONS - 1) * MIB(2), MEM_AVAILABLE);
}

#define ARENA_TEST(f) \
	cmocka_unit_test_setup_teardown(f, arena_setup_garbage, arena_teardown_cb)

int main(void)
{
	const struct CMUnitTest tests[] = {
		ARENA_TEST(test_mb1_full),
		ARENA_TEST(test_mb1_cmdline_limit),
		ARENA_TEST(test_mb1_vga_text),
		ARENA_TEST(test_mb1_minimal),
		ARENA_TEST(test_mb1_larger_entries),
		ARENA_TEST(test_mb1_no_mmap_flag),
		ARENA_TEST(test_mb1_bad_entry_size),
		ARENA_TEST(test_mb1_entry_past_end),
		ARENA_TEST(test_bad_magic_and_null),
		ARENA_TEST(test_mb1_no_available_ram),
		ARENA_TEST(test_region_wraps),
		ARENA_TEST(test_mb2_full),
		ARENA_TEST(test_mb2_efi_tags),
		ARENA_TEST(test_mb2_framebuffer),
		ARENA_TEST(test_mb2_larger_entry_size),
		ARENA_TEST(test_mb2_bad_entry_size),
		ARENA_TEST(test_mb2_tag_past_end),
		ARENA_TEST(test_mb2_tag_too_small),
		ARENA_TEST(test_mb2_no_mmap_tag),
		ARENA_TEST(test_mb2_stops_at_end_tag),
		ARENA_TEST(test_mb2_bad_total_size),
		ARENA_TEST(test_mb2_no_available_ram),
		ARENA_TEST(test_mb2_strings_bounded),
		ARENA_TEST(test_mb2_regions_truncated),
	};

	return cmocka_run_group_tests_name("bootinfo", tests, NULL, NULL);
}
