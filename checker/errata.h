/* SPDX-License-Identifier: MIT */
/*
 * Known processor errata: a result that a published erratum explains on
 * the machine the log came from is named as that erratum, with the
 * microcode revision, and is not a new finding (docs/checker.md).
 */
#ifndef CHECKER_ERRATA_H
#define CHECKER_ERRATA_H

#include "judge.h"

struct erratum {
	const char *id;		/* "ADL063", "RPL042" */
	const char *cpu;	/* "Alder Lake", ... */
	long family, model;	/* CPUID display family and model */
	long fixed;		/* the first microcode revision without it */
	const char *row;	/* the row it shows in */
	const char *outcome;	/* the only non-coherent outcome it explains */
};

/*
 * The erratum that explains outcome in row on this CPU and microcode, or
 * NULL.  ucode < 0: unknown, and then nothing is explained.
 */
const struct erratum *errata_find(const char *vendor, long family,
				  long model, long ucode, const char *row,
				  const char *outcome);
/*
 * The erratum that would apply on this CPU at an old enough microcode,
 * whatever the revision (for the note where ucode= is unknown or fixed).
 */
const struct erratum *errata_for_cpu(const char *vendor, long family,
				     long model, const char *row);
/*
 * Turn the problems of r's rows that a known erratum explains into notes
 * that name it (j->p shrinks, j->sc_failed is cleared for those rows).
 */
void errata_apply(const struct run *r, struct judgement *j);

#endif
