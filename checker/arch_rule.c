// SPDX-License-Identifier: MIT
/*
 * The rule an outcome breaks, in words: from the flush the row's flush=
 * names and that kind's reach and sections in mm/flush_kinds.def (.cite),
 * on the vendor and with the row's tce=; never from the row's name.
 */
#include "arch.h"
#include "params.h"
#include "mm/flush.h"

#include <stdio.h>

/* The kind the row's flush= names (mm/flush_kinds.def), or FLUSH_NR. */
static enum flush_kind flush_kind_of(const struct scenario *s)
{
	const char *name = scenario_param(s, "flush");

	for (int k = 0; name && k < FLUSH_NR; k++)
		if (!strcmp(flush_name((enum flush_kind)k), name))
			return (enum flush_kind)k;
	return FLUSH_NR;
}

static const char *const insn_words[] = {
	[INSN_NONE] = "no flush", [INSN_INVLPG] = "INVLPG",
	[INSN_MOV_CR3] = "MOV to CR3", [INSN_CR4_PGE] = "a CR4.PGE change",
	[INSN_INVPCID] = "INVPCID", [INSN_INVLPGB] = "INVLPGB",
};

/* "INVLPG", "INVPCID type 0 on every CPU", "INVLPG with EFER.TCE=0", ... */
static void flush_words(const struct flush_scope *f, const char *vendor,
			bool tce, bool tlb, char *buf, size_t len)
{
	bool by_vendor = !tlb && (f->psc != f->psc_tce || f->psc_amd_all);
	char type[16] = "";

	if (f->insn == INSN_INVPCID)
		snprintf(type, sizeof(type), " type %u", f->invpcid_type);
	snprintf(buf, len, "%s%s%s%s", insn_words[f->insn], type,
		 f->reach == REACH_LOCAL ? "" : " on every CPU",
		 !by_vendor || strncmp(vendor, "amd", 3) ? "" :
		 tce ? " with EFER.TCE=1" : " with EFER.TCE=0");
}

static const char *pcid_words(enum pcid_scope p)
{
	return p == PCID_SCOPE_ALL ? "every PCID" :
	       p == PCID_SCOPE_GIVEN ? "the PCID it names" : "the current PCID";
}

/* What the flush drops from the TLB, in the table's terms. */
static void tlb_words(const struct flush_scope *f, char *buf, size_t len)
{
	if (f->tlb == TLB_NONE)
		snprintf(buf, len, "no TLB entry");
	else if (f->tlb == TLB_ADDR)
		snprintf(buf, len, "the TLB entries of %s%s (a large page cleared first goes whole, SDM 4.10.2.3)",
			 f->at == FLUSH_AT_EACH ? "each page" :
			 f->at == FLUSH_AT_EACH_PMD ? "each 2 MiB slot's first page" :
			 "its page",
			 f->tlb_global ? ", globals included" : "");
	else
		snprintf(buf, len, "every %sTLB entry of %s",
			 f->tlb_global ? "" : "non-global ", pcid_words(f->pcid));
}

static void psc_words(enum psc_scope psc, const struct flush_scope *f,
		      char *buf, size_t len)
{
	if (psc == PSC_NONE)
		snprintf(buf, len, "no paging-structure-cache entry");
	else if (psc == PSC_PATH)
		snprintf(buf, len, "the upper-level entries on the path to its address");
	else
		snprintf(buf, len, "every paging-structure-cache entry of %s",
			 pcid_words(f->pcid));
}

/*
 * The rule that forbids what, from the flush the row's flush= names and
 * the table's reach for it (mm/flush_kinds.def, .cite), on the vendor and
 * with the row's tce=.
 */
const char *arch_rule(const char *vendor, const struct scenario *s,
		      const char *what)
{
	static char buf[256];
	enum flush_kind k = flush_kind_of(s);
	const struct flush_scope *f;
	const char *revert = scenario_param(s, "revert"), *tce = scenario_param(s, "tce");
	bool tlb = !strcmp(what, "stale_tlb"), amd = !strncmp(vendor, "amd", 3);
	bool on_tce = !strcmp(vendor, "amd-tce") || (tce && !strcmp(tce, "1"));
	char reach[160], who[64];

	if (!strcmp(vendor, "tcg"))
		return tlb ? "QEMU TCG drops its TLB entries on this flush (docs/model.md)" :
		       "QEMU TCG has no paging-structure caches: a walk reads the current tables (docs/model.md)";
	if (revert && !strcmp(revert, "1"))
		return "no table page was freed, and the replaced entries were cleared and flushed (SDM 4.10.4.2)";
	if (k == FLUSH_NR)
		return "the MMU model allows only these outcomes here (docs/model.md)";
	f = flush_scope(k);
	if (f->insn == INSN_NONE)
		return snprintf(buf, sizeof(buf), "no flush ran: only entries "
				"cached before the change can be stale (%s)",
				f->cite), buf;
	if (tlb)
		tlb_words(f, reach, sizeof(reach));
	else
		psc_words(flush_psc(f, amd, on_tce), f, reach, sizeof(reach));
	flush_words(f, vendor, on_tce, tlb, who, sizeof(who));
	snprintf(buf, sizeof(buf), "%s invalidates %s (%s)", who, reach, f->cite);
	return buf;
}
