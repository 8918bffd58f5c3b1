// SPDX-License-Identifier: MIT
/* Whether the machine could show the bug (caching.h). */
#include "caching.h"

#include <stdio.h>
#include <string.h>

static const char *const witness_names[] = {
	"pmd_collapse.noflush", "linux.28ee90fe6048", "linux.28ee90fe6048.pud",
};

static bool emulated(const struct run *r)
{
	const char *accel = kv_str(&r->env, "accel");
	const char *vendor = kv_str(&r->env, "vendor");

	if (accel && !strcmp(accel, "tcg"))
		return true;
	/* The MMU model's logs name the vendor they model. */
	return accel && !strcmp(accel, "model") && vendor && !strcmp(vendor, "tcg");
}

static bool ran(const struct scenario *s)
{
	return s->has_result && !s->aborted && s->verdict != KTAP_MISSING;
}

static bool is_witness(const struct scenario *s)
{
	if (scenario_count(s, "witness") > 0)
		return true;
	for (size_t i = 0; i < sizeof(witness_names) / sizeof(witness_names[0]); i++)
		if (!strcmp(s->name, witness_names[i]))
			return true;
	return false;
}

static bool shows_caching(const struct scenario *s)
{
	return scenario_count(s, "stale_walk") > 0 ||
	       scenario_count(s, "stale_walk_pdpte") > 0 ||
	       scenario_count(s, "walk_fault") > 0 ||
	       scenario_count(s, "reused_a") > 0;
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

bool caching_scenario_inconclusive(const struct caching *c, const struct run *r,
				   const struct scenario *s)
{
	if (caching_control_inconclusive(r, s))
		return true;
	return unseen(c) && s->class && !strcmp(s->class, "correctness") &&
	       s->verdict == KTAP_OK && !s->aborted;
}

void caching_judge(const struct run *r, struct caching *c)
{
	memset(c, 0, sizeof(*c));
	if (!r || !r->done)
		return;
	for (size_t i = 0; i < r->nsc; i++) {
		const struct scenario *s = &r->sc[i];

		if (!ran(s) || s->verdict == KTAP_SKIP || !is_witness(s))
			continue;
		c->witnesses++;
		if (shows_caching(s) && !c->seen++)
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
