// SPDX-License-Identifier: MIT
/*
 * The bench family's output (bench_report.h): the "# bench:" lines as the
 * figures come, and the "# bench-table:" summary at the end.
 */
#include "tests/kernel/bench_report.h"
#include "harness/diag.h"
#include "kernel/cpu.h"
#include "kernel/format.h"
#include "kernel/timer.h"

#define ROWS_MAX	48
#define ROW_NAME	40
#define LINE_MAX	256

static bool prepared;

static struct row {
	char name[ROW_NAME];
	struct bench_stats st;
	const char *skip;
} rows[ROWS_MAX];
static int nr_rows;

static u64 refill[BENCH_REFILL_KINDS][BENCH_REFILL_KS];
static u64 reach[BENCH_PSIZES][BENCH_WSETS][BENCH_ORDERS];

const char *const bench_psize_name[BENCH_PSIZES] = { "4k", "2m", "1g" };
const char *const bench_wset_name[BENCH_WSETS] = { "2m", "16m", "128m", "1g" };
const char *const bench_order_name[BENCH_ORDERS] = { "seq", "rand" };
const enum flush_kind bench_refill_flush[BENCH_REFILL_KINDS] = {
	FLUSH_NONE, FLUSH_INVLPG, FLUSH_CR3, FLUSH_PGE
};
const u32 bench_refill_k[BENCH_REFILL_KS] = { 1, 16, 64, 512 };

static struct row *add_row(const char *name)
{
	struct row *rw;

	if (nr_rows == ROWS_MAX)
		return NULL;
	rw = &rows[nr_rows++];
	fmt_snprintf(rw->name, sizeof(rw->name), "%s", name);
	return rw;
}

void bench_prepare(void)
{
	struct bench_stats st;
	struct row *rw;

	if (prepared)
		return;
	prepared = true;
	for (int k = 0; k < BENCH_REFILL_KINDS; k++)
		for (int i = 0; i < BENCH_REFILL_KS; i++)
			refill[k][i] = BENCH_NOT_MEASURED;
	for (int p = 0; p < BENCH_PSIZES; p++)
		for (int w = 0; w < BENCH_WSETS; w++)
			for (int o = 0; o < BENCH_ORDERS; o++)
				reach[p][w][o] = BENCH_NOT_MEASURED;
	bench_timing_prepare(&st);
	diag(DIAG_BENCH, "name=tsc unit=hz value=%llu source=%s invtsc=%d "
	     "rdtscp=%d serialise=%s accel=%s emulated=%d",
	     (unsigned long long)tsc_hz(), tsc_source(), cpu_info.invtsc,
	     cpu_info.rdtscp, bench_serialise_name(), cpu_accel_name(&cpu_info),
	     bench_emulated());
	diag(DIAG_BENCH, "name=timer.overhead unit=cycles min=%llu "
	     "median=%llu p99=%llu n=%u subtracted=%llu emulated=%d",
	     (unsigned long long)st.min, (unsigned long long)st.median,
	     (unsigned long long)st.p99, st.n,
	     (unsigned long long)bench_overhead(), bench_emulated());
	rw = add_row("timer.overhead");
	if (rw)
		rw->st = st;
	if (bench_emulated())
		diag(DIAG_BENCH_NOTE, "accel=tcg: cycle counts are QEMU's, not "
		     "the hardware's; collapse and refill use %u repetitions "
		     "(%u on hardware), reach fewer accesses per figure",
		     BENCH_REPS_TCG_HEAVY, BENCH_REPS);
}

void bench_report(const char *name, const struct bench_stats *st)
{
	struct row *rw = add_row(name);

	if (rw)
		rw->st = *st;
	diag(DIAG_BENCH, "name=%s unit=cycles min=%llu median=%llu p99=%llu "
	     "n=%u emulated=%d", name, (unsigned long long)st->min,
	     (unsigned long long)st->median, (unsigned long long)st->p99,
	     st->n, bench_emulated());
}

void bench_report_reach(const char *name, u64 centi, u64 accesses,
			u64 pages, u64 touched)
{
	diag(DIAG_BENCH, "name=%s unit=cycles_per_access value=%llu.%02llu "
	     "accesses=%llu pages=%llu touched_pages=%llu emulated=%d", name,
	     (unsigned long long)(centi / 100),
	     (unsigned long long)(centi % 100),
	     (unsigned long long)accesses, (unsigned long long)pages,
	     (unsigned long long)touched, bench_emulated());
}

void bench_report_skip(const char *name, const char *unit, const char *why)
{
	struct row *rw = add_row(name);

	if (rw)
		rw->skip = why;
	diag(DIAG_BENCH, "name=%s unit=%s skipped=\"%s\" emulated=%d", name,
	     unit, why, bench_emulated());
}

void bench_note_refill(int kind, int kidx, u64 median)
{
	refill[kind][kidx] = median;
}

void bench_note_reach(int psize, int wset, int order, u64 centi)
{
	reach[psize][wset][order] = centi;
}

