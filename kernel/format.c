// SPDX-License-Identifier: MIT
/* String formatting shared by the console and the host tests. */
#include "kernel/format.h"

struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void out_char(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

struct spec {
	bool left;
	bool zero;
	int width;
	int prec;	/* for %s: at most this many characters; -1 none */
	int lmod;	/* number of 'l's */
};

static void out_padded(struct out *o, const struct spec *sp, const char *s,
		       int n, const char *prefix)
{
	int plen = 0, pad, i;

	while (prefix && prefix[plen])
		plen++;
	pad = sp->width - n - plen;
	if (!sp->left && !sp->zero)
		for (i = 0; i < pad; i++)
			out_char(o, ' ');
	for (i = 0; i < plen; i++)
		out_char(o, prefix[i]);
	if (!sp->left && sp->zero)
		for (i = 0; i < pad; i++)
			out_char(o, '0');
	for (i = 0; i < n; i++)
		out_char(o, s[i]);
	if (sp->left)
		for (i = 0; i < pad; i++)
			out_char(o, ' ');
}

static void out_number(struct out *o, const struct spec *sp, u64 v,
		       unsigned int base, bool upper, bool negative,
		       const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;
	char rev[24];
	int i;

	do {
		rev[n++] = digits[v % base];
		v /= base;
	} while (v);
	for (i = 0; i < n; i++)
		tmp[i] = rev[n - 1 - i];
	out_padded(o, sp, tmp, n, negative ? "-" : prefix);
}

static u64 fetch_unsigned(const struct spec *sp, va_list *ap)
{
	if (sp->lmod >= 2)
		return va_arg(*ap, unsigned long long);
	if (sp->lmod == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static s64 fetch_signed(const struct spec *sp, va_list *ap)
{
	if (sp->lmod >= 2)
		return va_arg(*ap, long long);
	if (sp->lmod == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	sp->left = false;
	sp->zero = false;
	sp->width = 0;
	sp->prec = -1;
	sp->lmod = 0;
	for (;; f++) {
		if (*f == '-')
			sp->left = true;
		else if (*f == '0')
			sp->zero = true;
		else
			break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->left = true;
			sp->width = -sp->width;
		}
		f++;
	}
	while (*f >= '0' && *f <= '9')
		sp->width = sp->width * 10 + (*f++ - '0');
	if (*f == '.') {
		f++;
		sp->prec = 0;
		if (*f == '*') {
			sp->prec = va_arg(*ap, int);
			f++;
		}
		while (*f >= '0' && *f <= '9')
			sp->prec = sp->prec * 10 + (*f++ - '0');
	}
	while (*f == 'l') {
		sp->lmod++;
		f++;
	}
	if (sp->left)
		sp->zero = false;
	return f;
}

static void convert(struct out *o, struct spec *sp, char conv, va_list *ap)
{
	const char *s;
	s64 sv;
	int n;
	char c;

	switch (conv) {
	case 'd':
	case 'i':
		sv = fetch_signed(sp, ap);
		out_number(o, sp, sv < 0 ? (u64)0 - (u64)sv : (u64)sv, 10,
			   false, sv < 0, NULL);
		break;
	case 'u':
		out_number(o, sp, fetch_unsigned(sp, ap), 10, false, false, NULL);
		break;
	case 'x':
	case 'X':
		out_number(o, sp, fetch_unsigned(sp, ap), 16, conv == 'X',
			   false, NULL);
		break;
	case 'p':
		out_number(o, sp, (u64)(uintptr_t)va_arg(*ap, void *), 16,
			   false, false, "0x");
		break;
	case 's':
		s = va_arg(*ap, const char *);
		if (!s)
			s = "(null)";
		for (n = 0; (sp->prec < 0 || n < sp->prec) && s[n]; n++)
			;
		sp->zero = false;
		out_padded(o, sp, s, n, NULL);
		break;
	case 'c':
		c = (char)va_arg(*ap, int);
		sp->zero = false;
		out_padded(o, sp, &c, 1, NULL);
		break;
	case '%':
		out_char(o, '%');
		break;
	default:
		/* Print unknown conversions literally: visible, never fatal. */
		out_char(o, '%');
		if (conv)
			out_char(o, conv);
		break;
	}
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { .buf = buf, .size = size, .len = 0 };
	struct spec sp;
	va_list aq;

	va_copy(aq, ap);
	while (*fmt) {
		if (*fmt != '%') {
			out_char(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &aq);
		convert(&o, &sp, *fmt, &aq);
		if (*fmt)
			fmt++;
	}
	va_end(aq);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
