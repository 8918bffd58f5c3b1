// SPDX-License-Identifier: MIT
/*
 * Fleet report: what each cell of the machine-by-scenario matrix says.
 * A control's cell shows whether the control worked (its counts are what
 * it was built to produce); any other scenario's cell shows its worst
 * outcome, since one stale walk on one machine is the finding.
 */
#include "report.h"
#include "units.h"

static const struct scenario *find(const struct run *r, const char *name)
{
	size_t i;

	for (i = 0; r && i < r->nsc; i++)
		if (!strcmp(r->sc[i].name, name))
			return &r->sc[i];
	return NULL;
}

static void set_cell(struct cell *c, enum cell_kind kind, const char *what,
		     long long n)
{
	c->kind = kind;
	if (n >= 0)
		snprintf(c->text, sizeof(c->text), "%s %lld", what, n);
	else
		snprintf(c->text, sizeof(c->text), "%s", what);
}

/* The outcome vocabulary is the kernel's (kernel/outcomes.def). */
static const struct {
	const char *key;
	int rank;		/* 1 first; outcomes of one rank are summed */
	enum cell_kind kind;
	const char *label;
} outcomes[] = {
#define OUTCOME(id, key, noncoherent, split, rank, cell, label, psc, model, always) \
	{ #key, rank, CELL_##cell, label },
#include "../kernel/outcomes.def"
#undef OUTCOME
};

/*
 * The 95% bounds of the count a cell shows, over the row's units
 * (iterations, bounds.h): "lo - hi /16 it", or "walk < hi /16 it".
 */
static void append_bounds(struct cell *c, const char *what, long long k_min,
			  long long k, const struct scenario *s)
{
	char a[32], h[32];
	struct bound b;
	bool old;

	bound_of_range(k_min, k, scenario_units(s, &old), &b);
	if (b.n <= 0)
		return;
	pct_text(h, sizeof(h), b.hi);
	if (!b.two_sided) {
		snprintf(c->bounds, sizeof(c->bounds), "%s < %s /%lld it", what, h,
			 b.n);
		return;
	}
	pct_text(a, sizeof(a), b.lo);
	snprintf(c->bounds, sizeof(c->bounds), "%s - %s /%lld it", a, h, b.n);
}

/* The walk outcomes: only a stale upper-level entry explains them (psc). */
static const char *const walk_keys[] = {
#define OUTCOME(id, key, noncoherent, split, rank, cell, label, psc, model, always) \
	psc ? #key : NULL,
#include "../kernel/outcomes.def"
#undef OUTCOME
};

/*
 * Units with a stale walk of any kind, the count the bug shows as: at
 * most the sum of each kind's, at least the largest.
 */
static void append_walks(struct cell *c, const struct scenario *s)
{
	long long k = 0, k_min = 0, v;

	for (size_t i = 0; i < sizeof(walk_keys) / sizeof(walk_keys[0]); i++) {
		if (!walk_keys[i])
			continue;
		k += scenario_units_with(s, walk_keys[i]);
		v = scenario_units_with_min(s, walk_keys[i]);
		k_min = v > k_min ? v : k_min;
	}
	append_bounds(c, "walk", k_min, k, s);
}

/* The cell shows the first rank with any count, and that count. */
static void classify_counts(const struct scenario *s, struct cell *c)
{
	size_t n = sizeof(outcomes) / sizeof(outcomes[0]), i, first;
	long long sum, units, units_min, v;

	for (int rank = 1; rank <= (int)n; rank++) {
		sum = units = units_min = 0;
		first = n;
		for (i = 0; i < n; i++) {
			if (outcomes[i].rank != rank)
				continue;
			sum += scenario_count(s, outcomes[i].key);
			units += scenario_units_with(s, outcomes[i].key);
			v = scenario_units_with_min(s, outcomes[i].key);
			units_min = v > units_min ? v : units_min;
			first = first < n ? first : i;
		}
		if (sum > 0) {
			set_cell(c, outcomes[first].kind, outcomes[first].label,
				 sum);
			append_bounds(c, outcomes[first].label, units_min,
				      units, s);
			return;
		}
	}
	/* An observation that saw nothing found nothing: neutral, not "ok". */
	if (s->class && !strcmp(s->class, "observation"))
		set_cell(c, CELL_NOTHING, "nothing seen", -1);
	else
		set_cell(c, CELL_OK, "ok", -1);
	append_walks(c, s);
}

static void classify(const struct scenario *s, struct cell *c)
{
	bool control = s->class && !strcmp(s->class, "control");

	if (s->aborted)
		set_cell(c, CELL_ABORT, "abort", -1);
	else if (s->verdict == KTAP_SKIP)
		set_cell(c, CELL_SKIP, "skip", -1);
	else if (s->verdict == KTAP_MISSING)
		set_cell(c, CELL_NONE, "no result", -1);
	else if (control)
		set_cell(c, s->verdict == KTAP_OK ? CELL_OK : CELL_WALK,
			 s->verdict == KTAP_OK ? "ok" : "FAILED", -1);
	else if (s->class && !strcmp(s->class, "bench"))
		/* A measurement: its figures are the bench plots, not a rate. */
		set_cell(c, s->verdict == KTAP_OK ? CELL_NOTHING : CELL_WALK,
			 s->verdict == KTAP_OK ? "measured" : "FAILED", -1);
	else
		classify_counts(s, c);
	if (s->verdict == KTAP_NOT_OK && !control && c->kind != CELL_ABORT)
		snprintf(c->text + strlen(c->text), sizeof(c->text) - strlen(c->text),
			 " not ok");
}

/* The outcome keys (kernel/outcomes.def) with their 95% bounds over units. */
static void add_bounds(const struct scenario *s, struct cell *c, size_t used)
{
	static const char *const keys[] = {
#define OUTCOME(id, key, noncoherent, split, rank, cell, label, psc, model, always) #key,
#include "../kernel/outcomes.def"
#undef OUTCOME
	};
	char text[128];
	struct bound b;
	bool old;
	long long n = scenario_units(s, &old);

	if (n <= 0 || used >= sizeof(c->title))
		return;
	used += (size_t)snprintf(c->title + used, sizeof(c->title) - used,
				 " | 95%%:");
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]) &&
			   used < sizeof(c->title); i++) {
		if (!kv_find(&s->counts, keys[i]))
			continue;
		scenario_bound(s, keys[i], &b);
		bound_text(text, sizeof(text), &b, "iterations");
		used += (size_t)snprintf(c->title + used, sizeof(c->title) - used,
					 " %s %s;", keys[i], text);
	}
}

