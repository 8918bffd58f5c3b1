// SPDX-License-Identifier: MIT
/*
 * Architectural violations (docs/checker.md): each scenario's histogram
 * against the outcomes the MMU model allows for the run's vendor
 * (profiles/model-allowed.table, made by `make model-table`).  A count
 * outside the allowed set is a finding that names the rule it breaks.
 * Allowed staleness is left to the profiles: it is an observation.
 */
#include "arch.h"
#include "profile.h"
#include "params.h"
#include "outcome_kind.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#define TABLE_NAME "model-allowed.table"

struct allowed {
	char *vendor, *scenario, *cat, *what;
};

static struct {
	bool tried;
	struct allowed *v;
	size_t n, cap;
	char *path;
	bool per_level;		/* it has reused_a_pde/_pdpte lines */
} table;

static void add_line(char *line)
{
	char *f[4], *save = NULL;
	int n = 0;

	if (line[0] == '#' || !line[0])
		return;
	for (char *t = strtok_r(line, " \t", &save); t && n < 4;
	     t = strtok_r(NULL, " \t", &save))
		f[n++] = t;
	if (n != 4)
		return;
	HEAP_GROW(table.v, table.n, table.cap);
	table.v[table.n].vendor = xstrdup(f[0]);
	table.v[table.n].scenario = xstrdup(f[1]);
	table.v[table.n].cat = xstrdup(f[2]);
	table.v[table.n].what = xstrdup(f[3]);
	table.per_level |= !strncmp(f[3], "reused_a_", 9);
	table.n++;
}

static bool load(void)
{
	size_t len;
	char *text, *save = NULL;

	if (table.tried)
		return table.n > 0;
	table.tried = true;
	table.path = profile_find_file(TABLE_NAME);
	if (!table.path)
		return false;
	text = read_file(table.path, &len);
	if (!text)
		return false;
	for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		add_line(l);
	free(text);
	return table.n > 0;
}

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

static bool known(const char *vendor, const char *name)
{
	for (size_t i = 0; i < table.n; i++)
		if (!strcmp(table.v[i].vendor, vendor) &&
		    !strcmp(table.v[i].scenario, name))
			return true;
	return false;
}

static bool allows_in(const char *vendor, const char *name, const char *cat,
		      const char *what)
{
	for (size_t i = 0; i < table.n; i++)
		if (!strcmp(table.v[i].vendor, vendor) &&
		    !strcmp(table.v[i].scenario, name) &&
		    !strcmp(table.v[i].cat, cat) &&
		    (!what || !strcmp(table.v[i].what, what)))
			return true;
	return false;
}

static bool allows(const char *vendor, const char *name, const char *what)
{
	return allows_in(vendor, name, "*", what);
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

static const char *const fault_kinds[] = {
#define FAULT_KIND(id, key) #key,
#include "../kernel/outcomes.def"
#undef FAULT_KIND
};
#define NR_FAULT_KINDS (sizeof(fault_kinds) / sizeof(fault_kinds[0]))

static long long count(const struct scenario *s, const char *key)
{
	const struct kv *kv = kv_find(&s->counts, key);

	return kv && kv->is_num ? kv->num : 0;
}

/* Whether the model allows some fault kind in the category ("*": any). */
static bool any_fault(const char *vendor, const char *name, const char *cat)
{
	for (size_t k = 0; k < NR_FAULT_KINDS; k++)
		if (allows_in(vendor, name, cat, fault_kinds[k]))
			return true;
	return false;
}

static void allowed_list(const char *vendor, const char *name, const char *cat,
			 char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < table.n && used < len; i++)
		if (!strcmp(table.v[i].vendor, vendor) &&
		    !strcmp(table.v[i].scenario, name) &&
		    !strcmp(table.v[i].cat, cat))
			used += (size_t)snprintf(buf + used, len - used, "%s%s",
						 used ? "," : "", table.v[i].what);
}

static void violation_in(struct judgement *j, size_t idx,
			 const struct scenario *s, const char *vendor,
			 const char *cat, size_t line, const char *what,
			 long long n)
{
	struct problem *p;
	char list[96];

	HEAP_GROW(j->p, j->n, j->cap);
	p = &j->p[j->n++];
	memset(p, 0, sizeof(*p));
	p->scenario = idx;
	p->name = s->name;
	p->kind = ARCH_KIND;
	p->log_line = line;
	j->sc_failed[idx - 1] = true;
	allowed_list(vendor, s->name, cat, list, sizeof(list));
	if (strcmp(cat, "*"))
		snprintf(p->expected, sizeof(p->expected),
			 "only %s in category %s on %s: %s", list, cat, vendor,
			 arch_rule(vendor, s, what));
	else
		snprintf(p->expected, sizeof(p->expected), "only %s on %s: %s",
			 list, vendor, arch_rule(vendor, s, what));
	if (strcmp(cat, "*"))
		snprintf(p->observed, sizeof(p->observed), "cat=%s %s=%lld", cat,
			 what, n);
	else
		snprintf(p->observed, sizeof(p->observed), "%s=%lld", what, n);
}

