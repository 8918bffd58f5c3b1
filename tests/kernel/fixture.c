// SPDX-License-Identifier: MIT
/* The experiment fixture (fixture.h). */
#include "tests/kernel/fixture.h"
#include "mm/phys.h"

#define DIAG_MAX 12

static struct fixture_frames frames;
static bool frames_ready;
static int diag_left = DIAG_MAX;

const struct fixture_frames *fixture_get_frames(struct scen_ctx *c, const char **why)
{
	int i;

	if (frames_ready)
		return &frames;
	frames.huge2m = falloc_alloc_contig(c->fa, PMD_SIZE / PAGE_SIZE, PMD_SIZE);
	if (frames.huge2m == FA_NO_FRAME) {
		*why = "no free 2 MiB-aligned block of RAM";
		return NULL;
	}
	sign_frames(frames.huge2m, PMD_SIZE / PAGE_SIZE);
	for (i = 0; i < FIX_SMALL_FRAMES; i++) {
		frames.small[i] = falloc_alloc(c->fa);
		if (frames.small[i] == FA_NO_FRAME) {
			*why = "out of frames for the small pages";
			return NULL;
		}
		sign_frames(frames.small[i], 1);
	}
	frames.canary = falloc_alloc(c->fa);
	frames.canary_pt = falloc_alloc(c->fa);
	frames.canary_pdpte = falloc_alloc(c->fa);
	frames.plain = falloc_alloc(c->fa);
	if (frames.canary == FA_NO_FRAME || frames.plain == FA_NO_FRAME ||
	    frames.canary_pt == FA_NO_FRAME ||
	    frames.canary_pdpte == FA_NO_FRAME) {
		*why = "out of frames for the canary";
		return NULL;
	}
	sign_frames(frames.canary, 1);
	sign_frames(frames.canary_pdpte, 1);
	pgt_fill_table(frames.canary_pt, frames.canary_pdpte | PTE_P | PTE_RW);
	pgt_fill_table(frames.plain, 0);
	frames_ready = true;
	return &frames;
}

const struct fixture_frames *fixture_row_begin(struct scen_ctx *c,
					       struct scen_result *r)
{
	const char *why = NULL;
	const struct fixture_frames *fx = fixture_get_frames(c, &why);

	fixture_reset_diagnostics();
	if (!fx) {
		r->error = true;
		result_kv_str(r, "error", "no_memory");
	}
	return fx;
}

u64 fixture_huge1g(struct scen_ctx *c, const char **why)
{
	static u64 gib = FA_NO_FRAME;
	static bool tried;

	if (!tried) {
		tried = true;
		gib = falloc_alloc_contig(c->fa, PUD_SIZE / PAGE_SIZE, PUD_SIZE);
	}
	if (gib == FA_NO_FRAME)
		*why = "no free 1 GiB-aligned GiB of RAM (boot with MEM=3G or more)";
	return gib;
}

const struct fixture_frames *fixture_setup(struct scen_ctx *c, enum pt_level level,
				   u64 *huge_pa, struct scen_result *r)
{
	const char *why = NULL;
	const struct fixture_frames *fx = fixture_get_frames(c, &why);

	fixture_reset_diagnostics();
	if (fx)
		*huge_pa = level == PT_LEVEL_PUD ? fixture_huge1g(c, &why) : fx->huge2m;
	if (!fx || *huge_pa == FA_NO_FRAME) {
		diag(DIAG_ERROR, "%s", why);
		r->error = true;
		return NULL;
	}
	r->pass = true;
	return fx;
}

void fixture_iter_error(const char *name, u64 it, const char *why,
		    struct scen_result *r)
{
	diag(DIAG_ERROR, "name=%s iter=%llu %s", name, (unsigned long long)it,
	     why);
	r->error = true;
}

void fixture_reset_diagnostics(void)
{
	diag_left = DIAG_MAX;
}

void fixture_full_flush(void)
{
	fixture_flush(FLUSH_FULL, 0);
}

void fixture_flush(enum flush_kind kind, u64 va)
{
	struct flush_req req = { .kind = kind, .va = va };

	hw_flush(&req);
}

static void print_probe(const struct probe *p, const struct probe_out *o)
{
	const struct expect *e = p->expect;
	char err[32];

	if (o->outcome == OUT_FAULT) {
		pf_error_decode(o->fault.error, err, sizeof(err));
		diag(DIAG_FAULT, "name=%s iter=%llu va=0x%llx vector=%llu (%s) "
		     "error=0x%llx (%s) cr2=0x%llx touched=%d", p->name,
		     (unsigned long long)p->iter, (unsigned long long)p->va,
		     (unsigned long long)o->fault.vector,
		     trap_name(o->fault.vector),
		     (unsigned long long)o->fault.error, err,
		     (unsigned long long)o->fault.cr2, p->touched);
		return;
	}
	diag(DIAG_PROBE, "name=%s iter=%llu va=0x%llx touched=%d outcome=%s "
	     "read=0x%llx expect=0x%llx stale=0x%llx canary=0x%llx", p->name,
	     (unsigned long long)p->iter, (unsigned long long)p->va, p->touched,
	     outcome_name(o->outcome), (unsigned long long)o->value,
	     (unsigned long long)sig_value(e->coherent),
	     (unsigned long long)(e->stale == EXPECT_NONE ? 0 : sig_value(e->stale)),
	     (unsigned long long)(e->walk == EXPECT_NONE ? 0 : sig_value(e->walk)));
}

void (*fixture_probe_observer)(const struct probe *p,
			       const struct probe_out *o);

enum outcome fixture_probe(struct scen_ctx *c, const struct probe *p,
			   struct scen_result *r, struct probe_out *out)
{
	struct probe_out local;
	struct probe_out *o = out ? out : &local;

	if (hw_read64(p->va, &o->value, &o->fault))
		o->outcome = OUT_FAULT;
	else
		o->outcome = classify_read(o->value, p->expect);
	if (r)
		result_read(r, p->cat, p->touched, o->outcome);
	if (fixture_probe_observer)
		fixture_probe_observer(p, o);
	/* want == OUT_NR: an observation, nothing is unexpected. */
	/* Unknown values are always worth seeing: they are unexplained reads. */
	if (((p->want != OUT_NR && o->outcome != p->want) || c->opt->verbose ||
	     o->outcome == OUT_UNKNOWN) && diag_left > 0) {
		diag_left--;
		print_probe(p, o);
	}
	return o->outcome;
}