static void fill_title(const struct scenario *s, struct cell *c)
{
	size_t used, i;

	used = (size_t)snprintf(c->title, sizeof(c->title), "%s class=%s %s",
				s->name, s->class ? s->class : "?",
				s->aborted ? "abort" : ktap_verdict_name(s->verdict));
	for (i = 0; i < s->counts.n && used < sizeof(c->title); i++)
		used += (size_t)snprintf(c->title + used, sizeof(c->title) - used,
					 " %s=%s", s->counts.v[i].key,
					 s->counts.v[i].val);
	if (s->directive && used < sizeof(c->title))
		used += (size_t)snprintf(c->title + used, sizeof(c->title) - used,
					 " # %s", s->directive);
	add_bounds(s, c, used);
}

/* A family skipped as a whole ("ok 3 pud_collapse # SKIP ...") lists no scenarios. */
static bool family_skipped(const struct run *r, const char *scenario)
{
	size_t len = strcspn(scenario, "."), i;

	for (i = 0; r && i < r->nfam; i++)
		if (r->fam[i].verdict == KTAP_SKIP &&
		    strlen(r->fam[i].name) == len &&
		    !strncmp(r->fam[i].name, scenario, len))
			return true;
	return false;
}

void report_cell(const struct checked_log *cl, const char *scenario,
		 struct cell *c)
{
	const struct scenario *s = find(cl->run, scenario);
	size_t i;

	memset(c, 0, sizeof(*c));
	if (!s && family_skipped(cl->run, scenario)) {
		set_cell(c, CELL_SKIP, "skip", -1);
		snprintf(c->title, sizeof(c->title), "%s: its family was skipped",
			 scenario);
		return;
	}
	if (!s) {
		set_cell(c, CELL_NONE, "-", -1);
		snprintf(c->title, sizeof(c->title), "%s: not in this log", scenario);
		return;
	}
	classify(s, c);
	/* An ok that says nothing here is not shown as one (caching.h). */
	if (cl->judged && caching_scenario_inconclusive(&cl->caching, cl->run, s)) {
		set_cell(c, CELL_INCONCLUSIVE, "cannot tell", -1);
		if (strcmp(s->class ? s->class : "", "control"))
			append_walks(c, s);
	} else if (cl->judged && caching_emulated(cl->run) && c->kind == CELL_OK &&
		   s->class && !strcmp(s->class, "correctness")) {
		/* TCG has no paging-structure caches: mechanics only. */
		set_cell(c, CELL_INCONCLUSIVE, "cannot tell (TCG)", -1);
		append_walks(c, s);
	}
	fill_title(s, c);
	for (i = 0; cl->judged && i < cl->j.n; i++) {
		const struct problem *p = &cl->j.p[i];

		if (!p->scenario || &cl->run->sc[p->scenario - 1] != s)
			continue;
		c->outside = true;
		if (p->kind && !c->arch) {
			c->arch = true;
			snprintf(c->arch_text, sizeof(c->arch_text), "%s: %s; expected %s",
				 p->kind, p->observed, p->expected);
		}
	}
}

void report_machine(const struct checked_log *cl, char *buf, size_t len)
{
	const struct kv_list *env = cl->run ? &cl->run->env : NULL;
	const char *brand = env ? kv_str(env, "brand") : NULL;
	const char *vendor = env ? kv_str(env, "vendor") : NULL;
	const char *accel = env ? kv_str(env, "accel") : NULL;
	const char *fam = env ? kv_str(env, "family") : NULL;
	const char *model = env ? kv_str(env, "model") : NULL;
	const char *step = env ? kv_str(env, "stepping") : NULL;

	snprintf(buf, len, "%s %s/%s/%s %s",
		 brand && *brand ? brand : vendor ? vendor : "unknown CPU",
		 fam ? fam : "?", model ? model : "?", step ? step : "?",
		 accel ? accel : "accel?");
}

const char *report_status_name(int status)
{
	static const char *const names[] = { "pass", "FAIL", "incomplete" };

	return status >= 0 && status <= 2 ? names[status] : "error";
}

