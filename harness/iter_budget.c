// SPDX-License-Identifier: MIT
/* iters=auto: each row runs as long as its evidence needs (iter_budget.h). */
#include "harness/iter_budget.h"
#include "kernel/timer.h"

#define PPB	1000000000ULL

void iter_budget_start(struct iter_budget *b, const struct scen_ctx *c,
		       const char *twin)
{
	u64 units, stale;

	b->start_ms = time_ms();
	b->ended = NULL;
	b->w_ppb = PPB;
	if (!c->opt->iters_auto || !twin || !*twin)
		return;
	if (report_row_units(twin, &units, &stale) && stale && units)
		b->w_ppb = stale * PPB / units;
}

/* The units with a read other than coherent. */
static u64 bad_units(const struct scen_result *r)
{
	u64 n = 0;

	for (int o = 0; o < OUT_NR; o++)
		if (o != OUT_COHERENT && r->unit_out[o] > n)
			n = r->unit_out[o];
	return n;
}

/* zero_bound(units) / w <= target, without floating point. */
static bool at_target(const struct iter_budget *b, u64 target_ppb, u64 units)
{
	unsigned __int128 lhs = (unsigned __int128)zero_bound_ppb(units) * PPB;

	return units && lhs <= (unsigned __int128)target_ppb * b->w_ppb;
}

bool iter_budget_more(struct iter_budget *b, const struct scen_ctx *c,
		      const struct scenario *s, const struct scen_result *r)
{
	const struct options *o = c->opt;

	if (r->iters >= o->iters) {
		b->ended = "iters";
		return false;
	}
	if (!o->iters_auto)
		return true;
	if (bad_units(r) && s->cls == CLASS_CORRECTNESS) {
		b->ended = "finding";
		return false;
	}
	if (at_target(b, o->target_ppb, r->units)) {
		b->ended = "target";
		return false;
	}
	if (time_ms() - b->start_ms >= (u64)o->budget_s * 1000) {
		b->ended = "budget";
		return false;
	}
	return true;
}

void iter_budget_end(const struct iter_budget *b, const struct scen_ctx *c,
		     struct scen_result *r)
{
	if (!c->opt->iters_auto)
		return;
	result_kv_str(r, "ended", b->ended ? b->ended : "error");
	result_kv(r, "elapsed_ms", time_ms() - b->start_ms);
	if (b->w_ppb < PPB)
		result_kv(r, "twin_w_ppb", b->w_ppb);
	else
		result_kv_str(r, "twin_w_ppb", "none");
}
