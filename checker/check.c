// SPDX-License-Identifier: MIT
/*
 * One log from file to exit status.  A log without a complete run is
 * status 2 and never judged, because a partial histogram says nothing
 * about the profile; the message names the scenario that was running so a
 * hang or reboot points at its cause.
 */
#include "check.h"
#include "arch.h"
#include "errata.h"

#include <errno.h>
#include <stdlib.h>

#define MAX_DIAGS_SHOWN 12

/*
 * The kernel's emulator= (kernel/emulator.c) first: an emulator's log is
 * never judged as metal, and Bochs reports no hypervisor and accel=none.
 * A hypervisor with the CPU's own page walks is judged as KVM.  Logs from
 * before emulator= existed fall back to accel=.
 */
const char *auto_profile(const struct run *r)
{
	const char *accel = r ? kv_str(&r->env, "accel") : NULL;
	const char *emu = r ? kv_str(&r->env, "emulator") : NULL;

	if (emu && !strcmp(emu, "bochs"))
		return "bochs";
	if (emu && (!strcmp(emu, "qemu-tcg") || !strcmp(emu, "qemu")))
		return "tcg";
	if (emu && strcmp(emu, "bare-metal"))
		return "kvm";
	if (accel && !strcmp(accel, "tcg"))
		return "tcg";
	if (accel && !strcmp(accel, "kvm"))
		return "kvm";
	return "metal";
}

/* The first complete run before the judged one that the kernel failed. */
static const struct run *earlier_failed_run(const struct log_doc *d,
					    const struct run *judged)
{
	size_t i;

	for (i = 0; i < d->nruns && &d->runs[i] != judged; i++)
		if (d->runs[i].done && d->runs[i].done_verdict &&
		    strcmp(d->runs[i].done_verdict, "pass"))
			return &d->runs[i];
	return NULL;
}

int checked_log_open(struct checked_log *cl, const char *path,
		     const char *profile, char *err, size_t errlen)
{
	bool is_stdin = !strcmp(path, "-");
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	int rc, why;

	memset(cl, 0, sizeof(*cl));
	cl->path = path;
	/* read in pieces: a multi-GB capture costs the memory of its runs */
	rc = f ? log_doc_read(&cl->doc, f) : -1;
	why = errno ? errno : EIO;
	if (f && !is_stdin)
		fclose(f);
	if (rc) {
		snprintf(err, errlen, "%s: %s", path, strerror(why));
		return EXIT_USAGE;
	}
	cl->run = log_doc_judged_run(&cl->doc);
	cl->complete = cl->run != NULL;
	if (!cl->run)
		cl->run = log_doc_last_run(&cl->doc);
	if (!strcmp(profile, "auto"))
		profile = auto_profile(cl->run);
	if (profile_load(&cl->pf, profile, err, errlen)) {
		profile_free(&cl->pf);
		log_doc_free(&cl->doc);
		return EXIT_USAGE;
	}
	cl->have_pf = true;
	if (!cl->complete || cl->run->errors.n) {
		cl->status = EXIT_INCOMPLETE;
		return 0;
	}
	judge_run(&cl->pf, cl->run, &cl->j);
	/* Whatever the profile: the architecture forbids what it forbids. */
	arch_judge(cl->run, &cl->j, cl->arch_note, sizeof(cl->arch_note));
	errata_apply(cl->run, &cl->j);	/* known errata: named, not findings */
	cl->judged = true;
	cl->status = cl->j.n ? EXIT_OUTSIDE : EXIT_MATCH;
	caching_judge(cl->run, &cl->caching);
	cl->failed_run = earlier_failed_run(&cl->doc, cl->run);
	if (cl->failed_run)
		cl->status = EXIT_OUTSIDE;
	answer_check(cl->run, &cl->caching, &cl->answer);
	if (cl->answer.bad)
		cl->status = EXIT_OUTSIDE;
	cl->inconclusive = cl->status == EXIT_MATCH && cl->caching.inconclusive;
	return 0;
}

const char *checked_log_status_name(const struct checked_log *cl)
{
	static const char *const names[] = { "pass", "FAIL", "incomplete" };

	if (cl->status == EXIT_MATCH && cl->inconclusive)
		return "inconclusive";
	return cl->status >= 0 && cl->status <= 2 ? names[cl->status] : "error";
}

void checked_log_close(struct checked_log *cl)
{
	if (cl->judged)
		judgement_free(&cl->j);
	if (cl->have_pf)
		profile_free(&cl->pf);
	log_doc_free(&cl->doc);
}

