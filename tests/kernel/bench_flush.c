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

/* Map what the op needs; the GiB slot to free afterwards, 0 on failure. */
static u64 flush_map(struct scen_ctx *c, enum bench_op op, struct flush_arg *a,
		     const char **why)
{
	const char *dummy;
	u64 base;
	int rc = 0;

	switch (op) {
	case OP_INVLPG_4K:
	case OP_INVPCID:
		base = bench_va(op == OP_INVPCID ? BSLOT_INVPCID : BSLOT_INVLPG_4K);
		rc = pgt_map_4k(c->pgt, base, bench_frames_2m(c, &dummy), PTE_RW);
		break;
	case OP_INVLPG_2M:
		base = bench_va(BSLOT_INVLPG_2M);
		rc = pgt_map_2m(c->pgt, base, bench_frames_2m(c, &dummy), PTE_RW);
		break;
	case OP_INVLPG_1G:
		base = bench_va(BSLOT_INVLPG_1G);
		rc = pgt_map_1g(c->pgt, base, fixture_huge1g(c, &dummy), PTE_RW);
		break;
	case OP_INVLPG_UNMAPPED:
		a->va = bench_va(BSLOT_UNMAPPED) + 0x5000;
		return bench_va(BSLOT_UNMAPPED);
	default:
		return bench_va(BSLOT_UNMAPPED);
	}
	if (rc) {
		*why = "could not map the page to flush";
		bench_unmap_gib(c, base);
		return 0;
	}
	a->va = base + 0x40;
	a->touch = true;
	return base;
}

void bench_run_flush(const struct scenario *s, struct scen_ctx *c,
		     struct scen_result *r)
{
	enum bench_op op = bench_def(s)->op;
	struct flush_arg a = { 0 };
	struct bench_stats st;
	bench_fn *fn = op_invlpg;
	const char *why = NULL, *name = bench_short_name(s);
	u64 root = c->pgt->root_pa, base;

	base = flush_map(c, op, &a, &why);
	if (!base) {
		diag(DIAG_ERROR, "%s", why);
		r->error = true;
		return;
	}
	fixture_full_flush();
	switch (op) {
	case OP_CR3:
		a.val = read_cr3();
		fn = op_cr3;
		break;
	case OP_CR3_PCID:
	case OP_CR3_NOFLUSH:
		pcid_enable(root);
		pcid_switch(root, BENCH_PCID, false);
		a.val = root | BENCH_PCID |
			(op == OP_CR3_NOFLUSH ? CR3_NOFLUSH : 0);
		fn = op_cr3;
		break;
	case OP_PGE:
		a.val = read_cr4() | CR4_PGE;
		write_cr4(a.val);
		fn = op_pge;
		break;
	case OP_INVPCID:
		a.type = flush_sem(bench_def(s)->flush)->invpcid_type;
		fn = op_invpcid;
		break;
	default:
		break;
	}
	bench_measure(flush_setup, fn, &a, BENCH_REPS, &st);
	if (op == OP_CR3_PCID || op == OP_CR3_NOFLUSH)
		pcid_disable(root);
	fixture_full_flush();
	bench_unmap_gib(c, base);
	bench_report(name, &st);
	r->iters = st.n;
}
