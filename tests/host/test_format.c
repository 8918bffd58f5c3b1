// SPDX-License-Identifier: MIT
/* kernel/format.c: fmt_snprintf and fmt_vsnprintf against C's snprintf. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "tests/host/host_test.h"
#include "kernel/format.h"

static char buf[256];

/* Formats and checks both the text and the returned length. */
#define CHECK(expect, ...) \
	do { \
		int n_ = fmt_snprintf(buf, sizeof(buf), __VA_ARGS__); \
		assert_string_equal(buf, expect); \
		assert_int_equal(n_, strlen(expect)); \
	} while (0)

/*
 * Without the format attribute: for the forms gcc's -Wformat (rightly)
 * complains about, which the kernel's printf still has to survive.
 */
static int fmt_unchecked(char *b, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(b, size, fmt, ap);
	va_end(ap);
	return n;
}

static void test_plain_and_percent(void **state)
{
	(void)state;
	assert_int_equal(fmt_unchecked(buf, sizeof(buf), ""), 0);
	assert_string_equal(buf, "");
	CHECK("hello", "hello");
	CHECK("100%", "100%%");
	CHECK("%%", "%%%%");
}

static void test_string(void **state)
{
	(void)state;
	CHECK("[hello]", "[%s]", "hello");
	CHECK("[]", "[%s]", "");
	CHECK("a=b", "%s=%s", "a", "b");
	assert_int_equal(fmt_unchecked(buf, sizeof(buf), "%s", NULL), 6);
	assert_string_equal(buf, "(null)");
}

static void test_string_width(void **state)
{
	(void)state;
	CHECK("   ab|cd   |", "%5s|%-5s|", "ab", "cd");
	CHECK("toolong", "%3s", "toolong");
	/* '0' pads numbers only. */
	assert_int_equal(fmt_unchecked(buf, sizeof(buf), "%05s", "ab"), 5);
	assert_string_equal(buf, "   ab");
}

static void test_string_precision(void **state)
{
	(void)state;
	CHECK("abc", "%.3s", "abcdef");
	CHECK("xy", "%.*s", 2, "xyz");
	CHECK("", "%.0s", "xyz");
	CHECK("ab", "%.10s", "ab");
	CHECK("     abc", "%8.3s", "abcdef");
	CHECK("abc  |", "%-5.3s|", "abcdef");
	/* A negative precision counts as none, as in C. */
	CHECK("abcdef", "%.*s", -1, "abcdef");
}

/*
 * C11 7.21.6.1p8: with a precision the array need not be NUL-terminated.
 * format.c reads s[n] before testing n < prec, one byte past the array.
 */
static void test_string_precision_unterminated(void **state)
{
	static const char abc[3] = { 'a', 'b', 'c' };

	(void)state;
	CHECK("abc", "%.3s", abc);
}

static void test_char(void **state)
{
	(void)state;
	CHECK("xy", "%c%c", 'x', 'y');
	CHECK("  x", "%3c", 'x');
	CHECK("x  |", "%-3c|", 'x');
	assert_int_equal(fmt_unchecked(buf, sizeof(buf), "%03c", 'x'), 3);
	assert_string_equal(buf, "  x");
}

static void test_signed(void **state)
{
	(void)state;
	CHECK("0", "%d", 0);
	CHECK("-1", "%d", -1);
	CHECK("42", "%i", 42);
	CHECK("2147483647", "%d", INT_MAX);
	CHECK("-2147483648", "%d", INT_MIN);
	CHECK("-9223372036854775808", "%ld", LONG_MIN);
	CHECK("-9223372036854775808", "%lld", LLONG_MIN);
	CHECK("9223372036854775807", "%lli", LLONG_MAX);
}

static void test_unsigned(void **state)
{
	(void)state;
	CHECK("0", "%u", 0u);
	CHECK("4294967295", "%u", UINT_MAX);
	CHECK("18446744073709551615", "%lu", ULONG_MAX);
	CHECK("18446744073709551615", "%llu", ULLONG_MAX);
}

static void test_hex(void **state)
{
	(void)state;
	CHECK("0", "%x", 0u);
	CHECK("deadbeef", "%x", 0xdeadbeefu);
	CHECK("DEADBEEF", "%X", 0xdeadbeefu);
	CHECK("123456789abcdef", "%llx", 0x0123456789abcdefULL);
	CHECK("ffffffffffffffff", "%lx", ULONG_MAX);
	CHECK("0000beef", "%08x", 0xbeefu);
	CHECK("0xA5", "0x%X", 0xa5u);
}

/* Without 'l' only 32 bits are fetched: 'l' must select the 64-bit read. */
static void test_length_modifiers(void **state)
{
	(void)state;
	CHECK("ffffffff 1", "%x %d", 0xffffffffu, 1);
	CHECK("100000000 7", "%lx %d", 0x100000000UL, 7);
	CHECK("-5 -6 7", "%d %ld %lld", -5, -6L, 7LL);
}

static void test_pointer(void **state)
{
	(void)state;
	CHECK("0x1234", "%p", (void *)0x1234);
	CHECK("0xffff800000000000", "%p", (void *)0xffff800000000000ULL);
	CHECK("0x0", "%p", (void *)NULL);
	CHECK("    0x1234", "%10p", (void *)0x1234);
	CHECK("0x1234    |", "%-10p|", (void *)0x1234);
	fmt_unchecked(buf, sizeof(buf), "%010p", (void *)0x1234);
	assert_string_equal(buf, "0x00001234");
}

