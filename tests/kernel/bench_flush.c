// SPDX-License-Identifier: MIT
/*
 * The cost of each flush primitive alone (bench.h).  The timed operation
 * is the bare instruction (mm/flush_insn.h, kernel/io.h), not the seam:
 * the figure is the instruction's, not a call's.
 */
#include "tests/kernel/bench.h"
#include "mm/cpu_mode.h"
#include "mm/flush_insn.h"

#define BENCH_PCID	1

struct flush_arg {
	u64 va;			/* page to touch before and flush */
	u64 val;		/* CR3 or CR4 value */
	unsigned long type;	/* INVPCID type */
	bool touch;
};

static void flush_setup(void *p)
{
	struct flush_arg *a = p;

	if (a->touch)
		(void)*(volatile u64 *)a->va;
}

static void op_invlpg(void *p)
{
	struct flush_arg *a = p;

	insn_invlpg(a->va);
}

static void op_cr3(void *p)
{
	struct flush_arg *a = p;

	write_cr3(a->val);
}

static void op_pge(void *p)
{
	struct flush_arg *a = p;

	insn_pge_toggle(a->val);
}

static void op_invpcid(void *p)
{
	struct flush_arg *a = p;

	insn_invpcid(a->type, 0, a->va);
}

/*
 * The instruction a row times: its kind's, or for cr3.noflush (kind none)
 * the MOV to CR3 that keeps the TLB.
 */
static enum flush_insn timed_insn(const struct bench_def *d)
{
	if (d->variant == BV_CR3_NOFLUSH)
		return INSN_MOV_CR3;
	return flush_scope(d->flush)->insn;
}

/* The GiB slot and the page the row's INVLPG or INVPCID flushes. */
static int flush_target(struct scen_ctx *c, const struct bench_def *d,
			u64 *base)
{
	const char *dummy;

	if (timed_insn(d) == INSN_INVPCID || d->psize == 0) {
		*base = bench_va(timed_insn(d) == INSN_INVPCID ? BSLOT_INVPCID :
				 BSLOT_INVLPG_4K);
		return pgt_map_4k(c->pgt, *base, bench_frames_2m(c, &dummy),
				  PTE_RW);
	}
	if (d->psize == 1) {
		*base = bench_va(BSLOT_INVLPG_2M);
		return pgt_map_2m(c->pgt, *base, bench_frames_2m(c, &dummy),
				  PTE_RW);
	}
	*base = bench_va(BSLOT_INVLPG_1G);
	return pgt_map_1g(c->pgt, *base, fixture_huge1g(c, &dummy), PTE_RW);
}

/* Map what the row needs; the GiB slot to free afterwards, 0 on failure. */
static u64 flush_map(struct scen_ctx *c, const struct bench_def *d,
		     struct flush_arg *a, const char **why)
{
	enum flush_insn insn = timed_insn(d);
	u64 base;

	if (d->variant == BV_UNMAPPED) {
		a->va = bench_va(BSLOT_UNMAPPED) + 0x5000;
		return bench_va(BSLOT_UNMAPPED);
	}
	if (insn != INSN_INVLPG && insn != INSN_INVPCID)
		return bench_va(BSLOT_UNMAPPED);
	if (flush_target(c, d, &base)) {
		*why = "could not map the page to flush";
		bench_unmap_gib(c, base);
		return 0;
	}
	a->va = base + 0x40;
	a->touch = true;
	return base;
}

/* The argument and the function that time d's instruction. */
static bench_fn *flush_fn(const struct bench_def *d, u64 root,
			  struct flush_arg *a)
{
	switch (timed_insn(d)) {
	case INSN_MOV_CR3:
		if (!bench_uses_pcid(d)) {
			a->val = read_cr3();
			return op_cr3;
		}
		pcid_enable(root);
		pcid_switch(root, BENCH_PCID, false);
		a->val = root | BENCH_PCID |
			(d->variant == BV_CR3_NOFLUSH ? CR3_NOFLUSH : 0);
		return op_cr3;
	case INSN_CR4_PGE:
		a->val = read_cr4() | CR4_PGE;
		write_cr4(a->val);
		return op_pge;
	case INSN_INVPCID:
		a->type = flush_scope(d->flush)->invpcid_type;
		return op_invpcid;
	default:
		return op_invlpg;
	}
}

void bench_run_flush(const struct scenario *s, struct scen_ctx *c,
		     struct scen_result *r)
{
	const struct bench_def *d = bench_def(s);
	struct flush_arg a = { 0 };
	struct bench_stats st;
	bench_fn *fn;
	const char *why = NULL, *name = bench_short_name(s);
	u64 root = c->pgt->root_pa, base;

	base = flush_map(c, d, &a, &why);
	if (!base) {
		diag(DIAG_ERROR, "%s", why);
		r->error = true;
		return;
	}
	fixture_full_flush();
	fn = flush_fn(d, root, &a);
	bench_measure(flush_setup, fn, &a, BENCH_REPS, &st);
	if (bench_uses_pcid(d))
		pcid_disable(root);
	fixture_full_flush();
	bench_unmap_gib(c, base);
	bench_report(name, &st);
	r->iters = st.n;
}
