// SPDX-License-Identifier: MIT
/*
 * The bench family (docs/bench.md): the cost in TSC cycles of each flush
 * primitive, of each Linux collapse sequence, and of the refill behind
 * each flush.  TLB reach is in bench_reach.c.  Every scenario is class
 * bench: it runs only when a tests= pattern starts with "bench", and it is
 * "ok" whenever it ran; the figures are in "# bench:" lines.
 */
#include "tests/kernel/bench.h"
#include "tests/kernel/families.h"
#include "kernel/console.h"
#include "kernel/cpu.h"
#include "kernel/format.h"
#include "kernel/glob.h"
#include "kernel/io.h"
#include "mm/cpu_mode.h"

#define COLLAPSE_WARM	8	/* pages read before each collapse */
#define BENCH_PCID	1

/* ------------------------------------------------------------------ */
/* The flush primitives                                                */

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

	__asm__ volatile("invlpg (%0)" : : "r"(a->va) : "memory");
}

static void op_cr3(void *p)
{
	struct flush_arg *a = p;

	write_cr3(a->val);
}

static void op_pge(void *p)
{
	struct flush_arg *a = p;

	write_cr4(a->val & ~CR4_PGE);
	write_cr4(a->val);
}

static void op_invpcid(void *p)
{
	struct flush_arg *a = p;
	struct {
		u64 pcid;
		u64 va;
	} desc = { 0, a->va };

	__asm__ volatile("invpcid %0, %1" : : "m"(desc), "r"(a->type)
			 : "memory");
}

static u64 frames_2m(struct scen_ctx *c, const char **why)
{
	const struct lab_frames *lf = lab_frames(c, why);

	return lf ? lf->huge2m : FA_NO_FRAME;
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
		rc = pgt_map_4k(c->pgt, base, frames_2m(c, &dummy), PTE_RW);
		break;
	case OP_INVLPG_2M:
		base = bench_va(BSLOT_INVLPG_2M);
		rc = pgt_map_2m(c->pgt, base, frames_2m(c, &dummy), PTE_RW);
		break;
	case OP_INVLPG_1G:
		base = bench_va(BSLOT_INVLPG_1G);
		rc = pgt_map_1g(c->pgt, base, lab_huge1g(c, &dummy), PTE_RW);
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

static void run_flush(const struct scenario *s, struct scen_ctx *c,
		      struct scen_result *r)
{
	enum bench_op op = bench_def(s)->op;
	struct flush_arg a = { 0 };
	struct bench_stats st;
	bench_fn *fn = op_invlpg;
	const char *why = NULL, *name = s->name + 6;	/* past "bench." */
	u64 root = c->pgt->root_pa, base;

	base = flush_map(c, op, &a, &why);
	if (!base) {
		kprintf("  # error: %s\n", why);
		r->error = true;
		return;
	}
	lab_full_flush();
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
		a.type = (unsigned long)bench_def(s)->arg;
		fn = op_invpcid;
		break;
	default:
		break;
	}
	bench_measure(flush_setup, fn, &a, BENCH_REPS, &st);
	if (op == OP_CR3_PCID || op == OP_CR3_NOFLUSH)
		pcid_disable(root);
	lab_full_flush();
	bench_unmap_gib(c, base);
	bench_report(name, &st);
	r->iters = st.n;
}

/* ------------------------------------------------------------------ */
/* The Linux collapse sequences (PMD level)                            */

struct collapse_arg {
	struct scen_ctx *c;
	u64 base;		/* the 2 MiB region */
	u64 pa;			/* what the small pages and the huge entry map */
	struct flush_req req;
	bool revert;
	bool huge;		/* the huge entry is in place */
	u64 got;		/* the table page taken back, held until setup */
	u64 *pte;		/* the PTE page (revert) */
	bool failed;
};

