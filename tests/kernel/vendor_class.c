// SPDX-License-Identifier: MIT
#include "tests/kernel/vendor_class.h"
#include "kernel/cpu.h"
#include "kernel/strutil.h"

#define OBS CLASS_OBSERVATION
#define COR CLASS_CORRECTNESS

/* Each row: what `build/tlbprobe-model --vendor V` derives (docs/model.md). */
const struct vendor_class vendor_classes[] = {
	/* EFER.TCE=1: INVLPG keeps the PDEs of the other 2 MiB slots. */
	{ "linux.5e0fb5df2ee8.pud", "amd-tce", OBS },
	/* QEMU: a CR3 write drops global entries too. */
	{ "pmd_collapse.cr3.global", "tcg", COR },
	{ "pud_collapse.cr3.global", "tcg", COR },
	{ "pmd_split.clear_cr3.global", "tcg", COR },
	/* QEMU: INVLPG inside the span of cached large pages flushes all. */
	{ "pmd_split.inplace_invlpg", "tcg", COR },
	/*
	 * QEMU has no paging-structure caches, and the Linux warm-up leaves
	 * no TLB entry a probe reads: nothing stale can show.
	 */
	{ "linux.28ee90fe6048", "tcg", COR },
	{ "linux.28ee90fe6048.pud", "tcg", COR },
	{ NULL, NULL, CLASS_CONTROL },
};

const char *class_vendor_override;

const size_t nr_vendor_classes = ARRAY_SIZE(vendor_classes) - 1;

const char *class_vendor(void)
{
	if (class_vendor_override)
		return class_vendor_override;
	if (str_eq(cpu_accel_name(&cpu_info), "tcg"))
		return "tcg";
	if (str_eq(cpu_info.vendor, "AuthenticAMD") ||
	    str_eq(cpu_info.vendor, "HygonGenuine"))
		return "amd";
	return "intel";
}

static bool in_list(const char *list, const char *name)
{
	const char *p = list;

	while (*p) {
		const char *n = name;

		while (*n && *p == *n) {
			p++;
			n++;
		}
		if (!*n && (!*p || *p == ','))
			return true;
		while (*p && *p != ',')
			p++;
		if (*p)
			p++;
	}
	return false;
}

enum sclass scenario_class_on(const struct scenario *s, const char *vendor)
{
	for (size_t i = 0; i < nr_vendor_classes; i++)
		if (str_eq(vendor_classes[i].scenario, s->name) &&
		    in_list(vendor_classes[i].vendors, vendor))
			return vendor_classes[i].cls;
	return s->cls;
}
