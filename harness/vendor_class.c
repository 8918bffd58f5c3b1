// SPDX-License-Identifier: MIT
#include "harness/vendor_class.h"
#include "kernel/cpu.h"
#include "kernel/strutil.h"

const char *class_vendor_override;

const char *class_vendor(void)
{
	if (class_vendor_override)
		return class_vendor_override;
	if (str_eq(cpu_accel_name(&cpu_info), "tcg"))
		return "tcg";
	if (str_eq(cpu_info.vendor, "AuthenticAMD") ||
	    str_eq(cpu_info.vendor, "HygonGenuine"))
		return "amd";
	return "intel";
}

/* Whether p begins with word followed by end. */
static bool word_at(const char *p, const char *word, char end)
{
	while (*word && *p == *word) {
		p++;
		word++;
	}
	return !*word && *p == end;
}

static enum sclass class_at(const char *p, enum sclass dflt)
{
	if (word_at(p, "correctness", ',') || word_at(p, "correctness", '\0'))
		return CLASS_CORRECTNESS;
	if (word_at(p, "observation", ',') || word_at(p, "observation", '\0'))
		return CLASS_OBSERVATION;
	return dflt;
}

enum sclass scenario_class_on(const struct scenario *s, const char *vendor)
{
	const char *p = s->cls_on;

	while (p && *p) {
		if (word_at(p, vendor, ':')) {
			while (*p != ':')
				p++;
			return class_at(p + 1, s->cls);
		}
		while (*p && *p != ',')
			p++;
		if (*p)
			p++;
	}
	return s->cls;
}
