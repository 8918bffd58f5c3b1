// SPDX-License-Identifier: MIT
/*
 * A row's counts as its experiment reads them: the histogram of outcomes,
 * per category and in the open unit (what the bounds count,
 * docs/log-format.md), and the extra " key=value" fields of its
 * "# result:" line.  kernel/report.c prints them.
 */
#include "kernel/report.h"
#include "kernel/classify.h"
#include "kernel/format.h"

static void hist_add_n(struct histogram *h, bool touched, enum outcome o,
		       u64 n)
{
	if (touched)
		h->touched[o] += n;
	else
		h->untouched[o] += n;
}

void result_read(struct scen_result *r, enum probe_cat cat, bool touched,
		 enum outcome o)
{
	result_reads(r, cat, touched, o, 1);
}

void result_reads(struct scen_result *r, enum probe_cat cat, bool touched,
		  enum outcome o, u64 n)
{
	if (!n)
		return;
	hist_add_n(&r->h, touched, o, n);
	r->cur_out |= 1u << o;
	if (cat == CAT_NONE)
		return;
	hist_add_n(&r->cat[cat], touched, o, n);
	r->cur_cat |= 1u << cat;
	if (outcome_stale(o))
		r->cur_stale |= 1u << cat;
}

void result_unit_end(struct scen_result *r)
{
	if (!r->cur_out)
		return;
	r->units++;
	for (int o = 0; o < OUT_NR; o++)
		r->unit_out[o] += (r->cur_out >> o) & 1;
	for (int c = 0; c < CAT_NR; c++) {
		r->cat_units[c] += (r->cur_cat >> c) & 1;
		r->cat_stale[c] += (r->cur_stale >> c) & 1;
	}
	r->cur_out = r->cur_cat = r->cur_stale = 0;
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