static void collapse_setup(void *p)
{
	struct collapse_arg *a = p;
	u64 *pde;

	if (a->failed)
		return;
	if (a->revert) {
		/* As vunmap() leaves it: PTEs cleared, flushed. */
		pgt_fill_table(virt_to_phys(a->pte), 0);
		lab_full_flush();
		return;
	}
	if (a->huge) {
		pde = pgt_entry(a->c->pgt, a->base, PT_LEVEL_PMD);
		*pde = 0;
		falloc_free(a->c->fa, a->got);
		a->huge = false;
	}
	lab_full_flush();
	if (bench_map_small(a->c, a->base, a->pa)) {
		a->failed = true;
		return;
	}
	for (int i = 0; i < COLLAPSE_WARM; i++)
		(void)*(volatile u64 *)(a->base + (u64)i * 61 * PAGE_SIZE);
}

/* clear + flush as told + free, take the page back, set the huge entry. */
static void op_collapse(void *p)
{
	struct collapse_arg *a = p;
	struct pgt *pgt = a->c->pgt;

	if (a->failed)
		return;
	if (!pmd_free_pte_page(pgt, a->base, &a->req)) {
		a->failed = true;
		return;
	}
	a->got = falloc_alloc(a->c->fa);
	if (a->got == FA_NO_FRAME ||
	    pmd_set_huge(pgt, a->base, a->pa, PTE_RW)) {
		a->failed = true;
		return;
	}
	a->huge = true;
}

/* The plain revert: the new mapping written into the existing PTE page. */
static void op_revert(void *p)
{
	struct collapse_arg *a = p;
	volatile u64 *t = a->pte;

	for (unsigned int j = 0; j < PTRS_PER_TABLE; j++)
		t[j] = (a->pa + j * PAGE_SIZE) | PTE_RW | PTE_P;
}

static void run_collapse_bench(const struct scenario *s, struct scen_ctx *c,
			       struct scen_result *r)
{
	const char *why = NULL;
	struct collapse_arg a = {
		.c = c,
		.base = bench_va(BSLOT_COLLAPSE),
		.pa = frames_2m(c, &why),
		.req = { .kind = (enum flush_kind)bench_def(s)->arg },
		.revert = bench_def(s)->arg == FLUSH_NR,
	};
	struct bench_stats st;

	a.req.va = a.base;
	if (a.revert) {
		if (bench_map_small(c, a.base, a.pa)) {
			kprintf("  # error: could not map the small pages\n");
			r->error = true;
			bench_unmap_gib(c, a.base);
			return;
		}
		a.pte = pgt_entry(c->pgt, a.base, PT_LEVEL_PTE);
	}
	bench_measure(collapse_setup, a.revert ? op_revert : op_collapse, &a,
		      bench_heavy_reps(), &st);
	if (a.huge) {
		*pgt_entry(c->pgt, a.base, PT_LEVEL_PMD) = 0;
		falloc_free(c->fa, a.got);
	}
	lab_full_flush();
	bench_unmap_gib(c, a.base);
	if (a.failed) {
		kprintf("  # error: name=%s a step of the collapse failed\n",
			s->name);
		r->error = true;
		return;
	}
	bench_report(s->name + 6, &st);
	r->iters = st.n;
}

/* ------------------------------------------------------------------ */
/* Refill: touch K pages right after a flush                           */

struct refill_arg {
	u64 base;
	u32 k;
	int kind;		/* index into bench_refill_name */
	u64 cr3, cr4;
};

static void refill_setup(void *p)
{
	struct refill_arg *a = p;

	bench_touch(a->base, a->k);
	switch (a->kind) {
	case 1:
		for (u32 j = 0; j < a->k; j++)
			__asm__ volatile("invlpg (%0)"
					 : : "r"(a->base + j * PAGE_SIZE)
					 : "memory");
		break;
	case 2:
		write_cr3(a->cr3);
		break;
	case 3:
		write_cr4(a->cr4 & ~CR4_PGE);
		write_cr4(a->cr4);
		break;
	default:
		break;
	}
}

