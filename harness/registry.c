// SPDX-License-Identifier: MIT
/*
 * The families that registered themselves with FAMILY(): the linker
 * gathers their entries in the section tlbprobe_families (linker.ld in the
 * kernel, the linker's own __start_/__stop_ symbols on the host); here
 * they are put in run order once.
 */
#include "harness/scenario.h"
#include "kernel/strutil.h"

#define FAMILIES_MAX	32

extern const struct family *const __start_tlbprobe_families[]
	__attribute__((weak));
extern const struct family *const __stop_tlbprobe_families[]
	__attribute__((weak));

static const struct family *sorted[FAMILIES_MAX];
static size_t nr_sorted;
static bool ready;

static void sort_families(void)
{
	const struct family *const *p = __start_tlbprobe_families;

	for (; p && p < __stop_tlbprobe_families && nr_sorted < FAMILIES_MAX;
	     p++) {
		size_t i = nr_sorted++;

		/* Insertion sort by order; equal orders keep link order. */
		for (; i > 0 && sorted[i - 1]->order > (*p)->order; i--)
			sorted[i] = sorted[i - 1];
		sorted[i] = *p;
	}
	ready = true;
}

const struct family *const *families_all(size_t *n)
{
	if (!ready)
		sort_families();
	*n = nr_sorted;
	return sorted;
}

const struct scenario *scenario_find(const char *name)
{
	size_t nf;
	const struct family *const *f = families_all(&nf);

	for (size_t i = 0; i < nf; i++)
		for (size_t j = 0; j < f[i]->count; j++)
			if (str_eq(f[i]->scen[j].name, name))
				return &f[i]->scen[j];
	return NULL;
}
