/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_ACPI_H
#define TLBPROBE_ACPI_H

#include "kernel/types.h"

/*
 * The processors the firmware lists in the ACPI MADT (ACPI 6.5 5.2.12):
 * local APIC (type 0) and local x2APIC (type 9) entries.  Tables are read
 * in place through phys_to_virt(), so the host tests can build them in an
 * arena.
 */
#define ACPI_MAX_CPUS	256

/* MADT flags, ACPI 6.5 table 5.23. */
#define MADT_ENABLED		(1U << 0)
#define MADT_ONLINE_CAPABLE	(1U << 1)

struct acpi_cpu {
	u32 apic_id;
	u32 uid;		/* ACPI processor UID */
	u32 flags;		/* MADT_* */
	bool x2apic_entry;	/* listed by a type 9 entry */
};

struct acpi_info {
	u64 rsdp_pa;
	const char *rsdp_from;	/* "mb2-new", "mb2-old", "ebda", "bios" */
	u8 revision;		/* RSDP revision: 0 ACPI 1.0, 2+ with XSDT */
	char oem_id[7];		/* RSDP OEMID, space padded, NUL ended */
	bool xsdt;		/* the table list came from the XSDT */
	bool have_madt;
	u64 lapic_pa;		/* MADT field, or its type 5 override */
	bool pcat_compat;	/* dual 8259s present (MADT flags bit 0) */
	struct acpi_cpu cpu[ACPI_MAX_CPUS];
	int nr_cpus;		/* entries kept */
	int nr_listed;		/* entries the MADT has (may exceed nr_cpus) */
};

/* The checksummed RSDP in [start, end) on 16-byte boundaries, or 0. */
u64 acpi_scan_rsdp(u64 start, u64 end);
/* Whether the RSDP at pa has the signature and valid checksums. */
bool acpi_rsdp_valid(u64 pa);
/*
 * Read the RSDP at rsdp_pa, its RSDT or XSDT and the MADT.  Tables that
 * end at or above limit_pa cannot be read and count as absent.  Returns
 * 0, or -1 with the reason in err (no valid table, no MADT, ...).
 */
int acpi_parse(u64 rsdp_pa, u64 limit_pa, struct acpi_info *ai,
	       char *err, size_t errlen);
/* "enabled", "online-capable" (may be hot-added) or "disabled". */
const char *acpi_cpu_state(const struct acpi_cpu *c);

#endif
