// SPDX-License-Identifier: MIT
/*
 * The KTAP report (docs/log-format.md): nested subtests per family, a
 * "# result:" histogram line per scenario, totals, a summary table and the
 * done marker.  It also keeps the verdict.
 */
#include "kernel/report.h"
#include "kernel/console.h"
#include "kernel/format.h"
#include "kernel/timer.h"

#define TABLE_MAX 160

struct table_row {
	const char *name;
	enum sclass cls;
	const char *status;
	u64 n[OUT_NR];
};

static struct {
	int pass, fail, skip, observation;
	int control_failed;
	bool family_failed;
	bool in_family;
	int scen_index;
	int family_index;
	const char *family;
	const char *current;
	u64 last_progress_ms;
	struct table_row rows[TABLE_MAX];
	int nr_rows;
} rs;

static const char *const class_names[] = {
	[CLASS_CONTROL] = "control",
	[CLASS_CORRECTNESS] = "correctness",
	[CLASS_OBSERVATION] = "observation",
	[CLASS_BENCH] = "bench",
};

const char *class_name(enum sclass c)
{
	return class_names[c];
}

static const char *indent(void)
{
	return rs.in_family ? "  " : "";
}

const char *report_indent(void)
{
	return indent();
}

void report_begin(void)
{
	kputs("KTAP version 1\n");
}

void report_plan(int n)
{
	kprintf("%s1..%d\n", indent(), n);
}

void report_family_begin(const char *name, int nscen)
{
	rs.in_family = true;
	rs.family_failed = false;
	rs.family_index++;
	rs.family = name;
	rs.scen_index = 0;
	kprintf("  KTAP version 1\n  # Subtest: %s\n  1..%d\n", name, nscen);
}

void report_family_end(const char *name)
{
	rs.in_family = false;
	kprintf("%s %d %s\n", rs.family_failed ? "not ok" : "ok",
		rs.family_index, name);
}

void report_scenario_start(const char *name)
{
	rs.current = name;
	rs.scen_index++;
	rs.last_progress_ms = time_ms();
	kprintf("%s# start: %s\n", indent(), name);
}

void report_progress(const char *name, u64 iter, u64 total)
{
	u64 now = time_ms();

	/* Often enough that a log reader never waits long in silence. */
	if (now - rs.last_progress_ms < 2000)
		return;
	rs.last_progress_ms = now;
	kprintf("%s# progress: name=%s iter=%llu/%llu elapsed_ms=%llu\n",
		indent(), name, (unsigned long long)iter,
		(unsigned long long)total, (unsigned long long)now);
}

static void print_histogram(const char *name, enum sclass cls,
			    const struct scen_result *r)
{
	const struct histogram *h = &r->h;

	kprintf("%s# result: name=%s class=%s iters=%llu probes=%llu", indent(),
		name, class_name(cls), (unsigned long long)r->iters,
		(unsigned long long)hist_total(h));
	for (int o = 0; o < OUT_NR; o++)
		kprintf(" %s=%llu", outcome_name((enum outcome)o),
			(unsigned long long)hist_count(h, (enum outcome)o));
	for (int o = 0; o < OUT_NR; o++)
		if (outcome_split((enum outcome)o))
			kprintf(" touched_%s=%llu untouched_%s=%llu",
				outcome_name((enum outcome)o),
				(unsigned long long)h->touched[o],
				outcome_name((enum outcome)o),
				(unsigned long long)h->untouched[o]);
	kprintf("%s\n", r->extra);
}

/* One "# hist:" line per category that had probes, after the result. */
static void print_categories(const char *name, const struct scen_result *r)
{
	for (int c = CAT_NONE + 1; c < CAT_NR; c++) {
		const struct histogram *h = &r->cat[c];

		if (!hist_total(h))
			continue;
		kprintf("%s# hist: name=%s cat=%s probes=%llu", indent(), name,
			probe_cat_name((enum probe_cat)c),
			(unsigned long long)hist_total(h));
		for (int o = 0; o < OUT_NR; o++)
			kprintf(" %s=%llu", outcome_name((enum outcome)o),
				(unsigned long long)hist_count(h, (enum outcome)o));
		kputs("\n");
	}
}

