// SPDX-License-Identifier: MIT
/*
 * The integrity fields of the log (kernel/log_seal.h), computed while the
 * characters stream out: no line buffer, so a line of any length is sealed
 * and nothing printed waits for its line end.
 */
#include "kernel/log_seal.h"
#include "kernel/crc32.h"
#include "kernel/format.h"
#include "kernel/strutil.h"

#define HEAD_MAX 16

enum line_kind {
	LINE_OTHER,
	LINE_DIGESTED,		/* in the done marker's digest */
	LINE_RESULT,		/* "# result:", "# hist:", "# env:": sealed, digested */
	LINE_DONE,		/* the done marker: sealed, carries the digest */
	LINE_HEADER,		/* top-level "KTAP version 1": a new run */
};

static struct {
	bool in_text;		/* past the line's indentation */
	size_t indent;
	size_t len;		/* characters after the indentation */
	char head[HEAD_MAX + 1];
	u32 line;		/* CRC state of this line */
	u32 digest_with;	/* the run's digest state with this line */
	u32 digest;		/* the run's digest state before this line */
	u32 digest_lines;
	bool started;
} ls;

static void line_reset(void)
{
	ls.in_text = false;
	ls.indent = 0;
	ls.len = 0;
	ls.head[0] = '\0';
	ls.line = CRC32_INIT;
	ls.digest_with = ls.digest;
}

static void run_reset(void)
{
	ls.digest = CRC32_INIT;
	ls.digest_lines = 0;
	line_reset();
}

static enum line_kind classify(void)
{
	static const char *const digested[] = {
		"ok ", "not ok ", "1..", "# Subtest:", "# totals:",
	};
	size_t i;

	/*
	 * "# env:" chooses the checker's profile (accel=) and its vendor
	 * rules (vendor=): a flipped byte there must not pick other rules.
	 */
	if (str_starts_with(ls.head, "# result:") ||
	    str_starts_with(ls.head, "# hist:") ||
	    str_starts_with(ls.head, "# env:"))
		return LINE_RESULT;
	if (str_starts_with(ls.head, "# TLBPROBE-DONE"))
		return LINE_DONE;
	if (!ls.indent && ls.len == 14 && str_eq(ls.head, "KTAP version 1"))
		return LINE_HEADER;
	for (i = 0; i < ARRAY_SIZE(digested); i++)
		if (str_starts_with(ls.head, digested[i]))
			return LINE_DIGESTED;
	return LINE_OTHER;
}

static void feed(char c, void (*emit)(char))
{
	ls.line = crc32_step(ls.line, (u8)c);
	ls.digest_with = crc32_step(ls.digest_with, (u8)c);
	if (ls.len < HEAD_MAX) {
		ls.head[ls.len] = c;
		ls.head[ls.len + 1] = '\0';
	}
	ls.len++;
	emit(c);
}

static void feed_str(const char *s, void (*emit)(char))
{
	while (*s)
		feed(*s++, emit);
}

static void end_line(void (*emit)(char))
{
	enum line_kind kind = classify();
	char field[48];

	if (kind == LINE_DONE) {
		/* seal=2: the "# env:" lines are sealed and digested too. */
		fmt_snprintf(field, sizeof(field),
			     " seal=2 digest_lines=%u digest=%08x",
			     ls.digest_lines, crc32_final(ls.digest));
		feed_str(field, emit);
	}
	if (kind == LINE_RESULT || kind == LINE_DONE) {
		fmt_snprintf(field, sizeof(field), " crc=%08x",
			     crc32_final(ls.line));
		feed_str(field, emit);
	}
	if (kind == LINE_DIGESTED || kind == LINE_RESULT) {
		ls.digest = crc32_step(ls.digest_with, '\n');
		ls.digest_lines++;
	}
	if (kind == LINE_HEADER)
		run_reset();
	line_reset();
}

void log_seal_putc(char c, void (*emit)(char))
{
	if (!ls.started) {
		ls.started = true;
		run_reset();
	}
	if (c == '\n') {
		end_line(emit);
		emit(c);
		return;
	}
	if (!ls.in_text && c == ' ') {
		ls.indent++;
		emit(c);
		return;
	}
	ls.in_text = true;
	feed(c, emit);
}
