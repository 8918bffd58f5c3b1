/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_VENDOR_CLASS_H
#define TLBPROBE_VENDOR_CLASS_H

/*
 * Classes that depend on the machine.  The architecture (and QEMU)
 * invalidate differently, so a flush that is sufficient on one machine is
 * not on another.  A row whose class is CLASS_DERIVED takes it, per
 * vendor, from the MMU model's derivation (docs/model.md), compiled in as
 * harness/derived_classes.c by `make model-table`; `make model-test` fails
 * while that file differs from what the model derives now.
 */
#include "harness/scenario.h"

/* The vendors the model derives classes for: the table's columns. */
enum class_vendor_id {
	CV_INTEL,
	CV_AMD,
	CV_AMD_TCE,		/* AMD with EFER.TCE kept on (model only) */
	CV_TCG,
	CV_NR,
};

/*
 * One row of the generated table: the class the model derived on each
 * vendor, CLASS_DERIVED where it does not run the row (it skips there).
 */
struct derived_class {
	const char *name;
	enum sclass on[CV_NR];
};

extern const struct derived_class derived_classes[];
extern const size_t derived_classes_count;

/* "intel", "amd", "amd-tce", "tcg"; CV_NR for any other name. */
enum class_vendor_id class_vendor_id(const char *vendor);
const char *class_vendor_name(enum class_vendor_id v);

/*
 * Which vendor's column applies here: "tcg" under QEMU's TCG, "amd" on AMD
 * (the kernel keeps EFER.TCE=0 outside the .tce rows), "intel" otherwise.
 * A program that models a machine sets class_vendor_override.
 */
extern const char *class_vendor_override;
const char *class_vendor(void);

/* The row named name of table t (n rows), or NULL. */
const struct derived_class *derived_class_find(const struct derived_class *t,
					       size_t n, const char *name);

/*
 * d's class on vendor: what the model derived there; on a vendor where it
 * does not run the row (or d is NULL), the class every vendor it ran on
 * agrees on, else observation (the reading that allows more).
 */
enum sclass derived_class_on(const struct derived_class *d, const char *vendor);

/*
 * The class of s on vendor: s->cls where the row states it, else its row
 * of derived_classes[] (vendor NULL: as if that table were empty).
 */
enum sclass scenario_class_on(const struct scenario *s, const char *vendor);

#endif
