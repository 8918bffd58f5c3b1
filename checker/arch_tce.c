// SPDX-License-Identifier: MIT
/*
 * AMD under a hypervisor, where EFER.TCE may be in effect below the guest
 * (APM vol. 2 3.1.7): the rows it decides are judged against amd and
 * amd-tce together, a finding only where both forbid it.
 */
#include "arch_internal.h"
#include "params.h"
#include "outcome_kind.h"

#include <stdio.h>
#include <string.h>

/*
 * AMD under a hypervisor: whether EFER.TCE is in effect is the host's
 * choice as much as the guest's (efer_tce= says what the guest reads
 * back), and at PUD level it decides what one INVLPG drops: with TCE=0
 * every upper-level entry, with TCE=1 those on its path (APM vol. 2 3.1.7,
 * 5.5.3).  So the single-INVLPG PUD rows not built with TCE are ambiguous.
 */
bool arch_tce_ambiguous(const struct run *r, const char *vendor,
			  const struct scenario *s)
{
	const char *hv = kv_str(&r->env, "hypervisor");
	const char *level = scenario_param(s, "level");
	const char *flush = scenario_param(s, "flush");
	const char *tce = scenario_param(s, "tce");

	if (strcmp(vendor, "amd") || !hv || !*hv)
		return false;
	return level && !strcmp(level, "pud") && (!tce || strcmp(tce, "1")) &&
	       flush && !strcmp(flush, "invlpg");
}

/* Whether vendor allows what a problem's observed text names. */
static bool other_allows(const char *vendor, const char *name,
			 const char *observed)
{
	char cat[64] = "*", what[64] = "";

	if (!strncmp(observed, "cat=", 4))
		sscanf(observed, "cat=%63s %63[^=]", cat, what);
	else
		sscanf(observed, "%63[^=]", what);
	if (outcome_key_fault(what)) {	/* any fault kind the model allows */
		for (size_t i = 0; i < nr_fault_kinds; i++)
			if (arch_allows_in(vendor, name, cat, fault_kinds[i]))
				return true;
		return false;
	}
	return arch_allows_in(vendor, name, cat, what);
}

/* Keep the problems of from that other also forbids, once each. */
static void keep_forbidden_by_both(struct judgement *j, size_t idx,
				   const struct judgement *from,
				   const char *other, const char *name)
{
	struct problem *p;
	bool dup;

	for (size_t i = 0; i < from->n; i++) {
		if (other_allows(other, name, from->p[i].observed))
			continue;
		dup = false;
		for (size_t k = 0; k < j->n && !dup; k++)
			dup = j->p[k].scenario == idx &&
			      !strcmp(j->p[k].observed, from->p[i].observed);
		if (dup)
			continue;
		HEAP_GROW(j->p, j->n, j->cap);
		p = &j->p[j->n++];
		*p = from->p[i];
		snprintf(p->expected, sizeof(p->expected), "%.170s (amd and "
			 "amd-tce both forbid it)", from->p[i].expected);
		j->sc_failed[idx - 1] = true;
	}
}

/*
 * Such a row against the union of what amd and amd-tce allow, per
 * category: a finding only where both forbid it.
 */
void arch_judge_either_tce(struct judgement *j, size_t idx,
			   const struct scenario *s, size_t nsc,
			   arch_judge_fn *judge)
{
	struct judgement a = { 0 }, b = { 0 };

	a.sc_failed = xmalloc(nsc * sizeof(bool));
	b.sc_failed = xmalloc(nsc * sizeof(bool));
	memset(a.sc_failed, 0, nsc * sizeof(bool));
	memset(b.sc_failed, 0, nsc * sizeof(bool));
	judge(&a, idx, s, "amd");
	if (!arch_known("amd-tce", s->name)) {
		keep_forbidden_by_both(j, idx, &a, "amd", s->name);
	} else {
		judge(&b, idx, s, "amd-tce");
		keep_forbidden_by_both(j, idx, &a, "amd-tce", s->name);
		keep_forbidden_by_both(j, idx, &b, "amd", s->name);
	}
	judgement_free(&a);
	judgement_free(&b);
}

