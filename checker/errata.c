// SPDX-License-Identifier: MIT
/*
 * Known errata.  Intel ADL063 (Alder Lake) and RPL042 (Raptor Lake):
 * INVLPG of a global page with CR4.PCIDE=1 may leave the translation
 * cached.  Linux ce0b15d11ad8 ("x86/mm: Avoid incomplete Global INVLPG
 * flushes") disables PCIDs on these parts; f24f669d03f8 keeps them where
 * the microcode is at or above the revision that fixed it.  The row that
 * shows it is global_pcid.invlpg (tests/kernel/global_pcid.c): a
 * stale_tlb there, on such a CPU below the fixed revision, and nothing
 * else non-coherent, is that erratum and is reported by name.  With the
 * fixed microcode, on another CPU, or with any other outcome the finding
 * stays a finding.
 */
#include "errata.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GP_ROW	"global_pcid.invlpg"

/* Family 6 models from Linux arch/x86/include/asm/intel-family.h. */
static const struct erratum errata[] = {
	{ "ADL063", "Alder Lake (ADL)", 6, 0x97, 0x2e, GP_ROW, "stale_tlb" },
	{ "ADL063", "Alder Lake (ADL_L)", 6, 0x9a, 0x42c, GP_ROW, "stale_tlb" },
	{ "ADL063", "Alder Lake (ADL_N)", 6, 0xbe, 0x11, GP_ROW, "stale_tlb" },
	{ "RPL042", "Raptor Lake (RPL)", 6, 0xb7, 0x118, GP_ROW, "stale_tlb" },
	{ "RPL042", "Raptor Lake (RPL_P)", 6, 0xba, 0x4117, GP_ROW, "stale_tlb" },
	{ "RPL042", "Raptor Lake (RPL_S)", 6, 0xbf, 0x2e, GP_ROW, "stale_tlb" },
};

const struct erratum *errata_for_cpu(const char *vendor, long family,
				     long model, const char *row)
{
	size_t i;

	if (!vendor || strcmp(vendor, "GenuineIntel") || !row)
		return NULL;
	for (i = 0; i < sizeof(errata) / sizeof(errata[0]); i++)
		if (errata[i].family == family && errata[i].model == model &&
		    !strcmp(errata[i].row, row))
			return &errata[i];
	return NULL;
}

const struct erratum *errata_find(const char *vendor, long family,
				  long model, long ucode, const char *row,
				  const char *outcome)
{
	const struct erratum *e = errata_for_cpu(vendor, family, model, row);

	if (!e || ucode < 0 || ucode >= e->fixed || !outcome ||
	    strcmp(outcome, e->outcome))
		return NULL;
	return e;
}

static long env_num(const struct run *r, const char *key)
{
	const struct kv *kv = kv_find(&r->env, key);

	return kv && kv->is_num ? (long)kv->num : -1;
}

static long long count(const struct scenario *s, const char *key)
{
	const struct kv *kv = kv_find(&s->counts, key);

	return kv && kv->is_num ? kv->num : 0;
}

/*
 * The one non-coherent outcome the row showed, or NULL where it showed
 * none or more than one: an erratum explains one outcome only.
 */
static const char *only_outcome(const struct scenario *s)
{
	static const char *const keys[] = {
#define OUTCOME(id, key, noncoherent, ...) noncoherent ? #key : NULL,
#include "../kernel/outcomes.def"
#undef OUTCOME
	};
	const char *one = NULL;
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (!keys[i] || count(s, keys[i]) <= 0)
			continue;
		if (one)
			return NULL;
		one = keys[i];
	}
	return one;
}

static void add_note(struct judgement *j, size_t idx, const struct scenario *s,
		     const char *text)
{
	struct arch_note *n;

	HEAP_GROW(j->notes, j->nnotes, j->capnotes);
	n = &j->notes[j->nnotes++];
	n->scenario = idx;
	n->log_line = s->result_line;
	snprintf(n->text, sizeof(n->text), "%s", text);
}

/*
 * Name the erratum in each problem of scenario idx; how many there were.
 * They stay problems: the machine still breaks SDM 4.10.4.1 there, and a
 * kernel that uses PCID on it is exposed (Linux ce0b15d11ad8).  What the
 * erratum changes is that the finding is a known one, not a new one.
 */
static size_t name_problems(struct judgement *j, size_t idx,
			    const struct erratum *e)
{
	char buf[sizeof(j->p[0].expected)];
	size_t i, n = 0;

	for (i = 0; i < j->n; i++) {
		if (j->p[i].scenario != idx)
			continue;
		snprintf(buf, sizeof(buf), "%.150s; known erratum %s, fixed "
			 "in microcode 0x%lx, not a new finding",
			 j->p[i].expected, e->id, e->fixed);
		memcpy(j->p[i].expected, buf, sizeof(buf));
		n++;
	}
	return n;
}

static void apply_one(const struct run *r, struct judgement *j, size_t idx)
{
	const struct scenario *s = &r->sc[idx - 1];
	const char *vendor = kv_str(&r->env, "vendor");
	const char *hv = kv_str(&r->env, "hypervisor");
	long family = env_num(r, "family"), model = env_num(r, "model");
	long ucode = env_num(r, "ucode");
	const char *what = only_outcome(s);
	const struct erratum *e, *cpu;
	char text[256];

	cpu = errata_for_cpu(vendor, family, model, s->name);
	if (!cpu || !what)
		return;
	if (hv && *hv) {
		/* A guest reads the revision its hypervisor chose to show. */
		snprintf(text, sizeof(text), "%s=%lld on %s under a hypervisor "
			 "(%s): its ucode= is the VMM's choice, so erratum %s "
			 "is not matched; still a finding", what,
			 count(s, what), cpu->cpu, hv, cpu->id);
		add_note(j, idx, s, text);
		return;
	}
	e = errata_find(vendor, family, model, ucode, s->name, what);
	if (!e) {
		if (ucode < 0)
			snprintf(text, sizeof(text), "%s=%lld on %s: may be "
				 "erratum %s, but the log has no microcode "
				 "revision (ucode=): still a finding", what,
				 count(s, what), cpu->cpu, cpu->id);
		else
			snprintf(text, sizeof(text), "%s=%lld on %s with "
				 "microcode 0x%lx: erratum %s is fixed from 0x%lx "
				 "on, so this is a finding", what, count(s, what),
				 cpu->cpu, ucode, cpu->id, cpu->fixed);
		add_note(j, idx, s, text);
		return;
	}
	if (!name_problems(j, idx, e))
		return;
	snprintf(text, sizeof(text), "known erratum %s (%s, microcode 0x%lx, "
		 "fixed in 0x%lx): INVLPG may leave a global translation with "
		 "CR4.PCIDE=1 (Linux ce0b15d11ad8, f24f669d03f8); %s=%lld is "
		 "that erratum, not a new finding, and still a failure: update "
		 "the microcode or run without PCID", e->id, e->cpu, ucode,
		 e->fixed, what, count(s, what));
	add_note(j, idx, s, text);
}

void errata_apply(const struct run *r, struct judgement *j)
{
	size_t i;

	for (i = 0; i < r->nsc; i++)
		if (r->sc[i].has_result && !strcmp(r->sc[i].name, GP_ROW))
			apply_one(r, j, i + 1);
}