static void violation(struct judgement *j, size_t idx, const struct scenario *s,
		      const char *vendor, const char *what, long long n)
{
	violation_in(j, idx, s, vendor, "*", s->result_line, what, n);
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
		if (cat && !allows_in(vendor, s->name, cat, NULL))
			missing_category(s, cat);
		if (cat && allows_in(vendor, s->name, cat, NULL)) {
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
				    allows(vendor, s->name, key) &&
				    !allows_in(vendor, s->name, cat, key))
					violation_in(j, idx, s, vendor, cat,
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

	if (!kv_find(&s->counts, "reused_a_pde") || !table.per_level) {
		if (count(s, "reused_a") > 0 && !allows(vendor, s->name, "reused_a"))
			violation(j, idx, s, vendor, "reused_a",
				  count(s, "reused_a"));
		return;
	}
	for (size_t k = 0; k < 2; k++)
		if (count(s, levels[k]) > 0 && !allows(vendor, s->name, levels[k]))
			violation(j, idx, s, vendor, levels[k], count(s, levels[k]));
}

static void judge_one(struct judgement *j, size_t idx, const struct scenario *s,
		      const char *vendor);

/*
 * AMD under a hypervisor: whether EFER.TCE is in effect is the host's
 * choice as much as the guest's (efer_tce= says what the guest reads
 * back), and at PUD level it decides what one INVLPG drops: with TCE=0
 * every upper-level entry, with TCE=1 those on its path (APM vol. 2 3.1.7,
 * 5.5.3).  So the single-INVLPG PUD rows not built with TCE are ambiguous.
 */
static bool tce_ambiguous(const struct run *r, const char *vendor,
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
	if (!strcmp(what, "fault_other"))
		return false;
	if (outcome_key_fault(what)) {	/* any fault kind the model allows */
		for (size_t i = 0; i < NR_FAULT_KINDS; i++)
			if (allows_in(vendor, name, cat, fault_kinds[i]))
				return true;
		return false;
	}
	return allows_in(vendor, name, cat, what);
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
static void judge_either_tce(struct judgement *j, size_t idx,
			     const struct scenario *s, size_t nsc)
{
	struct judgement a = { 0 }, b = { 0 };

	a.sc_failed = xmalloc(nsc * sizeof(bool));
	b.sc_failed = xmalloc(nsc * sizeof(bool));
	memset(a.sc_failed, 0, nsc * sizeof(bool));
	memset(b.sc_failed, 0, nsc * sizeof(bool));
	judge_one(&a, idx, s, "amd");
	if (!known("amd-tce", s->name)) {
		keep_forbidden_by_both(j, idx, &a, "amd", s->name);
	} else {
		judge_one(&b, idx, s, "amd-tce");
		keep_forbidden_by_both(j, idx, &a, "amd-tce", s->name);
		keep_forbidden_by_both(j, idx, &b, "amd", s->name);
	}
	judgement_free(&a);
	judgement_free(&b);
}

static void judge_one(struct judgement *j, size_t idx, const struct scenario *s,
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
		    !allows(vendor, s->name, key) &&
		    !undefined_here(j, idx, s, key, n))
			violation(j, idx, s, vendor, key, n);
	}
	for (size_t k = 0; k < NR_FAULT_KINDS; k++)
		if (count(s, fault_kinds[k]) > 0 &&
		    !allows(vendor, s->name, fault_kinds[k]))
			violation(j, idx, s, vendor, fault_kinds[k],
				  count(s, fault_kinds[k]));
	/* The model never allows a fault it cannot name. */
	if (count(s, "fault_other") > 0)
		violation(j, idx, s, vendor, "fault_other", count(s, "fault_other"));
	judge_reused(j, idx, s, vendor);
	blind_here(j, idx, s, vendor);
	judge_categories(j, idx, s, vendor);
}

bool arch_judge(const struct run *r, struct judgement *j, char *why,
		size_t whylen)
{
	const char *vendor = arch_vendor(r);

	if (!load()) {
		snprintf(why, whylen, "no %s found (make model-table): "
			 "architectural checks skipped", TABLE_NAME);
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
		    !known(vendor, s->name))
			continue;
		if (tce_ambiguous(r, vendor, s)) {
			ambiguous++;
			judge_either_tce(j, i + 1, s, r->nsc);
			continue;
		}
		judge_one(j, i + 1, s, vendor);
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
			 TABLE_NAME, vendor, first_missing);
	return true;
}