static void test_zero_pad_and_left(void **state)
{
	(void)state;
	CHECK("00042", "%05d", 42);
	CHECK("-0042", "%05d", -42);
	CHECK("  -42", "%5d", -42);
	CHECK("42   |", "%-5d|", 42);
	CHECK("-42  |", "%-5d|", -42);
	CHECK("12345", "%2d", 12345);
	/* '-' wins over '0'. */
	fmt_unchecked(buf, sizeof(buf), "%-05d|", 42);
	assert_string_equal(buf, "42   |");
}

static void test_star_width(void **state)
{
	(void)state;
	CHECK("    42", "%*d", 6, 42);
	CHECK("42    |", "%*d|", -6, 42);
	CHECK("0000beef", "%0*x", 8, 0xbeefu);
	CHECK("  ab|", "%*s|", 4, "ab");
	CHECK("[ab]7", "[%*s]%d", 0, "ab", 7);
}

static void test_mixed(void **state)
{
	(void)state;
	CHECK("pmd_collapse iter=3/16 val=0x5a10000000001000 ok",
	      "%s iter=%u/%d val=0x%016llx %c%c", "pmd_collapse", 3u, 16,
	      0x5a10000000001000ULL, 'o', 'k');
}

static void test_truncation(void **state)
{
	char small[16];
	int n;

	(void)state;
	memset(small, 'Z', sizeof(small));
	n = fmt_snprintf(small, 8, "%s", "abcdefghij");
	assert_int_equal(n, 10);
	assert_string_equal(small, "abcdefg");
	assert_int_equal(small[8], 'Z');

	memset(small, 'Z', sizeof(small));
	n = fmt_snprintf(small, 4, "%05d", 7);
	assert_int_equal(n, 5);
	assert_string_equal(small, "000");
	assert_int_equal(small[4], 'Z');

	/* Exactly fits: the terminator takes the last byte. */
	n = fmt_snprintf(small, 6, "%d", 12345);
	assert_int_equal(n, 5);
	assert_string_equal(small, "12345");
}

static void test_size_zero_and_one(void **state)
{
	char one[2] = { 'Z', 'Z' };

	(void)state;
	assert_int_equal(fmt_snprintf(NULL, 0, "%d-%s", 12345, "abc"), 9);
	assert_int_equal(fmt_snprintf(one, 0, "%d", 1), 1);
	assert_int_equal(one[0], 'Z');
	assert_int_equal(fmt_snprintf(one, 1, "%d", 1), 1);
	assert_int_equal(one[0], '\0');
	assert_int_equal(one[1], 'Z');
}

static void test_unknown_conversion(void **state)
{
	(void)state;
	assert_int_equal(fmt_unchecked(buf, sizeof(buf), "a%qb"), 4);
	assert_string_equal(buf, "a%qb");
	assert_int_equal(fmt_unchecked(buf, sizeof(buf), "abc%"), 4);
	assert_string_equal(buf, "abc%");
	/* An unknown conversion consumes no argument. */
	fmt_unchecked(buf, sizeof(buf), "%y%d", 5);
	assert_string_equal(buf, "%y5");
}

static int measure_then_format(char *b, size_t size, const char *fmt, ...)
{
	va_list ap;
	int need, got;

	va_start(ap, fmt);
	need = fmt_vsnprintf(NULL, 0, fmt, ap);
	got = fmt_vsnprintf(b, size, fmt, ap);
	va_end(ap);
	return need == got ? got : -1;
}

/* fmt_vsnprintf works on a copy: the caller's va_list can be used again. */
static void test_vsnprintf_reuses_va_list(void **state)
{
	(void)state;
	assert_int_equal(measure_then_format(buf, sizeof(buf), "%s:%d:%llx",
					     "x", -3, 0xabcULL), 8);
	assert_string_equal(buf, "x:-3:abc");
}

/* Integer conversions agree with the host C library over many values. */
static void test_matches_libc(void **state)
{
	static const char *const fmts[] = {
		"%d", "%5d", "%-7d|", "%012d", "%u", "%x", "%08X", "%-9x|",
	};
	static const int vals[] = {
		0, 1, -1, 9, 10, 255, -256, 65535, 123456789, INT_MAX, INT_MIN,
	};
	char want[64];
	size_t f, v;
	int n;

	(void)state;
	for (f = 0; f < ARRAY_SIZE(fmts); f++)
		for (v = 0; v < ARRAY_SIZE(vals); v++) {
			snprintf(want, sizeof(want), fmts[f], vals[v]);
			n = fmt_unchecked(buf, sizeof(buf), fmts[f], vals[v]);
			assert_string_equal(buf, want);
			assert_int_equal(n, strlen(want));
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_and_percent),
		cmocka_unit_test(test_string),
		cmocka_unit_test(test_string_width),
		cmocka_unit_test(test_string_precision),
		cmocka_unit_test(test_string_precision_unterminated),
		cmocka_unit_test(test_char),
		cmocka_unit_test(test_signed),
		cmocka_unit_test(test_unsigned),
		cmocka_unit_test(test_hex),
		cmocka_unit_test(test_length_modifiers),
		cmocka_unit_test(test_pointer),
		cmocka_unit_test(test_zero_pad_and_left),
		cmocka_unit_test(test_star_width),
		cmocka_unit_test(test_mixed),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_size_zero_and_one),
		cmocka_unit_test(test_unknown_conversion),
		cmocka_unit_test(test_vsnprintf_reuses_va_list),
		cmocka_unit_test(test_matches_libc),
	};

	return cmocka_run_group_tests_name("format", tests, NULL, NULL);
}
