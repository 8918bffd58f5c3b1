// SPDX-License-Identifier: MIT
/*
 * smp: the Linux variants with a second CPU that holds translations of the
 * old mapping (touched pages: TLB and upper-level entries; untouched: at
 * most upper-level entries) while the boot CPU collapses it.  Each row's
 * name ends in how far its flush reaches:
 *   .local      the collapsing CPU flushes only itself
 *   .shootdown  an IPI makes every CPU INVLPG each old page, acknowledged
 *               (flush_tlb_kernel_range over the old 2 MiB)
 *   .full       an IPI makes every CPU flush everything
 *   .invlpgb    AMD's INVLPGB broadcast (+ TLBSYNC), no IPI
 * SDM vol. 3A 4.10.5 ("propagation of paging-structure changes to multiple
 * processors"): the change needs an invalidation on every processor that
 * may cache it.  Rows whose flush reaches every such processor are
 * correctness tests (as the model derives them); the others are
 * observations.  Skipped, with the
 * reason, on a machine with one CPU.
 */
#include "tests/kernel/smp_collapse.h"
#include "tests/kernel/engine_params.h"

#define P(fl_, pcid_, race_, rem_) (&(const struct smp_param){ \
	.flush = fl_, .pcid = pcid_, .race = race_, .remote = rem_ })
#define S(n, cl, prm, d) { .name = "smp." n, .desc = d, .cls = cl, \
	.skip = skip_smp_collapse, .run = run_smp_collapse, .param = prm, \
	.params = smp_params }
/* The model derives the class (harness/derived_classes.c)... */
#define DER CLASS_DERIVED
/* ... except where it cannot run the row (race, hybrid): stated. */
#define OBS CLASS_OBSERVATION
#define COR CLASS_CORRECTNESS
#define ANY REMOTE_ANY
#define HYB REMOTE_OTHER_TYPE

/*
 * Every row collapses a PTE page (PMD level) warmed by plain reads on both
 * CPUs, reused as canary entries (smp_collapse.c).
 */
void smp_params(const struct scenario *s, struct row_params *p)
{
	const struct smp_param *sp = s->param;

	p->level = level_param(PT_LEVEL_PMD);
	flush_params(p, sp->flush, false);
	p->warm = "plain";
	p->reuse = "canary";
	p->pcid = sp->pcid;
	p->race = sp->race;
	p->remote = sp->remote == REMOTE_OTHER_TYPE ? "other_type" : "any";
	p->cpus = 2;
}

/* The control maps and reads 4 KiB pages on the other CPU, no flush. */
static void remote_probe_params(const struct scenario *s, struct row_params *p)
{
	(void)s;
	p->level = level_param(PT_LEVEL_PTE);
	p->flush = flush_name(FLUSH_NONE);
	p->cpus = 2;
}

static const struct scenario rows[] = {
	{ .name = "smp.control.remote_probe", .cls = CLASS_CONTROL,
	  .desc = "cpu 1 reads a fresh page (coherent) and a hole (fault, recovered there)",
	  .skip = skip_smp_collapse, .run = run_smp_remote_probe,
	  .params = remote_probe_params, .param = P(FLUSH_NONE, false, false, ANY) },
	S("28ee90fe6048.local", DER, P(FLUSH_NONE, false, false, ANY),
	  "clear, free, no flush anywhere"),
	S("5e0fb5df2ee8.local", DER, P(FLUSH_INVLPG_RANGE, false, false, ANY),
	  "clear, INVLPG each old page on this CPU only, free"),
	S("5e0fb5df2ee8.shootdown", DER, P(FLUSH_SHOOTDOWN, false, false, ANY),
	  "clear, IPI: every CPU INVLPGs each old page and acks, free"),
	S("5e0fb5df2ee8.invlpgb", DER, P(FLUSH_INVLPGB, false, false, ANY),
	  "clear, INVLPGB of the old pages + TLBSYNC, free"),
	S("5e0fb5df2ee8.final.invlpgb", DER, P(FLUSH_INVLPGB_FINAL, false, false, ANY),
	  "clear, INVLPGB final-translation-only hint + TLBSYNC (upper levels kept), free"),
	S("5e0fb5df2ee8.nosync.invlpgb", DER, P(FLUSH_INVLPGB_NOSYNC, false, false, ANY),
	  "clear, INVLPGB without TLBSYNC (not waited for), free"),
	S("fullflush.local", DER, P(FLUSH_FULL, false, false, ANY),
	  "clear, full flush on this CPU only, free"),
	S("fullflush.full", DER, P(FLUSH_SHOOTDOWN_FULL, false, false, ANY),
	  "clear, IPI: every CPU flushes everything and acks, free"),
	S("5e0fb5df2ee8.pcid.shootdown", DER, P(FLUSH_SHOOTDOWN, true, false, ANY),
	  "remote warmed in PCID 1, sits in PCID 2: the IPI's INVLPG reaches PCID 2 only"),
	S("fullflush.pcid.full", DER, P(FLUSH_SHOOTDOWN_FULL, true, false, ANY),
	  "remote warmed in PCID 1, sits in PCID 2: the CR4.PGE toggle reaches every PCID"),
	S("race.5e0fb5df2ee8.local", OBS, P(FLUSH_INVLPG_RANGE, false, true, ANY),
	  "remote reads in a loop through clear/flush/free/reuse; flush on this CPU only"),
	S("race.5e0fb5df2ee8.shootdown", COR, P(FLUSH_SHOOTDOWN, false, true, ANY),
	  "remote reads in a loop through clear/shootdown/free/reuse"),
	S("hybrid.5e0fb5df2ee8.local", OBS, P(FLUSH_INVLPG_RANGE, false, false, HYB),
	  "remote is a core of another type than cpu 0; flush on this CPU only"),
	S("hybrid.5e0fb5df2ee8.shootdown", COR, P(FLUSH_SHOOTDOWN, false, false, HYB),
	  "remote is a core of another type than cpu 0; IPI INVLPG on every CPU"),
};

FAMILY(smp, 65, false, rows);
