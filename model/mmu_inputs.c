// SPDX-License-Identifier: MIT
/*
 * What the mount index (model/mmu_index.c) is built from: the root, the
 * PCIDs live, the kept PSC entries.  Most flushes drop TLB entries only;
 * when none of these changed, the index is as a rebuild would make it.
 */
#include <stdio.h>
#include <stdlib.h>

#include "model/mmu_internal.h"

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		fprintf(stderr, "model: out of memory\n");
		abort();
	}
	return p;
}

static bool same_psc(const struct psc_ent *a, const struct psc_ent *b)
{
	return a->va == b->va && a->val == b->val && a->pcids == b->pcids &&
	       a->level == b->level;
}

/*
 * Is what rebuild() reads as it was at the last one?  Most flushes drop
 * TLB entries only, and the mounts do not depend on those.
 */
bool idx_inputs_same(struct mmu *m)
{
	const struct idx_inputs *in = &m->idx->in;
	int n = 0;

	if (in->root != (m->cr3 & ADDR_MASK) || in->live != m->live)
		return false;
	for (int i = 0; i < m->psc->n; i++) {
		if (m->psc->e[i].dead)
			continue;
		if (n == in->npsc || !same_psc(&in->psc[n], &m->psc->e[i]))
			return false;
		n++;
	}
	return n == in->npsc;
}

void idx_inputs_save(struct mmu *m)
{
	struct idx_inputs *in = &m->idx->in;

	in->root = m->cr3 & ADDR_MASK;
	in->live = m->live;
	if (in->cap < m->psc->n) {
		in->cap = m->psc->n;
		in->psc = xrealloc(in->psc, (size_t)in->cap * sizeof(*in->psc));
	}
	in->npsc = 0;
	for (int i = 0; i < m->psc->n; i++)
		if (!m->psc->e[i].dead)
			in->psc[in->npsc++] = m->psc->e[i];
}
