// SPDX-License-Identifier: MIT
/*
 * TLB reach: cycles per access over working sets of 2 MiB to 1 GiB, with
 * the same physical memory mapped by 4 KiB, 2 MiB or 1 GiB pages (each
 * page size in a window GiB slot of its own).  One access per 4 KiB page,
 * as a pointer chase (each load gives the offset of the next), so the
 * figure is a latency; the line within each page moves with the page
 * number so that the lines spread over the cache sets.  Sequential order
 * visits the pages in address order; random order follows a fixed
 * pseudo-random permutation.  The cache footprint (one line per page) is
 * the same for every page size: differences between rows are the TLB's.
 */
#include "tests/kernel/bench.h"
#include "kernel/cpu.h"
#include "kernel/format.h"

#define ACCESSES	(1ULL << 20)	/* per figure, timed */
#define ACCESSES_TCG	(1ULL << 15)	/* TCG is slow: fewer */
#define MIN_ACCESSES	4096		/* even on a very slow machine */
#define PROBE_LINKS	1024		/* the walk that estimates the cost */
#define REACH_MS	250		/* budget of the warm-up, and of the walk */

static const u64 wset_bytes[BENCH_WSETS] = {
	MIB(2), MIB(16), MIB(128), GIB(1)
};
static const enum bench_slot psize_slot[BENCH_PSIZES] = {
	BSLOT_REACH_4K, BSLOT_REACH_2M, BSLOT_REACH_1G
};

struct region {
	u64 pa, size;
	bool owned;		/* allocated here: free it afterwards */
	const char *why;	/* why it is smaller than 1 GiB */
};

static const char *get_region(struct scen_ctx *c, int psize, struct region *rg)
{
	const char *why = NULL;
	u64 pa = fixture_huge1g(c, &why);

	*rg = (struct region){ .pa = pa, .size = GIB(1) };
	if (pa != FA_NO_FRAME)
		return NULL;
	if (psize == 2)
		return why;
	/* No free GiB: the largest smaller working set that fits. */
	for (int w = BENCH_WSETS - 2; w >= 0; w--) {
		pa = falloc_alloc_contig(c->fa, wset_bytes[w] / PAGE_SIZE,
					 PMD_SIZE);
		if (pa != FA_NO_FRAME) {
			*rg = (struct region){ pa, wset_bytes[w], true, why };
			return NULL;
		}
	}
	return "no free 2 MiB-aligned block of RAM";
}

static int map_region(struct scen_ctx *c, u64 va, const struct region *rg,
		      int psize)
{
	if (psize == 2)
		return pgt_map_1g(c->pgt, va, rg->pa, PTE_RW);
	for (u64 off = 0; off < rg->size; off += PMD_SIZE) {
		int rc = psize == 0 ?
			 bench_map_small(c, va + off, rg->pa + off) :
			 pgt_map_2m(c->pgt, va + off, rg->pa + off, PTE_RW);

		if (rc)
			return rc;
	}
	return 0;
}

/* A bijection on [0, 2^bits): odd multiply, xor-shift, add; three rounds. */
static u64 permute(u64 i, unsigned int bits, int order)
{
	u64 mask = (1ULL << bits) - 1, x = i;

	if (order == 0)
		return i;
	for (u64 r = 1; r <= 3; r++) {
		x = (x * 0x9E3779B97F4A7C15ULL) & mask;
		x ^= x >> ((bits + 1) / 2);
		x = (x + r * 0xD1B54A32D192ED03ULL) & mask;
	}
	return x;
}

/* Offset of the i-th node of the walk: its page, and a line in it. */
static u64 node(u64 i, unsigned int bits, int order)
{
	u64 page = permute(i, bits, order);

	return page * PAGE_SIZE + ((page * 64) & (PAGE_SIZE - 1));
}

static u64 chase(u64 base, u64 off, u64 n)
{
	for (u64 i = 0; i < n; i++)
		off = *(volatile u64 *)(base + off);
	return off;
}

