// SPDX-License-Identifier: MIT
/*
 * What the model saw: for every probe, the whole allowed set classified by
 * the kernel's own classify_read() against the experiment's expectation,
 * gathered per scenario and probe category; from that, each scenario's
 * derived class (correctness when every probe's allowed set is {coherent})
 * and its comparison with the catalogue.
 */
#include <stdio.h>
#include <string.h>

#include "model/observe.h"
#include "model/machine.h"
#include "model/cpus.h"
#include "kernel/console.h"
#include "kernel/traps.h"
#include "harness/vendor_class.h"

/*
 * Outcome kinds an allowed outcome can be, as the log names them: the
 * outcomes a read can be, then the faults by error code (both from
 * kernel/outcomes.def: model READ, FAULT_KIND).
 */
#define MODEL_READ(id, key) K_##id,
#define MODEL_FAULT(id, key)
#define MODEL_NONE(id, key)
#define OUTCOME(id, key, nc, split, rank, cell, label, psc, model, always) \
	MODEL_##model(id, key)
#define FAULT_KIND(id, key, mask, match) K_FAULT_##id,
enum kind {
#include "kernel/outcomes.def"
	K_NR,
};
#undef MODEL_READ
#undef FAULT_KIND

#define MODEL_READ(id, key) [K_##id] = #key,
#define FAULT_KIND(id, key, mask, match) [K_FAULT_##id] = #key,
static const char *const kind_names[K_NR] = {
#include "kernel/outcomes.def"
};
#undef MODEL_READ
#undef FAULT_KIND

/* VIA_* values 0, 2..5 as bit positions. */
static const char *const via_names[] = {
	[VIA_TLB] = "tlb", [1] = "?", [VIA_PDE] = "pde", [VIA_PDPTE] = "pdpte",
	[VIA_PML4E] = "pml4e", [VIA_CR3] = "cr3",
};
#define NR_VIA 6


struct cat_acc {
	u64 probes;
	u64 allowed;		/* bit kind * NR_VIA + via */
	u64 chosen[K_NR];
};

#define OBS_CPUS 2

/* cat: over every CPU; cpu_cat: each modelled CPU's own (smp rows). */
static struct {
	const struct scenario *s;
	const char *context;
	struct cat_acc cat[CAT_NR];
	struct cat_acc cpu_cat[OBS_CPUS][CAT_NR];
	bool remote;		/* a probe ran on CPU 1 */
	u64 probes;
} cur;

static struct obs_totals totals;
static bool catalogue_only;
static FILE *table;


/* The model's kinds for the classifier's outcomes that are not faults. */
static enum kind kind_of_read(enum outcome out)
{
	switch (out) {
#define MODEL_READ(id, key) case OUT_##id: return K_##id;
#define FAULT_KIND(id, key, mask, match)
#include "kernel/outcomes.def"
#undef MODEL_READ
#undef FAULT_KIND
	default:
		return K_UNKNOWN;
	}
}
#undef MODEL_FAULT
#undef MODEL_NONE
#undef OUTCOME

/* A fault's kind, decoded as the kernel's collapse rows count it. */
static enum kind kind_of_fault(u64 vector, u64 error)
{
	static const enum kind kinds[FAULT_NR] = {
#define FAULT_KIND(id, key, mask, match) [FAULT_##id] = K_FAULT_##id,
#include "kernel/outcomes.def"
#undef FAULT_KIND
	};

	return kinds[fault_kind_of(vector, error)];
}

static enum kind kind_of(const struct mmu_outcome *o, const struct expect *e)
{
	u64 v;

	if (o->fault)
		return kind_of_fault(VEC_PF, o->pf_error);
	if (!machine_peek(o->pa, &v))
		return K_UNKNOWN;
	return kind_of_read(classify_read(v, e));
}

static enum kind kind_of_probe(const struct probe_out *o)
{
	if (o->outcome == OUT_FAULT)
		return kind_of_fault(o->fault.vector, o->fault.error);
	return kind_of_read(o->outcome);
}

static void observe(const struct probe *p, const struct probe_out *o)
{
	const struct expect *e = p->expect;
	int c = p->cat, cpu;
	struct cat_acc *a;
	u64 set = 0;

	/* Warm-up reads and controls carry no category: not probes. */
	if (c == CAT_NONE || machine.last_va != p->va)
		return;
	cur.probes++;
	cpu = machine.cur != &machine.mmu;
	cur.remote |= cpu;
	for (int i = 0; i < machine.nr_last; i++)
		set |= 1ULL << (kind_of(&machine.last[i], e) * NR_VIA +
				machine.last[i].via);
	for (int u = 0; u < 2; u++) {
		a = u ? &cur.cpu_cat[cpu][c] : &cur.cat[c];
		a->probes++;
		a->allowed |= set;
		a->chosen[kind_of_probe(o)]++;
	}
}

static void print_set(u64 set)
{
	bool first = true;

	for (int k = 0; k < K_NR; k++)
		for (int v = 0; v < NR_VIA; v++)
			if (set & (1ULL << (k * NR_VIA + v))) {
				kprintf("%s%s@%s", first ? "" : ",", kind_names[k],
					via_names[v]);
				first = false;
			}
}

/* Only {coherent}, whichever way it was reached. */
static bool coherent_only(u64 set)
{
	return !(set & ~((1ULL << NR_VIA) - 1));
}

/*
 * One allowed thing per line, "vendor scenario category what", so that
 * tables from several runs (policies, seeds) merge with sort -u.  "*" is
 * the union over categories; reused_a: a walk through a freed table page
 * is allowed, so its accessed bits may be set (reused_a_pde: through a
 * stale PDE, into a reused PTE page; reused_a_pdpte: through a stale
 * PDPTE or above, into the reused PMD page).
 */
