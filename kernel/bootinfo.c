// SPDX-License-Identifier: MIT
/*
 * Multiboot 1 and 2 information: memory map, command line, loader name and
 * the ranges the loader itself occupies (the info block, modules).  The
 * structures are read in place through phys_to_virt(), so the host tests
 * can build them in an arena.
 */
#include "kernel/bootinfo.h"
#include "kernel/strutil.h"
#include "kernel/format.h"
#include "mm/phys.h"

#define MB1_FLAG_MEM		(1U << 0)
#define MB1_FLAG_CMDLINE	(1U << 2)
#define MB1_FLAG_MODS		(1U << 3)
#define MB1_FLAG_MMAP		(1U << 6)
#define MB1_FLAG_LOADER		(1U << 9)
#define MB1_FLAG_FRAMEBUFFER	(1U << 12)

#define MB2_TAG_END		0
#define MB2_TAG_CMDLINE		1
#define MB2_TAG_LOADER		2
#define MB2_TAG_MODULE		3
#define MB2_TAG_MMAP		6
#define MB2_TAG_FRAMEBUFFER	8
#define MB2_TAG_EFI32		11
#define MB2_TAG_EFI64		12
#define MB2_TAG_ACPI_OLD	14
#define MB2_TAG_ACPI_NEW	15
#define MB2_FB_EGA_TEXT		2

/* A loader that writes more than this is not one we understand. */
#define MB2_MAX_TOTAL		(1U << 20)

static u32 rd32(u64 pa)
{
	return *(const volatile u32 *)phys_to_virt(pa);
}

/* Multiboot 1 puts 8-byte fields at 4-byte alignment: read in halves. */
static u64 rd64(u64 pa)
{
	return rd32(pa) | ((u64)rd32(pa + 4) << 32);
}

/* Returns whether the string was cut to fit (size - 1 bytes and more). */
static bool copy_string(char *dst, size_t size, u64 pa)
{
	const volatile char *s = phys_to_virt(pa);
	size_t i;

	for (i = 0; i + 1 < size && s[i]; i++)
		dst[i] = s[i];
	dst[i] = '\0';
	return s[i] != '\0';
}

static void add_reserved(struct boot_info *bi, u64 start, u64 end)
{
	if (bi->nr_reserved < BI_MAX_RESERVED && end > start) {
		bi->reserved[bi->nr_reserved].start = ALIGN_DOWN(start, PAGE_SIZE);
		bi->reserved[bi->nr_reserved].end = ALIGN_UP(end, PAGE_SIZE);
		bi->reserved[bi->nr_reserved].type = MEM_RESERVED;
		bi->nr_reserved++;
	}
}

static void add_region(struct boot_info *bi, u64 base, u64 len, u32 type)
{
	if (!len)
		return;
	if (bi->nr_regions == BI_MAX_REGIONS) {
		bi->regions_truncated = true;
		return;
	}
	bi->regions[bi->nr_regions].start = base;
	bi->regions[bi->nr_regions].end = base + len;
	bi->regions[bi->nr_regions].type = type;
	bi->nr_regions++;
}

static int fail(char *err, size_t errlen, const char *what, u64 v)
{
	fmt_snprintf(err, errlen, "%s (0x%llx)", what, (unsigned long long)v);
	return -1;
}

static int mb1_parse_mmap(struct boot_info *bi, u64 addr, u32 len,
			  char *err, size_t errlen)
{
	u64 p = addr, end = (u64)addr + len;
	u32 size;

	if (!len || len > MB2_MAX_TOTAL)
		return fail(err, errlen, "multiboot1 memory map has a bad length", len);
	while (p + 4 <= end) {
		size = rd32(p);
		if (size < 20 || p + 4 + size > end)
			return fail(err, errlen,
				    "multiboot1 memory map entry has a bad size", size);
		add_region(bi, rd64(p + 4), rd64(p + 12), rd32(p + 20));
		p += 4 + size;
	}
	return 0;
}

static int mb1_parse(u64 info, struct boot_info *bi, char *err, size_t errlen)
{
	u32 flags = rd32(info);
	u32 i, count;
	u64 mods;

	bi->protocol = 1;
	add_reserved(bi, info, info + 120);
	if (flags & MB1_FLAG_CMDLINE)
		bi->cmdline_truncated =
			copy_string(bi->cmdline, sizeof(bi->cmdline), rd32(info + 16));
	if (flags & MB1_FLAG_LOADER)
		copy_string(bi->loader, sizeof(bi->loader), rd32(info + 64));
	if (flags & MB1_FLAG_MODS) {
		count = rd32(info + 20);
		mods = rd32(info + 24);
		add_reserved(bi, mods, mods + (u64)count * 16);
		for (i = 0; i < count && i < 8; i++)
			add_reserved(bi, rd32(mods + i * 16), rd32(mods + i * 16 + 4));
	}
	if (!(flags & MB1_FLAG_MMAP))
		return fail(err, errlen,
			    "boot loader gave no memory map (multiboot1 flags lack bit 6)",
			    flags);
	add_reserved(bi, rd32(info + 48), (u64)rd32(info + 48) + rd32(info + 44));
	/*
	 * A VGA text screen only where we know there is one: the loader says
	 * so, or it is one that boots only from a BIOS (QEMU's -kernel, iPXE's
	 * BIOS build: EFI iPXE cannot load multiboot images).
	 */
	bi->vga_text = ((flags & MB1_FLAG_FRAMEBUFFER) &&
			*(const volatile u8 *)phys_to_virt(info + 109) == MB2_FB_EGA_TEXT) ||
		       str_starts_with(bi->loader, "qemu") ||
		       str_starts_with(bi->loader, "iPXE");
	return mb1_parse_mmap(bi, rd32(info + 48), rd32(info + 44), err, errlen);
}

