// SPDX-License-Identifier: MIT
/*
 * Just enough ACPI to find the processors: the RSDP, the RSDT or XSDT, and
 * the MADT's local APIC and local x2APIC entries (ACPI 6.5 5.2.5-5.2.12).
 * Every table is checked (signature, length, checksum) before use: a bad
 * table means "no ACPI", which means one CPU, never a guess.
 */
#include "kernel/acpi.h"
#include "kernel/format.h"
#include "mm/phys.h"

#define SDT_HEADER_LEN	36
#define RSDP_V1_LEN	20
#define RSDP_V2_LEN	36
/* Far more than any MADT or XSDT; a length beyond is a corrupt table. */
#define SDT_MAX_LEN	(1U << 20)
#define MADT_REV_ONLINE_CAPABLE 5	/* ACPI 6.3: flags bit 1 defined */

static u8 rd8(u64 pa)
{
	return *(const volatile u8 *)phys_to_virt(pa);
}

static u32 rd32(u64 pa)
{
	return rd8(pa) | (u32)rd8(pa + 1) << 8 | (u32)rd8(pa + 2) << 16 |
	       (u32)rd8(pa + 3) << 24;
}

static u64 rd64(u64 pa)
{
	return rd32(pa) | (u64)rd32(pa + 4) << 32;
}

static bool sum_zero(u64 pa, u32 len)
{
	u8 sum = 0;

	for (u32 i = 0; i < len; i++)
		sum = (u8)(sum + rd8(pa + i));
	return sum == 0;
}

static bool sig_is(u64 pa, const char *sig, int n)
{
	for (int i = 0; i < n; i++)
		if (rd8(pa + (u64)i) != (u8)sig[i])
			return false;
	return true;
}

bool acpi_rsdp_valid(u64 pa)
{
	u32 len;

	if (!sig_is(pa, "RSD PTR ", 8) || !sum_zero(pa, RSDP_V1_LEN))
		return false;
	if (rd8(pa + 15) < 2)
		return true;
	len = rd32(pa + 20);
	return len >= RSDP_V2_LEN && len < 4096 && sum_zero(pa, len);
}

u64 acpi_scan_rsdp(u64 start, u64 end)
{
	for (u64 pa = ALIGN_UP(start, 16); pa + RSDP_V2_LEN <= end; pa += 16)
		if (acpi_rsdp_valid(pa))
			return pa;
	return 0;
}

/* The table at pa if it is whole, below limit and checksummed; else 0. */
static u32 table_len(u64 pa, u64 limit)
{
	u32 len;

	if (!pa || pa + SDT_HEADER_LEN > limit)
		return 0;
	len = rd32(pa + 4);
	if (len < SDT_HEADER_LEN || len > SDT_MAX_LEN || pa + len > limit ||
	    !sum_zero(pa, len))
		return 0;
	return len;
}

static void add_cpu(struct acpi_info *ai, u32 apic_id, u32 uid, u32 flags,
		    bool x2)
{
	/* Some firmware lists a CPU twice (types 0 and 9): keep the first. */
	for (int i = 0; i < ai->nr_cpus; i++)
		if (ai->cpu[i].apic_id == apic_id)
			return;
	ai->nr_listed++;
	if (ai->nr_cpus == ACPI_MAX_CPUS)
		return;
	ai->cpu[ai->nr_cpus++] = (struct acpi_cpu){
		.apic_id = apic_id, .uid = uid, .flags = flags,
		.x2apic_entry = x2,
	};
}

static void parse_madt(u64 madt, u32 len, struct acpi_info *ai)
{
	u64 p = madt + SDT_HEADER_LEN + 8, end = madt + len;
	/* Before ACPI 6.3 bit 1 is reserved: it must not mean anything. */
	u32 mask = rd8(madt + 8) >= MADT_REV_ONLINE_CAPABLE ?
		   MADT_ENABLED | MADT_ONLINE_CAPABLE : MADT_ENABLED;
	u8 type, elen;

	ai->have_madt = true;
	ai->lapic_pa = rd32(madt + SDT_HEADER_LEN);
	ai->pcat_compat = rd32(madt + SDT_HEADER_LEN + 4) & 1;
	while (p + 2 <= end) {
		type = rd8(p);
		elen = rd8(p + 1);
		if (elen < 2 || p + elen > end)
			break;
		if (type == 0 && elen >= 8)
			add_cpu(ai, rd8(p + 3), rd8(p + 2), rd32(p + 4) & mask,
				false);
		else if (type == 9 && elen >= 16)
			add_cpu(ai, rd32(p + 4), rd32(p + 12), rd32(p + 8) & mask,
				true);
		else if (type == 5 && elen >= 12)
			ai->lapic_pa = rd64(p + 4);
		p += elen;
	}
}

static int fail(char *err, size_t errlen, const char *what, u64 v)
{
	fmt_snprintf(err, errlen, "%s (0x%llx)", what, (unsigned long long)v);
	return -1;
}

int acpi_parse(u64 rsdp_pa, u64 limit_pa, struct acpi_info *ai,
	       char *err, size_t errlen)
{
	u64 root, entry;
	u32 len, n, esize;

	ai->rsdp_pa = rsdp_pa;
	if (!acpi_rsdp_valid(rsdp_pa))
		return fail(err, errlen, "the RSDP has a bad signature or checksum",
			    rsdp_pa);
	ai->revision = rd8(rsdp_pa + 15);
	for (int i = 0; i < 6; i++)
		ai->oem_id[i] = (char)rd8(rsdp_pa + 9 + (u64)i);
	ai->oem_id[6] = 0;
	ai->xsdt = ai->revision >= 2 && rd64(rsdp_pa + 24);
	root = ai->xsdt ? rd64(rsdp_pa + 24) : rd32(rsdp_pa + 16);
	esize = ai->xsdt ? 8 : 4;
	len = table_len(root, limit_pa);
	if (!len || !sig_is(root, ai->xsdt ? "XSDT" : "RSDT", 4))
		return fail(err, errlen, ai->xsdt ?
			    "the XSDT is missing, corrupt or out of reach" :
			    "the RSDT is missing, corrupt or out of reach", root);
	n = (len - SDT_HEADER_LEN) / esize;
	for (u32 i = 0; i < n; i++) {
		u64 at = root + SDT_HEADER_LEN + (u64)i * esize;
		u32 tlen;

		entry = esize == 8 ? rd64(at) : rd32(at);
		if (entry + 4 > limit_pa || !sig_is(entry, "APIC", 4))
			continue;
		tlen = table_len(entry, limit_pa);
		if (tlen < SDT_HEADER_LEN + 8)
			return fail(err, errlen, "the MADT is corrupt", entry);
		parse_madt(entry, tlen, ai);
		return 0;
	}
	return fail(err, errlen, "no MADT (APIC table) in the root table", root);
}

const char *acpi_cpu_state(const struct acpi_cpu *c)
{
	if (c->flags & MADT_ENABLED)
		return "enabled";
	/* ACPI 6.3 5.2.12.2: not enabled now, but the OS may bring it up later. */
	if (c->flags & MADT_ONLINE_CAPABLE)
		return "online-capable";
	return "disabled";
}
