/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_CMDLINE_H
#define TLBPROBE_CMDLINE_H

#include "kernel/types.h"

#define OPT_TESTS_MAX	256

enum on_done {
	ON_DONE_DEFAULT,	/* exit under QEMU, halt elsewhere */
	ON_DONE_HALT,
	ON_DONE_REBOOT,
	ON_DONE_EXIT,
};

struct options {
	char tests[OPT_TESTS_MAX];	/* comma-separated globs */
	u32 iters;
	/*
	 * iters=auto (docs/log-format.md, "iters=auto"): each row runs until
	 * its bound reaches target_ppb (target=, parts per 10^9) or budget_s
	 * (budget=, seconds per row) is spent, iters at most.  iters_set:
	 * iters= was given (else auto is the default on KVM and bare metal).
	 */
	bool iters_auto, iters_set;
	u64 target_ppb;
	u32 budget_s;
	u64 seed;
	bool list;
	bool verbose;
	/* console=ttyS0..3[,baud] or console=mmio,0xADDR[,baud] */
	u16 console_io;
	u64 console_mmio;
	u32 console_baud;
	enum on_done on_done;
	u32 cpus;			/* CPUs to run on; 0: every one the MADT enables */
	bool x2apic;			/* x2APIC mode even if the firmware left xAPIC */
};

#define OPT_ITERS_DEFAULT	16
#define OPT_ITERS_MAX		1000000
#define OPT_TARGET_DEFAULT_PPB	10000000ULL	/* 1% */
#define OPT_BUDGET_DEFAULT_S	60
#define OPT_BUDGET_MAX_S	86400
#define OPT_SEED_DEFAULT	1
#define OPT_CPUS_MAX		256

void options_default(struct options *o);
/*
 * Parse a kernel command line.  A first word that looks like a path (the
 * kernel's own file name, which some loaders include) is skipped.  Returns
 * 0, or -1 with a message in err that names the problem and what is valid.
 */
int cmdline_parse(const char *line, struct options *o, char *err, size_t errlen);
const char *on_done_name(enum on_done d);
/* The help text: every option, one line each. */
extern const char cmdline_help[];

#endif
