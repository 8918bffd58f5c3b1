// SPDX-License-Identifier: MIT
/*
 * The smp rows per CPU: the kernel counts each CPU's reads apart
 * (local_*: the CPU that changed the tables and flushed, remote_*: the
 * other one), and the model's table has each modelled CPU's categories
 * (cpu0.*: the flushing CPU, cpu1.*: the remote, model/cpus.c).  So a
 * stale read on the CPU that flushed itself is found even where the other
 * CPU may read stale and the row's union allows it (SDM vol. 3A 4.10.4.1:
 * a CPU's own invalidation reaches its own caches; 4.10.5 for the others).
 * Rows and tables without the per-CPU keys are left to the union.
 */
#include "arch_internal.h"
#include "outcome_kind.h"

#include <stdio.h>

static const struct {
	const char *prefix;	/* the kernel's key prefix */
	const char *cat;	/* the table's categories of that CPU */
} cpus[] = {
	{ "local_", "cpu0.*" },
	{ "remote_", "cpu1.*" },
};

/*
 * The per-CPU counts the smp rows may print: every non-coherent outcome of
 * kernel/outcomes.def that the model judges (a key a row does not print
 * counts 0).
 */
#define MODEL_READ 0
#define MODEL_FAULT 1
#define MODEL_NONE 2
static const char *const whats[] = {
#define OUTCOME(id, key, nc, split, rank, cell, label, psc, model, always) \
	(nc && MODEL_##model != MODEL_NONE) ? #key : NULL,
#include "../kernel/outcomes.def"
#undef OUTCOME
};

static long long count(const struct scenario *s, const char *key)
{
	const struct kv *kv = kv_find(&s->counts, key);

	return kv && kv->is_num ? kv->num : 0;
}

/* A plain fault: allowed when the model allows some fault kind there. */
static bool allows_cpu(const char *vendor, const char *name, const char *cat,
		       const char *what)
{
	if (!outcome_key_fault(what))
		return arch_allows_in(vendor, name, cat, what);
	for (size_t i = 0; i < nr_fault_kinds; i++)
		if (arch_allows_in(vendor, name, cat, fault_kinds[i]))
			return true;
	return false;
}

void arch_judge_cpus(struct judgement *j, size_t idx, const struct scenario *s,
		     const char *vendor)
{
	char key[48];

	for (size_t c = 0; c < sizeof(cpus) / sizeof(cpus[0]); c++) {
		if (!arch_allows_in(vendor, s->name, cpus[c].cat, NULL))
			continue;
		for (size_t w = 0; w < sizeof(whats) / sizeof(whats[0]); w++) {
			long long n;

			if (!whats[w])
				continue;
			snprintf(key, sizeof(key), "%s%s", cpus[c].prefix, whats[w]);
			n = count(s, key);
			if (n > 0 && !allows_cpu(vendor, s->name, cpus[c].cat, whats[w]))
				arch_violation_in(j, idx, s, vendor, cpus[c].cat,
						  s->result_line, whats[w], n);
		}
	}
}
