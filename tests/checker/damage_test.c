// SPDX-License-Identifier: MIT
/*
 * Property test of the checker's integrity checks (docs/checker.md): take
 * real serial logs, damage copies of them as a serial line does (flip a
 * bit, drop a byte, repeat a byte, a few times each), and parse each copy
 * as tlbprobe-check does.  A copy the checker would judge (status 0 or 1:
 * a complete run without malformed lines) must carry exactly the original
 * run: the same scenarios, KTAP results, classes and counts, the same
 * totals and verdict.  Any other judged copy is a damaged log the checker
 * would have taken for another run, and fails the test.
 *
 *   damage-test [-n MUTANTS] [-s SEED] LOG...
 *
 * Prints one "PASS|FAIL checker.damage.NAME: ..." line per log; exit 1 on
 * any FAIL.  Deterministic: the same seed damages the same bytes.
 */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "checker/ktap.h"

static unsigned long long rng_state;

static unsigned long long rng(void)
{
	/* xorshift64*: enough for picking bytes, the same everywhere */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static size_t below(size_t n)
{
	return n ? (size_t)(rng() % n) : 0;
}

/* A damaged copy of src: 1 to 8 flips, drops or repeats. */
static char *damage(const char *src, size_t len, size_t *out_len)
{
	char *d = xmalloc(len * 2 + 16);
	size_t n = len, ops = 1 + below(8), i, at;

	memcpy(d, src, len);
	for (i = 0; i < ops && n; i++) {
		at = below(n);
		switch (below(3)) {
		case 0:
			d[at] ^= (char)(1u << below(8));
			break;
		case 1:
			memmove(d + at, d + at + 1, n - at - 1);
			n--;
			break;
		default:
			memmove(d + at + 1, d + at, n - at);
			n++;
			break;
		}
	}
	*out_len = n;
	return d;
}

static bool same_kv(const struct kv_list *a, const struct kv_list *b)
{
	size_t i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i].key, b->v[i].key) ||
		    strcmp(a->v[i].val, b->v[i].val))
			return false;
	return true;
}

static bool same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Does the judged run b say what a says?  Else why not, in why. */
static bool same_run(const struct run *a, const struct run *b, char *why,
		     size_t len)
{
	size_t i;

	if (strcmp(a->done_verdict, b->done_verdict) ||
	    !same_kv(&a->totals, &b->totals)) {
		snprintf(why, len, "verdict or totals differ");
		return false;
	}
	if (a->nsc != b->nsc || a->nfam != b->nfam) {
		snprintf(why, len, "%zu scenarios in %zu families, not %zu in %zu",
			 b->nsc, b->nfam, a->nsc, a->nfam);
		return false;
	}
	for (i = 0; i < a->nfam; i++)
		if (strcmp(a->fam[i].name, b->fam[i].name) ||
		    a->fam[i].verdict != b->fam[i].verdict) {
			snprintf(why, len, "family %s differs", a->fam[i].name);
			return false;
		}
	for (i = 0; i < a->nsc; i++) {
		const struct scenario *x = &a->sc[i], *y = &b->sc[i];

		if (strcmp(x->name, y->name) || x->verdict != y->verdict ||
		    !same_str(x->class, y->class) ||
		    !same_kv(&x->counts, &y->counts)) {
			snprintf(why, len, "scenario %s judged as %s with other results or counts",
				 x->name, y->name);
			return false;
		}
	}
	return true;
}

static const struct run *judged(const struct log_doc *d)
{
	const struct run *r = log_doc_judged_run(d);

	return r && !r->errors.n ? r : NULL;
}

static int test_log(const char *path, long mutants)
{
	size_t len, dlen;
	char *data = read_file(path, &len), *bad, why[256], name[256];
	struct log_doc orig, doc;
	const struct run *want, *got;
	long i, rejected = 0, accepted = 0, wrong = 0;
	char *base;

	snprintf(name, sizeof(name), "%s", path);
	base = basename(name);
	if (!data) {
		printf("FAIL checker.damage.%s: cannot read %s\n", base, path);
		return 1;
	}
	log_doc_parse(&orig, data, len);
	want = judged(&orig);
	if (!want) {
		printf("FAIL checker.damage.%s: the undamaged log is not judged\n", base);
		return 1;
	}
	for (i = 0; i < mutants; i++) {
		bad = damage(data, len, &dlen);
		log_doc_parse(&doc, bad, dlen);
		got = judged(&doc);
		if (!got) {
			rejected++;
		} else if (same_run(want, got, why, sizeof(why))) {
			accepted++;
		} else if (wrong++ < 5) {
			char keep[512];
			FILE *f;

			snprintf(keep, sizeof(keep), "%s.damaged%ld", base, wrong);
			f = fopen(keep, "wb");
			if (f) {
				fwrite(bad, 1, dlen, f);
				fclose(f);
			}
			fprintf(stderr, "damage-test: %s: mutant %ld judged: %s (kept as %s)\n",
				path, i, why, keep);
		}
		log_doc_free(&doc);
		free(bad);
	}
	printf("%s checker.damage.%s: %ld damaged copies: %ld rejected (status 2), %ld judged with the original's results, %ld judged with other results\n",
	       wrong ? "FAIL" : "PASS", base, mutants, rejected, accepted, wrong);
	log_doc_free(&orig);
	free(data);
	return wrong != 0;
}

int main(int argc, char **argv)
{
	long mutants = 2000;
	int c, failed = 0;

	rng_state = 0x9E3779B97F4A7C15ULL;
	while ((c = getopt(argc, argv, "n:s:")) != -1) {
		switch (c) {
		case 'n':
			mutants = strtol(optarg, NULL, 10);
			break;
		case 's':
			rng_state = strtoull(optarg, NULL, 0) | 1;
			break;
		default:
			fprintf(stderr, "usage: damage-test [-n MUTANTS] [-s SEED] LOG...\n");
			return 3;
		}
	}
	for (; optind < argc; optind++)
		failed |= test_log(argv[optind], mutants);
	return failed;
}
