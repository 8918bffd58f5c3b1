/* SPDX-License-Identifier: MIT */
/*
 * Shared by the architectural check's files: arch.c (the outcomes, the
 * findings, the run), arch_table.c (the model's table), arch_tce.c (AMD's
 * EFER.TCE under a hypervisor), arch_cpu.c (the smp rows per CPU).
 */
#ifndef CHECKER_ARCH_INTERNAL_H
#define CHECKER_ARCH_INTERNAL_H

#include "arch.h"

#define ARCH_TABLE_NAME "model-allowed.table"

/* arch_table.c: false when no table was found or it is empty. */
bool arch_table_load(void);
/* Whether the table has the per-level reused_a_pde/_pdpte lines. */
bool arch_table_per_level(void);
/* Whether the table has the row for vendor at all. */
bool arch_known(const char *vendor, const char *name);
/*
 * Whether it allows what (NULL: anything) in category cat ("*": the
 * union; "cpu0.*": every category of modelled CPU 0).
 */
bool arch_allows_in(const char *vendor, const char *name, const char *cat,
		    const char *what);
bool arch_allows(const char *vendor, const char *name, const char *what);
/* The allowed whats of the category, comma-separated. */
void arch_allowed_list(const char *vendor, const char *name, const char *cat,
		       char *buf, size_t len);

/* arch_violation.c: one finding, what=n in category cat at the log's line. */
void arch_violation_in(struct judgement *j, size_t idx,
		       const struct scenario *s, const char *vendor,
		       const char *cat, size_t line, const char *what,
		       long long n);
/* Every check of one row against vendor's table. */
typedef void arch_judge_fn(struct judgement *j, size_t idx,
			   const struct scenario *s, const char *vendor);
arch_judge_fn arch_judge_one;

/* arch_tce.c */
bool arch_tce_ambiguous(const struct run *r, const char *vendor,
			const struct scenario *s);
/* judge: arch_judge_one, handed in (arch.c uses this file). */
void arch_judge_either_tce(struct judgement *j, size_t idx,
			   const struct scenario *s, size_t nsc,
			   arch_judge_fn *judge);

/* arch_cpu.c: an smp row's local_* and remote_* counts, per CPU. */
void arch_judge_cpus(struct judgement *j, size_t idx, const struct scenario *s,
		     const char *vendor);

#endif
