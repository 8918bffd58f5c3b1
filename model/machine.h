/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_MODEL_MACHINE_H
#define TLBPROBE_MODEL_MACHINE_H

/*
 * The machine the experiments run on inside build/tlbprobe-model: the MMU
 * model (model/mmu.h) behind the operations the experiments use to reach
 * the CPU, with the host arena as physical memory.
 */
#include "model/mmu.h"

struct machine {
	struct mmu mmu;		/* CPU 0, the boot CPU */
	struct mmu *cur;	/* the CPU running now (model/cpus.c) */
	enum mmu_policy policy;
	struct rng rng;
	/* The allowed set of the last read, for model/observe.c. */
	struct mmu_outcome last[MMU_MAX_OUTCOMES];
	int nr_last;
	u64 last_va;
	u64 arena_lo, arena_hi;	/* physical addresses the arena holds */
};

extern struct machine machine;

/*
 * Set up the arena ([lo, hi) physical) and the MMU for vendor; the CPU
 * features the catalogue gates on follow the vendor.
 */
void machine_init(enum mmu_vendor v, const struct mmu_params *par,
		  enum mmu_policy pol, u64 seed, u64 lo, u64 hi);
/* Load CR3 and CR4 as the kernel runs them: the root, PGE on. */
void machine_start(u64 root_pa);
/* The word at physical pa, or false when pa is not arena memory. */
bool machine_peek(u64 pa, u64 *val);

#endif
