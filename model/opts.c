// SPDX-License-Identifier: MIT
/*
 * The command line of build/tlbprobe-model, parsed with getopt_long: one
 * row of long_opts[] and one case of apply() per option, and one line in
 * usage[] (--help prints it).  The kernel's own parser checks the values
 * of --tests, --seed and --iters (model/main.c: kernel_options()).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/opts.h"

static const char usage[] =
	"usage: tlbprobe-model --vendor VENDOR [OPTION]...\n"
	"Runs the experiments against the MMU model (docs/model.md) and prints\n"
	"the kernel's log with the allowed outcomes per probe category.\n"
	"\n"
	"  --vendor intel|amd|amd-tce|tcg  the machine modelled (required)\n"
	"  --tests GLOB[,GLOB]   the rows to run (the kernel's tests=)\n"
	"  --seed N              the kernel's seed= (and the random machine's)\n"
	"  --iters N             the kernel's iters=\n"
	"  --policy stalest|random  which cached entry a lookup uses\n"
	"  --invpcid0-psc path|all  what INVPCID type 0 drops from the PSC\n"
	"  --invlpg-fractured keep|drop  fractured entries after INVLPG\n"
	"  --catalogue-only      compare with the catalogue's class alone,\n"
	"                        without the compiled-in derived classes\n"
	"                        (harness/derived_classes.c)\n"
	"  --table FILE          append the allowed outcomes, one per line, for\n"
	"                        the checker (make model-table makes\n"
	"                        profiles/model-allowed.table from several runs)\n"
	"  --machine default|random|KNOBS  random: a legal machine drawn from\n"
	"                        --seed (evictions, full flushes, cache sizes,\n"
	"                        fills, AMD's re-walk, the ambiguities' readings);\n"
	"                        KNOBS: one given knob by knob (key=value,...:\n"
	"                        docs/model.md)\n"
	"  --mutant NAME|list    a machine that breaks one invalidation rule;\n"
	"                        list names them\n"
	"  --psc-pde N, --psc-pdpte N  a PDE (PDPTE) cache of N entries (0:\n"
	"                        none): the knobs psc_cap_pde=N, psc_cap_pdpte=N\n"
	"  -h, --help            print this and exit\n"
	"\n"
	"With --machine or --mutant, a derived class that differs from the\n"
	"catalogue is printed but does not change the exit status.\n"
	"Exit: 0 classes agree, 1 a derived class differs from the catalogue\n"
	"(or a table store bypassed the model), 3 usage.\n";

enum {
	OPT_VENDOR = 256, OPT_TESTS, OPT_SEED, OPT_ITERS, OPT_POLICY,
	OPT_INVPCID0_PSC, OPT_INVLPG_FRACTURED, OPT_CATALOGUE_ONLY,
	OPT_TABLE, OPT_MACHINE, OPT_MUTANT,
	OPT_PSC_PDE, OPT_PSC_PDPTE,
};

static const struct option long_opts[] = {
	{ "vendor",		required_argument, NULL, OPT_VENDOR },
	{ "tests",		required_argument, NULL, OPT_TESTS },
	{ "seed",		required_argument, NULL, OPT_SEED },
	{ "iters",		required_argument, NULL, OPT_ITERS },
	{ "policy",		required_argument, NULL, OPT_POLICY },
	{ "invpcid0-psc",	required_argument, NULL, OPT_INVPCID0_PSC },
	{ "invlpg-fractured",	required_argument, NULL, OPT_INVLPG_FRACTURED },
	{ "catalogue-only",	no_argument,	   NULL, OPT_CATALOGUE_ONLY },
	{ "table",		required_argument, NULL, OPT_TABLE },
	{ "machine",		required_argument, NULL, OPT_MACHINE },
	{ "mutant",		required_argument, NULL, OPT_MUTANT },
	{ "psc-pde",		required_argument, NULL, OPT_PSC_PDE },
	{ "psc-pdpte",		required_argument, NULL, OPT_PSC_PDPTE },
	{ "help",		no_argument,	   NULL, 'h' },
	{ 0 }
};

_Noreturn void model_die_usage(const char *what, const char *arg)
{
	fprintf(stderr, "tlbprobe-model: %s%s%s\n%s", what, arg ? ": " : "",
		arg ? arg : "", usage);
	exit(3);
}

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

/* Index of v in the NULL-terminated words[], or die naming the choices. */
static int choice(const char *v, const char *const *words, const char *what)
{
	for (int i = 0; words[i]; i++)
		if (!strcmp(v, words[i]))
			return i;
	model_die_usage(what, v);
}