/* Whether some allowed kind was reached by one of the vias (bits). */
static bool via_any(u64 set, u64 vias)
{
	for (int k = 0; k < K_NR; k++)
		if (set & (vias << (k * NR_VIA)))
			return true;
	return false;
}

static void table_cat(const char *vendor, const char *name, const char *cat,
		      u64 set)
{
	for (int k = 0; k < K_NR; k++)
		if (set & (((1ULL << NR_VIA) - 1) << (k * NR_VIA)))
			fprintf(table, "%s %s %s %s\n", vendor, name, cat,
				kind_names[k]);
	if (via_any(set, (1ULL << VIA_PDE) | (1ULL << VIA_PDPTE) |
			 (1ULL << VIA_PML4E)))
		fprintf(table, "%s %s %s reused_a\n", vendor, name, cat);
	/* By level: in a reused PTE page (a stale PDE), a PMD page (above). */
	if (via_any(set, 1ULL << VIA_PDE))
		fprintf(table, "%s %s %s reused_a_pde\n", vendor, name, cat);
	if (via_any(set, (1ULL << VIA_PDPTE) | (1ULL << VIA_PML4E)))
		fprintf(table, "%s %s %s reused_a_pdpte\n", vendor, name, cat);
}

/*
 * The categories over every CPU, and for a row that probed on CPU 1 each
 * CPU's own ("cpu0.touched": what the flushing CPU may read).
 */
static void table_write(const struct scenario *s, const char *vendor)
{
	char name[48];
	u64 all = 0;

	for (int c = CAT_NONE + 1; c < CAT_NR; c++)
		if (cur.cat[c].probes) {
			table_cat(vendor, s->name, probe_cat_name((enum probe_cat)c), cur.cat[c].allowed);
			all |= cur.cat[c].allowed;
		}
	table_cat(vendor, s->name, "*", all);
	for (int cpu = 0; cpu < OBS_CPUS && cur.remote; cpu++)
		for (int c = CAT_NONE + 1; c < CAT_NR; c++)
			if (cur.cpu_cat[cpu][c].probes) {
				snprintf(name, sizeof(name), "cpu%d.%s", cpu,
					 probe_cat_name((enum probe_cat)c));
				table_cat(vendor, s->name, name,
					  cur.cpu_cat[cpu][c].allowed);
			}
}

static void print_cat(const char *name, int cpu, int c, const struct cat_acc *a)
{
	kprintf("%s# model: name=%s", report_indent(), name);
	if (cpu >= 0)
		kprintf(" cpu=%d", cpu);
	kprintf(" cat=%s probes=%llu allowed=", probe_cat_name((enum probe_cat)c),
		(unsigned long long)a->probes);
	print_set(a->allowed);
	kprintf(" chosen=");
	for (int k = 0, first = 1; k < K_NR; k++)
		if (a->chosen[k]) {
			kprintf("%s%s:%llu", first ? "" : ",", kind_names[k],
				(unsigned long long)a->chosen[k]);
			first = 0;
		}
	kputs("\n");
}

static void scenario_end(void)
{
	const struct scenario *s = cur.s;
	const char *vendor = mmu_vendor_name(machine.mmu.vendor);
	enum sclass want, got = CLASS_CORRECTNESS;

	if (!s || !cur.probes || s->cls == CLASS_CONTROL || s->cls == CLASS_BENCH)
		return;
	for (int c = CAT_NONE + 1; c < CAT_NR; c++) {
		const struct cat_acc *a = &cur.cat[c];

		if (!a->probes)
			continue;
		if (!coherent_only(a->allowed))
			got = CLASS_OBSERVATION;
		print_cat(s->name, -1, c, a);
	}
	for (int cpu = 0; cpu < OBS_CPUS && cur.remote; cpu++)
		for (int c = CAT_NONE + 1; c < CAT_NR; c++)
			if (cur.cpu_cat[cpu][c].probes)
				print_cat(s->name, cpu, c, &cur.cpu_cat[cpu][c]);
	if (table)
		table_write(s, vendor);
	want = scenario_class_on(s, catalogue_only ? NULL : vendor);
	kprintf("%s# model: name=%s vendor=%s catalogue=%s derived=%s%s\n",
		report_indent(), s->name, vendor, class_name(want), class_name(got),
		want == got ? "" : " MISMATCH");
	totals.derived++;
	if (want != got)
		totals.mismatches++;
}

static const struct scenario *find(const char *name)
{
	size_t nf;
	const struct family *const *fams = families_all(&nf);

	for (size_t f = 0; f < nf; f++)
		for (size_t i = 0; i < fams[f]->count; i++)
			if (!strcmp(fams[f]->scen[i].name, name))
				return &fams[f]->scen[i];
	return NULL;
}

/* The runner names the scenario before it runs and "runner" after. */
void traps_set_context(const char *scenario)
{
	if (!strcmp(scenario, "runner")) {
		scenario_end();
		cpus_park();
		memset(&cur, 0, sizeof(cur));
	} else {
		memset(&cur, 0, sizeof(cur));
		cur.s = find(scenario);
	}
	cur.context = scenario;
}

const char *traps_context(void)
{
	return cur.context ? cur.context : "runner";
}

void observe_start(bool ignore_vendor_table, FILE *table_file)
{
	table = table_file;
	catalogue_only = ignore_vendor_table;
	class_vendor_override = mmu_vendor_name(machine.mmu.vendor);
	fixture_probe_observer = observe;
}

const struct obs_totals *observe_totals(void)
{
	return &totals;
}
