// SPDX-License-Identifier: MIT
/*
 * Broken machines (`tlbprobe-model --mutant NAME`, docs/model.md): each
 * breaks one invalidation rule the way an erratum or a hypervisor bug has,
 * so that `make soundness` can show the kernel and the checker catch it.
 * A mutant bends only the invalidation it names; everything else is the
 * model's rules.  The cross-CPU ones act in model/cpus.c (the shootdown
 * and TLBSYNC of two modelled CPUs) and are caught by the smp rows.
 */
#include <string.h>

#include "model/mmu_internal.h"
#include "mm/flush.h"

static const struct mmu_mutant_info mutants[MUT_NR] = {
	[MUT_NONE] = { "none", "", "", "intel amd amd-tce tcg", NULL },
	[MUT_INVLPG_KEEPS_PSC_PATH] = {
		"invlpg-keeps-psc-path",
		"INVLPG invalidates the PSC entries on the address's path "
		"(SDM 4.10.4.1; APM vol. 2 5.5.3)",
		"an INVLPG that drops the TLB entry but not the cached PDE/PDPTE",
		"intel amd amd-tce", NULL },
	[MUT_INVLPG_KEEPS_PAGE] = {
		"invlpg-keeps-page",
		"INVLPG invalidates the TLB entries of its page (SDM 4.10.4.1)",
		"an INVLPG emulation that forgets the leaf",
		"intel amd amd-tce", NULL },
	[MUT_INVLPG_KEEPS_GLOBAL] = {
		"invlpg-keeps-global",
		"INVLPG invalidates global TLB entries of its page too "
		"(SDM 4.10.4.1)",
		"Intel ADL063/RPL042 (with PCID on; Linux ce0b15d11ad8)",
		"intel amd amd-tce", NULL },
	[MUT_CR3_KEEPS_TLB] = {
		"cr3-keeps-tlb",
		"MOV to CR3 invalidates the non-global TLB entries of the PCID "
		"(SDM 4.10.4.1)",
		"a hypervisor that skips the guest's CR3-write flush",
		"intel amd amd-tce", NULL },
	[MUT_CR3_KEEPS_PSC] = {
		"cr3-keeps-psc",
		"MOV to CR3 invalidates the PSC entries of the PCID (SDM 4.10.4.1)",
		"a CPU that keeps its PDE cache over a CR3 write",
		"intel amd amd-tce", NULL },
	[MUT_PGE_KEEPS_GLOBALS] = {
		"pge-keeps-globals",
		"a change of CR4.PGE invalidates every TLB entry, globals "
		"included (SDM 4.10.4.1)",
		"a hypervisor that handles the CR4 write without a global flush",
		"intel amd amd-tce", NULL },
	[MUT_INVPCID_KEEPS_PSC] = {
		"invpcid-keeps-psc",
		"INVPCID types 1 and 3 invalidate the PSC entries of the PCIDs "
		"(SDM 4.10.4.1, INVPCID)",
		"an INVPCID that flushes only the TLB",
		"intel amd amd-tce", NULL },
	[MUT_INVPCID0_KEEPS_PAGE] = {
		"invpcid0-keeps-page",
		"INVPCID type 0 invalidates the TLB entries of the address in "
		"the PCID (SDM 4.10.4.1, INVPCID)",
		"an INVPCID emulation that drops nothing for the address",
		"intel amd amd-tce", NULL,
		"only a probe of the flushed page can see it, and the collapse "
		"rows probe that page in about 3% of iterations "
		"(tests/kernel/collapse_points.c draws pages 0-510): "
		"pmd_collapse.invpcid0 catches it once it probes the flushed "
		"page in every iteration (so a flush that forgets its own page is seen)" },
	[MUT_AMD_TCE0_PATH_ONLY] = {
		"amd-tce0-path-only",
		"AMD INVLPG with EFER.TCE=0 invalidates every upper-level entry "
		"(APM vol. 2 5.5.3, 3.1.7)",
		"a CPU (or a hypervisor's EFER) that behaves as TCE=1 while "
		"the guest cleared it",
		"amd", NULL },
	[MUT_SHADOW_NO_RESYNC] = {
		"shadow-no-resync",
		"INVLPG invalidates the 4 KiB translation of its page "
		"(SDM 4.10.4.1)",
		"a shadow MMU whose INVLPG does not resync the leaf "
		"(KVM 07ffaf343e34 class)",
		"intel amd amd-tce", NULL },
	[MUT_REMOTE_IGNORES_SHOOTDOWN] = {
		"remote-ignores-shootdown",
		"the remote CPU's flush in the IPI handler invalidates its "
		"entries (SDM 4.10.5)",
		"a lost IPI, or a vCPU that drops the flush request",
		"intel amd amd-tce tcg", NULL },
	[MUT_INVLPGB_NO_WAIT] = {
		"invlpgb-no-wait",
		"TLBSYNC waits until every INVLPGB of this CPU is done on all "
		"CPUs (APM vol. 3, INVLPGB/TLBSYNC)",
		"a TLBSYNC that returns early, or an INVLPGB the other CPUs "
		"never apply",
		"amd amd-tce", NULL },
	[MUT_SHADOW_LINKS_UNSYNCED] = {
		"shadow-links-unsynced",
		"a not-present entry is never cached: a change of P from 0 to 1 "
		"needs no invalidation (SDM 4.10.4.3; APM vol. 2 5.5.3)",
		"a shadow MMU that links an unsynced table under a new PDE "
		"without syncing its leaf entries (KVM 65855ed8b034)",
		"intel amd amd-tce", NULL },
};