static int mb2_parse_mmap(struct boot_info *bi, u64 tag, u32 size,
			  char *err, size_t errlen)
{
	u32 esize;
	u64 p;

	if (size < 16)
		return fail(err, errlen, "multiboot2 memory map tag too short", size);
	esize = rd32(tag + 8);
	if (esize < 24 || (esize & 7))
		return fail(err, errlen,
			    "multiboot2 memory map has a bad entry size", esize);
	for (p = tag + 16; p + esize <= tag + size; p += esize)
		add_region(bi, rd64(p), rd64(p + 8), rd32(p + 16));
	return 0;
}

static int mb2_tag(struct boot_info *bi, u64 tag, u32 type, u32 size,
		   bool *have_mmap, char *err, size_t errlen)
{
	switch (type) {
	case MB2_TAG_CMDLINE:
		bi->cmdline_truncated = copy_string(bi->cmdline,
			MIN(sizeof(bi->cmdline), (size_t)size - 7), tag + 8);
		break;
	case MB2_TAG_LOADER:
		copy_string(bi->loader, MIN(sizeof(bi->loader), (size_t)size - 7),
			    tag + 8);
		break;
	case MB2_TAG_MODULE:
		add_reserved(bi, rd32(tag + 8), rd32(tag + 12));
		break;
	case MB2_TAG_MMAP:
		*have_mmap = true;
		return mb2_parse_mmap(bi, tag, size, err, errlen);
	case MB2_TAG_FRAMEBUFFER:
		if (size >= 30 && (*(const volatile u8 *)phys_to_virt(tag + 29)) ==
		    MB2_FB_EGA_TEXT)
			bi->vga_text = true;
		break;
	case MB2_TAG_EFI32:
	case MB2_TAG_EFI64:
		bi->efi = true;
		break;
	case MB2_TAG_ACPI_OLD:
	case MB2_TAG_ACPI_NEW:
		/* The new (XSDT) one wins whatever the order of the tags. */
		if (size >= 8 + 20 && (!bi->rsdp_pa || type == MB2_TAG_ACPI_NEW)) {
			bi->rsdp_pa = tag + 8;
			bi->rsdp_new = type == MB2_TAG_ACPI_NEW;
		}
		break;
	}
	return 0;
}

static int mb2_parse(u64 info, struct boot_info *bi, char *err, size_t errlen)
{
	u32 total = rd32(info);
	u64 tag = info + 8, end = info + total;
	bool have_mmap = false;
	u32 type, size;

	bi->protocol = 2;
	if (total < 16 || total > MB2_MAX_TOTAL)
		return fail(err, errlen, "multiboot2 information has a bad total size",
			    total);
	add_reserved(bi, info, end);
	while (tag + 8 <= end) {
		type = rd32(tag);
		size = rd32(tag + 4);
		if (type == MB2_TAG_END)
			break;
		if (size < 8 || tag + size > end)
			return fail(err, errlen, "multiboot2 tag runs past the end",
				    tag - info);
		if (type < 32)
			bi->mb2_tags |= 1U << type;
		if (mb2_tag(bi, tag, type, size, &have_mmap, err, errlen))
			return -1;
		tag += ALIGN_UP(size, 8);
	}
	if (!have_mmap)
		return fail(err, errlen,
			    "boot loader gave no memory map (no multiboot2 tag 6)",
			    total);
	return 0;
}

static int check_regions(struct boot_info *bi, char *err, size_t errlen)
{
	int i;

	for (i = 0; i < bi->nr_regions; i++)
		if (bi->regions[i].end < bi->regions[i].start)
			return fail(err, errlen, "memory map region wraps around",
				    bi->regions[i].start);
	if (!bootinfo_available_bytes(bi))
		return fail(err, errlen, "memory map has no available RAM",
			    (u64)bi->nr_regions);
	return 0;
}

int bootinfo_parse(u32 magic, u64 info_pa, struct boot_info *bi,
		   char *err, size_t errlen)
{
	int ret;

	*bi = (struct boot_info){ 0 };
	err[0] = '\0';
	if (!info_pa)
		return fail(err, errlen, "boot information pointer is null", 0);
	if (magic == MB1_BOOT_MAGIC)
		ret = mb1_parse(info_pa, bi, err, errlen);
	else if (magic == MB2_BOOT_MAGIC)
		ret = mb2_parse(info_pa, bi, err, errlen);
	else
		return fail(err, errlen, "not started by a multiboot loader: bad magic",
			    magic);
	if (!ret && bi->cmdline_truncated)
		return fail(err, errlen,
			    "the command line is longer than the 4095 bytes the kernel "
			    "takes, so none of it was used; the limit in hex",
			    BI_CMDLINE_MAX - 1);
	return ret ? ret : check_regions(bi, err, errlen);
}

u64 bootinfo_available_bytes(const struct boot_info *bi)
{
	u64 total = 0;
	int i;

	for (i = 0; i < bi->nr_regions; i++)
		if (bi->regions[i].type == MEM_AVAILABLE)
			total += bi->regions[i].end - bi->regions[i].start;
	return total;
}
