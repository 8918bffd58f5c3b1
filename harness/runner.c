// SPDX-License-Identifier: MIT
/* Selects scenarios by tests=, runs them in catalogue order, reports each. */
#include "harness/scenario.h"
#include "harness/smi_count.h"
#include "harness/vendor_class.h"
#include "kernel/strutil.h"
#include "kernel/console.h"
#include "kernel/format.h"
#include "kernel/glob.h"
#include "kernel/mce.h"
#include "kernel/traps.h"

/*
 * Benchmarks and self-tests run only when a pattern asks for them by name:
 * some pattern in tests= must begin with their family's prefix.
 */
static bool requested_by_prefix(const char *tests, const char *prefix)
{
	const char *p = tests;

	for (;;) {
		if (str_starts_with(p, prefix))
			return true;
		while (*p && *p != ',')
			p++;
		if (!*p)
			return false;
		p++;
	}
}

static bool is_selected(const struct scen_ctx *c, const struct family *f,
			const struct scenario *s)
{
	if (!glob_match_list(c->opt->tests, s->name))
		return false;
	if (f->named_only)
		return requested_by_prefix(c->opt->tests, f->name);
	return true;
}

static int count_selected(const struct scen_ctx *c, const struct family *f)
{
	int n = 0;

	for (size_t i = 0; i < f->count; i++)
		n += is_selected(c, f, &f->scen[i]);
	return n;
}

static u64 name_hash(const char *s)
{
	u64 h = 0xCBF29CE484222325ULL;

	while (*s)
		h = (h ^ (u8)*s++) * 0x100000001B3ULL;
	return h;
}

static void run_one(struct scen_ctx *c, const struct scenario *row, int index)
{
	struct scen_result r = { .params = ROW_PARAMS_NONE };
	/* The class that holds on this machine (harness/vendor_class.h). */
	struct scenario eff = *row;
	const struct scenario *s = &eff;

	eff.cls = scenario_class_on(row, class_vendor());
	if (s->params)
		s->params(s, &r.params);

	report_scenario_start(s->name);
	traps_set_context(s->name);
	/* Per-scenario stream: a scenario's sequence is independent of tests=. */
	rng_seed(&c->rng, c->opt->seed ^ name_hash(s->name));
	r.skip = s->skip ? s->skip(s, c) : NULL;
	if (!r.skip) {
		struct smi_mark smi;
		int logged;

		smi_mark_begin(&smi);
		s->run(s, c, &r);
		smi_mark_end(&smi, &r);
		/* The seed's promise: the same draws, whatever the CPU did. */
		result_kv(&r, "seq", c->rng.digest);
		/* Corrected errors leave no #MC, only a logged bank. */
		logged = mce_scan_banks(s->name);
		if (logged)
			result_kv(&r, "mce_logged", (u64)logged);
	}
	traps_set_context("runner");
	report_scenario_end(index, s->name, s->cls, &r);
}

/*
 * A derived row whose class differs by vendor: "# catalogue-class: NAME
 * intel:CLASS,amd:CLASS,amd-tce:CLASS,tcg:CLASS".
 */
static void list_derived(const struct scenario *s)
{
	enum sclass on[CV_NR];
	bool differ = false;

	for (int v = 0; v < CV_NR; v++) {
		on[v] = scenario_class_on(s, class_vendor_name(v));
		differ |= on[v] != on[0];
	}
	if (!differ)
		return;
	kprintf("# catalogue-class: %-36s", s->name);
	for (int v = 0; v < CV_NR; v++)
		kprintf("%s%s:%s", v ? "," : " ", class_vendor_name(v),
			class_name(on[v]));
	kputs("\n");
}

static void list_catalogue(void)
{
	size_t nf;
	const struct family *const *fams = families_all(&nf);

	for (size_t f = 0; f < nf; f++)
		for (size_t i = 0; i < fams[f]->count; i++)
			kprintf("# catalogue: %-36s %-11s %s\n",
				fams[f]->scen[i].name,
				class_name(scenario_class_on(&fams[f]->scen[i],
							     class_vendor())),
				fams[f]->scen[i].desc);
	/* The rows whose class the model derives, per vendor. */
	for (size_t f = 0; f < nf; f++)
		for (size_t i = 0; i < fams[f]->count; i++)
			if (fams[f]->scen[i].cls == CLASS_DERIVED)
				list_derived(&fams[f]->scen[i]);
}

bool run_selected(struct scen_ctx *c)
{
	int nfam = 0, idx;
	size_t nf;
	const struct family *const *fams = families_all(&nf);

	if (c->opt->list) {
		kputs("1..0 # SKIP list mode: the catalogue follows\n");
		list_catalogue();
		return report_finish();
	}
	for (size_t f = 0; f < nf; f++)
		nfam += count_selected(c, fams[f]) > 0;
	report_plan(nfam);
	for (size_t f = 0; f < nf; f++) {
		const struct family *fam = fams[f];
		int n = count_selected(c, fam);

		if (!n)
			continue;
		report_family_begin(fam->name, n);
		idx = 0;
		for (size_t i = 0; i < fam->count; i++)
			if (is_selected(c, fam, &fam->scen[i]))
				run_one(c, &fam->scen[i], ++idx);
		report_family_end(fam->name);
	}
	return report_finish();
}

static bool pattern_matches_any(const char *pat, size_t len)
{
	char one[OPT_TESTS_MAX];
	size_t nf;
	const struct family *const *fams = families_all(&nf);

	if (len >= sizeof(one))
		return false;
	for (size_t i = 0; i < len; i++)
		one[i] = pat[i];
	one[len] = '\0';
	for (size_t f = 0; f < nf; f++)
		for (size_t i = 0; i < fams[f]->count; i++)
			if (glob_match(one, fams[f]->scen[i].name))
				return true;
	return false;
}

static size_t append_names(char *err, size_t errlen, size_t n)
{
	size_t nf;
	const struct family *const *fams = families_all(&nf);

	for (size_t f = 0; f < nf && n < errlen; f++)
		for (size_t i = 0; i < fams[f]->count && n < errlen; i++)
			n += (size_t)fmt_snprintf(err + n, errlen - n, " %s",
						  fams[f]->scen[i].name);
	return n;
}

int check_selection(const char *tests, char *err, size_t errlen)
{
	const char *p = tests, *end;
	size_t n;

	for (;;) {
		for (end = p; *end && *end != ','; end++)
			;
		if (end == p || !pattern_matches_any(p, (size_t)(end - p))) {
			n = (size_t)fmt_snprintf(err, errlen,
				"tests= pattern '%.*s' matches no scenario; valid names (globs allowed, 'list' prints descriptions):",
				(int)(end - p), p);
			append_names(err, errlen, MIN(n, errlen));
			return -1;
		}
		if (!*end)
			return 0;
		p = end + 1;
	}
}
