// SPDX-License-Identifier: MIT
/*
 * The KTAP report (docs/log-format.md): nested subtests per family, a
 * "# result:" histogram line per scenario, totals, a summary table and the
 * done marker.  It also keeps the verdict.
 */
#include "kernel/report.h"
#include "kernel/answer.h"
#include "kernel/console.h"
#include "kernel/cpu.h"
#include "kernel/strutil.h"
#include "kernel/timer.h"
#include "kernel/table.h"

static struct {
	int pass, fail, skip, observation;
	int correct_pass;	/* correctness rows among pass */
	int inconclusive_ctl;	/* controls among skip: inconclusive here */
	int witnesses, seen;	/* "# caching:" */
	const char *first_seen;
	int control_failed;
	bool family_failed;
	bool in_family;
	int scen_index;
	int family_index;
	const char *family;
	const char *current;
	u64 last_progress_ms;
	u64 start_ms;		/* when the running scenario started */
} rs;

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
	rs.last_progress_ms = rs.start_ms = time_ms();
	kprintf("%s# start: %s\n", indent(), name);
}

void report_progress(const char *name, u64 iter, u64 total)
{
	u64 now = time_ms();

	/* Often enough that a log reader never waits long in silence. */
	if (now - rs.last_progress_ms < 2000)
		return;
	rs.last_progress_ms = now;
	/* total 0: iters=auto, the row ends at its target or budget. */
	if (!total)
		kprintf("%s# progress: name=%s iter=%llu/auto elapsed_ms=%llu\n",
			indent(), name, (unsigned long long)iter,
			(unsigned long long)now);
	else
		kprintf("%s# progress: name=%s iter=%llu/%llu elapsed_ms=%llu\n",
			indent(), name, (unsigned long long)iter,
			(unsigned long long)total, (unsigned long long)now);
}

/*
 * units= and, per outcome other than coherent, units_<outcome>= (how many
 * units had such a read): what the bounds count (docs/log-format.md).
 */
static void print_units(const struct scen_result *r)
{
	if (!r->units)
		return;
	kprintf(" units=%llu", (unsigned long long)r->units);
	for (int o = 0; o < OUT_NR; o++)
		if (o != OUT_COHERENT)
			kprintf(" units_%s=%llu", outcome_name((enum outcome)o),
				(unsigned long long)r->unit_out[o]);
	if (r->twin)
		kprintf(" twin=%s", *r->twin ? r->twin : "none");
}

/* Whether the " key=value" fields hold key (given with its '='). */
static bool has_field(const char *fields, const char *key)
{
	for (const char *p = fields; *p; p++)
		if (*p == ' ' && str_starts_with(p + 1, key))
			return true;
	return false;
}

static void print_histogram(const char *name, enum sclass cls,
			    const struct scen_result *r)
{
	const struct histogram *h = &r->h;

	kprintf("%s# result: name=%s class=%s", indent(), name, class_name(cls));
	row_params_print(&r->params);
	kprintf(" iters=%llu probes=%llu", (unsigned long long)r->iters,
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
	print_units(r);
	kprintf("%s", r->extra);
	if (r->witness)
		kprintf(" witness=1 psc_seen=%d", r->psc_seen);
	/* How long the row took, for test reports; iters=auto rows say it. */
	if (!has_field(r->extra, "elapsed_ms="))
		kprintf(" elapsed_ms=%llu",
			(unsigned long long)(time_ms() - rs.start_ms));
	kputs("\n");
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
		if (r->units)
			kprintf(" units=%llu units_stale=%llu",
				(unsigned long long)r->cat_units[c],
				(unsigned long long)r->cat_stale[c]);
		kputs("\n");
	}
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
	if (r->inconclusive && !r->error) {
		/* Allowed, not required: no finding, and no pass either. */
		rs.skip++;
		rs.inconclusive_ctl++;
		kprintf("%sok %d %s # SKIP inconclusive: %s\n", indent(), index,
			name, r->inconclusive);
		table_add(name, cls, "inc", r);
		return;
	}
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
		rs.correct_pass += cls == CLASS_CORRECTNESS;
		status = "pass";
	}
	kprintf("%s%s %d %s\n", indent(), !r->error && r->pass ? "ok" : "not ok",
		index, name);
	table_add(name, cls, status, r);
}

enum caching_status { CACHING_ABSENT, CACHING_OBSERVED, CACHING_NOT_OBSERVED,
		      CACHING_UNTESTED };

static enum caching_status caching_status(void)
{
	if (report_no_psc || str_eq(cpu_accel_name(&cpu_info), "tcg"))
		return CACHING_ABSENT;
	answer_caching(&rs.witnesses, &rs.seen, &rs.first_seen);
	if (rs.seen)
		return CACHING_OBSERVED;
	return rs.witnesses ? CACHING_NOT_OBSERVED : CACHING_UNTESTED;
}

/* Results that say nothing on this machine, among pass= and skip=. */
static int inconclusive_count(void)
{
	return rs.inconclusive_ctl + answer_says_nothing_count();
}

/*
 * Whether this machine can show the bug (docs/log-format.md): under TCG it
 * cannot by construction; elsewhere the witness rows say.
 */
static void print_caching(void)
{
	switch (caching_status()) {
	case CACHING_ABSENT:
		kprintf("# caching: status=absent accel=%s reason=\"QEMU TCG has "
			"no paging-structure caches: correctness rows check the "
			"flush mechanics only\"\n", cpu_accel_name(&cpu_info));
		break;
	case CACHING_OBSERVED:
		kprintf("# caching: status=observed witnesses=%d seen=%d first=%s\n",
			rs.witnesses, rs.seen, rs.first_seen);
		break;
	case CACHING_NOT_OBSERVED:
		kprintf("# caching: status=not-observed witnesses=%d seen=0 "
			"inconclusive=%d reason=\"inconclusive: no "
			"paging-structure caching observed on this machine\"\n",
			rs.witnesses, inconclusive_count());
		break;
	case CACHING_UNTESTED:
		kprintf("# caching: status=untested witnesses=0 inconclusive=%d "
			"reason=\"inconclusive: no row built to show "
			"paging-structure caching ran\"\n", inconclusive_count());
		break;
	}
}

static const char *const caching_names[] = {
	[CACHING_ABSENT] = "absent",
	[CACHING_OBSERVED] = "observed",
	[CACHING_NOT_OBSERVED] = "not-observed",
	[CACHING_UNTESTED] = "untested",
};

static bool finish(const char *reason)
{
	bool ok = !rs.fail && !reason;
	int answers = 0;

	table_print();
	if (rs.control_failed)
		kprintf("# warning: %d control(s) failed: the detectors did not "
			"behave as built here, so this run's results are not "
			"trustworthy\n", rs.control_failed);
	if (!reason && table_rows())
		print_caching();
	if (!reason && table_rows())
		answers = answer_print(inconclusive_count(), ok);
	kprintf("# totals: pass=%d fail=%d skip=%d observation=%d "
		"inconclusive=%d\n", rs.pass, rs.fail, rs.skip, rs.observation,
		inconclusive_count());
	if (reason)
		kprintf("# TLBPROBE-DONE verdict=fail reason=%s\n", reason);
	else if (table_rows())
		kprintf("# TLBPROBE-DONE verdict=%s caching=%s inconclusive=%d "
			"answer=%d\n", ok ? "pass" : "fail",
			caching_names[caching_status()], inconclusive_count(),
			answers);
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
