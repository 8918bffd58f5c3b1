// SPDX-License-Identifier: MIT
/*
 * Cleaning a raw serial capture.  OVMF and GRUB paint the screen with CSI
 * sequences, serial consoles mix "\r\n" with bare "\r", firmware that mirrors
 * its console prints every line twice, and a capture cut by a reboot or a
 * timeout ends mid-line.  None of that may hide a KTAP line, so this works
 * byte by byte and keeps the physical line number for messages: lines are
 * counted by '\n' as grep -n, less and editors count them, so a bare '\r'
 * (a progress line overwritten in place) splits a line without shifting
 * the numbers after it.
 */
#include "logtext.h"

#include <stdlib.h>

#define ESC 0x1b
#define BEL 0x07

/* A string terminator: BEL, or ESC '\'. Returns the index of its last byte. */
static size_t skip_string(const char *d, size_t len, size_t i)
{
	for (; i < len; i++) {
		if (d[i] == BEL || d[i] == '\n')
			return d[i] == '\n' ? i - 1 : i;
		if (d[i] == ESC && i + 1 < len && d[i + 1] == '\\')
			return i + 1;
	}
	return len - 1;
}

/*
 * d[i] is ESC. Returns the index of the last byte of the sequence, so that
 * a sequence cut short never swallows the line end that follows it.
 */
static size_t skip_escape(const char *d, size_t len, size_t i)
{
	unsigned char c;
	size_t j;

	if (i + 1 >= len)
		return i;
	c = (unsigned char)d[i + 1];
	if (c == '[') {
		j = i + 2;
		while (j < len && d[j] >= 0x30 && d[j] <= 0x3f)
			j++;
		while (j < len && d[j] >= 0x20 && d[j] <= 0x2f)
			j++;
		if (j < len && d[j] >= 0x40 && d[j] <= 0x7e)
			return j;
		return j - 1;
	}
	if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_')
		return skip_string(d, len, i + 2);
	if (c >= 0x20 && c <= 0x2f) {
		j = i + 1;
		while (j < len && d[j] >= 0x20 && d[j] <= 0x2f)
			j++;
		if (j < len && d[j] >= 0x30 && d[j] <= 0x7e)
			return j;
		return j - 1;
	}
	if (c >= 0x30 && c <= 0x7e)
		return i + 1;
	return i;
}

/* Length of the valid UTF-8 sequence at s, or 0 (overlongs, surrogates). */
static size_t utf8_seq_len(const unsigned char *s, size_t avail)
{
	unsigned int cp;
	size_t n, k;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n > avail)
		return 0;
	for (k = 1; k < n; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[k] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

/* JSON and HTML want UTF-8; firmware garbage becomes '?'. */
static void utf8_sanitize(char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t n = utf8_seq_len((unsigned char *)s + i, len - i);

		if (!n) {
			s[i++] = '?';
			continue;
		}
		i += n;
	}
}

/* The line before the one just kept goes on; the new one waits. */
static void keep_line(struct log_cleaner *c)
{
	struct log_line ln;

	if (c->have_prev) {
		ln.lineno = c->prev_lineno;
		ln.text = c->prev;
		c->fn(c->ctx, &ln, false);
	}
	if (c->len + 1 > c->prev_cap) {
		c->prev_cap = c->len + 1;
		c->prev = xrealloc(c->prev, c->prev_cap);
	}
	memcpy(c->prev, c->buf, c->len + 1);
	c->prev_len = c->len;
	c->prev_lineno = c->lineno;
	c->have_prev = true;
}

static void end_line(struct log_cleaner *c)
{
	while (c->len && (c->buf[c->len - 1] == ' ' || c->buf[c->len - 1] == '\t'))
		c->len--;
	if (!c->len)
		return;
	utf8_sanitize(c->buf, c->len);
	c->buf[c->len] = '\0';
	if (c->have_prev && c->prev_len == c->len &&
	    memcmp(c->prev, c->buf, c->len) == 0)
		c->out->dups_dropped++;
	else
		keep_line(c);
	c->len = 0;
}

static void add_byte(struct log_cleaner *c, char ch)
{
	if (c->len + 1 >= c->cap) {
		c->cap = c->cap ? 2 * c->cap : 256;
		c->buf = xrealloc(c->buf, c->cap);
	}
	c->buf[c->len++] = ch;
}

void log_clean_begin(struct log_cleaner *c, struct log_text *out,
		     log_line_fn *fn, void *ctx)
{
	memset(c, 0, sizeof(*c));
	memset(out, 0, sizeof(*out));
	c->out = out;
	c->fn = fn;
	c->ctx = ctx;
	c->lineno = 1;
}

void log_clean_feed(struct log_cleaner *c, const char *data, size_t len,
		    bool cr_lines)
{
	struct log_text *out = c->out;
	size_t i;

	c->cr_lines = cr_lines;
	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)data[i];

		if (ch == '\n') {
			end_line(c);
			c->lineno++;
		} else if (ch == '\r') {
			/* "\r\n" ends the line at the '\n'; a bare '\r' ends it here */
			if (i + 1 >= len || data[i + 1] != '\n') {
				end_line(c);
				c->lineno += cr_lines;
			}
		} else if (ch == ESC) {
			i = skip_escape(data, len, i);
			out->escapes++;
		} else if (ch == '\0') {
			out->nul_bytes++;
		} else if (ch >= 0x20 && ch != 0x7f) {
			add_byte(c, (char)ch);
		} else if (ch == '\t') {
			add_byte(c, ' ');
		}
	}
	if (len) {
		c->total += len;
		c->last_byte = data[len - 1];
	}
}

void log_clean_end(struct log_cleaner *c)
{
	struct log_text *out = c->out;
	struct log_line ln;

	out->truncated = c->len > 0;
	end_line(c);
	out->physical_lines = c->total && c->last_byte != '\n' &&
			      !(c->cr_lines && c->last_byte == '\r') ?
			      c->lineno : c->lineno - 1;
	if (c->have_prev) {
		ln.lineno = c->prev_lineno;
		ln.text = c->prev;
		c->fn(c->ctx, &ln, true);
	}
	free(c->buf);
	free(c->prev);
	c->buf = c->prev = NULL;
	c->have_prev = false;
}
