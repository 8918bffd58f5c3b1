/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_CONTROLS_H
#define TLBPROBE_CONTROLS_H

/*
 * The control family's rows (controls.c) and the machine-check detectors
 * they run (controls_mce.c); a row's variant is its control_kind.
 */
#include "harness/scenario.h"

enum control_kind {
	CTRL_FRESH_MAP,
	CTRL_CANARY_PTE,
	CTRL_UNKNOWN_VALUE,
	CTRL_FAULT_UNMAPPED,
	CTRL_STALE_TLB,
	CTRL_REMAP_INVLPG,
	CTRL_REMAP_CR3,
	CTRL_REMAP_FULL,
	CTRL_RSVD_FAULT,
	CTRL_AD_FRESH_WALK,
	CTRL_AD_CACHED,
	CTRL_MCE_LOGGED,
	CTRL_MCE_RAISED,
	CTRL_NR,
};

/* controls_mce.c: mce_logged and mce_raised. */
void run_mce_control(const struct scenario *s, struct scen_ctx *c,
		     struct scen_result *r);
const char *skip_mce(const struct scenario *s, struct scen_ctx *c);

#endif