static void table_add(const char *name, enum sclass cls, const char *status,
		      const struct scen_result *r)
{
	struct table_row *row;

	if (rs.nr_rows == TABLE_MAX)
		return;
	row = &rs.rows[rs.nr_rows++];
	row->name = name;
	row->cls = cls;
	row->status = status;
	for (int o = 0; o < OUT_NR; o++)
		row->n[o] = hist_count(&r->h, (enum outcome)o);
}

void report_scenario_end(int index, const char *name, enum sclass cls,
			 const struct scen_result *r)
{
	const char *status;

	rs.current = NULL;
	if (r->skip) {
		rs.skip++;
		kprintf("%sok %d %s # SKIP %s\n", indent(), index, name, r->skip);
		table_add(name, cls, "skip", r);
		return;
	}
	print_histogram(name, cls, r);
	print_categories(name, r);
	if (r->error || !r->pass) {
		rs.fail++;
		rs.control_failed += cls == CLASS_CONTROL;
		rs.family_failed = true;
		status = "FAIL";
	} else if (cls == CLASS_OBSERVATION) {
		rs.observation++;
		status = "obs";
	} else {
		rs.pass++;
		status = "pass";
	}
	kprintf("%s%s %d %s\n", indent(), !r->error && r->pass ? "ok" : "not ok",
		index, name);
	table_add(name, cls, status, r);
}

static void print_table(void)
{
	int i, o;

	if (!rs.nr_rows)
		return;
	kprintf("# table: %-34s %-11s %-5s", "scenario", "class", "stat");
	for (o = 0; o < OUT_NR; o++)
		kprintf(" %10s", outcome_name((enum outcome)o));
	kputs("\n");
	for (i = 0; i < rs.nr_rows; i++) {
		kprintf("# table: %-34s %-11s %-5s", rs.rows[i].name,
			class_name(rs.rows[i].cls), rs.rows[i].status);
		for (o = 0; o < OUT_NR; o++)
			kprintf(" %10llu", (unsigned long long)rs.rows[i].n[o]);
		kputs("\n");
	}
}

static bool finish(const char *reason)
{
	bool ok = !rs.fail && !reason;

	print_table();
	if (rs.control_failed)
		kprintf("# warning: %d control(s) failed: the detectors did not "
			"behave as built here, so this run's results are not "
			"trustworthy\n", rs.control_failed);
	kprintf("# totals: pass=%d fail=%d skip=%d observation=%d\n", rs.pass,
		rs.fail, rs.skip, rs.observation);
	if (reason)
		kprintf("# TLBPROBE-DONE verdict=fail reason=%s\n", reason);
	else
		kprintf("# TLBPROBE-DONE verdict=%s\n", ok ? "pass" : "fail");
	return ok;
}

bool report_finish(void)
{
	return finish(NULL);
}

void report_abort(const char *why)
{
	if (rs.current) {
		rs.fail++;
		kprintf("%s# error: %s in %s\n%snot ok %d %s\n", indent(), why,
			rs.current, indent(), rs.scen_index, rs.current);
		rs.current = NULL;
	}
	if (rs.in_family) {
		rs.in_family = false;
		kprintf("not ok %d %s\n", rs.family_index, rs.family);
	}
	finish("exception");
}

void report_fatal(const char *why)
{
	/* not kprintf: a list of valid names is longer than its buffer */
	kputs("# error: ");
	kputs(why);
	kputs("\n");
	rs.fail++;
	finish("fatal");
}

void result_kv(struct scen_result *r, const char *key, u64 value)
{
	size_t n = 0;

	while (r->extra[n])
		n++;
	fmt_snprintf(r->extra + n, sizeof(r->extra) - n, " %s=%llu", key,
		     (unsigned long long)value);
}

void result_kv_str(struct scen_result *r, const char *key, const char *value)
{
	size_t n = 0;

	while (r->extra[n])
		n++;
	fmt_snprintf(r->extra + n, sizeof(r->extra) - n, " %s=%s", key, value);
}
