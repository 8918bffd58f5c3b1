// SPDX-License-Identifier: MIT
/*
 * What the bounds count (units.h): the kernel's units= fields, the
 * fallback for logs of older kernels, and the no-flush twin's rate.
 */
#include "units.h"

#include <stdio.h>
#include <string.h>

long long scenario_units(const struct scenario *s, bool *from_iters)
{
	const struct kv *kv = kv_find(&s->counts, "units");

	*from_iters = !kv;
	if (kv)
		return kv->is_num ? kv->num : 0;
	return scenario_count(s, "iters");
}

long long scenario_units_with(const struct scenario *s, const char *key)
{
	char name[64];
	const struct kv *kv;
	bool old;
	long long n = scenario_units(s, &old), k;

	snprintf(name, sizeof(name), "units_%s", key);
	kv = kv_find(&s->counts, name);
	if (!old && kv)
		return kv->is_num ? kv->num : 0;
	k = scenario_count(s, key);
	return k < n ? k : n;
}

long long scenario_units_with_min(const struct scenario *s, const char *key)
{
	bool old;
	long long n = scenario_units(s, &old), k, probes, per;

	if (!old)
		return scenario_units_with(s, key);
	k = scenario_count(s, key);
	probes = scenario_count(s, "probes");
	if (!k || n <= 0)
		return 0;
	per = (probes + n - 1) / n;
	return per > 0 ? (k + per - 1) / per : k;
}

/* The outcomes that show a stale entry (kernel/outcomes.def STALE). */
static const char *const stale_keys[] = {
#define STALE(key, cache, words) #key,
#include "../kernel/outcomes.def"
#undef STALE
};

long long scenario_units_stale(const struct scenario *s)
{
	bool old;
	long long n = scenario_units(s, &old), k = 0;

	for (size_t i = 0; i < sizeof(stale_keys) / sizeof(stale_keys[0]); i++)
		k += scenario_units_with(s, stale_keys[i]);
	return k < n ? k : n;
}

/*
 * The largest of the stale outcomes' fewest units: a lower bound on the
 * units with a stale read, so that w is never overstated.
 */
static long long units_stale_at_least(const struct scenario *s)
{
	long long k = 0, v;

	for (size_t i = 0; i < sizeof(stale_keys) / sizeof(stale_keys[0]); i++) {
		v = scenario_units_with_min(s, stale_keys[i]);
		k = v > k ? v : k;
	}
	return k;
}

bool hist_units(const struct scenario *s, const char *cat, long long *units,
		long long *stale)
{
	bool found = false;

	for (size_t d = 0; d < s->diags.n && !found; d++) {
		const char *t = strstr(s->diags.v[d].text, "# hist: ");
		struct arena ar = { 0 };
		struct kv_list f = { 0 };
		const struct kv *u, *k;
		const char *c;

		if (!t)
			continue;
		kv_parse(&ar, t + 8, &f);
		c = kv_str(&f, "cat");
		u = kv_find(&f, "units");
		k = kv_find(&f, "units_stale");
		if (c && !strcmp(c, cat) && u && k && u->is_num && k->is_num) {
			*units = u->num;
			*stale = k->num;
			found = true;
		}
		arena_free(&ar);
	}
	return found;
}

static const struct scenario *find_ran(const struct run *r, const char *name)
{
	for (size_t i = 0; r && i < r->nsc; i++)
		if (!strcmp(r->sc[i].name, name) && r->sc[i].has_result &&
		    r->sc[i].verdict != KTAP_SKIP && !r->sc[i].aborted)
			return &r->sc[i];
	return NULL;
}

bool bound_condition(const struct run *r, const struct scenario *s,
		     const char *cat, const struct bound *row,
		     struct conditioned *c, char *reason, size_t len)
{
	const char *twin = kv_str(&s->counts, "twin");
	const struct scenario *t;
	long long n, k;
	bool old;

	memset(c, 0, sizeof(*c));
	if (!twin || !strcmp(twin, "none")) {
		snprintf(reason, len, "unconditioned: %s", twin ?
			 "no row with the same steps and no flush" :
			 "the log names no no-flush twin");
		return false;
	}
	c->twin = twin;
	t = find_ran(r, twin);
	if (!t) {
		snprintf(reason, len, "unconditioned: twin %s did not run", twin);
		return false;
	}
	if (!cat || !hist_units(t, cat, &n, &k)) {
		n = scenario_units(t, &old);
		k = units_stale_at_least(t);
	}
	bound_of(k, n, &c->w);
	if (!k) {
		snprintf(reason, len, "unconditioned: twin %s showed no stale "
			 "entry in %lld units", twin, n);
		return false;
	}
	c->hi = c->w.lo > 0 ? row->hi / c->w.lo : 1;
	if (c->hi > 1)
		c->hi = 1;
	return true;
}

void scenario_bound(const struct scenario *s, const char *key, struct bound *b)
{
	bool old;
	long long n = scenario_units(s, &old), k_min = 0;

	if (key) {
		bound_of_range(scenario_units_with_min(s, key),
			       scenario_units_with(s, key), n, b);
		return;
	}
	for (size_t i = 0; i < sizeof(stale_keys) / sizeof(stale_keys[0]); i++) {
		long long v = scenario_units_with_min(s, stale_keys[i]);

		k_min = v > k_min ? v : k_min;
	}
	bound_of_range(k_min, scenario_units_stale(s), n, b);
}
