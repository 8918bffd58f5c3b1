/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_SMP_COLLAPSE_H
#define TLBPROBE_SMP_COLLAPSE_H

#include "harness/scenario.h"
#include "mm/flush.h"

/*
 * The collapse of tests/kernel/collapse.h with two CPUs: the boot CPU
 * collapses a PTE page into a 2 MiB entry while another CPU holds
 * translations of the old mapping.  What differs between rows is how far
 * the flush between the clear and the free reaches.
 */
enum smp_remote {
	REMOTE_ANY,		/* the first other CPU */
	REMOTE_OTHER_TYPE,	/* hybrid: a core of another type than CPU 0 */
};

struct smp_param {
	/*
	 * Between the clear and the free: none, full or one of the region
	 * and cross-CPU kinds (mm/flush_kinds.def: invlpg_range, shootdown,
	 * shootdown_full, invlpgb, invlpgb_final, invlpgb_nosync).
	 */
	enum flush_kind flush;
	bool pcid;		/* remote warms in PCID 1, sits in PCID 2 */
	bool race;		/* remote reads in a loop through the change */
	enum smp_remote remote;
};

void run_smp_collapse(const struct scenario *s, struct scen_ctx *c,
		      struct scen_result *r);
/* Control: the remote CPU's probe reads a fresh page and faults on a hole. */
void run_smp_remote_probe(const struct scenario *s, struct scen_ctx *c,
			  struct scen_result *r);
const char *skip_smp_collapse(const struct scenario *s, struct scen_ctx *c);
void smp_params(const struct scenario *s, struct row_params *p);

#endif
