// SPDX-License-Identifier: MIT
#include <string.h>

#include "outcome_kind.h"

#define MODEL_READ 0
#define MODEL_FAULT 1
#define MODEL_NONE 2
static const struct {
	const char *key;
	bool fault;
} outcomes[] = {
#define OUTCOME(id, key, nc, split, rank, cell, label, psc, model, always) \
	{ nc ? #key : NULL, MODEL_##model == MODEL_FAULT },
#include "../kernel/outcomes.def"
#undef OUTCOME
};

static const char *const stale_keys[] = {
#define STALE(key, cache, words) #key,
#include "../kernel/outcomes.def"
#undef STALE
};

static int outcome_index(const char *key)
{
	for (size_t k = 0; k < sizeof(outcomes) / sizeof(outcomes[0]); k++)
		if (outcomes[k].key && !strcmp(outcomes[k].key, key))
			return (int)k;
	return -1;
}

bool outcome_key_fault(const char *key)
{
	int k = outcome_index(key);

	return k >= 0 && outcomes[k].fault;
}

bool outcome_key_untranslated(const char *key)
{
	if (outcome_index(key) < 0 || outcome_key_fault(key))
		return false;
	for (size_t i = 0; i < sizeof(stale_keys) / sizeof(stale_keys[0]); i++)
		if (!strcmp(stale_keys[i], key))
			return false;
	return true;
}

const char *const fault_kinds[] = {
#define FAULT_KIND(id, key, mask, match) #key,
#include "../kernel/outcomes.def"
#undef FAULT_KIND
};
const size_t nr_fault_kinds = sizeof(fault_kinds) / sizeof(fault_kinds[0]);