/* A table line is built in a buffer, then written as one diagnostic. */
struct line {
	char buf[LINE_MAX];
	size_t n;
};

__attribute__((format(printf, 2, 3)))
static void add(struct line *l, const char *fmt, ...)
{
	va_list ap;

	if (l->n >= sizeof(l->buf))
		return;
	va_start(ap, fmt);
	l->n += (size_t)fmt_vsnprintf(l->buf + l->n, sizeof(l->buf) - l->n, fmt,
				      ap);
	va_end(ap);
}

static void add_centi(struct line *l, u64 v)
{
	char buf[24];

	if (v == BENCH_NOT_MEASURED)
		fmt_snprintf(buf, sizeof(buf), "-");
	else
		fmt_snprintf(buf, sizeof(buf), "%llu.%02llu",
			     (unsigned long long)(v / 100),
			     (unsigned long long)(v % 100));
	add(l, " %9s", buf);
}

static void print_figures(void)
{
	diag(DIAG_BENCH_TABLE, "%-30s %9s %9s %9s %5s", "figure (cycles)",
	     "min", "median", "p99", "n");
	for (int i = 0; i < nr_rows; i++) {
		if (rows[i].skip) {
			diag(DIAG_BENCH_TABLE, "%-30s skipped: %s", rows[i].name,
			     rows[i].skip);
			continue;
		}
		diag(DIAG_BENCH_TABLE, "%-30s %9llu %9llu %9llu %5u",
		     rows[i].name, (unsigned long long)rows[i].st.min,
		     (unsigned long long)rows[i].st.median,
		     (unsigned long long)rows[i].st.p99, rows[i].st.n);
	}
}

static bool any_refill(void)
{
	for (int k = 0; k < BENCH_REFILL_KINDS; k++)
		for (int i = 0; i < BENCH_REFILL_KS; i++)
			if (refill[k][i] != BENCH_NOT_MEASURED)
				return true;
	return false;
}

static void print_refill(void)
{
	struct line l = { .n = 0 };
	char h[16];

	if (!any_refill())
		return;
	diag(DIAG_BENCH_TABLE, "%s", "");
	add(&l, "%-30s", "refill: median cycles per page");
	for (int i = 0; i < BENCH_REFILL_KS; i++) {
		fmt_snprintf(h, sizeof(h), "k=%u", bench_refill_k[i]);
		add(&l, " %9s", h);
	}
	diag(DIAG_BENCH_TABLE, "%s", l.buf);
	for (int k = 0; k < BENCH_REFILL_KINDS; k++) {
		l.n = 0;
		add(&l, "%-30s", flush_name(bench_refill_flush[k]));
		for (int i = 0; i < BENCH_REFILL_KS; i++)
			add_centi(&l, refill[k][i] == BENCH_NOT_MEASURED ?
				  BENCH_NOT_MEASURED :
				  refill[k][i] * 100 / bench_refill_k[i]);
		diag(DIAG_BENCH_TABLE, "%s", l.buf);
	}
}

static bool any_reach(void)
{
	for (int p = 0; p < BENCH_PSIZES; p++)
		for (int w = 0; w < BENCH_WSETS; w++)
			for (int o = 0; o < BENCH_ORDERS; o++)
				if (reach[p][w][o] != BENCH_NOT_MEASURED)
					return true;
	return false;
}

static void print_reach(void)
{
	struct line l = { .n = 0 };
	char h[16];

	if (!any_reach())
		return;
	diag(DIAG_BENCH_TABLE, "%s", "");
	add(&l, "%-30s", "reach (cycles per access)");
	for (int w = 0; w < BENCH_WSETS; w++)
		for (int o = 0; o < BENCH_ORDERS; o++) {
			fmt_snprintf(h, sizeof(h), "%s.%s", bench_order_name[o],
				     bench_wset_name[w]);
			add(&l, " %9s", h);
		}
	diag(DIAG_BENCH_TABLE, "%s", l.buf);
	for (int p = 0; p < BENCH_PSIZES; p++) {
		l.n = 0;
		add(&l, "%-30s", bench_psize_name[p]);
		for (int w = 0; w < BENCH_WSETS; w++)
			for (int o = 0; o < BENCH_ORDERS; o++)
				add_centi(&l, reach[p][w][o]);
		diag(DIAG_BENCH_TABLE, "%s", l.buf);
	}
}

void bench_print_tables(void)
{
	if (!prepared)
		return;
	diag(DIAG_BENCH_TABLE, "tlbprobe bench: accel=%s tsc_hz=%llu (%s) "
	     "timer overhead %llu cycles subtracted%s",
	     cpu_accel_name(&cpu_info), (unsigned long long)tsc_hz(),
	     tsc_source(), (unsigned long long)bench_overhead(),
	     bench_emulated() ? "; EMULATED: TCG cycle counts say nothing "
				"about hardware" : "");
	print_figures();
	print_refill();
	print_reach();
}
