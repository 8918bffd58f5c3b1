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

static const char usage[] =
	"usage: tlbprobe-model --vendor intel|amd|amd-tce|tcg [--tests GLOB[,GLOB]]\n"
	"       [--seed N] [--iters N] [--policy stalest|random]\n"
	"       [--invpcid0-psc path|all] [--invlpg-fractured keep|drop]\n"
	"       [--catalogue-only] [--table FILE]\n"
	"       [--machine default|random|KNOBS] [--mutant NAME|list]\n"
	"       [--psc-pde N] [--psc-pdpte N]\n"
	"Runs the experiments against the MMU model (docs/model.md) and prints\n"
	"the kernel's log with the allowed outcomes per probe category.\n"
	"--catalogue-only compares with the catalogue's class alone, without\n"
	"the rows' per-vendor classes (cls_on, harness/vendor_class.h).\n"
	"--table FILE appends the allowed outcomes, one per line, for the checker\n"
	"(profiles/model-allowed.table is made from several runs: make model-table).\n"
	"--machine random: a legal machine drawn from --seed (evictions, full\n"
	"flushes, cache sizes, fills, AMD's re-walk, the ambiguities' readings);\n"
	"--machine KNOBS: one given knob by knob (key=value,...: docs/model.md).\n"
	"--mutant NAME: a machine that breaks one invalidation rule; --mutant list\n"
	"lists them.  --psc-pde N, --psc-pdpte N: the knobs psc_cap_pde=N,\n"
	"psc_cap_pdpte=N (a PDE or PDPTE cache of N entries; 0: none).\n"
	"With either, a derived class that differs from the\n"
	"catalogue is printed but does not change the exit status.\n"
	"Exit: 0 classes agree, 1 a derived class differs from the catalogue\n"
	"(or a table store bypassed the model), 3 usage.\n";

struct model_opts {
	int vendor;
	const char *tests, *seed, *iters;
	enum mmu_policy policy;
	struct mmu_params par;
	bool catalogue_only;
	const char *table;
	bool legal;
	const char *knobs;	/* --machine KNOBS, NULL for random */
	int mutant;
};

/* Is w one of the space-separated words of list? */
static bool word_in(const char *list, const char *w)
{
	size_t n = strlen(w);

	for (const char *p = list; *p; p++)
		if ((p == list || p[-1] == ' ') && !strncmp(p, w, n) &&
		    (p[n] == ' ' || !p[n]))
			return true;
	return false;
}

static void list_mutants(void)
{
	for (int i = 1; i < MUT_NR; i++) {
		const struct mmu_mutant_info *mi = mmu_mutant_info(i);

		printf("%s\tvendors=%s\n\tbreaks: %s\n\tlike: %s\n", mi->name,
		       mi->vendors, mi->rule, mi->like);
		if (mi->uncatchable)
			printf("\tnot runnable: %s\n", mi->uncatchable);
		if (mi->weak)
			printf("\tweak: %s\n", mi->weak);
	}
}

static void die_usage(const char *what, const char *arg)
{
	fprintf(stderr, "tlbprobe-model: %s%s%s\n%s", what, arg ? ": " : "",
		arg ? arg : "", usage);
	exit(3);
}

static const char *value(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc)
		die_usage("missing value for", argv[*i]);
	return argv[++*i];
}

/* --psc-pde/--psc-pdpte N: a knob machine, appended to --machine KNOBS. */
static void psc_knob(struct model_opts *o, const char *opt, const char *v)
{
	static char knobs[256];
	size_t n;

	if (o->legal && !o->knobs)
		die_usage("--psc-pde and --psc-pdpte take no --machine random", v);
	if (o->knobs != knobs)
		snprintf(knobs, sizeof(knobs), "%.200s", o->knobs ? o->knobs : "");
	n = strlen(knobs);
	if (n < 200)
		snprintf(knobs + n, sizeof(knobs) - n, "%spsc_cap_%s=%.16s",
			 n ? "," : "", strcmp(opt, "--psc-pde") ? "pdpte" : "pde", v);
	o->legal = true;
	o->knobs = knobs;
}

