// SPDX-License-Identifier: MIT
/*
 * The smp family's race rows: instead of probing after the collapse, the
 * remote CPU reads the touched pages in a tight loop while the boot CPU
 * runs step 3, and each read is judged against the phase the boot CPU had
 * published before and after it (smp_job.h, struct race_counts).
 */
#include "tests/kernel/smp_job.h"
#include "kernel/cpu.h"
#include "kernel/format.h"
#include "kernel/tsc_wait.h"

/* The reader gives up after this even if the boot CPU never says done. */
#define RACE_MAX_MS	500

static const struct {
	enum phase ph;
	const char *name;
} judged_phases[] = {
	{ PH_FLUSHED, "flushed" }, { PH_REUSED, "reused" }, { PH_HUGE, "huge" },
};

_Static_assert(ARRAY_SIZE(judged_phases) == NR_JUDGED,
	       "NR_JUDGED counts judged_phases");

/*
 * A page walk's loads are not ordered with explicit loads (SDM vol. 3A
 * 4.10.4.3; LFENCE waits for every earlier instruction to complete, vol.
 * 2A LFENCE), so without it the probe could be served before the first
 * phase load or after the second and be judged by the wrong phase.
 */
static inline void load_fence(void)
{
	__asm__ volatile("lfence" ::: "memory");
}

static int phase_now(void)
{
	int ph;

	load_fence();
	ph = __atomic_load_n(&smp_job.phase, __ATOMIC_ACQUIRE);
	load_fence();
	return ph;
}

/* One read, judged by the phase published before and after it. */
static void race_read(int i)
{
	struct race_counts *k = &smp_job.race;
	struct fault_info fi;
	enum outcome o;
	int before, after, f;
	u64 v;

	before = phase_now();
	f = hw_read64(smp_job.pt[i].va, &v, &fi);
	after = phase_now();
	k->reads++;
	if (before != after) {
		k->straddle++;
		return;
	}
	/* Until the flush has reached us the old frame or a fault is fine. */
	if (before < PH_FLUSHED) {
		k->before_flush++;
		return;
	}
	if (f) {
		/* Not present between the clear and the new entry: correct. */
		o = before >= PH_HUGE ? OUT_FAULT : OUT_COHERENT;
		k->fault_ok += o == OUT_COHERENT;
	} else {
		o = classify_read(v, &smp_job.after[i]);
		/* The 2 MiB entry is written after PH_REUSED is published. */
		if (o == OUT_COHERENT && before < PH_REUSED)
			o = OUT_UNKNOWN;	/* the new frame before it was mapped */
		else if (o == OUT_COHERENT)
			k->new_ok++;
	}
	hist_add(&k->h, true, o);
	k->phase_read |= 1u << before;
	if (o != OUT_COHERENT)
		k->phase_bad |= 1u << before;
}

/* On the remote CPU: read until the boot CPU says done (or time is up). */
static void op_race(void *arg)
{
	u64 end = tsc_deadline_us(RACE_MAX_MS * 1000);

	(void)arg;
	smp_job.race = (struct race_counts){ 0 };
	__atomic_store_n(&smp_job.racing, true, __ATOMIC_RELEASE);
	while (__atomic_load_n(&smp_job.phase, __ATOMIC_ACQUIRE) != PH_DONE &&
	       !tsc_expired(end))
		for (int i = 0; i < TOUCH; i++)
			race_read(i);
	__atomic_store_n(&smp_job.racing, false, __ATOMIC_RELEASE);
}

static void race_add(struct scen_result *r, const struct race_counts *k,
		     struct totals *t)
{
	for (int o = 0; o < OUT_NR; o++) {
		result_reads(r, CAT_NONE, true, (enum outcome)o, k->h.touched[o]);
		t->remote.n[o] += k->h.touched[o];
	}
	result_unit_end(r);
	t->remote.touched_stale_tlb += k->h.touched[OUT_STALE_TLB];
	t->race_reads += k->reads;
	t->race_before_flush += k->before_flush;
	t->race_straddle += k->straddle;
	t->race_fault_ok += k->fault_ok;
	t->race_new_ok += k->new_ok;
	for (size_t i = 0; i < NR_JUDGED; i++) {
		t->phase_units[i] += (k->phase_read >> judged_phases[i].ph) & 1;
		t->phase_bad[i] += (k->phase_bad >> judged_phases[i].ph) & 1;
	}
}

/* Step 3 on the boot CPU while the remote CPU reads: NULL or what failed. */
const char *smp_race(struct scen_ctx *c, const struct fixture_frames *fx,
		     const struct smp_param *p, int remote, u64 base,
		     u64 table, u64 huge_pa, struct scen_result *r,
		     struct totals *t)
{
	u64 end = tsc_deadline_us(SMP_WAIT_MS * 1000);
	const char *why;

	smp_job.racing = false;
	if (smp_post(remote, op_race, NULL))
		return "the remote CPU could not take the race";
	while (!smp_job.racing && !tsc_expired(end))
		cpu_relax();
	tsc_delay_us(RACE_PHASE_US);
	why = smp_collapse_step(c, fx, p, base, table, huge_pa, &t->missing);
	smp_set_phase(PH_DONE, false);
	if (smp_wait(remote, RACE_MAX_MS + SMP_WAIT_MS)) {
		t->lost_calls++;
		return why ? why : "the remote CPU did not finish the race";
	}
	race_add(r, &smp_job.race, t);
	return why;
}

/*
 * race_reads: all of them; race_before_flush and race_straddle: left
 * unjudged; race_units_PHASE / race_bad_PHASE: iterations with a judged
 * read in that phase, and with a non-coherent one (docs/log-format.md).
 */
void smp_add_race_counts(struct scen_result *r, const struct totals *t)
{
	char key[32];

	result_kv(r, "race_reads", t->race_reads);
	result_kv(r, "race_before_flush", t->race_before_flush);
	result_kv(r, "race_straddle", t->race_straddle);
	result_kv(r, "race_fault_ok", t->race_fault_ok);
	result_kv(r, "race_new_ok", t->race_new_ok);
	for (size_t i = 0; i < NR_JUDGED; i++) {
		fmt_snprintf(key, sizeof(key), "race_units_%s",
			     judged_phases[i].name);
		result_kv(r, key, t->phase_units[i]);
		fmt_snprintf(key, sizeof(key), "race_bad_%s",
			     judged_phases[i].name);
		result_kv(r, key, t->phase_bad[i]);
	}
}
