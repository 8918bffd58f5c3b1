// SPDX-License-Identifier: MIT
/* Clopper-Pearson bounds over independent units (bounds.h). */
#include "bounds.h"

#include <math.h>
#include <stdio.h>

/* P(X <= k) for X ~ Binomial(n, p), summed in log space. */
static double binom_cdf(long long k, long long n, double p)
{
	double sum = 0, lp, lq, lnf;

	if (p <= 0)
		return 1;
	if (p >= 1)
		return k >= n ? 1 : 0;
	lp = log(p);
	lq = log1p(-p);
	lnf = lgamma((double)n + 1);
	for (long long i = 0; i <= k; i++)
		sum += exp(lnf - lgamma((double)i + 1) - lgamma((double)(n - i) + 1) +
			   (double)i * lp + (double)(n - i) * lq);
	return sum > 1 ? 1 : sum;
}

/* The p at which P(X <= k) (falling in p) crosses target. */
static double bisect(long long k, long long n, double target)
{
	double lo = 0, hi = 1, mid;

	for (int i = 0; i < 100; i++) {
		mid = (lo + hi) / 2;
		if (binom_cdf(k, n, mid) > target)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2;
}

void cp_bounds(long long k, long long n, double *lo, double *hi)
{
	if (n <= 0) {
		*lo = 0;
		*hi = 1;
		return;
	}
	if (k <= 0) {
		*lo = 0;
		*hi = 1 - pow(0.05, 1.0 / (double)n);
		return;
	}
	if (k > n)
		k = n;
	*hi = k >= n ? 1 : bisect(k, n, 0.025);
	/* P(X >= k) = 1 - P(X <= k-1) rises with p: where it reaches 0.025. */
	*lo = bisect(k - 1, n, 0.975);
}

void pct_text(char *buf, size_t len, double share)
{
	double v = 100 * share;

	if (v >= 10)
		snprintf(buf, len, "%.1f%%", v);
	else
		snprintf(buf, len, "%.2g%%", v);
}

void bound_of(long long k, long long n, struct bound *b)
{
	bound_of_range(k, k, n, b);
}

void bound_of_range(long long k_min, long long k, long long n, struct bound *b)
{
	double lo, hi;

	k = k > n ? n : k < 0 ? 0 : k;
	k_min = k_min > k ? k : k_min < 0 ? 0 : k_min;
	b->k = k;
	b->k_min = k_min;
	b->n = n;
	b->two_sided = k > 0;
	cp_bounds(k, n, &lo, &b->hi);
	cp_bounds(k_min, n, &b->lo, &hi);
	if (!k_min)
		b->lo = 0;
}

void bound_text(char *buf, size_t len, const struct bound *b, const char *unit)
{
	char a[32], h[32];

	if (b->n <= 0) {
		snprintf(buf, len, "no %s", unit);
		return;
	}
	pct_text(h, sizeof(h), b->hi);
	if (!b->two_sided) {
		snprintf(buf, len, "0 in %lld %s (< %s, one-sided)", b->n, unit, h);
		return;
	}
	pct_text(a, sizeof(a), b->lo);
	if (b->k_min != b->k)
		snprintf(buf, len, "%lld-%lld in %lld %s (%s - %s, two-sided; "
			 "from probe counts)", b->k_min, b->k, b->n, unit, a, h);
	else
		snprintf(buf, len, "%lld in %lld %s (%s - %s, two-sided)", b->k,
			 b->n, unit, a, h);
}
