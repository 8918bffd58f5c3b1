// SPDX-License-Identifier: GPL-2.0
/*
 * Fleet report: what each cell of the machine-by-scenario matrix says.
 * A control's cell shows whether the control worked (its counts are what
 * it was built to produce); any other scenario's cell shows its worst
 * outcome, since one stale walk on one machine is the finding.
 */
#include "report.h"

#include <errno.h>
#include <stdlib.h>

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

static void classify_counts(const struct scenario *s, struct cell *c)
{
	long long walk = scenario_count(s, "stale_walk");
	long long bad = scenario_count(s, "mce") + scenario_count(s, "unknown");

	if (walk > 0)
		set_cell(c, CELL_WALK, "walk", walk);
	else if (bad > 0)
		set_cell(c, CELL_WALK, "mce/unknown", bad);
	else if (scenario_count(s, "fault") > 0)
		set_cell(c, CELL_FAULT, "fault", scenario_count(s, "fault"));
	else if (scenario_count(s, "stale_tlb") > 0)
		set_cell(c, CELL_TLB, "tlb", scenario_count(s, "stale_tlb"));
	else
		set_cell(c, CELL_OK, "ok", -1);
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
		snprintf(c->title + used, sizeof(c->title) - used, " # %s",
			 s->directive);
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

static void add_name(struct report *rep, const char *name)
{
	size_t i;

	for (i = 0; i < rep->nnames; i++)
		if (!strcmp(rep->names[i], name))
			return;
	HEAP_GROW(rep->names, rep->nnames, rep->capnames);
	rep->names[rep->nnames++] = name;
}

static int write_file(const char *path, const struct report *rep,
		      void (*write)(FILE *, const struct report *))
{
	FILE *f = fopen(path, "w");

	if (!f) {
		fprintf(stderr, "tlbprobe-check: %s: %s\n", path, strerror(errno));
		return -1;
	}
	write(f, rep);
	if (fclose(f)) {
		fprintf(stderr, "tlbprobe-check: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int open_logs(struct report *rep, const char *profile, char **logs,
		     size_t nlogs)
{
	char err[1024];
	size_t i, k;

	rep->logs = xmalloc(nlogs * sizeof(*rep->logs));
	for (i = 0; i < nlogs; i++) {
		if (checked_log_open(&rep->logs[i], logs[i], profile, err, sizeof(err))) {
			fprintf(stderr, "tlbprobe-check: %s\n", err);
			return -1;
		}
		rep->nlogs++;
		for (k = 0; rep->logs[i].run && k < rep->logs[i].run->nsc; k++)
			add_name(rep, rep->logs[i].run->sc[k].name);
	}
	return 0;
}

int report_main(const char *profile, const char *md, const char *html,
		char **logs, size_t nlogs)
{
	struct report rep = { 0 };
	int status = EXIT_MATCH;
	size_t i;

	if (open_logs(&rep, profile, logs, nlogs)) {
		status = EXIT_USAGE;
	} else {
		for (i = 0; i < rep.nlogs; i++) {
			checked_log_print(stderr, &rep.logs[i]);
			if (rep.logs[i].status > status)
				status = rep.logs[i].status;
		}
		if (!md && !html)
			report_write_md(stdout, &rep);
		if ((md && write_file(md, &rep, report_write_md)) ||
		    (html && write_file(html, &rep, report_write_html)))
			status = EXIT_USAGE;
	}
	for (i = 0; i < rep.nlogs; i++)
		checked_log_close(&rep.logs[i]);
	free(rep.logs);
	free(rep.names);
	return status;
}
