// SPDX-License-Identifier: MIT
/*
 * Architectural violations (docs/checker.md): each scenario's histogram
 * against the outcomes the MMU model allows for the run's vendor
 * (profiles/model-allowed.table, made by `make model-table`).  A count
 * outside the allowed set is a finding that names the rule it breaks.
 * Allowed staleness is left to the profiles: it is an observation.
 */
#include "arch_internal.h"
#include "params.h"
#include "outcome_kind.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/*
 * EFER.TCE still set after the kernel cleared it (# env: efer_tce=1, a
 * hypervisor that refused or ignored the clear): the run's INVLPGs follow
 * the TCE rules (APM vol. 2 3.1.7), so it is judged as amd-tce.
 */
static bool tce_read_back_on(const struct run *r)
{
	const struct kv *kv = kv_find(&r->env, "efer_tce");

	return kv && kv->is_num && kv->num == 1;
}

const char *arch_vendor(const struct run *r)
{
	const char *accel = kv_str(&r->env, "accel");
	const char *vendor = kv_str(&r->env, "vendor");

	if (accel && !strcmp(accel, "model"))
		return vendor;
	if (accel && !strcmp(accel, "tcg"))
		return "tcg";
	if (!vendor)
		return NULL;
	if (!strcmp(vendor, "GenuineIntel"))
		return "intel";
	if (!strcmp(vendor, "AuthenticAMD") || !strcmp(vendor, "HygonGenuine"))
		return tce_read_back_on(r) ? "amd-tce" : "amd";
	return NULL;
}

/*
 * What the architectural check looks at, from kernel/outcomes.def: every
 * outcome but coherent; judged against the model's table unless the model
 * never makes it (model NONE: a machine check); a fault by the model's
 * error-code kinds (FAULT_KIND), which the row counts for its plain
 * faults (psc 0).
 */
