// SPDX-License-Identifier: MIT
/*
 * k=v fields: separated by spaces, a value with spaces or '"' is quoted with
 * \" and \\ escapes (docs/log-format.md).  A truncated or garbled line still
 * yields what it can: an unterminated quote runs to the end of the line.
 */
#include "kv.h"

#include <errno.h>
#include <stdlib.h>

static bool parse_number(const char *s, long long *out)
{
	char *end;

	if (!*s || *s == ' ' || *s == '+')
		return false;
	errno = 0;
	*out = strtoll(s, &end, 0);
	/* strtoll takes "010" as octal; the log never means that */
	if (s[0] == '0' && s[1] >= '0' && s[1] <= '9')
		*out = strtoll(s, &end, 10);
	return errno == 0 && *end == '\0';
}

/* Copies a value starting at *sp into a fresh arena string, unquoting it. */
static char *take_value(struct arena *ar, const char **sp)
{
	const char *s = *sp;
	size_t len = strlen(s);
	char *val = arena_alloc(ar, len + 1);
	size_t n = 0;

	if (*s != '"') {
		while (*s && *s != ' ')
			val[n++] = *s++;
	} else {
		for (s++; *s && *s != '"'; s++) {
			if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
				s++;
			val[n++] = *s;
		}
		if (*s == '"')
			s++;
	}
	val[n] = '\0';
	*sp = s;
	return val;
}

static void kv_set(struct arena *ar, struct kv_list *list, const char *key,
		   const char *val)
{
	struct kv *kv = (struct kv *)kv_find(list, key);

	if (!kv) {
		ARENA_GROW(ar, list->v, list->n, list->cap);
		kv = &list->v[list->n++];
		kv->key = key;
	}
	kv->val = val;
	kv->is_num = parse_number(val, &kv->num);
	if (!kv->is_num)
		kv->num = 0;
}

void kv_parse(struct arena *ar, const char *s, struct kv_list *list)
{
	while (*s) {
		const char *k;
		char *key;

		while (*s == ' ')
			s++;
		if (!*s)
			break;
		k = s;
		while (*s && *s != '=' && *s != ' ')
			s++;
		key = arena_strndup(ar, k, (size_t)(s - k));
		if (*s == '=') {
			s++;
			kv_set(ar, list, key, take_value(ar, &s));
		} else {
			kv_set(ar, list, key, "");
		}
	}
}

const struct kv *kv_find(const struct kv_list *list, const char *key)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		if (strcmp(list->v[i].key, key) == 0)
			return &list->v[i];
	return NULL;
}

const char *kv_str(const struct kv_list *list, const char *key)
{
	const struct kv *kv = kv_find(list, key);

	return kv ? kv->val : NULL;
}
