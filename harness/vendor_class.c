// SPDX-License-Identifier: MIT
#include "harness/vendor_class.h"
#include "kernel/cpu.h"
#include "kernel/strutil.h"

const char *class_vendor_override;

static const char *const vendor_names[CV_NR] = {
	[CV_INTEL] = "intel",
	[CV_AMD] = "amd",
	[CV_AMD_TCE] = "amd-tce",
	[CV_TCG] = "tcg",
};

enum class_vendor_id class_vendor_id(const char *vendor)
{
	int v = 0;

	while (v < CV_NR && !(vendor && str_eq(vendor, vendor_names[v])))
		v++;
	return (enum class_vendor_id)v;
}

const char *class_vendor_name(enum class_vendor_id v)
{
	return v < CV_NR ? vendor_names[v] : "?";
}

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

const struct derived_class *derived_class_find(const struct derived_class *t,
					       size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (str_eq(t[i].name, name))
			return &t[i];
	return NULL;
}

/* The class of every vendor d was derived on, if they agree. */
static enum sclass agreed(const struct derived_class *d)
{
	enum sclass c = CLASS_DERIVED;

	for (int v = 0; d && v < CV_NR; v++) {
		if (d->on[v] == CLASS_DERIVED)
			continue;
		if (c != CLASS_DERIVED && c != d->on[v])
			return CLASS_OBSERVATION;
		c = d->on[v];
	}
	return c == CLASS_DERIVED ? CLASS_OBSERVATION : c;
}

enum sclass derived_class_on(const struct derived_class *d, const char *vendor)
{
	enum class_vendor_id v = class_vendor_id(vendor);

	if (d && v < CV_NR && d->on[v] != CLASS_DERIVED)
		return d->on[v];
	return agreed(d);
}

enum sclass scenario_class_on(const struct scenario *s, const char *vendor)
{
	if (s->cls != CLASS_DERIVED)
		return s->cls;
	if (!vendor)
		return derived_class_on(NULL, NULL);
	return derived_class_on(derived_class_find(derived_classes,
						   derived_classes_count,
						   s->name), vendor);
}
