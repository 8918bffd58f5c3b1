/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_VENDOR_CLASS_H
#define TLBPROBE_VENDOR_CLASS_H

/*
 * Classes that depend on the machine.  The architecture (and QEMU)
 * invalidate differently, so a flush that is sufficient on one machine is
 * not on another; the MMU model (docs/model.md) derives each scenario's
 * class per vendor and `make test` fails when a row says otherwise.
 */
#include "harness/scenario.h"

/*
 * Which vendor's column applies here: "tcg" under QEMU's TCG, "amd" on AMD
 * (the kernel keeps EFER.TCE=0 outside the .tce rows), "intel" otherwise.
 * A program that models a machine sets class_vendor_override.
 */
extern const char *class_vendor_override;
const char *class_vendor(void);

/* The class of s on vendor: its exception for vendor, else s->cls. */
enum sclass scenario_class_on(const struct scenario *s, const char *vendor);

#endif
