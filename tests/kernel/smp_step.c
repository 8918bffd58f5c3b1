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

/* Step 3's flush, as far as the row says. */
static void row_flush(enum flush_kind f, u64 base, u64 *missing)
{
	struct shootdown_stats st = { 0 };
	struct flush_req full = { .kind = FLUSH_FULL };

	switch (f) {
	case FLUSH_NONE:
		break;
	case FLUSH_INVLPG_RANGE:
		for (u64 i = 0; i < SLOT_PAGES; i++)
			fixture_flush(FLUSH_INVLPG, base + i * PAGE_SIZE);
		break;
	case FLUSH_SHOOTDOWN:
		shootdown(SHOOTDOWN_PAGES, base, SLOT_PAGES, true, &st);
		break;
	case FLUSH_FULL:
		hw_flush(&full);
		break;
	case FLUSH_SHOOTDOWN_FULL:
		shootdown(SHOOTDOWN_FULL, 0, 0, true, &st);
		break;
	case FLUSH_INVLPGB:
		invlpgb_range(base, SLOT_PAGES, false, true);
		break;
	case FLUSH_INVLPGB_FINAL:
		invlpgb_range(base, SLOT_PAGES, true, true);
		break;
	case FLUSH_INVLPGB_NOSYNC:
		invlpgb_range(base, SLOT_PAGES, false, false);
		break;
	default:	/* the rows use only the kinds above */
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