static void set_machine(struct model_opts *o, const char *v)
{
	if (!*v)
		model_die_usage("--machine needs default, random or knobs", NULL);
	o->legal = strcmp(v, "default") != 0;
	o->knobs = strcmp(v, "random") && o->legal ? v : NULL;
}

static void set_mutant(struct model_opts *o, const char *v)
{
	if (!strcmp(v, "list")) {
		list_mutants();
		exit(0);
	}
	o->mutant = mmu_mutant_parse(v);
	if (o->mutant < 0)
		model_die_usage("unknown mutant (--mutant list names them)", v);
}

/* --psc-pde/--psc-pdpte N: a knob machine, appended to --machine KNOBS. */
static void set_psc_cap(struct model_opts *o, bool pde, const char *v)
{
	static char knobs[256];
	size_t n;

	if (o->legal && !o->knobs)
		model_die_usage("--psc-pde and --psc-pdpte take no --machine random", v);
	if (o->knobs != knobs)
		snprintf(knobs, sizeof(knobs), "%.200s", o->knobs ? o->knobs : "");
	n = strlen(knobs);
	if (n < 200)
		snprintf(knobs + n, sizeof(knobs) - n, "%spsc_cap_%s=%.16s",
			 n ? "," : "", pde ? "pde" : "pdpte", v);
	o->legal = true;
	o->knobs = knobs;
}

static void apply(struct model_opts *o, int opt, const char *v)
{
	static const char *const policies[] = { "stalest", "random", NULL };
	static const char *const psc[] = { "path", "all", NULL };
	static const char *const fractured[] = { "keep", "drop", NULL };

	switch (opt) {
	case OPT_VENDOR:
		o->vendor = mmu_vendor_parse(v);
		if (o->vendor < 0)
			model_die_usage("unknown vendor (intel, amd, amd-tce or tcg)", v);
		break;
	case OPT_TESTS:
		o->tests = v;
		break;
	case OPT_SEED:
		o->seed = v;
		break;
	case OPT_ITERS:
		o->iters = v;
		break;
	case OPT_POLICY:
		o->policy = choice(v, policies, "--policy must be stalest or random") ?
			    MMU_RANDOM : MMU_STALEST;
		break;
	case OPT_INVPCID0_PSC:
		o->par.invpcid0_psc = choice(v, psc, "--invpcid0-psc must be path or all") ?
				      INVPCID0_PSC_ALL : INVPCID0_PSC_PATH;
		break;
	case OPT_INVLPG_FRACTURED:
		o->par.invlpg_fractured =
			choice(v, fractured, "--invlpg-fractured must be keep or drop") ?
			FRACTURED_DROP : FRACTURED_KEEP;
		break;
	case OPT_CATALOGUE_ONLY:
		o->catalogue_only = true;
		break;
	case OPT_TABLE:
		if (!*v)
			model_die_usage("--table needs a file name", NULL);
		o->table = v;
		break;
	case OPT_MACHINE:
		set_machine(o, v);
		break;
	case OPT_MUTANT:
		set_mutant(o, v);
		break;
	case OPT_PSC_PDE:
	case OPT_PSC_PDPTE:
		set_psc_cap(o, opt == OPT_PSC_PDE, v);
		break;
	}
}

/* A mutant runs only where its rule exists and some row can show it. */
static void check_mutant(const struct model_opts *o)
{
	const struct mmu_mutant_info *mi = mmu_mutant_info(o->mutant);

	if (mi->uncatchable) {
		fprintf(stderr, "tlbprobe-model: mutant %s: %s\n", mi->name,
			mi->uncatchable);
		exit(3);
	}
	if (!word_in(mi->vendors, mmu_vendor_name(o->vendor)))
		model_die_usage("this mutant does not apply to the vendor",
				mi->vendors);
}

void model_opts_parse(int argc, char **argv, struct model_opts *o)
{
	int c;

	o->vendor = -1;
	o->policy = MMU_STALEST;
	mmu_params_default(&o->par);
	opterr = 0;	/* the messages below name the option and the fix */
	while ((c = getopt_long(argc, argv, ":h", long_opts, NULL)) != -1) {
		if (c == 'h') {
			fputs(usage, stdout);
			exit(0);
		} else if (c == ':') {
			model_die_usage("missing value for", argv[optind - 1]);
		} else if (c == '?' && optopt >= OPT_VENDOR) {
			model_die_usage("this option takes no value",
					argv[optind - 1]);
		} else if (c == '?') {
			model_die_usage("unknown or ambiguous option",
					argv[optind - 1]);
		}
		apply(o, c, optarg);
	}
	if (optind < argc)
		model_die_usage("unexpected argument", argv[optind]);
	if (o->vendor < 0)
		model_die_usage("--vendor is required", NULL);
	if (o->mutant > 0)
		check_mutant(o);
}
