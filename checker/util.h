/* SPDX-License-Identifier: MIT */
/*
 * Small helpers shared by the checker: allocation that cannot fail, an
 * arena that frees a whole parsed log at once, and growable arrays.
 */
#ifndef CHECKER_UTIL_H
#define CHECKER_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <stdio.h>

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Everything parsed from one log (or one profile) lives in one arena, so
 * error paths and the fuzzer never leak and never double free.
 */
struct arena_chunk;
struct arena {
	struct arena_chunk *head;
};

void *arena_alloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
void arena_free(struct arena *a);

/*
 * Make room for element n of an arena-backed array; old copies stay in the
 * arena until it is freed (at most as much again, the doubling bounds it).
 * Callers keep indices, not pointers, across a grow.
 */
#define ARENA_GROW(ar, arr, n, cap)					\
	do {								\
		if ((n) >= (cap)) {					\
			size_t nc_ = (cap) ? 2 * (cap) : 8;		\
			void *p_ = arena_alloc((ar), nc_ * sizeof(*(arr))); \
			if (n)						\
				memcpy(p_, (arr), (n) * sizeof(*(arr)));\
			(arr) = p_;					\
			(cap) = nc_;					\
		}							\
	} while (0)

/* The same for heap arrays that are freed with free(). */
#define HEAP_GROW(arr, n, cap)						\
	do {								\
		if ((n) >= (cap)) {					\
			(cap) = (cap) ? 2 * (cap) : 8;			\
			(arr) = xrealloc((arr), (cap) * sizeof(*(arr)));\
		}							\
	} while (0)

static inline bool str_starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Read a whole file ("-" is stdin); NULL with errno set on failure. */
char *read_file(const char *path, size_t *len);
/* Close a file written to: 0, or -1 with errno when a write or the close failed. */
int fclose_checked(FILE *f);

/*
 * The entity HTML and XML text need for c ("&amp;", "&lt;", "&gt;",
 * "&quot;"), or NULL when c stands for itself.
 */
const char *markup_entity(char c);

#endif
