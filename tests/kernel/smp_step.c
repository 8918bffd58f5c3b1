// SPDX-License-Identifier: MIT
/*
 * The smp family's step 3 (clear the PDE, flush as the row says, free and
 * take the PTE page back, fill it, set the huge PDE), shared by the row
 * engine (smp_collapse.c) and the race loop (smp_race.c), and the phases it
 * publishes for the race reader.
 */
#include "tests/kernel/smp_job.h"
#include "kernel/tsc_wait.h"
#include "mm/shootdown.h"

/* Publish a phase; in a race, hold it long enough for the reader. */
void smp_set_phase(int ph, bool race)
{
	__atomic_store_n(&smp_job.phase, ph, __ATOMIC_RELEASE);
	if (race)
		tsc_delay_us(RACE_PHASE_US);
}

void smp_flush_all_cpus(u64 *missing)
{
	struct shootdown_stats st;

	shootdown(SHOOTDOWN_FULL, 0, 0, true, &st);
	*missing += (u64)st.missing;
}

/*
 * The one-page kind that a FLUSH_AT_EACH kind carries out at each page on
 * this CPU: the local kind with the same instruction that takes one
 * address (INVLPG_RANGE: INVLPG).
 */
static enum flush_kind page_kind(const struct flush_scope *k)
{
	for (int f = 0; f < FLUSH_NR; f++) {
		const struct flush_scope *p = flush_scope((enum flush_kind)f);

		if (p->insn == k->insn && p->invpcid_type == k->invpcid_type &&
		    p->reach == REACH_LOCAL && p->at == FLUSH_AT_FIRST)
			return (enum flush_kind)f;
	}
	return FLUSH_NONE;
}

/*
 * A flush on this CPU alone: the kind's instruction once, or at each page
 * (FLUSH_AT_EACH), or at the first page of each 2 MiB slot (the region is
 * one slot: once).
 */
static void local_flush(enum flush_kind f, const struct flush_scope *k,
			u64 base)
{
	struct flush_req req = { .kind = f,
				 .va = flush_region_va(f, base, PMD_SIZE) };

	if (k->insn == INSN_NONE)
		return;
	if (k->at == FLUSH_AT_EACH_PMD) {
		fixture_flush(page_kind(k), base);
	} else if (k->at == FLUSH_AT_EACH) {
		for (u64 i = 0; i < SLOT_PAGES; i++)
			fixture_flush(page_kind(k), base + i * PAGE_SIZE);
	} else {
		hw_flush(&req);
	}
}

/*
 * Step 3's flush, as far as the row's kind says (mm/flush_kinds.def): who
 * executes it (.reach), which pages or everything (.at), whether
 * completion is awaited (.sync); an INVLPGB that leaves the
 * paging-structure caches (.psc none) is the final-translations-only one.
 */
static void row_flush(enum flush_kind f, u64 base, u64 *missing)
{
	const struct flush_scope *k = flush_scope(f);
	struct shootdown_stats st = { 0 };
	/* The pages a shootdown covers: each, or the one the kind names. */
	bool each = k->at == FLUSH_AT_EACH;
	u64 va = each ? base : flush_region_va(f, base, PMD_SIZE);

	switch (k->reach) {
	case REACH_LOCAL:
		local_flush(f, k, base);
		break;
	case REACH_IPI_ALL:
		/* Every CPU, this one included; shootdown() awaits the acks. */
		if (k->at == FLUSH_AT_NONE)
			shootdown(SHOOTDOWN_FULL, 0, 0, true, &st);
		else
			shootdown(SHOOTDOWN_PAGES, va, each ? SLOT_PAGES : 1,
				  true, &st);
		break;
	case REACH_BROADCAST:
		invlpgb_range(base, SLOT_PAGES, k->psc == PSC_NONE, k->sync);
		break;
	}
	*missing += (u64)st.missing;
}

/* Step 3: NULL, or what went wrong. */
const char *smp_collapse_step(struct scen_ctx *c,
			      const struct fixture_frames *fx,
			      const struct smp_param *p, u64 base, u64 table,
			      u64 huge_pa, u64 *missing)
{
	u64 *pde = pgt_entry(c->pgt, base, PT_LEVEL_PMD), got;

	if (!pde || (*pde & PTE_ADDR_MASK) != table)
		return "the PDE did not point at the PTE page";
	hw_write_entry(pde, 0);
	smp_set_phase(PH_CLEARED, p->race);
	row_flush(p->flush, base, missing);
	smp_set_phase(PH_FLUSHED, p->race);
	falloc_free(c->fa, table);
	got = falloc_alloc(c->fa);
	if (got != table) {
		if (got != FA_NO_FRAME)
			falloc_free(c->fa, got);
		return "the allocator did not hand the freed PTE page back";
	}
	pgt_fill_table(table, fx->canary | PTE_P | PTE_RW);
	smp_set_phase(PH_REUSED, p->race);
	if (pmd_set_huge(c->pgt, base, huge_pa, PTE_RW))
		return "pmd_set_huge failed";
	smp_set_phase(PH_HUGE, p->race);
	return NULL;
}

