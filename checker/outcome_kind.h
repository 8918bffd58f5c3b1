/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_CHECKER_OUTCOME_KIND_H
#define TLBPROBE_CHECKER_OUTCOME_KIND_H

/*
 * What kernel/outcomes.def says of an outcome by its key, for the rules
 * that treat a kind of outcome alike (checker/arch.c): false for a key
 * that is no non-coherent outcome.
 */
#include <stdbool.h>

/* A #PF (the .def's model column FAULT): judged by its error code. */
bool outcome_key_fault(const char *key);
/* Neither a stale entry (STALE) nor a fault: an unknown value, an #MC. */
bool outcome_key_untranslated(const char *key);

/*
 * The #PF kinds of kernel/outcomes.def (FAULT_KIND), in its order; the
 * last (fault_other) the model never makes, so its table never allows it.
 */
#include <stddef.h>
extern const char *const fault_kinds[];
extern const size_t nr_fault_kinds;

#endif
