/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_SMP_COLLAPSE_H
#define TLBPROBE_SMP_COLLAPSE_H

#include "harness/scenario.h"

/*
 * The collapse of tests/kernel/collapse.h with two CPUs: the boot CPU
 * collapses a PTE page into a 2 MiB entry while another CPU holds
 * translations of the old mapping.  What differs between rows is how far
 * the flush between the clear and the free reaches.
 */
enum smp_flush {
	SMP_NONE,		/* no flush at all (28ee90fe6048) */
	SMP_PAGES_LOCAL,	/* INVLPG each old page, this CPU only */
	SMP_PAGES_ALL,		/* the same on every CPU by IPI, acknowledged */
	SMP_FULL_LOCAL,		/* full flush, this CPU only */
	SMP_FULL_ALL,		/* full flush on every CPU by IPI */
	SMP_INVLPGB,		/* INVLPGB broadcast of the old pages + TLBSYNC */
	SMP_INVLPGB_FINAL,	/* the same, final translations only */
	SMP_INVLPGB_NOSYNC,	/* INVLPGB without the TLBSYNC */
};

enum smp_remote {
	REMOTE_ANY,		/* the first other CPU */
	REMOTE_OTHER_TYPE,	/* hybrid: a core of another type than CPU 0 */
};

struct smp_param {
	enum smp_flush flush;
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

#endif
