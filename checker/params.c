// SPDX-License-Identifier: MIT
/*
 * The rows' parameters as the log states them, with the old logs' names
 * looked up where it states none (params.h).
 */
#include "params.h"
#include "legacy_params.h"

#include <stdio.h>

static const char *const keys[] = {
#define PARAM_STR(k) #k,
#define PARAM_FLAG(k) #k,
#define PARAM_COUNT(k) #k,
#include "kernel/row_params.def"
#undef PARAM_STR
#undef PARAM_FLAG
#undef PARAM_COUNT
};
#define NR_KEYS (sizeof(keys) / sizeof(keys[0]))

/* The old logs' rows, parsed once each. */
static struct {
	struct arena ar;
	struct legacy {
		const char *name;
		struct kv_list kv;
	} *v;
	size_t n, cap;
} legacy;

static const struct kv_list *legacy_row(const char *name)
{
	const char *text;
	struct legacy *l;

	for (size_t i = 0; i < legacy.n; i++)
		if (!strcmp(legacy.v[i].name, name))
			return &legacy.v[i].kv;
	text = legacy_params(name);
	if (!text)
		return NULL;
	ARENA_GROW(&legacy.ar, legacy.v, legacy.n, legacy.cap);
	l = &legacy.v[legacy.n++];
	memset(l, 0, sizeof(*l));
	l->name = arena_strdup(&legacy.ar, name);
	kv_parse(&legacy.ar, text, &l->kv);
	return &l->kv;
}

/* A result line from a kernel that printed parameters has level= or flush=. */
static bool states_params(const struct scenario *s)
{
	return kv_find(&s->counts, "level") || kv_find(&s->counts, "flush");
}

const char *scenario_param(const struct scenario *s, const char *key)
{
	const struct kv_list *old;

	if (!s->has_result)
		return NULL;
	if (states_params(s))
		return kv_str(&s->counts, key);
	old = legacy_row(s->name);
	return old ? kv_str(old, key) : NULL;
}

bool param_key_known(const char *key)
{
	for (size_t i = 0; i < NR_KEYS; i++)
		if (!strcmp(keys[i], key))
			return true;
	return false;
}

const char *param_keys(void)
{
	static char buf[256];
	size_t used = 0;

	if (buf[0])
		return buf;
	for (size_t i = 0; i < NR_KEYS && used < sizeof(buf); i++)
		used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%s",
					 i ? ", " : "", keys[i]);
	return buf;
}