static void print_diags(FILE *f, const char *path, const struct diag_list *l,
			const char *what)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		fprintf(f, "%s:%zu: %s: %s\n", path, l->v[i].lineno, what,
			l->v[i].text);
}

/* Where the run stopped: the scenario a hang or a reboot points at. */
static void print_last_start(FILE *f, const char *path, const struct run *r)
{
	const struct scenario *s;

	if (!r->last_start) {
		fprintf(f, "%s:%zu: no scenario started (no '# start:' line)\n",
			path, r->last_line);
		return;
	}
	s = &r->sc[r->last_start - 1];
	if (s->verdict == KTAP_MISSING)
		fprintf(f, "%s:%zu: last scenario started: %s, never finished: a hang, fault or reboot there\n",
			path, s->start_line, s->name);
	else
		fprintf(f, "%s:%zu: last scenario started: %s, finished at line %zu; the run stopped after it\n",
			path, s->start_line, s->name, s->verdict_line);
}

static void print_failed_run(FILE *f, const char *path, const struct run *r)
{
	const struct diag_line *why = r->abort.lineno ? &r->abort : &r->fatal;

	fprintf(f, "%s:%zu: FAIL: run %zu (header at line %zu) ended with kernel verdict %s%s%s\n",
		path, r->done_line, r->index, r->header_line, r->done_verdict,
		why->lineno ? ": " : "", why->lineno ? why->text : "");
}

static void print_runs(FILE *f, const struct checked_log *cl)
{
	const struct log_doc *d = &cl->doc;
	size_t i;

	if (d->nruns < 2)
		return;
	fprintf(f, "%s:%zu: note: the log holds %zu runs (the machine rebooted?); judging run %zu, the last complete one\n",
		cl->path, cl->run->header_line, d->nruns, cl->run->index);
	for (i = 0; i < d->nruns; i++) {
		const struct run *r = &d->runs[i];

		if (r == cl->run)
			continue;
		if (r->done) {
			if (r->done_verdict && strcmp(r->done_verdict, "pass"))
				print_failed_run(f, cl->path, r);
			continue;
		}
		fprintf(f, "%s:%zu: note: run %zu did not finish\n", cl->path,
			r->header_line, r->index);
		print_last_start(f, cl->path, r);
	}
}

static void print_incomplete(FILE *f, const struct checked_log *cl)
{
	const struct run *r = cl->run;

	if (!r) {
		fprintf(f, "%s: incomplete: no 'KTAP version 1' header in %zu lines (only firmware or boot loader output?)\n",
			cl->path, cl->doc.text.physical_lines);
		return;
	}
	if (r->errors.n) {
		print_diags(f, cl->path, &r->errors, "malformed");
		fprintf(f, "%s: incomplete: run %zu has %zu malformed or inconsistent lines (a damaged log: no verdict)\n",
			cl->path, r->index, r->errors.n);
		return;
	}
	if (r->abort.lineno)
		fprintf(f, "%s:%zu: exception: %s\n", cl->path, r->abort.lineno,
			r->abort.text);
	fprintf(f, "%s:%zu: incomplete: run %zu (header at line %zu) has no '# TLBPROBE-DONE' marker%s\n",
		cl->path, r->last_line, r->index, r->header_line,
		cl->doc.text.truncated ? "; the log ends mid-line" : "");
	print_last_start(f, cl->path, r);
}

/*
 * What the machine could show, and which results say nothing on it; the
 * kernel's own count (totals inconclusive=) must agree.
 */
static void print_caching(FILE *f, const struct checked_log *cl)
{
	const struct run *r = cl->run;
	const struct kv *k = kv_find(&r->totals, "inconclusive");
	char text[256];
	size_t i;

	caching_text(&cl->caching, text, sizeof(text));
	fprintf(f, "%s: caching: %s\n", cl->path, text);
	for (i = 0; i < r->nsc; i++) {
		struct row_parts p;
		char parts[224] = "";

		if (caching_row_parts(r, &r->sc[i], &p) &&
		    r->sc[i].verdict == KTAP_OK) {
			caching_parts_text(&p, parts, sizeof(parts));
			fprintf(f, "%s:%zu: %s: parts %s\n", cl->path,
				r->sc[i].verdict_line, r->sc[i].name, parts);
		}
		if (caching_scenario_inconclusive(&cl->caching, r, &r->sc[i]))
			fprintf(f, "%s:%zu: %s: inconclusive\n", cl->path,
				r->sc[i].verdict_line, r->sc[i].name);
	}
	if (k && k->is_num && (size_t)k->num != cl->caching.inconclusive)
		fprintf(f, "%s:%zu: note: the kernel counts inconclusive=%lld, the checker %zu\n",
			cl->path, r->totals_line, k->num, cl->caching.inconclusive);
}

