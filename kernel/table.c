// SPDX-License-Identifier: MIT
/*
 * The "# table:" summary at the end of the report (docs/log-format.md):
 * one row per scenario, kept as each ends, in at most 100 columns.
 */
#include "kernel/table.h"
#include "kernel/answer.h"
#include "kernel/console.h"
#include "kernel/format.h"
#include "kernel/strutil.h"

#define TABLE_MAX 160

struct table_row {
	const char *name;
	enum sclass cls;
	const char *status;
	u64 probes;
	u64 units;	/* what a zero's bound counts: units, else probes */
	u64 stale_units;	/* the most units of any stale outcome */
	bool has_units;
	u64 n[OUT_NR];
};

static struct {
	struct table_row rows[TABLE_MAX];
	int n;
} ts;

int table_rows(void)
{
	return ts.n;
}

/*
 * A table line fits in TABLE_COLS columns (a terminal): the fixed columns,
 * then the outcomes other than coherent that were counted, wrapped onto
 * "# table:" continuation lines aligned under the first.
 */
#define TABLE_COLS 100
#define TABLE_NAME 33

static int table_fixed(const char *name, const char *cls, const char *stat,
		       const char *probes, const char *units, const char *bound)
{
	char line[160];
	int n;

	n = fmt_snprintf(line, sizeof(line), "# table: %-*s %-11s %-4s %6s %5s %7s",
			 TABLE_NAME, name, cls, stat, probes, units, bound);
	kputs(line);
	return n;
}

static void table_outcomes(const struct table_row *row, int col)
{
	int at = col, shown = 0;
	char tok[48];

	for (int o = 0; o < OUT_NR; o++) {
		int n;

		if (o == OUT_COHERENT || !row->n[o])
			continue;
		n = fmt_snprintf(tok, sizeof(tok), "%s=%llu",
				 outcome_name((enum outcome)o),
				 (unsigned long long)row->n[o]);
		if (shown && at + 1 + n > TABLE_COLS) {
			kprintf("\n# table: %*s", col - 9, "");
			at = col;
		}
		kprintf(" %s", tok);
		at += 1 + n;
		shown++;
	}
	if (!shown)
		kputs(row->probes ? " coherent" : " -");
	kputs("\n");
}

static void table_row_print(const struct table_row *row, const char *status)
{
	char probes[24], units[24], pct[24], bound[32];
	int col;

	fmt_snprintf(probes, sizeof(probes), "%llu", (unsigned long long)row->probes);
	fmt_snprintf(units, sizeof(units), "%llu", (unsigned long long)row->units);
	/* Unconditioned: the checker divides by the no-flush twin's rate. */
	if (row->probes) {
		fmt_pct(pct, sizeof(pct), zero_bound_ppb(row->units));
		fmt_snprintf(bound, sizeof(bound), "<%s", pct);
	} else {
		fmt_snprintf(bound, sizeof(bound), "-");
	}
	col = table_fixed(row->name, class_name(row->cls), status, probes,
			  units, bound);
	table_outcomes(row, col);
}

void table_print(void)
{
	const char *status;

	if (!ts.n)
		return;
	table_fixed("scenario", "class", "stat", "probes", "units", "zero<");
	kputs(" not coherent\n");
	for (int i = 0; i < ts.n; i++) {
		status = ts.rows[i].status;
		/* A correctness pass says nothing where its twin saw nothing. */
		if (answer_says_nothing(ts.rows[i].name))
			status = "inc";
		table_row_print(&ts.rows[i], status);
	}
	kputs("# table: zero<: an outcome counted 0 has a rate below this one-sided 95% bound,\n"
	      "# table: 1 - 0.05^(1/units), units the iterations x CPUs that read; not\n"
	      "# table: conditioned on the no-flush twin.  stat inc: inconclusive here\n");
}

void table_add(const char *name, enum sclass cls, const char *status,
	       const struct scen_result *r)
{
	struct table_row *row;

	if (ts.n == TABLE_MAX)
		return;
	row = &ts.rows[ts.n++];
	row->name = name;
	row->cls = cls;
	row->status = status;
	row->probes = hist_total(&r->h);
	row->units = r->units ? r->units : row->probes;
	row->has_units = r->units > 0;
	row->stale_units = 0;
	for (int o = 0; o < OUT_NR; o++)
		if (outcome_stale((enum outcome)o) && r->unit_out[o] > row->stale_units)
			row->stale_units = r->unit_out[o];
	for (int o = 0; o < OUT_NR; o++)
		row->n[o] = hist_count(&r->h, (enum outcome)o);
	answer_add(name, cls, status, r);
}

bool report_row_units(const char *name, u64 *units, u64 *stale)
{
	for (int i = 0; i < ts.n; i++) {
		const struct table_row *row = &ts.rows[i];

		if (str_eq(row->name, name) && row->has_units &&
		    !str_eq(row->status, "skip")) {
			*units = row->units;
			*stale = row->stale_units;
			return true;
		}
	}
	return false;
}
