// SPDX-License-Identifier: MIT
/*
 * Timing for the bench family: serialised TSC reads, the timer's own
 * overhead, min/median/p99 over a static sample array, the "# bench:"
 * lines and the "# bench-table:" summary.
 */
#include "tests/kernel/bench.h"
#include "kernel/strutil.h"
#include "kernel/console.h"
#include "kernel/cpu.h"
#include "kernel/format.h"
#include "kernel/timer.h"

#define IND		"  "
#define ROWS_MAX	48
#define ROW_NAME	40

bool bench_rdtscp;

static u64 samples[BENCH_REPS_MAX];
static u64 overhead;
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
const char *const bench_refill_name[BENCH_REFILL_KINDS] = {
	"none", "invlpg", "cr3", "pge"
};
const u32 bench_refill_k[BENCH_REFILL_KS] = { 1, 16, 64, 512 };

bool bench_emulated(void)
{
	return str_eq(cpu_accel_name(&cpu_info), "tcg");
}

u32 bench_heavy_reps(void)
{
	return bench_emulated() ? BENCH_REPS_TCG_HEAVY : BENCH_REPS;
}

u64 bench_overhead(void)
{
	return overhead;
}

/* Shell sort (Ciura's gaps): small, in place, no recursion. */
static void sort_u64(u64 *v, u32 n)
{
	static const u32 gaps[] = { 701, 301, 132, 57, 23, 10, 4, 1 };

	for (size_t g = 0; g < ARRAY_SIZE(gaps); g++) {
		u32 gap = gaps[g];

		for (u32 i = gap; i < n; i++) {
			u64 x = v[i];
			u32 j = i;

			for (; j >= gap && v[j - gap] > x; j -= gap)
				v[j] = v[j - gap];
			v[j] = x;
		}
	}
}

static void stats_of(u64 *v, u32 n, struct bench_stats *st)
{
	sort_u64(v, n);
	st->n = n;
	st->min = v[0];
	st->median = v[n / 2];
	/* Nearest rank: the smallest value with at least 99% at or below it. */
	st->p99 = v[(n * 99 + 99) / 100 - 1];
}

static void empty_op(void *arg)
{
	(void)arg;
}

/* Read through a volatile: the compiler cannot specialise for it. */
static bench_fn *volatile empty_fn = empty_op;

__attribute__((noinline))
void bench_measure(bench_fn *setup, bench_fn *op, void *arg, u32 reps,
		   struct bench_stats *st)
{
	u32 n = MAX(MIN(reps, BENCH_REPS_MAX), 1), done = 0;
	u64 budget = bench_budget(BENCH_FIGURE_MS), start = bench_ts(), t0, t1;

	while (done < n) {
		if (setup)
			setup(arg);
		t0 = bench_ts();
		op(arg);
		t1 = bench_ts();
		samples[done++] = t1 - t0 > overhead ? t1 - t0 - overhead : 0;
		/* A slow machine (a shadow-paging hypervisor) gets fewer. */
		if (done >= BENCH_REPS_MIN && t1 - start > budget)
			break;
	}
	stats_of(samples, done, st);
}

u64 bench_budget(u64 ms)
{
	return tsc_hz() / 1000 * ms;
}

static const char *serialise_name(void)
{
	return bench_rdtscp ? "rdtscp+lfence" : "lfence+rdtsc+lfence";
}

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
	bench_rdtscp = cpu_info.rdtscp;
	for (int k = 0; k < BENCH_REFILL_KINDS; k++)
		for (int i = 0; i < BENCH_REFILL_KS; i++)
			refill[k][i] = BENCH_NOT_MEASURED;
	for (int p = 0; p < BENCH_PSIZES; p++)
		for (int w = 0; w < BENCH_WSETS; w++)
			for (int o = 0; o < BENCH_ORDERS; o++)
				reach[p][w][o] = BENCH_NOT_MEASURED;
	/* Warm the code and the array first; then the empty region itself. */
	overhead = 0;
	bench_measure(NULL, empty_fn, NULL, BENCH_REPS, &st);
	bench_measure(NULL, empty_fn, NULL, BENCH_REPS, &st);
	overhead = st.min;
	kprintf(IND "# bench: name=tsc unit=hz value=%llu source=%s invtsc=%d "
		"rdtscp=%d serialise=%s accel=%s emulated=%d\n",
		(unsigned long long)tsc_hz(), tsc_source(), cpu_info.invtsc,
		cpu_info.rdtscp, serialise_name(), cpu_accel_name(&cpu_info),
		bench_emulated());
	kprintf(IND "# bench: name=timer.overhead unit=cycles min=%llu "
		"median=%llu p99=%llu n=%u subtracted=%llu emulated=%d\n",
		(unsigned long long)st.min, (unsigned long long)st.median,
		(unsigned long long)st.p99, st.n,
		(unsigned long long)overhead, bench_emulated());
	rw = add_row("timer.overhead");
	if (rw)
		rw->st = st;
	if (bench_emulated())
		kprintf(IND "# bench-note: accel=tcg: cycle counts are QEMU's, not "
			"the hardware's; collapse and refill use %u repetitions "
			"(%u on hardware), reach fewer accesses per figure\n",
			BENCH_REPS_TCG_HEAVY, BENCH_REPS);
}

