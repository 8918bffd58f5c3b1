// SPDX-License-Identifier: MIT
/* Whether the machine could show the bug (caching.h). */
#include "caching.h"

#include <stdio.h>
#include <string.h>

static bool emulated(const struct run *r)
{
	const char *accel = kv_str(&r->env, "accel");
	const char *vendor = kv_str(&r->env, "vendor");

	if (accel && !strcmp(accel, "tcg"))
		return true;
	/* The MMU model's logs name the vendor they model. */
	return accel && !strcmp(accel, "model") && vendor && !strcmp(vendor, "tcg");
}

bool caching_emulated(const struct run *r)
{
	return emulated(r);
}

static bool ran(const struct scenario *s)
{
	return s->has_result && !s->aborted && s->verdict != KTAP_MISSING;
}

static const void *find_ran(const void *ctx, const char *name)
{
	const struct run *r = ctx;

	for (size_t i = 0; i < r->nsc; i++)
		if (!strcmp(r->sc[i].name, name) && ran(&r->sc[i]) &&
		    r->sc[i].verdict != KTAP_SKIP)
			return &r->sc[i];
	return NULL;
}

static long long ev_count(const void *ctx, const void *row, const char *key,
			  bool *has)
{
	const struct scenario *s = row;

	(void)ctx;
	*has = kv_find(&s->counts, key) != NULL;
	return scenario_count(s, key);
}

static const char *ev_name(const void *ctx, const void *row)
{
	(void)ctx;
	return ((const struct scenario *)row)->name;
}

static const char *ev_cls(const void *ctx, const void *row)
{
	(void)ctx;
	return ((const struct scenario *)row)->class;
}

void caching_src(const struct run *r, struct ev_src *src)
{
	src->ctx = r;
	src->find = find_ran;
	src->count = ev_count;
	src->name = ev_name;
	src->cls = ev_cls;
}

static bool all_coherent(const struct scenario *s)
{
	long long probes = scenario_count(s, "probes");

	return probes > 0 && scenario_count(s, "coherent") == probes;
}

bool caching_control_inconclusive(const struct run *r, const struct scenario *s)
{
	(void)r;
	/*
	 * Under TCG too: QEMU's software TLB is direct-mapped with a small
	 * victim TLB, so a conflicting access evicts an entry; the tcg
	 * profile still requires a stale read (control.stale_tlb : must
	 * stale_tlb).
	 */
	if (!s->has_result || s->aborted ||
	    (strcmp(s->name, "control.stale_tlb") && strcmp(s->name, "control.ad_cached")))
		return false;
	/* The kernel says so itself ... */
	if (s->verdict == KTAP_SKIP && s->directive &&
	    strstr(s->directive, "inconclusive"))
		return true;
	/* ... and older kernels failed it: all coherent is the same story. */
	return s->verdict == KTAP_NOT_OK && all_coherent(s);
}

static bool unseen(const struct caching *c)
{
	return c->status == CACHING_NOT_OBSERVED || c->status == CACHING_UNTESTED;
}

/*
 * Which parts of a correctness row this machine could fail: the TLB part
 * only if the twin read a stale TLB entry; each PSC level only if the twin
 * showed a stale walk or an accessed bit set in a reused page at that
 * level.  Split rows have no PSC part (SDM 4.10.3.1: no PDE-cache entry
 * for a PDE that maps a page); PDPTE parts exist only where a PUD
 * collapses.
 */
bool caching_row_parts(const struct run *r, const struct scenario *s,
		       struct row_parts *p)
{
	struct ev_src src;

	memset(p, 0, sizeof(*p));
	if (!r || !s->class || strcmp(s->class, "correctness") || emulated(r))
		return false;
	caching_src(r, &src);
	return ev_row_parts(&src, s->name, p);
}

static const char *part_name(int v)
{
	return v == PART_NA ? "n/a" : v ? "yes" : "no";
}

void caching_parts_text(const struct row_parts *p, char *buf, size_t len)
{
	snprintf(buf, len, "tlb=%s pde=%s pdpte=%s twin=%s", part_name(p->tlb),
		 part_name(p->pde), part_name(p->pdpte), p->twin);
}

/* A correctness ok where the twin showed nothing the flush had to clean. */
static bool row_unshown(const struct run *r, const struct scenario *s,
			bool *judged)
{
	struct row_parts p;

	*judged = caching_row_parts(r, s, &p);
	return *judged && !ev_parts_shown(&p);
}

bool caching_scenario_inconclusive(const struct caching *c, const struct run *r,
				   const struct scenario *s)
{
	bool judged;

	if (caching_control_inconclusive(r, s))
		return true;
	if (!s->class || strcmp(s->class, "correctness") ||
	    s->verdict != KTAP_OK || s->aborted)
		return false;
	if (row_unshown(r, s, &judged))
		return true;
	/* A row without a twin in this log: the machine-wide evidence. */
	return !judged && unseen(c);
}

void caching_judge(const struct run *r, struct caching *c)
{
	struct ev_src src;

	memset(c, 0, sizeof(*c));
	if (!r || !r->done)
		return;
	caching_src(r, &src);
	for (size_t i = 0; i < r->nsc; i++) {
		const struct scenario *s = &r->sc[i];

		if (!ran(s) || s->verdict == KTAP_SKIP || !ev_is_witness(&src, s))
			continue;
		c->witnesses++;
		if (ev_shows_caching(&src, s) && !c->seen++)
			c->first = s->name;
	}
	if (emulated(r))
		c->status = CACHING_ABSENT;
	else if (c->seen)
		c->status = CACHING_OBSERVED;
	else
		c->status = c->witnesses ? CACHING_NOT_OBSERVED : CACHING_UNTESTED;
	for (size_t i = 0; i < r->nsc; i++) {
		c->inconclusive += caching_scenario_inconclusive(c, r, &r->sc[i]);
		c->inconclusive_controls += caching_control_inconclusive(r, &r->sc[i]);
	}
}

const char *caching_status_name(enum caching_status st)
{
	static const char *const names[] = {
		[CACHING_NONE] = "none",
		[CACHING_ABSENT] = "absent",
		[CACHING_OBSERVED] = "observed",
		[CACHING_NOT_OBSERVED] = "not-observed",
		[CACHING_UNTESTED] = "untested",
	};

	return st <= CACHING_UNTESTED ? names[st] : "?";
}

void caching_text(const struct caching *c, char *buf, size_t len)
{
	switch (c->status) {
	case CACHING_ABSENT:
		snprintf(buf, len, "no paging-structure caches under TCG: "
			 "correctness rows check the flush mechanics only");
		break;
	case CACHING_OBSERVED:
		snprintf(buf, len, "paging-structure caching observed (%zu of %zu "
			 "witness rows, first %s)", c->seen, c->witnesses, c->first);
		break;
	case CACHING_NOT_OBSERVED:
		snprintf(buf, len, "inconclusive: no paging-structure caching "
			 "observed on this machine (0 of %zu witness rows): %zu "
			 "results say nothing here", c->witnesses, c->inconclusive);
		break;
	case CACHING_UNTESTED:
		snprintf(buf, len, "inconclusive: no row built to show "
			 "paging-structure caching ran: %zu results say nothing here",
			 c->inconclusive);
		break;
	default:
		snprintf(buf, len, "no finished run");
		break;
	}
}
