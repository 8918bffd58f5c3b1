// SPDX-License-Identifier: MIT
/*
 * The model's allowed outcomes (profiles/model-allowed.table, made by
 * `make model-table`): one line "vendor scenario category what" each,
 * looked up by the architectural check (arch.c).
 */
#include "arch_internal.h"
#include "profile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


struct allowed {
	char *vendor, *scenario, *cat, *what;
};

static struct {
	bool tried;
	struct allowed *v;
	size_t n, cap;
	char *path;
	bool per_level;		/* it has reused_a_pde/_pdpte lines */
} table;

static void add_line(char *line)
{
	char *f[4], *save = NULL;
	int n = 0;

	if (line[0] == '#' || !line[0])
		return;
	for (char *t = strtok_r(line, " \t", &save); t && n < 4;
	     t = strtok_r(NULL, " \t", &save))
		f[n++] = t;
	if (n != 4)
		return;
	HEAP_GROW(table.v, table.n, table.cap);
	table.v[table.n].vendor = xstrdup(f[0]);
	table.v[table.n].scenario = xstrdup(f[1]);
	table.v[table.n].cat = xstrdup(f[2]);
	table.v[table.n].what = xstrdup(f[3]);
	table.per_level |= !strncmp(f[3], "reused_a_", 9);
	table.n++;
}

bool arch_table_load(void)
{
	size_t len;
	char *text, *save = NULL;

	if (table.tried)
		return table.n > 0;
	table.tried = true;
	table.path = profile_find_file(ARCH_TABLE_NAME);
	if (!table.path)
		return false;
	text = read_file(table.path, &len);
	if (!text)
		return false;
	for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		add_line(l);
	free(text);
	return table.n > 0;
}

/*
 * A category as the table names it: exact, or "cpu0.*" for every category
 * of one modelled CPU ("cpu0.touched", "cpu0.untouched": smp rows).
 */
static bool cat_match(const char *have, const char *want)
{
	size_t n = strlen(want);

	if (n > 2 && !strcmp(want + n - 2, ".*"))
		return !strncmp(have, want, n - 1);
	return !strcmp(have, want);
}

bool arch_table_per_level(void)
{
	return table.per_level;
}

bool arch_known(const char *vendor, const char *name)
{
	for (size_t i = 0; i < table.n; i++)
		if (!strcmp(table.v[i].vendor, vendor) &&
		    !strcmp(table.v[i].scenario, name))
			return true;
	return false;
}

bool arch_allows_in(const char *vendor, const char *name, const char *cat,
		      const char *what)
{
	for (size_t i = 0; i < table.n; i++)
		if (!strcmp(table.v[i].vendor, vendor) &&
		    !strcmp(table.v[i].scenario, name) &&
		    cat_match(table.v[i].cat, cat) &&
		    (!what || !strcmp(table.v[i].what, what)))
			return true;
	return false;
}

bool arch_allows(const char *vendor, const char *name, const char *what)
{
	return arch_allows_in(vendor, name, "*", what);
}

/* Whether what is one of the comma-separated words of list. */
static bool listed(const char *list, const char *what)
{
	size_t n = strlen(what);

	for (const char *p = list; (p = strstr(p, what)); p++)
		if ((p == list || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return true;
	return false;
}

/* Each once: a "cpu0.*" list meets a what in several categories. */
void arch_allowed_list(const char *vendor, const char *name, const char *cat,
		       char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < table.n && used < len; i++)
		if (!strcmp(table.v[i].vendor, vendor) &&
		    !strcmp(table.v[i].scenario, name) &&
		    cat_match(table.v[i].cat, cat) &&
		    !listed(buf, table.v[i].what))
			used += (size_t)snprintf(buf + used, len - used, "%s%s",
						 used ? "," : "", table.v[i].what);
}
