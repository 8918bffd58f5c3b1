// SPDX-License-Identifier: MIT
/*
 * The answer block (kernel/answer.h): the rows as their result lines
 * state them, read through the shared evidence rule, and the lines that
 * answer from them.  Its wording is mirrored by checker/answer_check.c,
 * which rebuilds every line from the log and compares.
 */
#include "kernel/answer.h"
#include "kernel/console.h"
#include "kernel/cpu.h"
#include "kernel/format.h"
#include "kernel/strutil.h"
#include "harness/evidence.h"

#define ANSWER_ROWS_MAX 160
#define NAMES_SHOWN 3

/* The result-line keys besides the outcomes that the rule reads. */
static const char *const extra_keys[] = {
	"reused_a", "reused_a_pde", "reused_a_pdpte", "remote_stale_tlb",
};
#define NR_EXTRA ARRAY_SIZE(extra_keys)
#define EXTRA_REUSED_A 0	/* extra_keys[0] */

struct answer_row {
	const char *name;
	enum sclass cls;
	const char *status;	/* pass, FAIL, obs, skip, inc */
	u64 probes, units;
	bool has_units, witness;
	u64 n[OUT_NR], unit_out[OUT_NR];
	u64 extra[NR_EXTRA];
	bool has_extra[NR_EXTRA];
};

static struct {
	struct answer_row rows[ANSWER_ROWS_MAX];
	int n;
} as;

/* Here, not in report.c, which calls this file: no link circle. */
bool report_no_psc;

/* The "# result:" line's class= words (kernel/report.c class_name()). */
static const char *const class_words[] = {
	[CLASS_CONTROL] = "control",
	[CLASS_CORRECTNESS] = "correctness",
	[CLASS_OBSERVATION] = "observation",
	[CLASS_BENCH] = "bench",
};

/* " key=N" in a result's extra fields: N, and whether it was there. */
static u64 extra_value(const char *extra, const char *key, bool *has)
{
	const char *p;
	u64 v = 0;

	*has = false;
	for (p = extra; *p; p++) {
		const char *k = key, *q = p + 1;

		if (*p != ' ')
			continue;
		while (*k && *q == *k) {
			k++;
			q++;
		}
		if (*k || *q != '=')
			continue;
		*has = true;
		for (q++; *q >= '0' && *q <= '9'; q++)
			v = v * 10 + (u64)(*q - '0');
		return v;
	}
	return 0;
}

void answer_add(const char *name, enum sclass cls, const char *status,
		const struct scen_result *r)
{
	struct answer_row *row;

	if (as.n == ANSWER_ROWS_MAX)
		return;
	row = &as.rows[as.n++];
	row->name = name;
	row->cls = cls;
	row->status = status;
	row->probes = hist_total(&r->h);
	row->has_units = r->units > 0;
	row->units = r->units ? r->units : row->probes;
	row->witness = r->witness;
	for (int o = 0; o < OUT_NR; o++) {
		row->n[o] = hist_count(&r->h, (enum outcome)o);
		row->unit_out[o] = r->unit_out[o];
	}
	for (size_t i = 0; i < NR_EXTRA; i++)
		row->extra[i] = extra_value(r->extra, extra_keys[i],
					    &row->has_extra[i]);
}

static bool row_ran(const struct answer_row *row)
{
	return !str_eq(row->status, "skip") && !str_eq(row->status, "inc");
}

static const void *ev_find(const void *ctx, const char *name)
{
	(void)ctx;
	for (int i = 0; i < as.n; i++)
		if (str_eq(as.rows[i].name, name) && row_ran(&as.rows[i]))
			return &as.rows[i];
	return NULL;
}

static long long ev_count(const void *ctx, const void *p, const char *key,
			  bool *has)
{
	const struct answer_row *row = p;

	(void)ctx;
	*has = true;
	for (int o = 0; o < OUT_NR; o++)
		if (str_eq(key, outcome_name((enum outcome)o)))
			return (long long)row->n[o];
	if (str_eq(key, "witness"))
		return row->witness;
	for (size_t i = 0; i < NR_EXTRA; i++)
		if (str_eq(key, extra_keys[i])) {
			*has = row->has_extra[i];
			return (long long)row->extra[i];
		}
	*has = false;
	return 0;
}

