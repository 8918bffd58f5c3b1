// SPDX-License-Identifier: MIT
/* The kernel command line: key=value words separated by spaces. */
#include "kernel/cmdline.h"
#include "kernel/strutil.h"
#include "kernel/format.h"

const char cmdline_help[] =
	"valid options: tests=GLOB[,GLOB...] iters=N (1..1000000)|auto "
	"target=P% (with iters=auto, 0.001%..50%) budget=S (seconds a row, "
	"1..86400) seed=N "
	"list verbose=0|1 console=ttyS0..3[,BAUD]|mmio,0xADDR[,BAUD] "
	"on_done=halt|reboot|exit cpus=N (1..256) x2apic=0|1";

static const u16 legacy_ports[4] = { 0x3F8, 0x2F8, 0x3E8, 0x2E8 };

void options_default(struct options *o)
{
	*o = (struct options){ 0 };
	o->tests[0] = '*';
	o->iters = OPT_ITERS_DEFAULT;
	o->target_ppb = OPT_TARGET_DEFAULT_PPB;
	o->budget_s = OPT_BUDGET_DEFAULT_S;
	o->seed = OPT_SEED_DEFAULT;
	o->console_io = legacy_ports[0];
	o->console_baud = 115200;
	o->on_done = ON_DONE_DEFAULT;
}

const char *on_done_name(enum on_done d)
{
	switch (d) {
	case ON_DONE_HALT:
		return "halt";
	case ON_DONE_REBOOT:
		return "reboot";
	case ON_DONE_EXIT:
		return "exit";
	default:
		return "default";
	}
}

/* Decimal, or hex with 0x.  Rejects empty strings, junk and overflow. */
static int parse_u64(const char *s, u64 *out)
{
	unsigned int base = 10, d;
	u64 v = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			d = (unsigned int)(*s - '0');
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = (unsigned int)(*s - 'a' + 10);
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = (unsigned int)(*s - 'A' + 10);
		else
			return -1;
		if (v > (~0ULL - d) / base)
			return -1;
		v = v * base + d;
	}
	*out = v;
	return 0;
}

static int bad(char *err, size_t errlen, const char *what, const char *word)
{
	fmt_snprintf(err, errlen, "%s '%s'; %s", what, word, cmdline_help);
	return -1;
}

static int parse_baud(const char *s, struct options *o)
{
	u64 baud;

	if (parse_u64(s, &baud) || !baud || baud > 115200 || 115200 % baud)
		return -1;
	o->console_baud = (u32)baud;
	return 0;
}

static int parse_console(const char *value, struct options *o)
{
	char buf[64], *v = buf, *comma;
	size_t i;
	u64 addr;

	/* Parsed in a copy: the caller's message quotes the value whole. */
	for (i = 0; value[i]; i++) {
		if (i + 1 >= sizeof(buf))
			return -1;
		buf[i] = value[i];
	}
	buf[i] = '\0';
	comma = v;

	while (*comma && *comma != ',')
		comma++;
	if (v[0] == 't' && v[1] == 't' && v[2] == 'y' && v[3] == 'S' &&
	    v[4] >= '0' && v[4] <= '3' && (v[5] == '\0' || v[5] == ',')) {
		o->console_io = legacy_ports[v[4] - '0'];
		o->console_mmio = 0;
		return v[5] == ',' ? parse_baud(v + 6, o) : 0;
	}
	if (!(comma - v == 4 && v[0] == 'm' && v[1] == 'm' && v[2] == 'i' &&
	      v[3] == 'o' && *comma == ','))
		return -1;
	v = comma + 1;
	for (comma = v; *comma && *comma != ','; comma++)
		;
	if (*comma) {
		*comma = '\0';
		if (parse_baud(comma + 1, o))
			return -1;
	}
	if (parse_u64(v, &addr) || !addr || (addr & 7))
		return -1;
	o->console_io = 0;
	o->console_mmio = addr;
	return 0;
}

static int parse_on_done(const char *v, struct options *o)
{
	if (str_eq(v, "halt"))
		o->on_done = ON_DONE_HALT;
	else if (str_eq(v, "reboot"))
		o->on_done = ON_DONE_REBOOT;
	else if (str_eq(v, "exit"))
		o->on_done = ON_DONE_EXIT;
	else
		return -1;
	return 0;
}

/* 0, or -1 if v is empty, -2 if it does not fit; dst untouched on error. */
static int copy_value(char *dst, size_t size, const char *v)
{
	size_t i, n = 0;

	while (v[n])
		n++;
	if (!n)
		return -1;
	if (n + 1 > size)
		return -2;
	for (i = 0; i <= n; i++)
		dst[i] = v[i];
	return 0;
}

/*
 * "P%" with up to 3 decimals, in parts per 10^9 (1% = 10^7): 0.001% to
 * 50%; -1 for anything else.
 */
