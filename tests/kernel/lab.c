// SPDX-License-Identifier: MIT
#include "tests/kernel/lab.h"
#include "kernel/console.h"
#include "mm/phys.h"

#define DIAG_MAX 12

static struct lab_frames frames;
static bool frames_ready;
static int diag_left = DIAG_MAX;

const struct lab_frames *lab_frames(struct scen_ctx *c, const char **why)
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
	for (i = 0; i < LAB_SMALL_FRAMES; i++) {
		frames.small[i] = falloc_alloc(c->fa);
		if (frames.small[i] == FA_NO_FRAME) {
			*why = "out of frames for the small pages";
			return NULL;
		}
		sign_frames(frames.small[i], 1);
	}
	frames.canary = falloc_alloc(c->fa);
	frames.canary_pt = falloc_alloc(c->fa);
	frames.plain = falloc_alloc(c->fa);
	if (frames.canary == FA_NO_FRAME || frames.plain == FA_NO_FRAME ||
	    frames.canary_pt == FA_NO_FRAME) {
		*why = "out of frames for the canary";
		return NULL;
	}
	sign_frames(frames.canary, 1);
	pgt_fill_table(frames.canary_pt, frames.canary | PTE_P | PTE_RW);
	pgt_fill_table(frames.plain, 0);
	frames_ready = true;
	return &frames;
}

u64 lab_huge1g(struct scen_ctx *c, const char **why)
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

const struct lab_frames *lab_setup(struct scen_ctx *c, enum pt_level level,
				   u64 *huge_pa, struct scen_result *r)
{
	const char *why = NULL;
	const struct lab_frames *lf = lab_frames(c, &why);

	lab_reset_diagnostics();
	if (lf)
		*huge_pa = level == PT_LEVEL_PUD ? lab_huge1g(c, &why) : lf->huge2m;
	if (!lf || *huge_pa == FA_NO_FRAME) {
		kprintf("  # error: %s\n", why);
		r->error = true;
		return NULL;
	}
	r->pass = true;
	return lf;
}

void lab_iter_error(const char *name, u64 it, const char *why,
		    struct scen_result *r)
{
	kprintf("  # error: name=%s iter=%llu %s\n", name,
		(unsigned long long)it, why);
	r->error = true;
}

void lab_reset_diagnostics(void)
{
	diag_left = DIAG_MAX;
}

void lab_full_flush(void)
{
	lab_flush(FLUSH_FULL, 0);
}

void lab_flush(enum flush_kind kind, u64 va)
{
	struct flush_req req = { .kind = kind, .va = va };

	flush_cpu(&req);
}

static void print_probe(const char *name, u64 iter, u64 va, bool touched,
			const struct probe_out *o, const struct expect *e)
{
	char err[32];

	if (o->outcome == OUT_FAULT) {
		pf_error_decode(o->fault.error, err, sizeof(err));
		kprintf("  # fault: name=%s iter=%llu va=0x%llx vector=%llu (%s) "
			"error=0x%llx (%s) cr2=0x%llx touched=%d\n", name,
			(unsigned long long)iter, (unsigned long long)va,
			(unsigned long long)o->fault.vector,
			trap_name(o->fault.vector),
			(unsigned long long)o->fault.error, err,
			(unsigned long long)o->fault.cr2, touched);
		return;
	}
	kprintf("  # probe: name=%s iter=%llu va=0x%llx touched=%d outcome=%s "
		"read=0x%llx expect=0x%llx stale=0x%llx canary=0x%llx\n", name,
		(unsigned long long)iter, (unsigned long long)va, touched,
		outcome_name(o->outcome), (unsigned long long)o->value,
		(unsigned long long)sig_value(e->coherent),
		(unsigned long long)(e->stale == EXPECT_NONE ? 0 : sig_value(e->stale)),
		(unsigned long long)(e->walk == EXPECT_NONE ? 0 : sig_value(e->walk)));
}

enum outcome lab_probe(struct scen_ctx *c, const char *name, u64 iter, u64 va,
		       const struct expect *e, bool touched, enum outcome want,
		       struct scen_result *r, struct probe_out *out)
{
	struct probe_out local;
	struct probe_out *o = out ? out : &local;

	if (probe_read64(va, &o->value, &o->fault))
		o->outcome = OUT_FAULT;
	else
		o->outcome = classify_read(o->value, e);
	if (r)
		hist_add(&r->h, touched, o->outcome);
	/* want == OUT_NR: an observation, nothing is unexpected. */
	/* Unknown values are always worth seeing: they are unexplained reads. */
	if (((want != OUT_NR && o->outcome != want) || c->opt->verbose ||
	     o->outcome == OUT_UNKNOWN) && diag_left > 0) {
		diag_left--;
		print_probe(name, iter, va, touched, o, e);
	}
	return o->outcome;
}
