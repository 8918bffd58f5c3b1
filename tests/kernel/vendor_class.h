/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_VENDOR_CLASS_H
#define TLBPROBE_VENDOR_CLASS_H

#include "tests/kernel/scenario.h"

/*
 * Where a scenario's class depends on the machine: the architecture (and
 * QEMU) invalidate differently, so a flush that is sufficient on one is not
 * on another.  Derived by the MMU model (docs/model.md); `make test` fails
 * when the model disagrees with this table and the catalogue.
 */
struct vendor_class {
	const char *scenario;
	const char *vendors;	/* comma-separated: intel, amd, amd-tce, tcg */
	enum sclass cls;
};

extern const struct vendor_class vendor_classes[];
extern const size_t nr_vendor_classes;

/*
 * Which column applies here: "tcg" under QEMU's TCG, "amd" on AMD (the
 * kernel runs with EFER.TCE=0 outside the .tce rows), else "intel".  The
 * model sets class_vendor_override to the vendor it models.
 */
extern const char *class_vendor_override;
const char *class_vendor(void);

/* The class of s on vendor: an exception from the table, else s->cls. */
enum sclass scenario_class_on(const struct scenario *s, const char *vendor);

#endif