#define MODEL_READ 0
#define MODEL_FAULT 1
#define MODEL_NONE 2
static const struct {
	const char *key;
	bool judged, fault, by_code;
} outcomes[] = {
#define OUTCOME(id, key, nc, split, rank, cell, label, psc, model, always) \
	{ nc ? #key : NULL, MODEL_##model != MODEL_NONE,		\
	  MODEL_##model == MODEL_FAULT, !psc },
#include "../kernel/outcomes.def"
#undef OUTCOME
};
#define NR_OUTCOMES (sizeof(outcomes) / sizeof(outcomes[0]))

#define NR_FAULT_KINDS nr_fault_kinds

static long long count(const struct scenario *s, const char *key)
{
	const struct kv *kv = kv_find(&s->counts, key);

	return kv && kv->is_num ? kv->num : 0;
}

/* Whether the model allows some fault kind in the category ("*": any). */
static bool any_fault(const char *vendor, const char *name, const char *cat)
{
	for (size_t k = 0; k < NR_FAULT_KINDS; k++)
		if (arch_allows_in(vendor, name, cat, fault_kinds[k]))
			return true;
	return false;
}

static void violation(struct judgement *j, size_t idx, const struct scenario *s,
		      const char *vendor, const char *what, long long n)
{
	arch_violation_in(j, idx, s, vendor, "*", s->result_line, what, n);
}

/*
 * A category the table lacks (the model never saw it: the table is older
 * than the experiments): judged by the scenario's union only, and said.
 */
static size_t missing_cats;
static char first_missing[128];

static void missing_category(const struct scenario *s, const char *cat)
{
	if (!missing_cats++)
		snprintf(first_missing, sizeof(first_missing), "%s cat=%s",
			 s->name, cat);
}

/*
 * The kernel's "# hist:" lines: each category against what the model
 * allows in it.  Only kinds the scenario allows somewhere are looked at
 * here (the rest were reported above).
 */
static void judge_categories(struct judgement *j, size_t idx,
			     const struct scenario *s, const char *vendor)
{
	for (size_t d = 0; d < s->diags.n; d++) {
		const char *t = strstr(s->diags.v[d].text, "# hist: ");
		struct arena ar = { 0 };
		struct kv_list f = { 0 };
		const char *cat;
		const struct kv *kv;

		if (!t)
			continue;
		kv_parse(&ar, t + 8, &f);
		cat = kv_str(&f, "cat");
		if (cat && !arch_allows_in(vendor, s->name, cat, NULL))
			missing_category(s, cat);
		if (cat && arch_allows_in(vendor, s->name, cat, NULL)) {
			for (size_t k = 0; k < NR_OUTCOMES; k++) {
				const char *key = outcomes[k].key;

				kv = key ? kv_find(&f, key) : NULL;
				if (!outcomes[k].judged || !kv || !kv->is_num ||
				    kv->num <= 0)
					continue;
				/* A fault the model names by its error code. */
				if (outcomes[k].fault ?
				    any_fault(vendor, s->name, "*") &&
				    !any_fault(vendor, s->name, cat) :
				    arch_allows(vendor, s->name, key) &&
				    !arch_allows_in(vendor, s->name, cat, key))
					arch_violation_in(j, idx, s, vendor, cat,
						     s->diags.v[d].lineno, key,
						     kv->num);
			}
		}
		arena_free(&ar);
	}
}

static void note(struct judgement *j, size_t idx, const struct scenario *s,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void note(struct judgement *j, size_t idx, const struct scenario *s,
		 const char *fmt, ...)
{
	struct arch_note *n;
	va_list ap;

	HEAP_GROW(j->notes, j->nnotes, j->capnotes);
	n = &j->notes[j->nnotes++];
	n->scenario = idx;
	n->log_line = s->result_line;
	va_start(ap, fmt);
	vsnprintf(n->text, sizeof(n->text), fmt, ap);
	va_end(ap);
}

/*
 * An unknown value or a machine check after a page-size change in place
 * with other frames (the *_split.inplace_* rows, inplace=1) is what the
 * manuals leave undefined, not a rule broken: SDM 4.10.4.2 asks software
 * not to change the page size and the frame of an entry in one write, and
 * AMD Family 10h erratum 383 is the machine check it can give.  True when
 * it is that (a note, never a finding).
 */
static bool undefined_here(struct judgement *j, size_t idx,
			   const struct scenario *s, const char *what,
			   long long n)
{
	const char *inplace = scenario_param(s, "inplace");

	if (!outcome_key_untranslated(what))	/* unknown, mce */
		return false;
	if (!inplace || strcmp(inplace, "1"))
		return false;
	note(j, idx, s, "%s=%lld after a page-size change in place with other "
	     "frames: undefined by the manuals (SDM 4.10.4.2; AMD Family 10h "
	     "erratum 383), not a rule broken", what, n);
	return true;
}

/*
 * AMD walks the tables again before it reports a #PF (APM vol. 2 5.5.3):
 * a stale walk into a reused page's not-present or reserved entries ends
 * in a fresh walk that succeeds, never in a fault.  Rows that look for
 * that fault (reuse=zero, rsvd, data) cannot see it on AMD.
 */
static void blind_here(struct judgement *j, size_t idx,
		       const struct scenario *s, const char *vendor)
{
	const char *reuse = scenario_param(s, "reuse");

	if (strncmp(vendor, "amd", 3) || !reuse ||
	    (strcmp(reuse, "zero") && strcmp(reuse, "rsvd") && strcmp(reuse, "data")))
		return;
	note(j, idx, s, "blind on AMD: reuse=%s shows a stale walk only as a "
	     "fault, and AMD walks again before it reports one (APM vol. 2 "
	     "5.5.3): no fault here says nothing", reuse);
}

/*
 * Accessed bits set in a reused table page: a walk through it.  Judged per
 * level where the log and the table have the levels (a stale PDE into a
 * PTE page is not a stale PDPTE into the PMD page: SDM 4.10.3.1), as the
 * sum for old logs and tables.
 */
static void judge_reused(struct judgement *j, size_t idx,
			 const struct scenario *s, const char *vendor)
{
	static const char *const levels[] = { "reused_a_pde", "reused_a_pdpte" };

	if (!kv_find(&s->counts, "reused_a_pde") || !arch_table_per_level()) {
		if (count(s, "reused_a") > 0 && !arch_allows(vendor, s->name, "reused_a"))
			violation(j, idx, s, vendor, "reused_a",
				  count(s, "reused_a"));
		return;
	}
	for (size_t k = 0; k < 2; k++)
		if (count(s, levels[k]) > 0 && !arch_allows(vendor, s->name, levels[k]))
			violation(j, idx, s, vendor, levels[k], count(s, levels[k]));
}

void arch_judge_one(struct judgement *j, size_t idx, const struct scenario *s,
		    const char *vendor)
{
	bool split = kv_find(&s->counts, fault_kinds[0]) != NULL;

	for (size_t k = 0; k < NR_OUTCOMES; k++) {
		const char *key = outcomes[k].key;
		long long n = key ? count(s, key) : 0;

		if (n <= 0)
			continue;
		if (!outcomes[k].judged) {
			undefined_here(j, idx, s, key, n);
			continue;
		}
		/* A plain fault the row counts by error code: those, below. */
		if (outcomes[k].fault && outcomes[k].by_code && split)
			continue;
		if (outcomes[k].fault ? !any_fault(vendor, s->name, "*") :
		    !arch_allows(vendor, s->name, key) &&
		    !undefined_here(j, idx, s, key, n))
			violation(j, idx, s, vendor, key, n);
	}
	for (size_t k = 0; k < NR_FAULT_KINDS; k++)
		if (count(s, fault_kinds[k]) > 0 &&
		    !arch_allows(vendor, s->name, fault_kinds[k]))
			violation(j, idx, s, vendor, fault_kinds[k],
				  count(s, fault_kinds[k]));
	judge_reused(j, idx, s, vendor);
	blind_here(j, idx, s, vendor);
	judge_categories(j, idx, s, vendor);
	arch_judge_cpus(j, idx, s, vendor);
}

bool arch_judge(const struct run *r, struct judgement *j, char *why,
		size_t whylen)
{
	const char *vendor = arch_vendor(r);

	if (!arch_table_load()) {
		snprintf(why, whylen, "no %s found (make model-table): "
			 "architectural checks skipped", ARCH_TABLE_NAME);
		return false;
	}
	if (!vendor) {
		snprintf(why, whylen, "the model has no rules for vendor %s: "
			 "architectural checks skipped",
			 kv_str(&r->env, "vendor") ? kv_str(&r->env, "vendor") : "(none)");
		return false;
	}
	size_t ambiguous = 0, used = 0;

	missing_cats = 0;
	why[0] = '\0';
	for (size_t i = 0; i < r->nsc; i++) {
		const struct scenario *s = &r->sc[i];

		if (!s->has_result || s->aborted || !s->class ||
		    !strcmp(s->class, "control") || !strcmp(s->class, "bench") ||
		    !arch_known(vendor, s->name))
			continue;
		if (arch_tce_ambiguous(r, vendor, s)) {
			ambiguous++;
			arch_judge_either_tce(j, i + 1, s, r->nsc, arch_judge_one);
			continue;
		}
		arch_judge_one(j, i + 1, s, vendor);
	}
	if (ambiguous)
		used = (size_t)snprintf(why, whylen, "ambiguous: %zu single-INVLPG "
			"PUD rows on AMD under a hypervisor judged against amd and "
			"amd-tce together (EFER.TCE may be on below the guest; APM "
			"vol. 2 3.1.7)", ambiguous);
	if (missing_cats && used < whylen)
		snprintf(why + used, whylen - used, "%s%zu probe categories not in "
			 "%s for %s (first: %s): judged by their scenario's union "
			 "only; make model-table", used ? "; " : "", missing_cats,
			 ARCH_TABLE_NAME, vendor, first_missing);
	return true;
}