static int parse_percent(const char *s, u64 *ppb)
{
	u64 whole = 0, frac = 0, scale = 10000000ULL;
	int digits = 0, places = 0;

	for (; *s >= '0' && *s <= '9'; s++, digits++)
		whole = whole * 10 + (u64)(*s - '0');
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++, places++)
			if (places < 3) {
				frac = frac * 10 + (u64)(*s - '0');
				scale /= 10;
			}
	if (!digits || places > 3 || s[0] != '%' || s[1] || whole > 50)
		return -1;
	*ppb = whole * 10000000ULL + frac * scale;
	return *ppb && *ppb <= 500000000ULL ? 0 : -1;
}

static int parse_iters(const char *v, struct options *o, char *err,
		       size_t errlen)
{
	u64 n;

	o->iters_set = true;
	if (str_eq(v, "auto")) {
		o->iters_auto = true;
		o->iters = OPT_ITERS_MAX;
		return 0;
	}
	if (parse_u64(v, &n) || !n || n > OPT_ITERS_MAX)
		return bad(err, errlen, "iters must be 1..1000000, not", v);
	o->iters_auto = false;
	o->iters = (u32)n;
	return 0;
}

static int parse_word(char *word, struct options *o, char *err, size_t errlen)
{
	char *eq = word, *v;
	u64 n;

	while (*eq && *eq != '=')
		eq++;
	if (!*eq) {
		if (str_eq(word, "list")) {
			o->list = true;
			return 0;
		}
		return bad(err, errlen, "unknown option", word);
	}
	*eq = '\0';
	v = eq + 1;
	if (str_eq(word, "iters")) {
		if (parse_iters(v, o, err, errlen))
			return -1;
	} else if (str_eq(word, "target")) {
		if (parse_percent(v, &o->target_ppb))
			return bad(err, errlen, "target must be a percentage "
				   "0.001%..50% (up to 3 decimals), not", v);
	} else if (str_eq(word, "budget")) {
		if (parse_u64(v, &n) || !n || n > OPT_BUDGET_MAX_S)
			return bad(err, errlen, "budget must be 1..86400 (seconds "
				   "a row), not", v);
		o->budget_s = (u32)n;
	} else if (str_eq(word, "seed")) {
		if (parse_u64(v, &n))
			return bad(err, errlen, "seed must be a number, not", v);
		o->seed = n;
	} else if (str_eq(word, "tests")) {
		int rc = copy_value(o->tests, sizeof(o->tests), v);

		if (rc == -2)
			return bad(err, errlen,
				   "tests= is too long (over 255 characters):", v);
		if (rc)
			return bad(err, errlen, "tests= needs a pattern, not", v);
	} else if (str_eq(word, "cpus")) {
		if (parse_u64(v, &n) || !n || n > OPT_CPUS_MAX)
			return bad(err, errlen, "cpus must be 1..256, not", v);
		o->cpus = (u32)n;
	} else if (str_eq(word, "x2apic")) {
		if (!str_eq(v, "0") && !str_eq(v, "1"))
			return bad(err, errlen, "x2apic must be 0 or 1, not", v);
		o->x2apic = v[0] == '1';
	} else if (str_eq(word, "verbose")) {
		if (!str_eq(v, "0") && !str_eq(v, "1"))
			return bad(err, errlen, "verbose must be 0 or 1, not", v);
		o->verbose = v[0] == '1';
	} else if (str_eq(word, "console")) {
		if (parse_console(v, o))
			return bad(err, errlen, "bad console", v);
	} else if (str_eq(word, "on_done")) {
		if (parse_on_done(v, o))
			return bad(err, errlen, "on_done must be halt, reboot or exit, not", v);
	} else {
		return bad(err, errlen, "unknown option", word);
	}
	return 0;
}

static bool has_equals(const char *w)
{
	for (; *w; w++)
		if (*w == '=')
			return true;
	return false;
}

static bool looks_like_path(const char *w)
{
	bool slash = false;

	for (; *w; w++) {
		if (*w == '=')
			return false;
		if (*w == '/')
			slash = true;
	}
	return slash;
}

int cmdline_parse(const char *line, struct options *o, char *err, size_t errlen)
{
	char word[OPT_TESTS_MAX + 16];
	size_t n;
	bool first = true, in_path = false;

	err[0] = '\0';
	while (*line) {
		while (*line == ' ' || *line == '\t')
			line++;
		if (!*line)
			break;
		for (n = 0; line[n] && line[n] != ' ' && line[n] != '\t'; n++)
			;
		if (n >= sizeof(word)) {
			fmt_snprintf(err, errlen, "option too long (%u characters); %s",
				     (unsigned int)n, cmdline_help);
			return -1;
		}
		for (size_t i = 0; i < n; i++)
			word[i] = line[i];
		word[n] = '\0';
		line += n;
		/*
		 * QEMU's -kernel puts the image path first, and a path with
		 * spaces is several words: skip the first word when it looks
		 * like a path, and the words after it up to the first option
		 * (a word with '=', or "list"), since no other word is one.
		 */
		if (first && looks_like_path(word)) {
			in_path = true;
			first = false;
			continue;
		}
		first = false;
		if (in_path && !has_equals(word) && !str_eq(word, "list"))
			continue;
		in_path = false;
		if (parse_word(word, o, err, errlen))
			return -1;
	}
	return 0;
}