void bench_report(const char *name, const struct bench_stats *st)
{
	struct row *rw = add_row(name);

	if (rw)
		rw->st = *st;
	kprintf(IND "# bench: name=%s unit=cycles min=%llu median=%llu p99=%llu "
		"n=%u emulated=%d\n", name, (unsigned long long)st->min,
		(unsigned long long)st->median, (unsigned long long)st->p99,
		st->n, bench_emulated());
}

void bench_report_reach(const char *name, u64 centi, u64 accesses,
			u64 pages, u64 touched)
{
	kprintf(IND "# bench: name=%s unit=cycles_per_access value=%llu.%02llu "
		"accesses=%llu pages=%llu touched_pages=%llu emulated=%d\n", name,
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
	kprintf(IND "# bench: name=%s unit=%s skipped=\"%s\" emulated=%d\n",
		name, unit, why, bench_emulated());
}

void bench_note_refill(int kind, int kidx, u64 median)
{
	refill[kind][kidx] = median;
}

void bench_note_reach(int psize, int wset, int order, u64 centi)
{
	reach[psize][wset][order] = centi;
}

static void print_centi(u64 v)
{
	char buf[24];

	if (v == BENCH_NOT_MEASURED)
		fmt_snprintf(buf, sizeof(buf), "-");
	else
		fmt_snprintf(buf, sizeof(buf), "%llu.%02llu",
			     (unsigned long long)(v / 100),
			     (unsigned long long)(v % 100));
	kprintf(" %9s", buf);
}

static void print_figures(void)
{
	kprintf(IND "# bench-table: %-30s %9s %9s %9s %5s\n", "figure (cycles)",
		"min", "median", "p99", "n");
	for (int i = 0; i < nr_rows; i++) {
		if (rows[i].skip) {
			kprintf(IND "# bench-table: %-30s skipped: %s\n",
				rows[i].name, rows[i].skip);
			continue;
		}
		kprintf(IND "# bench-table: %-30s %9llu %9llu %9llu %5u\n",
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
	char h[16];

	if (!any_refill())
		return;
	kprintf(IND "# bench-table:\n" IND "# bench-table: %-30s",
		"refill: median cycles per page");
	for (int i = 0; i < BENCH_REFILL_KS; i++) {
		fmt_snprintf(h, sizeof(h), "k=%u", bench_refill_k[i]);
		kprintf(" %9s", h);
	}
	kputs("\n");
	for (int k = 0; k < BENCH_REFILL_KINDS; k++) {
		kprintf(IND "# bench-table: %-30s", bench_refill_name[k]);
		for (int i = 0; i < BENCH_REFILL_KS; i++)
			print_centi(refill[k][i] == BENCH_NOT_MEASURED ?
				    BENCH_NOT_MEASURED :
				    refill[k][i] * 100 / bench_refill_k[i]);
		kputs("\n");
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
	char h[16];

	if (!any_reach())
		return;
	kprintf(IND "# bench-table:\n" IND "# bench-table: %-30s",
		"reach (cycles per access)");
	for (int w = 0; w < BENCH_WSETS; w++)
		for (int o = 0; o < BENCH_ORDERS; o++) {
			fmt_snprintf(h, sizeof(h), "%s.%s", bench_order_name[o],
				     bench_wset_name[w]);
			kprintf(" %9s", h);
		}
	kputs("\n");
	for (int p = 0; p < BENCH_PSIZES; p++) {
		kprintf(IND "# bench-table: %-30s", bench_psize_name[p]);
		for (int w = 0; w < BENCH_WSETS; w++)
			for (int o = 0; o < BENCH_ORDERS; o++)
				print_centi(reach[p][w][o]);
		kputs("\n");
	}
}

void bench_print_tables(void)
{
	if (!prepared)
		return;
	kprintf(IND "# bench-table: tlbprobe bench: accel=%s tsc_hz=%llu (%s) "
		"timer overhead %llu cycles subtracted%s\n",
		cpu_accel_name(&cpu_info), (unsigned long long)tsc_hz(),
		tsc_source(), (unsigned long long)overhead,
		bench_emulated() ? "; EMULATED: TCG cycle counts say nothing "
				   "about hardware" : "");
	print_figures();
	print_refill();
	print_reach();
}

void bench_unmap_gib(struct scen_ctx *c, u64 base)
{
	struct flush_req full = { .kind = FLUSH_FULL };
	u64 *pud = pgt_entry(c->pgt, base, PT_LEVEL_PUD);

	if (!pud || !(*pud & PTE_P))
		return;
	if (*pud & PTE_PS) {
		*pud = 0;
		lab_full_flush();
		return;
	}
	pud_free_pmd_page(c->pgt, base, &full);
}

int bench_map_small(struct scen_ctx *c, u64 base, u64 pa)
{
	u64 *pte;

	if (pgt_map_4k(c->pgt, base, pa, PTE_RW))
		return -1;
	pte = pgt_entry(c->pgt, base, PT_LEVEL_PTE);
	for (unsigned int j = 1; j < PTRS_PER_TABLE; j++)
		pte[j] = (pa + j * PAGE_SIZE) | PTE_RW | PTE_P;
	return 0;
}

void bench_touch(u64 base, u32 k)
{
	for (u32 j = 0; j < k; j++)
		(void)*(volatile u64 *)(base + j * PAGE_SIZE +
					((j * 64) & (PAGE_SIZE - 1)));
}