static void print_problem(FILE *f, const struct checked_log *cl,
			  const struct problem *p, bool show_diags)
{
	const struct diag_list *l;
	char where[64];
	size_t i;

	if (p->kind) {
		fprintf(f, "%s:%zu: %s: expected %s [%s], observed %s\n", cl->path,
			p->log_line, p->name, p->expected, p->kind, p->observed);
		goto diags;
	}
	if (p->rule_line)
		snprintf(where, sizeof(where), ":%zu", p->rule_line);
	else
		snprintf(where, sizeof(where), ", default");
	fprintf(f, "%s:%zu: %s: expected %s (%s%s), observed %s\n",
		cl->path, p->log_line, p->name, p->expected, cl->pf.path, where,
		p->observed);
diags:
	if (!p->scenario || !show_diags)
		return;
	l = &cl->run->sc[p->scenario - 1].diags;
	for (i = 0; i < l->n && i < MAX_DIAGS_SHOWN; i++)
		fprintf(f, "    %s:%zu: %s\n", cl->path, l->v[i].lineno,
			l->v[i].text);
	if (l->n > MAX_DIAGS_SHOWN)
		fprintf(f, "    ... %zu more diagnostic lines\n",
			l->n - MAX_DIAGS_SHOWN);
}

void checked_log_print(FILE *f, const struct checked_log *cl)
{
	const struct run *r = cl->run;
	size_t i, narch = 0;
	char arch[64] = "";

	if (cl->status == EXIT_INCOMPLETE) {
		print_incomplete(f, cl);
		return;
	}
	print_runs(f, cl);
	print_diags(f, cl->path, &r->notes, "note");
	if (cl->arch_note[0])
		fprintf(f, "%s: note: %s\n", cl->path, cl->arch_note);
	print_caching(f, cl);
	for (i = 0; i < cl->j.nnotes; i++)
		fprintf(f, "%s:%zu: %s: note: %s\n", cl->path,
			cl->j.notes[i].log_line,
			r->sc[cl->j.notes[i].scenario - 1].name, cl->j.notes[i].text);
	/* a scenario's problems are adjacent: show its log lines once */
	for (i = 0; i < cl->j.n; i++)
		print_problem(f, cl, &cl->j.p[i],
			      !i || cl->j.p[i - 1].scenario != cl->j.p[i].scenario);
	if (cl->answer.bad)
		fprintf(f, "%s:%zu: answer block: %s\n", cl->path,
			cl->answer.line, cl->answer.why);
	for (i = 0; i < cl->j.n; i++)
		narch += cl->j.p[i].kind != NULL;
	if (narch)
		snprintf(arch, sizeof(arch), " and %zu architectural violation%s",
			 narch, narch == 1 ? "" : "s");
	if (!cl->j.n && cl->failed_run)
		fprintf(f, "%s: FAIL: run %zu at line %zu failed (kernel verdict %s), although the last run, run %zu at line %zu, matches profile %s: a later run never undoes a failed one\n",
			cl->path, cl->failed_run->index,
			cl->failed_run->header_line,
			cl->failed_run->done_verdict, r->index, r->header_line,
			cl->pf.name);
	else if (cl->j.n)
		fprintf(f, "%s: FAIL: %zu result%s outside profile %s%s (run %zu at line %zu, kernel verdict %s)\n",
			cl->path, cl->j.n - narch, cl->j.n - narch == 1 ? "" : "s",
			cl->pf.name, arch, r->index, r->header_line, r->done_verdict);
	else if (cl->answer.bad)
		fprintf(f, "%s: FAIL: the answer block contradicts the results (run %zu at line %zu, kernel verdict %s)\n",
			cl->path, r->index, r->header_line, r->done_verdict);
	else if (cl->inconclusive)
		fprintf(f, "%s: INCONCLUSIVE: %zu scenarios match profile %s, but %zu results say nothing on this machine (run %zu at line %zu, kernel verdict %s)\n",
			cl->path, r->nsc, cl->pf.name, cl->caching.inconclusive,
			r->index, r->header_line, r->done_verdict);
	else
		fprintf(f, "%s: PASS: %zu scenarios match profile %s (run %zu at line %zu, kernel verdict %s)\n",
			cl->path, r->nsc, cl->pf.name, r->index, r->header_line,
			r->done_verdict);
}
