// SPDX-License-Identifier: MIT
/*
 * Finding a profile by name.  The same binary runs from the build tree
 * (build/tlbprobe-check, profiles in ../profiles), installed
 * (PREFIX/bin, profiles in PREFIX/share/tlbprobe/profiles) or copied
 * somewhere else, so the built-in names are looked up in each of those.
 */
#include "profile.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#ifndef CHECKER_PROFILE_DIR
#define CHECKER_PROFILE_DIR "/usr/local/share/tlbprobe/profiles"
#endif
#ifndef CHECKER_SOURCE_PROFILE_DIR
#define CHECKER_SOURCE_PROFILE_DIR "profiles"
#endif

/* The directory of the running binary, "" if /proc cannot say. */
static void exe_dir(char *buf, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", buf, len - 1);
	char *slash;

	if (n <= 0) {
		buf[0] = '\0';
		return;
	}
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (slash)
		*slash = '\0';
	else
		buf[0] = '\0';
}

static bool looks_like_path(const char *s)
{
	size_t n = strlen(s);

	return strchr(s, '/') || (n > 8 && !strcmp(s + n - 8, ".profile"));
}

static int load_file(struct profile *pf, const char *path, char *err,
		     size_t errlen)
{
	size_t len;
	char *text = read_file(path, &len);
	int ret;

	if (!text) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (strlen(text) != len) {
		free(text);
		snprintf(err, errlen, "%s: a profile is text; this has NUL bytes", path);
		return -1;
	}
	ret = profile_parse(pf, text, path, err, errlen);
	free(text);
	return ret;
}

/* Where a built-in name is looked for, most specific first. */
static size_t search_dirs(char **dirs)
{
	const char *env = getenv("TLBPROBE_PROFILE_DIR");
	char exe[PATH_MAX];
	size_t n = 0;

	if (env && *env)
		dirs[n++] = xstrdup(env);
	exe_dir(exe, sizeof(exe));
	if (exe[0]) {
		dirs[n++] = xasprintf("%s/../share/tlbprobe/profiles", exe);
		dirs[n++] = xasprintf("%s/../profiles", exe);
	}
	dirs[n++] = xstrdup(CHECKER_PROFILE_DIR);
	dirs[n++] = xstrdup(CHECKER_SOURCE_PROFILE_DIR);
	dirs[n++] = xstrdup("profiles");
	return n;
}

/* The first readable dirs[i]/file, or NULL. */
static char *first_readable(char *const *dirs, size_t n, const char *file)
{
	char *path;

	for (size_t i = 0; i < n; i++) {
		path = xasprintf("%s/%s", dirs[i], file);
		if (!access(path, R_OK)) {
			/* Messages name it as people would: no "bin/../". */
			char *real = realpath(path, NULL);

			if (real) {
				free(path);
				return real;
			}
			return path;
		}
		free(path);
	}
	return NULL;
}

char *profile_find_file(const char *file)
{
	char *dirs[6], *path;
	size_t n = search_dirs(dirs);

	path = first_readable(dirs, n, file);
	for (size_t i = 0; i < n; i++)
		free(dirs[i]);
	return path;
}

int profile_load(struct profile *pf, const char *name_or_path, char *err,
		 size_t errlen)
{
	char *dirs[6], *path, *file;
	size_t n, i, used;
	int ret = -1;

	memset(pf, 0, sizeof(*pf));
	if (looks_like_path(name_or_path) || !*name_or_path)
		return load_file(pf, name_or_path, err, errlen);
	n = search_dirs(dirs);
	file = xasprintf("%s.profile", name_or_path);
	path = first_readable(dirs, n, file);
	free(file);
	if (path) {
		ret = load_file(pf, path, err, errlen);
	} else {
		used = (size_t)snprintf(err, errlen, "no profile '%s'; looked for %s.profile in",
					name_or_path, name_or_path);
		for (i = 0; i < n && used < errlen; i++)
			used += (size_t)snprintf(err + used, errlen - used, " %s", dirs[i]);
	}
	free(path);
	for (i = 0; i < n; i++)
		free(dirs[i]);
	return ret;
}
