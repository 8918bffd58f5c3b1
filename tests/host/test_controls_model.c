// SPDX-License-Identifier: MIT
/*
 * control.stale_tlb and control.ad_cached judged on machines the
 * architecture permits: the experiment code of the kernel run
 * on the MMU model's machine (model/machine.c), as build/tlbprobe-model
 * runs it, with the legal-machine knobs (model/mmu_legal.c) set by hand.
 * A machine that keeps some stale entries and evicts others must pass;
 * one that keeps none is inconclusive, never failed and never passed.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "tests/host/host_test.h"
#include "model/machine.h"
#include "harness/scenario.h"
#include "kernel/cmdline.h"
#include "kernel/hw.h"
#include "mm/flush.h"
#include "mm/frame_alloc.h"
#include "mm/phys.h"

#define RAM	GIB(3)

static u8 bitmap[RAM / PAGE_SIZE / 8];
static struct frame_alloc fa;
static struct pgt pgt;
static struct options opt;
static void *arena;

/* One machine for the group; each test sets its knobs (boot()). */
static int group_setup(void **state)
{
	static const struct mem_range ram[] = { { MIB(1), RAM, MEM_AVAILABLE } };

	(void)state;
	arena = mmap(NULL, RAM, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (arena == MAP_FAILED)
		return -1;
	phys_map_offset = (uintptr_t)arena;
	machine_init(MMU_INTEL, NULL, MMU_STALEST, 1, 0, RAM);
	falloc_init(&fa, bitmap, sizeof(bitmap), ram, 1, NULL, 0);
	if (pgt_init(&pgt, &fa, hw_flush))
		return -1;
	machine_start(pgt.root_pa);
	options_default(&opt);
	opt.iters = 16;
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	mmu_destroy(&machine.mmu);
	munmap(arena, RAM);
	return 0;
}

/* The knobs of the machine from now on, from an empty cache. */
static void boot(const struct mmu_legal *l)
{
	struct flush_req full = { .kind = FLUSH_FULL };

	hw_flush(&full);
	machine.mmu.legal = *l;
}

static const struct scenario *find(const char *name)
{
	size_t nf;
	const struct family *const *f = families_all(&nf);

	for (size_t i = 0; i < nf; i++)
		for (size_t j = 0; j < f[i]->count; j++)
			if (!strcmp(f[i]->scen[j].name, name))
				return &f[i]->scen[j];
	fail_msg("no scenario %s", name);
	return NULL;
}

static struct scen_result run(const char *name)
{
	const struct scenario *s = find(name);
	struct scen_ctx c = { .pgt = &pgt, .fa = &fa, .opt = &opt };
	struct scen_result r = { 0 };

	rng_seed(&c.rng, 7);
	s->run(s, &c, &r);
	assert_false(r.error);
	return r;
}

/* Reads pick at random among the allowed outcomes: some stale, some not. */
static const struct mmu_legal mixed = {
	.on = true, .fill_ppm = 1000000, .stalest_ppm = 0,
	.psc_cap = { -1, -1, -1, -1, -1 }, .tlb_cap = -1,
};
/* Keeps nothing stale: every read is the current walk. */
static const struct mmu_legal keeps_nothing = {
	.on = true, .fill_ppm = 1000000, .stalest_ppm = 1000000,
	.psc_cap = { 0, 0, 0, 0, 0 }, .tlb_cap = 0,
};

static void test_stale_tlb_mixed_passes(void **state)
{
	struct scen_result r;
	u64 stale, coherent;

	(void)state;
	boot(&mixed);
	r = run("control.stale_tlb");
	stale = hist_count(&r.h, OUT_STALE_TLB);
	coherent = hist_count(&r.h, OUT_COHERENT);
	/* The machine really mixed them (else the test shows nothing). */
	assert_true(stale > 0 && coherent > 0);
	assert_int_equal(stale + coherent, hist_total(&r.h));
	assert_true(r.pass);
	assert_null(r.inconclusive);
	assert_non_null(strstr(r.extra, "stale_iters="));
}

static void test_stale_tlb_none_inconclusive(void **state)
{
	struct scen_result r;

	(void)state;
	boot(&keeps_nothing);
	r = run("control.stale_tlb");
	assert_int_equal(hist_count(&r.h, OUT_COHERENT), hist_total(&r.h));
	assert_false(r.pass);
	assert_non_null(r.inconclusive);
	assert_non_null(strstr(r.inconclusive, "no stale TLB entry observed"));
	assert_non_null(strstr(r.extra, "stale_iters=0"));
}

static void test_ad_cached_mixed_passes(void **state)
{
	struct scen_result r;

	(void)state;
	boot(&mixed);
	r = run("control.ad_cached");
	assert_true(r.pass);
	assert_null(r.inconclusive);
	/* Some iterations walked again and set A: allowed, and still a pass. */
	assert_non_null(strstr(r.extra, "a_clear_iters="));
	assert_null(strstr(r.extra, "a_clear_iters=16 "));
}

static void test_ad_cached_none_inconclusive(void **state)
{
	struct scen_result r;

	(void)state;
	boot(&keeps_nothing);
	r = run("control.ad_cached");
	assert_false(r.pass);
	assert_non_null(r.inconclusive);
	assert_non_null(strstr(r.extra, "a_clear_iters=0"));
}

/* The other controls are untouched by the mixing: negatives stay coherent. */
static void test_negatives_still_pass(void **state)
{
	(void)state;
	boot(&mixed);
	assert_true(run("control.remap_invlpg").pass);
	assert_true(run("control.remap_cr3").pass);
	assert_true(run("control.fresh_map").pass);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stale_tlb_mixed_passes),
		cmocka_unit_test(test_stale_tlb_none_inconclusive),
		cmocka_unit_test(test_ad_cached_mixed_passes),
		cmocka_unit_test(test_ad_cached_none_inconclusive),
		cmocka_unit_test(test_negatives_still_pass),
	};

	return cmocka_run_group_tests_name("controls_model", tests, group_setup,
					   group_teardown);
}
