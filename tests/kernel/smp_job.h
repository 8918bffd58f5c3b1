/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_SMP_JOB_H
#define TLBPROBE_SMP_JOB_H

/*
 * What the smp family's files share: the job both CPUs work on, and the
 * counts one row adds up.  The engine is smp_collapse.c, the steps that
 * run on the remote CPU are smp_ops.c, the race loop is smp_race.c.
 */
#include "tests/kernel/smp_collapse.h"
#include "tests/kernel/fixture.h"
#include "kernel/smp_call.h"

#define TOUCH		8
#define UNTOUCH		8
#define NPROBES		(TOUCH + UNTOUCH)
#define SLOT_PAGES	(PMD_SIZE / PAGE_SIZE)
#define PCID_WARM	1
#define PCID_AWAY	2

enum phase { PH_OLD, PH_CLEARED, PH_FLUSHED, PH_REUSED, PH_HUGE, PH_DONE };

/* The phases after the flush, where race reads are judged (smp_race.c). */
#define NR_JUDGED	3

struct probe_pt {
	u64 va;
	u64 small;		/* what the small page held at va */
	bool touched;
};

struct cpu_counts {
	u64 n[OUT_NR];
	u64 touched_stale_tlb, untouched_stale_tlb;
};

/*
 * The race's reads: judged only where the phase was the same before and
 * after the read (straddling reads are counted apart) and the flush had
 * been done (reads before it are allowed anything the old tables gave,
 * and are counted apart, not as coherent).  The row's unit is the
 * iteration; per phase, phase_read and phase_bad mark whether this
 * iteration had a judged read there and a non-coherent one, for bounds
 * per phase.
 */
struct race_counts {
	u64 reads, before_flush, straddle, fault_ok, new_ok;
	struct histogram h;
	u32 phase_read, phase_bad;
};

/* Shared with the remote CPU: static, never on a stack (smp_call.h). */
struct smp_job {
	struct scen_ctx *c;
	const char *name;
	u64 it;
	enum outcome want;
	struct probe_pt pt[NPROBES];
	struct expect after[NPROBES];
	enum outcome out[NPROBES];
	bool warm_ok;
	u64 root;
	volatile int phase;
	volatile bool racing;
	struct race_counts race;
};

extern struct smp_job smp_job;

struct totals {
	struct cpu_counts local, remote;
	u64 missing, reused_a, lost_calls;
	u64 race_reads, race_before_flush, race_straddle, race_fault_ok;
	u64 race_new_ok;
	/* Per judged phase: iterations with a judged read, with a bad one. */
	u64 phase_units[NR_JUDGED], phase_bad[NR_JUDGED];
};

/* smp_ops.c: the reads and PCID moves, on whichever CPU runs them. */
bool smp_warm_here(void);
void smp_probe_here(void);
void smp_op_warm(void *arg);
void smp_op_probe(void *arg);
void smp_op_pcid_enter(void *arg);
void smp_op_pcid_away(void *arg);
void smp_op_pcid_back(void *arg);
void smp_op_pcid_leave(void *arg);
int smp_call_remote(int cpu, smp_fn fn, struct totals *t);

/* smp_race.c */
/* Each race phase is held this long, so that the reader sees every one. */
#define RACE_PHASE_US	50
void smp_set_phase(int ph, bool race);
const char *smp_race(struct scen_ctx *c, const struct fixture_frames *fx,
		     const struct smp_param *p, int remote, u64 base,
		     u64 table, u64 huge_pa, struct scen_result *r,
		     struct totals *t);
void smp_add_race_counts(struct scen_result *r, const struct totals *t);

/* smp_collapse.c: the steps both the rows and the control use. */
const char *smp_collapse_step(struct scen_ctx *c,
			      const struct fixture_frames *fx,
			      const struct smp_param *p, u64 base, u64 table,
			      u64 huge_pa, u64 *missing);
void smp_flush_all_cpus(u64 *missing);
int smp_pick_remote(const struct smp_param *p);
void smp_count(struct scen_result *r, struct cpu_counts *k,
	       enum probe_cat cat, bool touched, enum outcome o);
void smp_add_counts(struct scen_result *r, const struct totals *t,
		    int remote, const struct smp_param *p);

#endif
