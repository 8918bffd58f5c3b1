// SPDX-License-Identifier: MIT
/*
 * kernel/crc32.c and kernel/log_seal.c: the checksums the serial log
 * carries (docs/log-format.md, "Integrity"), computed here from the same
 * text the way a reader would, independently of the streaming code.
 */
#include <stdio.h>
#include <string.h>

#include "tests/host/host_test.h"
#include "kernel/crc32.h"
#include "kernel/log_seal.h"

static char out[8192];
static size_t nout;

static void collect(char c)
{
	if (nout + 1 < sizeof(out))
		out[nout++] = c;
	out[nout] = '\0';
}

/* Prints s through the sealer into out, from a fresh run. */
static const char *seal(const char *s)
{
	nout = 0;
	out[0] = '\0';
	while (*s)
		log_seal_putc(*s++, collect);
	return out;
}

/* The line of out that starts (after spaces) with prefix, without '\n'. */
static const char *line(const char *prefix, char *buf, size_t len)
{
	const char *p = out;

	while (*p) {
		const char *t = p + strspn(p, " ");
		const char *end = strchr(p, '\n');
		size_t n = end ? (size_t)(end - t) : strlen(t);

		if (!strncmp(t, prefix, strlen(prefix))) {
			assert_true(n < len);
			memcpy(buf, t, n);
			buf[n] = '\0';
			return buf;
		}
		p = end ? end + 1 : t + n;
	}
	fail_msg("no line starting '%s' in:\n%s", prefix, out);
	return NULL;
}

static u32 crc_str(const char *s, size_t n)
{
	return crc32(s, n);
}

/* " crc=XXXXXXXX" at the end of l holds the CRC-32 of what precedes it. */
static void assert_sealed(const char *l)
{
	const char *c = strstr(l, " crc=");
	unsigned int want;

	assert_non_null(c);
	assert_int_equal(strlen(c), 13);
	assert_int_equal(sscanf(c, " crc=%8x", &want), 1);
	assert_int_equal(crc_str(l, (size_t)(c - l)), want);
}

static void test_crc32_check_value(void **state)
{
	(void)state;
	/* the standard check value of this CRC (zlib, gzip, Ethernet) */
	assert_int_equal(crc32("123456789", 9), 0xCBF43926u);
	assert_int_equal(crc32("", 0), 0);
	assert_int_not_equal(crc32("123456788", 9), 0xCBF43926u);
}

static void test_crc32_incremental(void **state)
{
	u32 s = CRC32_INIT;
	const char *t = "# result: name=a class=control probes=1";
	size_t i;

	(void)state;
	for (i = 0; t[i]; i++)
		s = crc32_step(s, (u8)t[i]);
	assert_int_equal(crc32_final(s), crc32(t, strlen(t)));
	assert_int_equal(crc32_final(crc32_bytes(crc32_bytes(CRC32_INIT, t, 5),
						  t + 5, strlen(t) - 5)),
			 crc32(t, strlen(t)));
}

static const char sample[] =
	"KTAP version 1\n"
	"# env: accel=tcg\n"
	"1..1\n"
	"  KTAP version 1\n"
	"  # Subtest: control\n"
	"  1..1\n"
	"  # start: control.a\n"
	"  # result: name=control.a class=control probes=1 coherent=1\n"
	"  ok 1 control.a\n"
	"ok 1 control\n"
	"# table: control.a control pass 1\n"
	"# totals: pass=1 fail=0 skip=0 observation=0\n"
	"# TLBPROBE-DONE verdict=pass\n";

static void test_result_line_sealed(void **state)
{
	char buf[512];

	(void)state;
	seal(sample);
	assert_sealed(line("# result:", buf, sizeof(buf)));
	/* the indentation stays, outside the checksum */
	assert_non_null(strstr(out, "\n  # result: name=control.a "));
}

static void test_other_lines_unchanged(void **state)
{
	(void)state;
	seal(sample);
	assert_non_null(strstr(out, "\n  ok 1 control.a\n"));
	assert_non_null(strstr(out, "\n# table: control.a control pass 1\n"));
	assert_non_null(strstr(out, "\n# totals: pass=1 fail=0 skip=0 observation=0\n"));
}

/* "# env:" chooses the checker's rules: sealed like a result line. */
static void test_env_line_sealed(void **state)
{
	char buf[512];

	(void)state;
	seal(sample);
	assert_sealed(line("# env:", buf, sizeof(buf)));
	assert_non_null(strstr(out, "\n# env: accel=tcg crc="));
	assert_non_null(strstr(line("# TLBPROBE-DONE", buf, sizeof(buf)),
			       " seal=2 digest_lines="));
}

/* The digest, computed the way docs/log-format.md tells a reader to. */
static void test_done_marker_digest(void **state)
{
	static const char *const digested[] = {
		NULL /* the sealed env line */, "1..1", "# Subtest: control", "1..1",
		NULL /* the sealed result line */, "ok 1 control.a",
		"ok 1 control", "# totals: pass=1 fail=0 skip=0 observation=0",
	};
	char result[512], env[512], done[512], want[64];
	u32 d = CRC32_INIT;
	size_t i;

	(void)state;
	seal(sample);
	line("# result:", result, sizeof(result));
	line("# env:", env, sizeof(env));
	for (i = 0; i < ARRAY_SIZE(digested); i++) {
		const char *l = digested[i] ? digested[i] : i ? result : env;

		d = crc32_bytes(d, l, strlen(l));
		d = crc32_step(d, '\n');
	}
	line("# TLBPROBE-DONE", done, sizeof(done));
	snprintf(want, sizeof(want), " digest_lines=%zu digest=%08x crc=",
		 ARRAY_SIZE(digested), crc32_final(d));
	assert_non_null(strstr(done, want));
	assert_sealed(done);
}

/* A new top-level header starts a new digest: a reboot's second run. */
static void test_new_run_resets_digest(void **state)
{
	char first[512];

	(void)state;
	seal(sample);
	line("# TLBPROBE-DONE", first, sizeof(first));
	seal("KTAP version 1\n1..1\nnot ok 1 x\n# TLBPROBE-DONE verdict=fail\n");
	assert_non_null(strstr(out, "digest_lines=2 "));
	seal(sample);
	assert_non_null(strstr(out, first));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc32_check_value),
		cmocka_unit_test(test_crc32_incremental),
		cmocka_unit_test(test_result_line_sealed),
		cmocka_unit_test(test_other_lines_unchanged),
		cmocka_unit_test(test_env_line_sealed),
		cmocka_unit_test(test_done_marker_digest),
		cmocka_unit_test(test_new_run_resets_digest),
	};

	return cmocka_run_group_tests_name("log_seal", tests, NULL, NULL);
}
