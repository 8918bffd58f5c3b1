// SPDX-License-Identifier: MIT
/*
 * Controls: each detector made to fire on purpose through a legitimate
 * mapping (positive), and made not to fire (negative).  If a control fails,
 * the detectors cannot be trusted and neither can the rest of the run.
 */
#include "tests/kernel/families.h"
#include "tests/kernel/lab.h"
#include "kernel/cpu.h"

#define CTRL_ITERS_MAX 64

enum control_kind {
	CTRL_FRESH_MAP,
	CTRL_CANARY_PTE,
	CTRL_UNKNOWN_VALUE,
	CTRL_FAULT_UNMAPPED,
	CTRL_STALE_TLB,
	CTRL_REMAP_INVLPG,
	CTRL_REMAP_CR3,
	CTRL_REMAP_FULL,
	CTRL_RSVD_FAULT,
	CTRL_AD_FRESH_WALK,
	CTRL_AD_CACHED,
};

static u64 ctrl_va(struct scen_ctx *c)
{
	return LAB_CTRL_REGION + rng_below(&c->rng, 512) * PAGE_SIZE;
}

static void unmap_page(struct scen_ctx *c, u64 va)
{
	pgt_unmap(c->pgt, va);
	lab_flush(FLUSH_INVLPG, va);
}

/* Map va to frame, read it; true if mapping worked. */
static bool map_page(struct scen_ctx *c, u64 va, u64 frame)
{
	return pgt_map_4k(c->pgt, va, frame, PTE_RW) == 0;
}

static bool fault_ok(const struct probe_out *o, u64 va)
{
	return o->outcome == OUT_FAULT && o->fault.vector == VEC_PF &&
	       !(o->fault.error & PF_P) && o->fault.cr2 == va;
}

static u64 *pte_of(struct scen_ctx *c, u64 page)
{
	return pgt_entry(c->pgt, page, PT_LEVEL_PTE);
}

/*
 * The accessed-bit detector: a walk sets A, a cached translation does not.
 * fresh: A cleared and the page flushed, so the read must walk and set A.
 * cached: the page read once, A cleared without a flush, read again: the
 * cached translation serves it and A stays clear.
 */
static bool ad_control(struct scen_ctx *c, const struct lab_frames *lf,
		       u64 page, u64 va, bool fresh, const struct expect *e,
		       const struct scenario *s, u64 it, struct scen_result *r)
{
	struct probe_out o;
	u64 *pte;

	if (!map_page(c, page, lf->small[0]))
		return false;
	pte = pte_of(c, page);
	lab_probe(c, s->name, it, va, e, true, OUT_COHERENT, NULL, &o);
	*pte &= ~(PTE_A | PTE_D);
	if (fresh)
		lab_flush(FLUSH_INVLPG, page);
	lab_probe(c, s->name, it, va, e, true, OUT_COHERENT, r, &o);
	return o.outcome == OUT_COHERENT && !!(*pte & PTE_A) == fresh;
}

static u64 rsvd_without_p;

