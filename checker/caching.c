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

/*
 * Every observation row is evidence of caching where it shows it, not
 * only the rows built as witnesses (pud_collapse.noflush, *.global,
 * *.pcid, smp.*.local show stale walks as well).
 */
static bool is_witness(const struct scenario *s)
{
	if (scenario_count(s, "witness") > 0)
		return true;
	if (s->class && !strcmp(s->class, "observation"))
		return true;
	for (size_t i = 0; i < sizeof(witness_names) / sizeof(witness_names[0]); i++)
		if (!strcmp(s->name, witness_names[i]))
			return true;
	return false;
}

/* The outcomes only a stale upper-level entry explains (outcomes.def psc). */
static const char *const psc_outcomes[] = {
#define OUTCOME(id, key, noncoherent, split, rank, cell, label, psc, model, always) \
	psc ? #key : NULL,
#include "../kernel/outcomes.def"
#undef OUTCOME
};

static bool shows_caching(const struct scenario *s)
{
	for (size_t i = 0; i < sizeof(psc_outcomes) / sizeof(psc_outcomes[0]); i++)
		if (psc_outcomes[i] && scenario_count(s, psc_outcomes[i]) > 0)
			return true;
	return scenario_count(s, "reused_a") > 0;
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

static const struct scenario *find_ran(const struct run *r, const char *name)
{
	for (size_t i = 0; i < r->nsc; i++)
		if (!strcmp(r->sc[i].name, name) && ran(&r->sc[i]) &&
		    r->sc[i].verdict != KTAP_SKIP)
			return &r->sc[i];
	return NULL;
}

static bool starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* name with its last ".part" replaced by ".local", shortening until found. */
static const struct scenario *smp_twin(const struct run *r, const char *name)
{
	char buf[160];
	char *dot;

	snprintf(buf, sizeof(buf), "%s", name);
	while ((dot = strrchr(buf, '.')) && dot > buf + 4) {
		const struct scenario *t;
		char try[176];

		*dot = '\0';
		snprintf(try, sizeof(try), "%s.local", buf);
		t = find_ran(r, try);
		if (t)
			return t;
	}
	return NULL;
}

/*
 * The row's no-flush twin: the same steps with no flush (FLUSH_NONE), so
 * what it shows is what this machine left for the flush to clean.  The
 * catalogue names them alike: F.noflush[.suffix] for the collapse rows,
 * F.inplace_noflush / F.clear_noflush for the split rows, the pre-fix
 * linux.28ee90fe6048[.pud] for every linux row (the same warm-up), and
 * smp.X.local for smp.X.<flush>.
 */
static const struct scenario *twin_of(const struct run *r, const char *name)
{
	static const char *const collapse[] = { "pmd_collapse.", "pud_collapse." };
	static const char *const split[] = { "pmd_split.", "pud_split." };
	char buf[192];

	for (size_t i = 0; i < 2; i++) {
		size_t fl = strlen(collapse[i]);
		const char *suffix;
		const struct scenario *t;

		if (!starts(name, collapse[i]))
			continue;
		suffix = strchr(name + fl, '.');
		snprintf(buf, sizeof(buf), "%snoflush%s", collapse[i],
			 suffix ? suffix : "");
		t = find_ran(r, buf);
		if (t || !suffix)
			return t;
		snprintf(buf, sizeof(buf), "%snoflush", collapse[i]);
		return find_ran(r, buf);
	}
	for (size_t i = 0; i < 2; i++) {
		size_t fl = strlen(split[i]);

		if (!starts(name, split[i]))
			continue;
		snprintf(buf, sizeof(buf), "%s%s_noflush", split[i],
			 starts(name + fl, "inplace") ? "inplace" : "clear");
		return find_ran(r, buf);
	}
	if (starts(name, "linux."))
		return find_ran(r, strstr(name, ".pud") ? "linux.28ee90fe6048.pud" :
				"linux.28ee90fe6048");
	if (starts(name, "smp."))
		return smp_twin(r, name);
	return NULL;
}

static int part(bool applies, bool shown)
{
	return applies ? shown : PART_NA;
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
	const struct scenario *t;
	bool split, pud;

	memset(p, 0, sizeof(*p));
	if (!r || !s->class || strcmp(s->class, "correctness") || emulated(r))
		return false;
	t = twin_of(r, s->name);
	if (!t)
		return false;
	split = strstr(s->name, "_split.") != NULL;
	pud = starts(s->name, "pud_") || strstr(s->name, ".pud") != NULL;
	p->twin = t->name;
	p->tlb = scenario_count(t, "stale_tlb") > 0 ||
		 scenario_count(t, "remote_stale_tlb") > 0;
	p->pde = part(!split, scenario_count(t, "stale_walk") > 0 ||
		      scenario_count(t, "walk_fault") > 0 ||
		      scenario_count(t, "reused_a_pde") > 0 ||
		      (scenario_count(t, "reused_a") > 0 &&
		       !kv_find(&t->counts, "reused_a_pde")));
	p->pdpte = part(!split && pud,
			scenario_count(t, "stale_walk_pdpte") > 0 ||
			scenario_count(t, "reused_a_pdpte") > 0);
	return true;
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
	return *judged && p.tlb != 1 && p.pde != 1 && p.pdpte != 1;
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
