/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_BOOTINFO_H
#define TLBPROBE_BOOTINFO_H

#include "kernel/types.h"

#define MB1_BOOT_MAGIC	0x2BADB002U
#define MB2_BOOT_MAGIC	0x36D76289U

#define BI_MAX_REGIONS	64
#define BI_MAX_RESERVED	16
/*
 * GRUB and QEMU pass command lines of several KiB; 4095 bytes is the
 * documented limit (README.md), and a longer one fails the run rather than
 * run with its tail cut off.
 */
#define BI_CMDLINE_MAX	4096
#define BI_LOADER_MAX	64

enum mem_type {
	MEM_AVAILABLE = 1,
	MEM_RESERVED = 2,
	MEM_ACPI = 3,
	MEM_NVS = 4,
	MEM_BAD = 5,
};

struct mem_range {
	u64 start;
	u64 end;		/* exclusive */
	u32 type;
};

struct boot_info {
	int protocol;		/* 1 or 2 */
	struct mem_range regions[BI_MAX_REGIONS];
	int nr_regions;
	bool regions_truncated;
	/* Loader-owned memory the allocator must never hand out. */
	struct mem_range reserved[BI_MAX_RESERVED];
	int nr_reserved;
	char cmdline[BI_CMDLINE_MAX];
	bool cmdline_truncated;	/* the loader's line did not fit */
	char loader[BI_LOADER_MAX];
	bool vga_text;		/* a VGA text screen is believed present */
	bool efi;		/* booted from UEFI firmware (EFI tags seen) */
	u32 mb2_tags;		/* bit N: a multiboot2 tag of type N was given */
	/* The loader's copy of the ACPI RSDP (multiboot2 tags 14, 15), or 0. */
	u64 rsdp_pa;
	bool rsdp_new;		/* from tag 15 (ACPI 2.0+ RSDP) */
};

/*
 * Parse the information a multiboot loader left at physical address
 * info_pa.  Returns 0 on success; otherwise a negative value with a
 * human-readable reason in err.
 */
int bootinfo_parse(u32 magic, u64 info_pa, struct boot_info *bi,
		   char *err, size_t errlen);
u64 bootinfo_available_bytes(const struct boot_info *bi);

#endif