static void op_refill(void *p)
{
	struct refill_arg *a = p;

	bench_touch(a->base, a->k);
}

static void run_refill(const struct scenario *s, struct scen_ctx *c,
		       struct scen_result *r)
{
	const char *why = NULL;
	u64 pa = frames_2m(c, &why);
	struct refill_arg a = {
		.base = bench_va(BSLOT_REFILL),
		.kind = bench_def(s)->arg,
		.cr3 = read_cr3(),
		.cr4 = read_cr4(),
	};
	struct bench_stats st;
	char name[40];

	if (bench_map_small(c, a.base, pa)) {
		kprintf("  # error: could not map the pages to touch\n");
		r->error = true;
		bench_unmap_gib(c, a.base);
		return;
	}
	lab_full_flush();
	for (int i = 0; i < BENCH_REFILL_KS; i++) {
		a.k = bench_refill_k[i];
		bench_measure(refill_setup, op_refill, &a, bench_heavy_reps(), &st);
		fmt_snprintf(name, sizeof(name), "refill.%s.k%u",
			     bench_refill_name[a.kind], a.k);
		bench_report(name, &st);
		bench_note_refill(a.kind, i, st.median);
		r->iters += st.n;
	}
	lab_full_flush();
	bench_unmap_gib(c, a.base);
}

/* ------------------------------------------------------------------ */
/* Catalogue, skips, and the table after the last selected scenario    */

static const char *skip_for(const struct scenario *s, struct scen_ctx *c)
{
	const char *why = NULL;

	switch (bench_def(s)->op) {
	case OP_INVLPG_1G:
		if (!cpu_info.pdpe1gb)
			return "cpuid lacks pdpe1gb (1 GiB pages)";
		if (lab_huge1g(c, &why) == FA_NO_FRAME)
			return why;
		break;
	case OP_CR3_PCID:
	case OP_CR3_NOFLUSH:
		if (!cpu_info.pcid)
			return "cpuid lacks pcid";
		break;
	case OP_PGE:
		if (!cpu_info.pge)
			return "cpuid lacks pge (global pages)";
		break;
	case OP_INVPCID:
		if (!cpu_info.invpcid)
			return "cpuid lacks invpcid";
		break;
	case OP_REFILL:
		if (bench_def(s)->arg == 3 && !cpu_info.pge)
			return "cpuid lacks pge (global pages)";
		break;
	case OP_REACH:
		return bench_skip_reach(s, c);
	default:
		break;
	}
	if (lab_frames(c, &why) == NULL)
		return why;
	return NULL;
}

/* Whether a scenario after s in this family is selected too. */
static bool more_follow(const struct scenario *s, const struct scen_ctx *c)
{
	const struct scenario *end = bench_scenarios + BENCH_COUNT;

	for (const struct scenario *t = s + 1; t >= bench_scenarios && t < end; t++)
		if (glob_match_list(c->opt->tests, t->name))
			return true;
	return false;
}

static const char *bench_skip(const struct scenario *s, struct scen_ctx *c)
{
	const char *why = skip_for(s, c);

	if (why) {
		bench_prepare();
		bench_report_skip(s->name + 6, bench_def(s)->op == OP_REACH ?
				  "cycles_per_access" : "cycles", why);
		if (!more_follow(s, c))
			bench_print_tables();
	}
	return why;
}

static void run_bench(const struct scenario *s, struct scen_ctx *c,
		      struct scen_result *r)
{
	u64 free_before;

