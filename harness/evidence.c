// SPDX-License-Identifier: MIT
/*
 * The evidence rule (harness/evidence.h), without a libc: the kernel and
 * the checker link this same file.
 */
#include "harness/evidence.h"
#include "kernel/strutil.h"

#define NAME_MAX_LEN 192

static long long cnt(const struct ev_src *src, const void *row,
		     const char *key)
{
	bool has;

	return src->count(src->ctx, row, key, &has);
}

static bool has_key(const struct ev_src *src, const void *row,
		    const char *key)
{
	bool has = false;

	src->count(src->ctx, row, key, &has);
	return has;
}

/* The stale outcomes and the cache each shows (outcomes.def STALE). */
enum { EV_TLB, EV_PDE, EV_PDPTE };
static const struct {
	const char *key;
	int cache;
} stale_outcomes[] = {
#define STALE(key, cache, words) { #key, EV_##cache },
#include "kernel/outcomes.def"
#undef STALE
};

void ev_caches_of(const struct ev_src *src, const void *row,
		  struct ev_caches *c)
{
	bool seen[3] = { false, false, false };

	for (size_t i = 0; i < ARRAY_SIZE(stale_outcomes); i++)
		if (cnt(src, row, stale_outcomes[i].key) > 0)
			seen[stale_outcomes[i].cache] = true;
	c->tlb = seen[EV_TLB] || cnt(src, row, "remote_stale_tlb") > 0;
	/* reused_a alone: a log from before the per-level split. */
	c->pde = seen[EV_PDE] || cnt(src, row, "reused_a_pde") > 0 ||
		 (cnt(src, row, "reused_a") > 0 &&
		  !has_key(src, row, "reused_a_pde"));
	c->pdpte = seen[EV_PDPTE] || cnt(src, row, "reused_a_pdpte") > 0;
}

bool ev_cache_row(const struct ev_src *src, const void *row)
{
	const char *cls = src->cls(src->ctx, row);

	return !cls || !str_eq(cls, "control") ||
	       str_eq(src->name(src->ctx, row), "control.stale_tlb");
}

static const char *const witness_names[] = {
	"pmd_collapse.noflush", "linux.28ee90fe6048", "linux.28ee90fe6048.pud",
};

bool ev_is_witness(const struct ev_src *src, const void *row)
{
	const char *cls = src->cls(src->ctx, row);
	const char *name = src->name(src->ctx, row);

	if (cnt(src, row, "witness") > 0)
		return true;
	if (cls && str_eq(cls, "observation"))
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(witness_names); i++)
		if (str_eq(name, witness_names[i]))
			return true;
	return false;
}

/* The outcomes only a stale upper-level entry explains (outcomes.def psc). */
static const char *const psc_outcomes[] = {
#define OUTCOME(id, key, noncoherent, split, rank, cell, label, psc, model, always) \
	psc ? #key : NULL,
#include "kernel/outcomes.def"
#undef OUTCOME
};

bool ev_shows_caching(const struct ev_src *src, const void *row)
{
	for (size_t i = 0; i < ARRAY_SIZE(psc_outcomes); i++)
		if (psc_outcomes[i] && cnt(src, row, psc_outcomes[i]) > 0)
			return true;
	return cnt(src, row, "reused_a") > 0;
}

static size_t slen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static const char *sfind(const char *s, const char *needle)
{
	for (; *s; s++)
		if (str_starts_with(s, needle))
			return s;
	return *needle ? NULL : s;
}

/* dst = a followed by the first blen bytes of b and then c, cut to fit. */
static void join(char *dst, const char *a, const char *b, size_t blen,
		 const char *c)
{
	size_t n = 0;

	for (; *a && n < NAME_MAX_LEN - 1; a++)
		dst[n++] = *a;
	for (size_t i = 0; i < blen && b[i] && n < NAME_MAX_LEN - 1; i++)
		dst[n++] = b[i];
	for (; *c && n < NAME_MAX_LEN - 1; c++)
		dst[n++] = *c;
	dst[n] = '\0';
}

/* name with its last ".part" replaced by ".local", shortening until found. */
static const void *smp_twin(const struct ev_src *src, const char *name)
{
	char buf[NAME_MAX_LEN];
	size_t end = slen(name);

	while (end > 5) {
		while (end > 5 && name[end - 1] != '.')
			end--;
		if (end <= 5)
			break;
		end--;		/* at the dot */
		join(buf, "", name, end, ".local");
		if (src->find(src->ctx, buf))
			return src->find(src->ctx, buf);
	}
	return NULL;
}

static const void *collapse_twin(const struct ev_src *src, const char *fam,
				 const char *name)
{
	const char *suffix = sfind(name + slen(fam), ".");
	char buf[NAME_MAX_LEN];
	const void *t;

	join(buf, fam, "noflush", 7, suffix ? suffix : "");
	t = src->find(src->ctx, buf);
	if (t || !suffix)
		return t;
	join(buf, fam, "noflush", 7, "");
	return src->find(src->ctx, buf);
}

const void *ev_twin(const struct ev_src *src, const char *name)
{
	static const char *const collapse[] = { "pmd_collapse.", "pud_collapse." };
	static const char *const split[] = { "pmd_split.", "pud_split." };
	char buf[NAME_MAX_LEN];

	for (size_t i = 0; i < ARRAY_SIZE(collapse); i++)
		if (str_starts_with(name, collapse[i]))
			return collapse_twin(src, collapse[i], name);
	for (size_t i = 0; i < ARRAY_SIZE(split); i++) {
		const char *rest = name + slen(split[i]);

		if (!str_starts_with(name, split[i]))
			continue;
		join(buf, split[i], str_starts_with(rest, "inplace") ?
		     "inplace" : "clear", 7, "_noflush");
		return src->find(src->ctx, buf);
	}
	if (str_starts_with(name, "linux."))
		return src->find(src->ctx, sfind(name, ".pud") ?
				 "linux.28ee90fe6048.pud" : "linux.28ee90fe6048");
	if (str_starts_with(name, "smp."))
		return smp_twin(src, name);
	return NULL;
}

static int part(bool applies, bool shown)
{
	return applies ? shown : PART_NA;
}

bool ev_row_parts(const struct ev_src *src, const char *name,
		  struct row_parts *p)
{
	const void *t = ev_twin(src, name);
	struct ev_caches c;
	bool split, pud;

	p->tlb = p->pde = p->pdpte = 0;
	p->twin = NULL;
	if (!t)
		return false;
	ev_caches_of(src, t, &c);
	split = sfind(name, "_split.") != NULL;
	pud = str_starts_with(name, "pud_") || sfind(name, ".pud") != NULL;
	p->twin = src->name(src->ctx, t);
	p->tlb = c.tlb;
	p->pde = part(!split, c.pde);
	p->pdpte = part(!split && pud, c.pdpte);
	return true;
}

bool ev_parts_shown(const struct row_parts *p)
{
	return p->tlb == 1 || p->pde == 1 || p->pdpte == 1;
}
