// SPDX-License-Identifier: MIT
/*
 * build/tlbprobe-model: the experiment code (the same sources as the
 * kernel) run against the MMU model, printing the kernel's own log with
 * the allowed outcomes of every probe category and each scenario's class
 * as the model derives it.  docs/model.md.
 *
 * Exit status: 0 when every derived class agrees with the catalogue and
 * the model saw every table store through the seam, 1 when not, 3 on a
 * usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "model/machine.h"
#include "model/observe.h"
#include "model/opts.h"
#include "model/cpus.h"
#include "kernel/cmdline.h"
#include "kernel/console.h"
#include "kernel/format.h"
#include "kernel/hw.h"
#include "kernel/report.h"
#include "mm/frame_alloc.h"
#include "mm/phys.h"
#include "harness/scenario.h"

/* Physical memory: 3 GiB, so that a 1 GiB-aligned GiB is free for PUD rows. */
#define MODEL_RAM	GIB(3)

/* The kernel's own option parser checks the values (ranges, patterns). */
static void kernel_options(const struct model_opts *mo, struct options *opt)
{
	char line[OPT_TESTS_MAX + 128], err[2048];

	fmt_snprintf(line, sizeof(line), "%s%s %s%s %s%s",
		     mo->tests ? "tests=" : "", mo->tests ? mo->tests : "",
		     mo->seed ? "seed=" : "", mo->seed ? mo->seed : "",
		     mo->iters ? "iters=" : "", mo->iters ? mo->iters : "");
	options_default(opt);
	if (cmdline_parse(line, opt, err, sizeof(err)))
		model_die_usage(err, NULL);
	if (mo->tests && (strstr(mo->tests, "bench") ||
			  strstr(mo->tests, "selftest")))
		model_die_usage("bench and selftest scenarios measure or crash the "
			  "machine itself: not modelled", mo->tests);
	if (check_selection(opt->tests, err, sizeof(err)))
		model_die_usage(err, NULL);
}

static void *arena_map(void)
{
	void *a = mmap(NULL, MODEL_RAM, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (a == MAP_FAILED) {
		perror("tlbprobe-model: mmap of the physical-memory arena");
		exit(1);
	}
	return a;
}

int main(int argc, char **argv)
{
	static u8 bitmap[MODEL_RAM / PAGE_SIZE / 8];
	static const struct mem_range ram[] = {
		{ MIB(1), MODEL_RAM, MEM_AVAILABLE },
	};
	struct model_opts mo = { 0 };
	struct options opt;
	struct frame_alloc fa;
	struct pgt pgt;
	const struct obs_totals *t;
	FILE *table = NULL;
	struct mmu_legal legal = { 0 };
	char knobs[256];
	bool pass;

	model_opts_parse(argc, argv, &mo);
	kernel_options(&mo, &opt);
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	phys_map_offset = (uintptr_t)arena_map();
	if (mo.knobs && mmu_legal_parse(&legal, mo.knobs, opt.seed))
		model_die_usage("--machine takes default, random or knobs such as "
			  "fill_ppm=500000,psc_cap_pde=0 (docs/model.md)", mo.knobs);
	else if (mo.legal && !mo.knobs)
		mmu_legal_draw(&legal, &mo.par, mo.vendor, opt.seed);
	machine_init(mo.vendor, &mo.par, mo.policy, opt.seed, 0, MODEL_RAM);
	machine.mmu.legal = legal;
	machine.mmu.mutant = mo.mutant;
	falloc_init(&fa, bitmap, sizeof(bitmap), ram, 1, NULL, 0);
	if (pgt_init(&pgt, &fa, hw_flush)) {
		fprintf(stderr, "tlbprobe-model: no frame for the root table\n");
		return 1;
	}
	machine_start(pgt.root_pa);
	/* The tcg model has no paging-structure caches, as QEMU's TCG. */
	report_no_psc = mo.vendor == MMU_TCG;
	report_begin();
	kprintf("# tlbprobe-model: the experiments against the MMU model (docs/model.md)\n");
	kprintf("# env: accel=model vendor=%s policy=%s invpcid0_psc=%s "
		"invlpg_fractured=%s seed=%llu iters=%u\n",
		mmu_vendor_name(mo.vendor),
		mo.policy == MMU_STALEST ? "stalest" : "random",
		mo.par.invpcid0_psc == INVPCID0_PSC_PATH ? "path" : "all",
		mo.par.invlpg_fractured == FRACTURED_KEEP ? "keep" : "drop",
		(unsigned long long)opt.seed, opt.iters);
	if (mo.legal) {
		mmu_legal_describe(&legal, knobs, sizeof(knobs));
		kprintf("# model: machine=%s %s\n", mo.knobs ? "given" : "random",
			knobs);
	}
	if (mo.mutant)
		kprintf("# model: mutant=%s breaks=\"%s\"\n",
			mmu_mutant_info(mo.mutant)->name,
			mmu_mutant_info(mo.mutant)->rule);
	if (mo.table) {
		table = fopen(mo.table, "a");
		if (!table) {
			perror(mo.table);
			return 3;
		}
	}
	observe_start(mo.catalogue_only, table);
	{
		struct scen_ctx ctx = { .pgt = &pgt, .fa = &fa, .opt = &opt };

		pass = run_selected(&ctx);
	}
	t = observe_totals();
	/* CPU 1's model checks the same tables: its misses count too. */
	machine.mmu.bypassed += cpus_remote_bypassed();
	printf("# model: vendor=%s derived=%d mismatches=%d bypassed_stores=%llu "
	       "reads=%llu walks=%llu kernel_verdict=%s\n",
	       mmu_vendor_name(mo.vendor), t->derived, t->mismatches,
	       (unsigned long long)machine.mmu.bypassed,
	       (unsigned long long)machine.mmu.reads,
	       (unsigned long long)machine.mmu.walks, pass ? "pass" : "fail");
	fflush(stdout);
	if (table && fclose(table)) {
		perror(mo.table);
		return 1;
	}
	/* A store the model did not see may hide what it should have allowed. */
	if (machine.mmu.bypassed)
		fprintf(stderr, "tlbprobe-model: %llu page-table words changed "
			"without the hardware seam (kernel/hw.h)\n",
			(unsigned long long)machine.mmu.bypassed);
	if (mo.legal)
		printf("# model: machine evicted=%llu flushed=%llu unfilled=%llu "
		       "rewalked=%llu\n",
		       (unsigned long long)machine.mmu.legal.evicted,
		       (unsigned long long)machine.mmu.legal.flushed,
		       (unsigned long long)machine.mmu.legal.unfilled,
		       (unsigned long long)machine.mmu.legal.rewalked);
	/* A machine that keeps less (or breaks a rule) derives other classes. */
	if (mo.legal || mo.mutant)
		return machine.mmu.bypassed ? 1 : 0;
	return t->mismatches || machine.mmu.bypassed ? 1 : 0;
}