	bench_prepare();
	lab_reset_diagnostics();
	/* The window's PDPT stays for good: make it before counting frames. */
	if (!pgt_entry_alloc(c->pgt, bench_va(BSLOT_UNMAPPED), PT_LEVEL_PUD)) {
		kprintf("  # error: no frame for the window's page table\n");
		r->error = true;
		return;
	}
	free_before = c->fa->free_frames;
	switch (bench_def(s)->op) {
	case OP_COLLAPSE:
		run_collapse_bench(s, c, r);
		break;
	case OP_REFILL:
		run_refill(s, c, r);
		break;
	case OP_REACH:
		bench_run_reach(s, c, r);
		break;
	default:
		run_flush(s, c, r);
		break;
	}
	r->pass = true;
	/* Everything mapped was unmapped, every table page freed. */
	if (c->fa->free_frames != free_before) {
		kprintf("  # error: name=%s frames free before %llu, after %llu\n",
			s->name, (unsigned long long)free_before,
			(unsigned long long)c->fa->free_frames);
		r->error = true;
	}
	if (!more_follow(s, c))
		bench_print_tables();
}

#define D(op_, arg_) (&(const struct bench_def){ .op = op_, .arg = arg_ })
#define B(n, op_, arg_, d) { .name = "bench." n, .desc = d, \
	.cls = CLASS_BENCH, .skip = bench_skip, .run = run_bench, \
	.param = D(op_, arg_) }

const struct scenario bench_scenarios[BENCH_COUNT] = {
	B("invlpg.4k", OP_INVLPG_4K, 0, "cycles: INVLPG of a present 4 KiB page"),
	B("invlpg.2m", OP_INVLPG_2M, 0, "cycles: INVLPG of a present 2 MiB page"),
	B("invlpg.1g", OP_INVLPG_1G, 0, "cycles: INVLPG of a present 1 GiB page"),
	B("invlpg.unmapped", OP_INVLPG_UNMAPPED, 0,
	  "cycles: INVLPG of an unmapped address"),
	B("cr3", OP_CR3, 0, "cycles: MOV to CR3, no PCID"),
	B("cr3.pcid", OP_CR3_PCID, 0, "cycles: MOV to CR3 with PCID 1 (flushing)"),
	B("cr3.noflush", OP_CR3_NOFLUSH, 0,
	  "cycles: MOV to CR3 with PCID 1 and bit 63 (no flush)"),
	B("pge", OP_PGE, 0, "cycles: CR4.PGE off and on again"),
	B("invpcid0", OP_INVPCID, 0, "cycles: INVPCID type 0 (address)"),
	B("invpcid1", OP_INVPCID, 1, "cycles: INVPCID type 1 (PCID)"),
	B("invpcid2", OP_INVPCID, 2, "cycles: INVPCID type 2 (all, globals)"),
	B("invpcid3", OP_INVPCID, 3, "cycles: INVPCID type 3 (all but globals)"),
	B("collapse.28ee90fe6048", OP_COLLAPSE, FLUSH_NONE,
	  "cycles: PMD collapse, clear+free+alloc+set_huge, no flush"),
	B("collapse.5e0fb5df2ee8", OP_COLLAPSE, FLUSH_INVLPG,
	  "cycles: PMD collapse with INVLPG of the first page"),
	B("collapse.fullflush", OP_COLLAPSE, FLUSH_FULL,
	  "cycles: PMD collapse with a full flush"),
	B("collapse.revert", OP_COLLAPSE, FLUSH_NR,
	  "cycles: no collapse, refill the 512 PTEs"),
	B("refill.none", OP_REFILL, 0, "cycles: touch K pages, no flush before"),
	B("refill.invlpg", OP_REFILL, 1,
	  "cycles: touch K pages after INVLPG of each"),
	B("refill.cr3", OP_REFILL, 2, "cycles: touch K pages after MOV to CR3"),
	B("refill.pge", OP_REFILL, 3,
	  "cycles: touch K pages after a CR4.PGE toggle"),
	B("reach.4k", OP_REACH, 0,
	  "cycles per access, 2 MiB..1 GiB working sets, 4 KiB pages"),
	B("reach.2m", OP_REACH, 1,
	  "cycles per access, 2 MiB..1 GiB working sets, 2 MiB pages"),
	B("reach.1g", OP_REACH, 2,
	  "cycles per access, 2 MiB..1 GiB working sets, 1 GiB pages"),
};
