/* SPDX-License-Identifier: MIT */
/* The "k=v k=v" fields of tlbprobe's diagnostic lines. */
#ifndef CHECKER_KV_H
#define CHECKER_KV_H

#include "util.h"

struct kv {
	const char *key;
	const char *val;	/* unquoted; "" for a bare key */
	long long num;
	bool is_num;		/* val is a whole decimal or 0x number */
};

struct kv_list {
	struct kv *v;
	size_t n;
	size_t cap;
};

/* Appends the fields of s to list; a later key replaces an earlier one. */
void kv_parse(struct arena *ar, const char *s, struct kv_list *list);
const struct kv *kv_find(const struct kv_list *list, const char *key);
const char *kv_str(const struct kv_list *list, const char *key);

#endif
