// SPDX-License-Identifier: MIT
/*
 * Refill (bench.h): the cost of touching K pages right after a flush, for
 * each flush in bench_refill_flush.  The flush is untimed and goes through
 * the seam; the touches are timed.
 */
#include "tests/kernel/bench.h"
#include "kernel/format.h"

struct refill_arg {
	u64 base;
	u32 k;
	enum flush_kind flush;
};

static void refill_setup(void *p)
{
	struct refill_arg *a = p;

	bench_touch(a->base, a->k);
	/* An address flush is one per page touched. */
	if (flush_scope(a->flush)->at == FLUSH_AT_NONE) {
		fixture_flush(a->flush, 0);
		return;
	}
	for (u32 j = 0; j < a->k; j++)
		fixture_flush(a->flush, a->base + j * PAGE_SIZE);
}

static void op_refill(void *p)
{
	struct refill_arg *a = p;

	bench_touch(a->base, a->k);
}

static int refill_index(enum flush_kind kind)
{
	for (int i = 0; i < BENCH_REFILL_KINDS; i++)
		if (bench_refill_flush[i] == kind)
			return i;
	return -1;
}

void bench_run_refill(const struct scenario *s, struct scen_ctx *c,
		      struct scen_result *r)
{
	const char *why = NULL;
	u64 pa = bench_frames_2m(c, &why);
	struct refill_arg a = {
		.base = bench_va(BSLOT_REFILL),
		.flush = bench_def(s)->flush,
	};
	int kind = refill_index(a.flush);
	struct bench_stats st;
	char name[40];

	if (kind < 0 || bench_map_small(c, a.base, pa)) {
		diag(DIAG_ERROR, "could not map the pages to touch");
		r->error = true;
		bench_unmap_gib(c, a.base);
		return;
	}
	fixture_full_flush();
	for (int i = 0; i < BENCH_REFILL_KS; i++) {
		a.k = bench_refill_k[i];
		bench_measure(refill_setup, op_refill, &a, bench_heavy_reps(), &st);
		fmt_snprintf(name, sizeof(name), "refill.%s.k%u",
			     flush_name(a.flush), a.k);
		bench_report(name, &st);
		bench_note_refill(kind, i, st.median);
		r->iters += st.n;
	}
	fixture_full_flush();
	bench_unmap_gib(c, a.base);
}