static bool one_iter(const struct scenario *s, struct scen_ctx *c,
		     const struct lab_frames *lf, u64 it, struct scen_result *r)
{
	u64 va = ctrl_va(c), off = lab_offset(c), page = va & ~(PAGE_SIZE - 1);
	struct expect e = { lf->small[0] + off, lf->small[1] + off,
			    lf->canary + off };
	struct expect remap = { lf->small[1] + off, lf->small[0] + off,
				lf->canary + off };
	struct probe_out o;
	enum flush_kind fk = FLUSH_NONE;
	bool ok;

	va = page + off;
	switch (s->variant) {
	case CTRL_FRESH_MAP:
		ok = map_page(c, page, lf->small[0]) &&
		     lab_probe(c, s->name, it, va, &e, true, OUT_COHERENT, r, &o) ==
		     OUT_COHERENT;
		break;
	case CTRL_CANARY_PTE:
		ok = map_page(c, page, lf->canary) &&
		     lab_probe(c, s->name, it, va, &e, true, OUT_STALE_WALK, r, &o) ==
		     OUT_STALE_WALK;
		break;
	case CTRL_UNKNOWN_VALUE:
		ok = map_page(c, page, lf->plain) &&
		     lab_probe(c, s->name, it, va, &e, true, OUT_UNKNOWN, r, &o) ==
		     OUT_UNKNOWN && o.value == 0;
		break;
	case CTRL_RSVD_FAULT:
		ok = map_page(c, page, lf->small[0]);
		*pte_of(c, page) |= 1ULL << cpu_info.maxphyaddr;
		lab_flush(FLUSH_INVLPG, page);
		lab_probe(c, s->name, it, va, &e, true, OUT_FAULT, r, &o);
		ok = ok && o.outcome == OUT_FAULT && o.fault.vector == VEC_PF &&
		     (o.fault.error & PF_RSVD);
		/* The SDM says P=1 too; QEMU 7.2's TCG reports 0x8 alone. */
		if (ok && !(o.fault.error & PF_P))
			rsvd_without_p++;
		break;
	case CTRL_AD_FRESH_WALK:
	case CTRL_AD_CACHED:
		ok = ad_control(c, lf, page, va, s->variant == CTRL_AD_FRESH_WALK,
				&e, s, it, r);
		break;
	case CTRL_FAULT_UNMAPPED:
		lab_flush(FLUSH_INVLPG, page);
		lab_probe(c, s->name, it, va, &e, false, OUT_FAULT, r, &o);
		ok = fault_ok(&o, va);
		break;
	default:
		fk = s->variant == CTRL_REMAP_INVLPG ? FLUSH_INVLPG :
		     s->variant == CTRL_REMAP_CR3 ? FLUSH_CR3 :
		     s->variant == CTRL_REMAP_FULL ? FLUSH_FULL : FLUSH_NONE;
		ok = map_page(c, page, lf->small[0]) &&
		     lab_probe(c, s->name, it, va, &e, true, OUT_COHERENT, NULL, &o) ==
		     OUT_COHERENT;
		/* Re-point the PTE in place, then flush (or not) on purpose. */
		*pgt_entry(c->pgt, page, PT_LEVEL_PTE) = lf->small[1] | PTE_P | PTE_RW;
		lab_flush(fk, page);
		ok = ok && lab_probe(c, s->name, it, va, &remap, true,
				     fk == FLUSH_NONE ? OUT_STALE_TLB : OUT_COHERENT,
				     r, &o) ==
			     (fk == FLUSH_NONE ? OUT_STALE_TLB : OUT_COHERENT);
		break;
	}
	if (s->variant != CTRL_FAULT_UNMAPPED)
		unmap_page(c, page);
	return ok;
}

static void run_control(const struct scenario *s, struct scen_ctx *c,
			struct scen_result *r)
{
	const char *why = NULL;
	const struct lab_frames *lf = lab_frames(c, &why);
	u64 it, n = MIN(c->opt->iters, CTRL_ITERS_MAX);

	lab_reset_diagnostics();
	if (!lf) {
		r->error = true;
		result_kv_str(r, "error", "no_memory");
		return;
	}
	r->pass = true;
	rsvd_without_p = 0;
	lab_full_flush();
	for (it = 0; it < n; it++) {
		if (!one_iter(s, c, lf, it, r))
			r->pass = false;
		r->iters++;
	}
	lab_full_flush();
	if (s->variant == CTRL_RSVD_FAULT)
		result_kv(r, "rsvd_without_p", rsvd_without_p);
}

#define CONTROL(n, v, d) { .name = "control." n, .desc = d, .cls = CLASS_CONTROL, \
			   .run = run_control, .variant = v }

const struct scenario control_scenarios[CONTROL_COUNT] = {
	CONTROL("fresh_map", CTRL_FRESH_MAP,
		"negative: a fresh 4 KiB mapping of a signed frame reads coherent"),
	CONTROL("canary_pte", CTRL_CANARY_PTE,
		"positive: a PTE that really points at the canary reads stale_walk"),
	CONTROL("unknown_value", CTRL_UNKNOWN_VALUE,
		"positive: a mapped frame without signatures reads unknown"),
	CONTROL("fault_unmapped", CTRL_FAULT_UNMAPPED,
		"positive: a read of an unmapped page faults (#PF, not present, CR2)"),
	CONTROL("stale_tlb", CTRL_STALE_TLB,
		"positive: PTE re-pointed without a flush after a read reads stale_tlb"),
	CONTROL("remap_invlpg", CTRL_REMAP_INVLPG,
		"negative: PTE re-pointed, INVLPG of the page: coherent"),
	CONTROL("remap_cr3", CTRL_REMAP_CR3,
		"negative: PTE re-pointed, MOV to CR3: coherent"),
	CONTROL("remap_full", CTRL_REMAP_FULL,
		"negative: PTE re-pointed, full flush (CR4.PGE toggle): coherent"),
	CONTROL("rsvd_fault", CTRL_RSVD_FAULT,
		"positive: a PTE with a reserved address bit faults with RSVD"),
	CONTROL("ad_fresh_walk", CTRL_AD_FRESH_WALK,
		"positive: A cleared and flushed, a read walks and sets A again"),
	CONTROL("ad_cached", CTRL_AD_CACHED,
		"negative: A cleared without a flush, a cached read leaves it clear"),
};
