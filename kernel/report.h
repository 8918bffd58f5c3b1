/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_REPORT_H
#define TLBPROBE_REPORT_H

#include "kernel/types.h"
#include "kernel/classify.h"

enum sclass {
	CLASS_CONTROL,
	CLASS_CORRECTNESS,
	CLASS_OBSERVATION,
	CLASS_BENCH,
	/* The row's class per vendor is the model's (harness/vendor_class.h). */
	CLASS_DERIVED,
};

#define RESULT_EXTRA_MAX 640

/*
 * What a row does, as its "# result:" line states it (docs/log-format.md,
 * "Parameters"; one field per key of kernel/row_params.def, which gives
 * the order they are printed in), filled from the row's own data by the family
 * (scenario.params).  NULL, or PARAM_NA, where the row has no such
 * parameter (the runner starts each row from ROW_PARAMS_NONE); the
 * checker selects and cites by these, never by the name.
 */
#define PARAM_NA (-1)
#define ROW_PARAMS_NONE ((struct row_params){ .global = PARAM_NA,	\
	.pcid = PARAM_NA, .tce = PARAM_NA, .revert = PARAM_NA,		\
	.inplace = PARAM_NA, .race = PARAM_NA })
struct row_params {
	const char *level;	/* the level whose entry changes: pte, pmd, pud */
	const char *flush;	/* a mm/flush_kinds.def name */
	const char *flush_at;	/* first, last, outside: the address flushed */
	const char *warm;	/* plain, linux */
	const char *reuse;	/* what a freed table page comes back as */
	const char *remote;	/* which other CPU holds the old mapping */
	s8 global, pcid, tce;	/* 0 or 1 */
	s8 revert, inplace, race;	/* 0 or 1 */
	u8 cpus;		/* CPUs the row uses; 0: not stated */
};


struct scen_result {
	const char *skip;	/* reason, when the scenario could not run */
	bool error;		/* could not set up: counts as a failure */
	bool pass;		/* the scenario's own check (controls, correctness) */
	u64 iters;
	struct histogram h;
	struct histogram cat[CAT_NR];	/* the same probes by category */
	char extra[RESULT_EXTRA_MAX];	/* more " key=value" fields */
	/*
	 * Whether this machine can show the bug at all (docs/log-format.md,
	 * "# caching:"): witness, a row built to show paging-structure
	 * caching where the machine has it; psc_seen, it did.
	 */
	bool witness;
	bool psc_seen;
	/*
	 * A control whose check failed only because this machine did not
	 * show what the architecture allows but does not require (a stale
	 * TLB entry, a cached translation): why, and it is inconclusive
	 * rather than failed.
	 */
	const char *inconclusive;
	/*
	 * The independent units behind the bounds (docs/log-format.md,
	 * "Bounds"): one collapse seen by one CPU, not one probe, since the
	 * probes of an iteration share its cached entries.  units: units
	 * closed (iterations, times the CPUs that read in SMP rows);
	 * unit_out[o]: units with a read of outcome o; per category, units
	 * with a probe there and units with a stale read there (stale_tlb,
	 * stale_walk, stale_walk_pdpte or walk_fault).  cur_*: the open
	 * unit's marks.
	 */
	u64 units;
	u64 unit_out[OUT_NR];
	u64 cat_units[CAT_NR], cat_stale[CAT_NR];
	u32 cur_out, cur_cat, cur_stale;
	/* The row with the same steps and no flush, where one ran ("" none). */
	const char *twin;
	struct row_params params;
};

const char *class_name(enum sclass c);
/* " level=pmd flush=invlpg ... cpus=1": the result line's parameters. */
#define ROW_PARAMS_MAX 200
void row_params_format(const struct row_params *p, char *buf, size_t len);
/* The same on the console (kernel/row_params.c). */
void row_params_print(const struct row_params *p);
/* Where the report stands: what a diagnostic line starts with. */
const char *report_indent(void);

void report_begin(void);
void report_plan(int n);
void report_family_begin(const char *name, int nscen);
void report_family_end(const char *name);
void report_scenario_start(const char *name);
void report_progress(const char *name, u64 iter, u64 total);
void report_scenario_end(int index, const char *name, enum sclass cls,
			 const struct scen_result *r);
/* Totals, the summary table and the done marker; true if the run passed. */
bool report_finish(void);
/* An unexpected trap in the middle of a scenario: close the run failed. */
void report_abort(const char *why);
/* Fail the run without a scenario (bad boot information, bad options). */
void report_fatal(const char *why);

/*
 * (kernel/zero_bound.c) The exact 95% upper bound on a rate of which none in n were seen,
 * 1 - 0.05^(1/n) (Clopper-Pearson, one-sided), in parts per 10^9; and a
 * share in parts per 10^9 printed as a percentage ("0.073%").
 */
u64 zero_bound_ppb(u64 n);
void fmt_pct(char *buf, size_t len, u64 ppb);
/*
 * A finished row's units and the most units any stale outcome had (a
 * lower estimate of those with one): false if no row of that name ran.
 */
bool report_row_units(const char *name, u64 *units, u64 *stale);

/*
 * Set by a program that models a machine without paging-structure caches
 * (build/tlbprobe-model --vendor tcg): its "# caching:" line says absent,
 * as under QEMU's TCG.
 */
extern bool report_no_psc;

/*
 * One read counted in the row's histogram and its category's, and marked
 * in the open unit; result_unit_end() closes the unit (an iteration, or
 * one CPU's reads of it).
 */
void result_read(struct scen_result *r, enum probe_cat cat, bool touched,
		 enum outcome o);
/* The same for n reads of one outcome (n = 0: nothing). */
void result_reads(struct scen_result *r, enum probe_cat cat, bool touched,
		  enum outcome o, u64 n);
void result_unit_end(struct scen_result *r);

/* Append " key=value" to a result's extra fields. */
void result_kv(struct scen_result *r, const char *key, u64 value);
void result_kv_str(struct scen_result *r, const char *key, const char *value);

#endif
