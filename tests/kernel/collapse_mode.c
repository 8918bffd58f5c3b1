// SPDX-License-Identifier: MIT
/*
 * The collapse rows' modes: PCID (warm and probe in PCID_WARM, collapse in
 * PCID_COLLAPSE) and EFER.TCE, entered before an iteration's first step and
 * left after its teardown, so that each iteration starts from one state.
 */
#include "tests/kernel/collapse_iter.h"
#include "kernel/cpu.h"
#include "mm/cpu_mode.h"

/* NULL, or why the mode could not be entered (EFER.TCE refused). */
const char *collapse_mode_enter(struct scen_ctx *c,
				const struct collapse_param *p)
{
	const char *why;

	fixture_full_flush();
	if (p->tce && (why = tce_set(true)))
		return why;
	if (p->pcid) {
		pcid_enable(c->pgt->root_pa);
		pcid_switch(c->pgt->root_pa, PCID_WARM, false);
	}
	return NULL;
}

void collapse_mode_leave(struct scen_ctx *c, const struct collapse_param *p)
{
	if (p->pcid)
		pcid_disable(c->pgt->root_pa);
	if (p->tce)
		tce_set(false);
	fixture_full_flush();
}

/*
 * EFER.TCE set and put back once, so that a refusal is a skip.  Only the
 * set decides: a machine that keeps TCE on when told to clear it (as the
 * amd-tce model does) can still run the row.
 */
const char *collapse_tce_usable(void)
{
	const char *why = tce_set(true);

	if (!why)
		tce_set(false);
	return why;
}
