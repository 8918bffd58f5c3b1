// SPDX-License-Identifier: MIT
/*
 * A row's parameters as its "# result:" line states them
 * (docs/log-format.md, "Parameters"): one key per line of
 * kernel/row_params.def, in that order, each printed only where the row
 * has it.
 */
#include "kernel/report.h"
#include "kernel/format.h"
#include "kernel/console.h"

static size_t param_str(char *buf, size_t len, size_t n, const char *key,
			const char *value)
{
	if (!value || n >= len)
		return n;
	return n + (size_t)fmt_snprintf(buf + n, len - n, " %s=%s", key, value);
}

static size_t param_flag(char *buf, size_t len, size_t n, const char *key,
			 s8 value)
{
	if (value == PARAM_NA || n >= len)
		return n;
	return n + (size_t)fmt_snprintf(buf + n, len - n, " %s=%d", key, value);
}

static size_t param_count(char *buf, size_t len, size_t n, const char *key,
			  unsigned int value)
{
	if (!value || n >= len)
		return n;
	return n + (size_t)fmt_snprintf(buf + n, len - n, " %s=%u", key, value);
}

void row_params_format(const struct row_params *p, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
#define PARAM_STR(k) n = param_str(buf, len, n, #k, p->k);
#define PARAM_FLAG(k) n = param_flag(buf, len, n, #k, p->k);
#define PARAM_COUNT(k) n = param_count(buf, len, n, #k, p->k);
#include "kernel/row_params.def"
#undef PARAM_STR
#undef PARAM_FLAG
#undef PARAM_COUNT
}

/*
 * The row's parameters (docs/log-format.md, "Parameters"), from the row's
 * data, never from its name: the checker selects and cites by these.
 */
void row_params_print(const struct row_params *p)
{
	char buf[ROW_PARAMS_MAX];

	row_params_format(p, buf, sizeof(buf));
	kputs(buf);
}
