// SPDX-License-Identifier: MIT
#include "tests/kernel/vendor_class.h"
#include "kernel/strutil.h"

const struct vendor_class vendor_classes[] = {
	{ NULL, NULL, CLASS_CONTROL },
};

const size_t nr_vendor_classes = ARRAY_SIZE(vendor_classes) - 1;

static bool in_list(const char *list, const char *name)
{
	const char *p = list;

	while (*p) {
		const char *n = name;

		while (*n && *p == *n) {
			p++;
			n++;
		}
		if (!*n && (!*p || *p == ','))
			return true;
		while (*p && *p != ',')
			p++;
		if (*p)
			p++;
	}
	return false;
}

enum sclass scenario_class_on(const struct scenario *s, const char *vendor)
{
	for (size_t i = 0; i < nr_vendor_classes; i++)
		if (str_eq(vendor_classes[i].scenario, s->name) &&
		    in_list(vendor_classes[i].vendors, vendor))
			return vendor_classes[i].cls;
	return s->cls;
}