static unsigned int log2_u64(u64 v)
{
	unsigned int b = 0;

	while ((1ULL << b) < v)
		b++;
	return b;
}

static void build_links(u64 va, u64 from, u64 to, u64 pages,
			unsigned int bits, int order)
{
	for (u64 i = from; i < to; i++)
		*(volatile u64 *)(va + node(i, bits, order)) =
			node((i + 1) % pages, bits, order);
}

static u64 cycles_since(u64 t0)
{
	u64 d = bench_ts() - t0;

	return d > bench_overhead() ? d - bench_overhead() : 1;
}

/*
 * One figure: cycles per access in hundredths.  A short cold walk first
 * estimates the cost per access, so that the warm-up and the timed walk
 * each fit REACH_MS even where accesses are very slow; at most max_acc
 * are timed.
 */
static u64 measure(u64 va, u64 pages, u64 max_acc, int order, u64 *acc,
		   u64 *touched)
{
	unsigned int bits = log2_u64(pages);
	u64 probe = MIN(pages, PROBE_LINKS), per, fit, warm, total, links;
	u64 off, t0, cyc;

	build_links(va, 0, probe, pages, bits, order);
	fixture_full_flush();
	t0 = bench_ts();
	off = chase(va, node(0, bits, order), probe - 1);
	per = cycles_since(t0) / (probe - 1) + 1;
	fit = MAX(bench_budget(REACH_MS) / per, MIN_ACCESSES);
	*acc = MIN(max_acc, fit);
	warm = MIN(pages, *acc);
	total = warm + *acc;
	/* Only the links the walk will follow: all of them on hardware. */
	links = MIN(pages, total);
	build_links(va, probe, links, pages, bits, order);
	*touched = links;
	fixture_full_flush();
	off = chase(va, node(0, bits, order), warm);
	t0 = bench_ts();
	off = chase(va, off, *acc);
	cyc = cycles_since(t0);
	return cyc * 100 / *acc + (off == (u64)-1);	/* keep off live */
}

void bench_run_reach(const struct scenario *s, struct scen_ctx *c,
		     struct scen_result *r)
{
	int psize = bench_def(s)->psize;
	u64 va = bench_va(psize_slot[psize]);
	u64 accesses = bench_emulated() ? ACCESSES_TCG : ACCESSES;
	struct region rg;
	const char *why = get_region(c, psize, &rg);
	char name[40];

	if (!why && map_region(c, va, &rg, psize))
		why = "could not map the working sets";
	if (!why)
		fixture_full_flush();
	for (int w = 0; w < BENCH_WSETS; w++)
		for (int o = 0; o < BENCH_ORDERS; o++) {
			u64 pages = wset_bytes[w] / PAGE_SIZE, touched, centi, n;

			fmt_snprintf(name, sizeof(name), "reach.%s.%s.%s",
				     bench_psize_name[psize],
				     bench_order_name[o], bench_wset_name[w]);
			if (why || wset_bytes[w] > rg.size) {
				bench_report_skip(name, "cycles_per_access",
						  why ? why : rg.why);
				continue;
			}
			centi = measure(va, pages, accesses, o, &n, &touched);
			bench_report_reach(name, centi, n, pages, touched);
			bench_note_reach(psize, w, o, centi);
			r->iters++;
		}
	bench_unmap_gib(c, va);
	if (rg.owned)
		falloc_free_contig(c->fa, rg.pa, rg.size / PAGE_SIZE);
}

const char *bench_skip_reach(const struct scenario *s, struct scen_ctx *c)
{
	const char *why = NULL;

	/* Taken once per boot, here, so that the run's frame count is steady. */
	if (bench_def(s)->psize != 2) {
		fixture_huge1g(c, &why);
		return NULL;
	}
	if (!cpu_info.pdpe1gb)
		return "cpuid lacks pdpe1gb (1 GiB pages)";
	if (fixture_huge1g(c, &why) == FA_NO_FRAME)
		return why;
	return NULL;
}
