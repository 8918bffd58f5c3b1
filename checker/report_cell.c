// SPDX-License-Identifier: MIT
/*
 * Fleet report: what each cell of the machine-by-scenario matrix says.
 * A control's cell shows whether the control worked (its counts are what
 * it was built to produce); any other scenario's cell shows its worst
 * outcome, since one stale walk on one machine is the finding.
 */
#include "report.h"
#include "bounds.h"

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

/* The 95% bounds of the count a cell shows: "lo - hi", or "walk < hi". */
static void append_bounds(struct cell *c, const char *what, long long k,
			  long long n)
{
	double lo, hi;
	char a[32], b[32];

	if (n <= 0)
		return;
	cp_bounds(k, n, &lo, &hi);
	pct_text(b, sizeof(b), hi);
	if (!k) {
		snprintf(c->bounds, sizeof(c->bounds), "%s < %s", what, b);
		return;
	}
	pct_text(a, sizeof(a), lo);
	snprintf(c->bounds, sizeof(c->bounds), "%s - %s", a, b);
}

/* Stale walks of every kind: the count the bug shows as. */
static long long walks(const struct scenario *s)
{
	return scenario_count(s, "stale_walk") +
	       scenario_count(s, "stale_walk_pdpte") +
	       scenario_count(s, "walk_fault");
}

/* The cell shows the first rank with any count, and that count. */
static void classify_counts(const struct scenario *s, struct cell *c)
{
	long long probes = scenario_count(s, "probes");
	size_t n = sizeof(outcomes) / sizeof(outcomes[0]), i, first;
	long long sum;

	for (int rank = 1; rank <= (int)n; rank++) {
		sum = 0;
		first = n;
		for (i = 0; i < n; i++) {
			if (outcomes[i].rank != rank)
				continue;
			sum += scenario_count(s, outcomes[i].key);
			first = first < n ? first : i;
		}
		if (sum > 0) {
			set_cell(c, outcomes[first].kind, outcomes[first].label,
				 sum);
			append_bounds(c, outcomes[first].label, sum, probes);
			return;
		}
	}
	set_cell(c, CELL_OK, "ok", -1);
	append_bounds(c, "walk", walks(s), probes);
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
	else
		classify_counts(s, c);
	if (s->verdict == KTAP_NOT_OK && !control && c->kind != CELL_ABORT)
		snprintf(c->text + strlen(c->text), sizeof(c->text) - strlen(c->text),
			 " not ok");
}

/* The outcome keys (kernel/outcomes.def) with their 95% bounds. */
static void add_bounds(const struct scenario *s, struct cell *c, size_t used)
{
	static const char *const keys[] = {
#define OUTCOME(id, key, noncoherent, split, rank, cell, label, psc, model, always) #key,
#include "../kernel/outcomes.def"
#undef OUTCOME
	};
	long long n = scenario_count(s, "probes");
	char text[96];

	if (n <= 0 || used >= sizeof(c->title))
		return;
	used += (size_t)snprintf(c->title + used, sizeof(c->title) - used,
				 " | 95%%:");
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]) &&
			   used < sizeof(c->title); i++) {
		if (!kv_find(&s->counts, keys[i]))
			continue;
		bounds_text(text, sizeof(text), scenario_count(s, keys[i]), n);
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
		set_cell(c, CELL_INCONCLUSIVE, "inconclusive", -1);
		if (strcmp(s->class ? s->class : "", "control"))
			append_bounds(c, "walk", walks(s),
				      scenario_count(s, "probes"));
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