static const char *ev_name(const void *ctx, const void *p)
{
	(void)ctx;
	return ((const struct answer_row *)p)->name;
}

static const char *ev_cls(const void *ctx, const void *p)
{
	(void)ctx;
	return class_words[((const struct answer_row *)p)->cls];
}

static const struct ev_src src = {
	.find = ev_find, .count = ev_count, .name = ev_name, .cls = ev_cls,
};

static bool absent(void)
{
	return report_no_psc || str_eq(cpu_accel_name(&cpu_info), "tcg");
}

void answer_caching(int *witnesses, int *seen, const char **first)
{
	*witnesses = *seen = 0;
	*first = NULL;
	for (int i = 0; i < as.n; i++) {
		const struct answer_row *row = &as.rows[i];

		if (!row_ran(row) || !ev_is_witness(&src, row))
			continue;
		++*witnesses;
		if (ev_shows_caching(&src, row) && !(*seen)++)
			*first = row->name;
	}
}

static const struct answer_row *row_named(const char *name)
{
	for (int i = 0; i < as.n; i++)
		if (str_eq(as.rows[i].name, name))
			return &as.rows[i];
	return NULL;
}

bool answer_says_nothing(const char *name)
{
	const struct answer_row *row = row_named(name);
	struct row_parts p;
	const char *first;
	int w, seen;

	if (!row || absent() || row->cls != CLASS_CORRECTNESS ||
	    !str_eq(row->status, "pass"))
		return false;
	if (ev_row_parts(&src, name, &p))
		return !ev_parts_shown(&p);
	answer_caching(&w, &seen, &first);
	return !seen;
}

int answer_says_nothing_count(void)
{
	int n = 0;

	for (int i = 0; i < as.n; i++)
		n += answer_says_nothing(as.rows[i].name);
	return n;
}

/* "(3 rows: a, b, c and 2 more)" into buf. */
static void row_list(char *buf, size_t len, const bool *in)
{
	size_t at;
	int n = 0, shown = 0;

	for (int i = 0; i < as.n; i++)
		n += in[i];
	at = (size_t)fmt_snprintf(buf, len, "%d row%s: ", n, n == 1 ? "" : "s");
	for (int i = 0; i < as.n && shown < NAMES_SHOWN && at < len; i++)
		if (in[i])
			at += (size_t)fmt_snprintf(buf + at, len - at, "%s%s",
						   shown++ ? ", " : "",
						   as.rows[i].name);
	if (n > shown && at < len)
		fmt_snprintf(buf + at, len - at, " and %d more", n - shown);
}

static void print_cache(const char *what, int which, const char *none)
{
	static bool in[ANSWER_ROWS_MAX];
	char list[256];
	bool any = false;

	for (int i = 0; i < as.n; i++) {
		struct ev_caches c;

		in[i] = false;
		if (!row_ran(&as.rows[i]) || !ev_cache_row(&src, &as.rows[i]))
			continue;
		ev_caches_of(&src, &as.rows[i], &c);
		in[i] = which == 0 ? c.tlb : which == 1 ? c.pde : c.pdpte;
		any |= in[i];
	}
	if (!any) {
		kprintf("# answer: %s: not seen (%s)\n", what, none);
		return;
	}
	row_list(list, sizeof(list), in);
	kprintf("# answer: %s: seen (%s)\n", what, list);
}

static void print_caches(void)
{
	const char *psc = absent() ? "no paging-structure caches under TCG" :
		"no row showed a stale entry of it";

	print_cache("TLB", 0, "no row read a stale TLB entry");
	print_cache("PDE cache", 1, psc);
	print_cache("PDPTE cache", 2, psc);
}

enum linux_answer { ANS_SAFE, ANS_UNSAFE, ANS_CANNOT, ANS_FAILED, ANS_NR };

/* The stale outcome with the most units (the first of a tie), or OUT_NR. */
static enum outcome worst_stale(const struct answer_row *row, u64 *k)
{
	enum outcome worst = OUT_NR;