const struct mmu_mutant_info *mmu_mutant_info(enum mmu_mutant mu)
{
	return mu < MUT_NR ? &mutants[mu] : NULL;
}

int mmu_mutant_parse(const char *name)
{
	for (int i = 0; i < MUT_NR; i++)
		if (!strcmp(name, mutants[i].name))
			return i;
	return -1;
}

/*
 * shadow-links-unsynced: entries made present (P 0 to 1) since the last
 * flush, as the shadow MMU has not seen them yet.  Once their table is
 * linked under another entry before that flush, walks read the entry as
 * it was (not present): the shadow of the table was linked unsynced.  One
 * machine per process, so the list is the file's own.
 */
#define UNSYNC_MAX 64

static struct unsync {
	u64 pa, old;
	bool hidden;
} unsync[UNSYNC_MAX];
static int nr_unsync;

static int unsync_find(u64 pa)
{
	for (int i = 0; i < nr_unsync; i++)
		if (unsync[i].pa == pa)
			return i;
	return -1;
}

void mutant_store(struct mmu *m, u64 pa, u64 old, u64 val)
{
	int i;

	/* Every store of every machine comes here: the others leave at once. */
	if (m->mutant != MUT_SHADOW_LINKS_UNSYNCED)
		return;
	i = unsync_find(pa);
	if (i >= 0)	/* written again: the shadow MMU traps and syncs it */
		unsync[i] = unsync[--nr_unsync];
	if ((val & 1) && !(old & 1) && nr_unsync < UNSYNC_MAX)
		unsync[nr_unsync++] = (struct unsync){ .pa = pa, .old = old };
	if (!(val & 1))
		return;
	/* A link of the table that holds unsynced entries: they stay hidden. */
	for (i = 0; i < nr_unsync; i++)
		if ((unsync[i].pa & ADDR_MASK) == (val & ADDR_MASK))
			unsync[i].hidden = true;
}

u64 mutant_entry(struct mmu *m, u64 pa, u64 e)
{
	int i;

	if (m->mutant != MUT_SHADOW_LINKS_UNSYNCED)
		return e;
	i = unsync_find(pa);
	return i >= 0 && unsync[i].hidden ? unsync[i].old : e;
}

static void keep_tlb(struct inval *iv)
{
	iv->tlb_pcids = 0;
	iv->globals = false;
}

/*
 * Called by mmu_flush() with the reach the rules give (psc: enum
 * psc_scope); the mutant takes away the part it breaks.
 */
void mutant_flush(struct mmu *m, const struct flush_scope *sem, int *psc,
		  struct inval *iv)
{
	bool invlpg = sem->insn == INSN_INVLPG;

	switch (m->mutant) {
	case MUT_INVLPG_KEEPS_PSC_PATH:
		iv->psc_keep_path = invlpg;
		break;
	case MUT_INVLPG_KEEPS_PAGE:
		if (invlpg)
			keep_tlb(iv);
		break;
	case MUT_INVLPG_KEEPS_GLOBAL:
		if (invlpg)
			iv->globals = false;
		break;
	case MUT_CR3_KEEPS_TLB:
		if (sem->insn == INSN_MOV_CR3)
			keep_tlb(iv);
		break;
	case MUT_CR3_KEEPS_PSC:
		if (sem->insn == INSN_MOV_CR3)
			*psc = PSC_NONE;
		break;
	case MUT_PGE_KEEPS_GLOBALS:
		if (sem->insn == INSN_CR4_PGE)
			iv->globals = false;
		break;
	case MUT_INVPCID_KEEPS_PSC:
		if (sem->insn == INSN_INVPCID &&
		    (sem->invpcid_type == 1 || sem->invpcid_type == 3))
			*psc = PSC_NONE;
		break;
	case MUT_INVPCID0_KEEPS_PAGE:
		if (sem->insn == INSN_INVPCID && sem->invpcid_type == 0)
			keep_tlb(iv);
		break;
	case MUT_AMD_TCE0_PATH_ONLY:
		if (m->vendor == MMU_AMD && !mmu_tce(m))
			*psc = sem->psc_tce;
		break;
	case MUT_SHADOW_NO_RESYNC:
		iv->tlb_keep_4k = invlpg;
		break;
	case MUT_SHADOW_LINKS_UNSYNCED:
		/* The guest's flush is where a shadow MMU syncs. */
		nr_unsync = 0;
		break;
	default:
		break;
	}
}