static void parse(int argc, char **argv, struct model_opts *o)
{
	o->vendor = -1;
	o->policy = MMU_STALEST;
	mmu_params_default(&o->par);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v;

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage, stdout);
			exit(0);
		} else if (!strcmp(a, "--vendor")) {
			v = value(argc, argv, &i);
			o->vendor = mmu_vendor_parse(v);
			if (o->vendor < 0)
				die_usage("unknown vendor", v);
		} else if (!strcmp(a, "--table")) {
			o->table = value(argc, argv, &i);
		} else if (!strcmp(a, "--catalogue-only")) {
			o->catalogue_only = true;
		} else if (!strcmp(a, "--tests")) {
			o->tests = value(argc, argv, &i);
		} else if (!strcmp(a, "--seed")) {
			o->seed = value(argc, argv, &i);
		} else if (!strcmp(a, "--iters")) {
			o->iters = value(argc, argv, &i);
		} else if (!strcmp(a, "--policy")) {
			v = value(argc, argv, &i);
			if (!strcmp(v, "stalest"))
				o->policy = MMU_STALEST;
			else if (!strcmp(v, "random"))
				o->policy = MMU_RANDOM;
			else
				die_usage("policy must be stalest or random", v);
		} else if (!strcmp(a, "--machine")) {
			v = value(argc, argv, &i);
			o->legal = strcmp(v, "default") != 0;
			o->knobs = strcmp(v, "random") && o->legal ? v : NULL;
		} else if (!strcmp(a, "--psc-pde") || !strcmp(a, "--psc-pdpte")) {
			psc_knob(o, a, value(argc, argv, &i));
		} else if (!strcmp(a, "--mutant")) {
			v = value(argc, argv, &i);
			if (!strcmp(v, "list")) {
				list_mutants();
				exit(0);
			}
			o->mutant = mmu_mutant_parse(v);
			if (o->mutant < 0)
				die_usage("unknown mutant (--mutant list names them)", v);
		} else if (!strcmp(a, "--invpcid0-psc")) {
			v = value(argc, argv, &i);
			if (!strcmp(v, "path"))
				o->par.invpcid0_psc = INVPCID0_PSC_PATH;
			else if (!strcmp(v, "all"))
				o->par.invpcid0_psc = INVPCID0_PSC_ALL;
			else
				die_usage("--invpcid0-psc must be path or all", v);
		} else if (!strcmp(a, "--invlpg-fractured")) {
			v = value(argc, argv, &i);
			if (!strcmp(v, "keep"))
				o->par.invlpg_fractured = FRACTURED_KEEP;
			else if (!strcmp(v, "drop"))
				o->par.invlpg_fractured = FRACTURED_DROP;
			else
				die_usage("--invlpg-fractured must be keep or drop", v);
		} else {
			die_usage("unknown argument", a);
		}
	}
	if (o->vendor < 0)
		die_usage("--vendor is required", NULL);
	if (o->mutant > 0) {
		const struct mmu_mutant_info *mi = mmu_mutant_info(o->mutant);

		if (mi->uncatchable) {
			fprintf(stderr, "tlbprobe-model: mutant %s: %s\n",
				mi->name, mi->uncatchable);
			exit(3);
		}
		if (!word_in(mi->vendors, mmu_vendor_name(o->vendor)))
			die_usage("this mutant does not apply to the vendor",
				  mi->vendors);
	}
}

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
		die_usage(err, NULL);
	if (mo->tests && (strstr(mo->tests, "bench") ||
			  strstr(mo->tests, "selftest")))
		die_usage("bench and selftest scenarios measure or crash the "
			  "machine itself: not modelled", mo->tests);
	if (check_selection(opt->tests, err, sizeof(err)))
		die_usage(err, NULL);
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

	parse(argc, argv, &mo);
	kernel_options(&mo, &opt);
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	phys_map_offset = (uintptr_t)arena_map();
	if (mo.knobs && mmu_legal_parse(&legal, mo.knobs, opt.seed))
		die_usage("--machine takes default, random or knobs such as "
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