	*k = 0;
	for (int o = 0; o < OUT_NR; o++) {
		u64 v = row->has_units ? row->unit_out[o] : row->n[o];

		if (outcome_stale((enum outcome)o) && v > *k) {
			*k = v;
			worst = (enum outcome)o;
		}
	}
	return worst;
}

static enum linux_answer linux_row(const struct answer_row *row)
{
	struct row_parts p;
	char pct[24];
	const char *first;
	enum outcome o;
	int w, seen;
	u64 k;

	kprintf("# answer: %s: ", row->name);
	o = worst_stale(row, &k);
	if (o != OUT_NR) {
		kprintf("unsafe here (%s %llu/%llu)\n", outcome_stale_words(o),
			(unsigned long long)k, (unsigned long long)row->units);
		return ANS_UNSAFE;
	}
	if (row->extra[EXTRA_REUSED_A]) {
		kprintf("unsafe here (accessed bits set in freed page-table "
			"pages: %llu)\n",
			(unsigned long long)row->extra[EXTRA_REUSED_A]);
		return ANS_UNSAFE;
	}
	if (str_eq(row->status, "FAIL")) {
		kputs("failed here (not ok: see the row's diagnostics)\n");
		return ANS_FAILED;
	}
	if (absent()) {
		kputs("cannot tell here (no paging-structure caches under TCG)\n");
		return ANS_CANNOT;
	}
	if (ev_row_parts(&src, row->name, &p) && !ev_parts_shown(&p)) {
		/* The 2018 variant is its own twin: it flushes nothing. */
		kprintf(str_eq(p.twin, row->name) ? "cannot tell here (it "
			"showed no stale entry)\n" : "cannot tell here (the "
			"twin %s showed no stale entry)\n", p.twin);
		return ANS_CANNOT;
	}
	answer_caching(&w, &seen, &first);
	if (!p.twin && !seen) {
		kputs("cannot tell here (no twin ran and no row showed caching)\n");
		return ANS_CANNOT;
	}
	fmt_pct(pct, sizeof(pct), zero_bound_ppb(row->units));
	kprintf("safe here (%llu collapses, none stale: rate < %s)\n",
		(unsigned long long)row->units, pct);
	return ANS_SAFE;
}

/* One line per linux.* row that ran, one for those that did not. */
static int print_linux(int *count)
{
	static bool skipped[ANSWER_ROWS_MAX];
	int lines = 0, nskip = 0;
	char list[256];

	for (int i = 0; i < as.n; i++) {
		const struct answer_row *row = &as.rows[i];

		skipped[i] = false;
		if (!str_starts_with(row->name, "linux."))
			continue;
		if (!row_ran(row)) {
			skipped[i] = true;
			nskip++;
			continue;
		}
		count[linux_row(row)]++;
		lines++;
	}
	if (!nskip)
		return lines;
	row_list(list, sizeof(list), skipped);
	kprintf("# answer: Linux variants not run here (%s)\n", list);
	return lines + 1;
}

static void print_verdict(int inconclusive, bool ok, const int *count)
{
	const char *first = NULL;
	int failed = 0;

	for (int i = 0; i < as.n; i++)
		if (str_eq(as.rows[i].status, "FAIL") && !failed++)
			first = as.rows[i].name;
	kputs("# answer: verdict: ");
	if (!ok)
		kprintf("fail: %d row%s failed%s%s", failed,
			failed == 1 ? "" : "s", first ? ", first " : "",
			first ? first : "");
	else if (inconclusive)
		kprintf("pass, but %d results say nothing on this machine "
			"(inconclusive)", inconclusive);
	else
		kputs("pass: no row failed");
	kprintf("; Linux variants here: %d safe, %d unsafe, %d cannot tell",
		count[ANS_SAFE], count[ANS_UNSAFE], count[ANS_CANNOT]);
	if (count[ANS_FAILED])
		kprintf(", %d failed", count[ANS_FAILED]);
	kputs("\n");
}

int answer_print(int inconclusive, bool ok)
{
	int count[ANS_NR] = { 0 };
	int lines;

	print_caches();
	lines = 3 + print_linux(count);
	print_verdict(inconclusive, ok, count);
	return lines + 1;
}
