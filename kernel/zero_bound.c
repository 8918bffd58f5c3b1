// SPDX-License-Identifier: MIT
/*
 * The zero bound and the percentages the kernel prints (kernel/report.h):
 * the table's "0 (<B%)" cells, iters=auto's target and the answer block's
 * "safe here" lines share them.
 */
#include "kernel/report.h"
#include "kernel/format.h"

/*
 * 1 - 0.05^(1/n) = 1 - exp(-ln(20)/n), the exact one-sided 95% upper
 * bound (Clopper-Pearson) on a rate of which 0 in n were seen, as
 * scripts/fleet-table.pl computes it.  No floating point in the kernel:
 * the series 1 - e^-x = x - x^2/2! + x^3/3! - ... in 2^-50 fixed point
 * (x <= ln(20) < 3; products in 128 bits, divisions in 64).
 */
#define FIX_SHIFT	50
#define LN20_FIX	3372894687719880ULL	/* ln(20) * 2^50 */

u64 zero_bound_ppb(u64 n)
{
	unsigned __int128 p;
	u64 x, term, k;
	s64 sum = 0;

	if (!n)
		return 1000000000ULL;
	x = LN20_FIX / n;
	term = x;
	for (k = 1; term; k++) {
		sum += (k & 1) ? (s64)term : -(s64)term;
		p = (unsigned __int128)term * x;
		term = (u64)(p >> FIX_SHIFT) / (k + 1);
	}
	p = (unsigned __int128)(u64)sum * 1000000000ULL + (1ULL << (FIX_SHIFT - 1));
	return (u64)(p >> FIX_SHIFT);
}

/*
 * A share in parts per 10^9 as a percentage: one decimal from 10% up,
 * else two significant digits ("0.073%").
 */
void fmt_pct(char *buf, size_t len, u64 ppb)
{
	u64 unit = 1000000ULL, v;	/* one decimal: 10^6 ppb a digit */
	char frac[12];
	int d = 1;

	while (ppb < unit * 10 && d < 7) {
		unit /= 10;
		d++;
	}
	v = (ppb + unit / 2) / unit;
	frac[d] = '\0';
	for (int i = d - 1; i >= 0; i--, v /= 10)
		frac[i] = (char)('0' + v % 10);
	fmt_snprintf(buf, len, "%llu.%s%%", (unsigned long long)v, frac);
}
