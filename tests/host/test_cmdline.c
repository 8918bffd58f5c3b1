// SPDX-License-Identifier: MIT
/* kernel/cmdline.c: every option, the skipped path, and bad input. */
#include <string.h>

#include "tests/host/host_test.h"
#include "kernel/cmdline.h"

static struct options o;
static char err[1024];

static int parse(const char *line)
{
	options_default(&o);
	memset(err, 'Z', sizeof(err));
	return cmdline_parse(line, &o, err, sizeof(err));
}

/* The line is refused and the message names the problem and the options. */
#define expect_error(line, what) \
	do { \
		assert_int_equal(parse(line), -1); \
		assert_contains(err, what); \
		assert_contains(err, cmdline_help); \
	} while (0)

static void test_defaults(void **state)
{
	(void)state;
	options_default(&o);
	assert_string_equal(o.tests, "*");
	assert_int_equal(o.iters, OPT_ITERS_DEFAULT);
	assert_int_equal(o.iters, 16);
	assert_int_equal(o.seed, OPT_SEED_DEFAULT);
	assert_false(o.list);
	assert_false(o.verbose);
	assert_int_equal(o.console_io, 0x3F8);
	assert_int_equal(o.console_mmio, 0);
	assert_int_equal(o.console_baud, 115200);
	assert_int_equal(o.on_done, ON_DONE_DEFAULT);
}

static void test_empty_line_keeps_defaults(void **state)
{
	struct options def;

	(void)state;
	options_default(&def);
	assert_int_equal(parse(""), 0);
	assert_memory_equal(&o, &def, sizeof(def));
	assert_string_equal(err, "");
	assert_int_equal(parse(" \t  \t"), 0);
	assert_memory_equal(&o, &def, sizeof(def));
}

static void test_all_options(void **state)
{
	(void)state;
	assert_int_equal(parse("tests=pmd_*,pud_? iters=100 seed=0xDEADBEEF "
			       "list verbose=1 console=ttyS2,57600 on_done=reboot"),
			 0);
	assert_string_equal(err, "");
	assert_string_equal(o.tests, "pmd_*,pud_?");
	assert_int_equal(o.iters, 100);
	assert_int_equal(o.seed, 0xDEADBEEFULL);
	assert_true(o.list);
	assert_true(o.verbose);
	assert_int_equal(o.console_io, 0x3E8);
	assert_int_equal(o.console_mmio, 0);
	assert_int_equal(o.console_baud, 57600);
	assert_int_equal(o.on_done, ON_DONE_REBOOT);
}

static void test_separators_and_override(void **state)
{
	(void)state;
	assert_int_equal(parse("\t iters=7 \t seed=9  iters=8\t"), 0);
	assert_int_equal(o.iters, 8);
	assert_int_equal(o.seed, 9);
}

static void test_iters_bounds(void **state)
{
	(void)state;
	assert_int_equal(parse("iters=1"), 0);
	assert_int_equal(o.iters, 1);
	assert_int_equal(parse("iters=1000000"), 0);
	assert_int_equal(o.iters, OPT_ITERS_MAX);
	assert_int_equal(parse("iters=0x10"), 0);
	assert_int_equal(o.iters, 16);
}

static void test_iters_bad(void **state)
{
	(void)state;
	expect_error("iters=0", "iters must be 1..1000000, not '0'");
	expect_error("iters=abc", "'abc'");
	expect_error("iters=1000001", "'1000001'");
	expect_error("iters=-1", "'-1'");
	expect_error("iters=12x", "'12x'");
	expect_error("iters=", "iters must be");
	expect_error("iters=99999999999999999999999", "iters must be");
	assert_int_equal(o.iters, OPT_ITERS_DEFAULT);
}

static void test_seed(void **state)
{
	(void)state;
	assert_int_equal(parse("seed=0"), 0);
	assert_int_equal(o.seed, 0);
	assert_int_equal(parse("seed=18446744073709551615"), 0);
	assert_int_equal(o.seed, UINT64_MAX);
	assert_int_equal(parse("seed=0xffffffffffffffff"), 0);
	assert_int_equal(o.seed, UINT64_MAX);
	assert_int_equal(parse("seed=0XaBc"), 0);
	assert_int_equal(o.seed, 0xabc);
}

static void test_seed_bad(void **state)
{
	(void)state;
	expect_error("seed=18446744073709551616",
		     "seed must be a number, not '18446744073709551616'");
	expect_error("seed=0x10000000000000000", "seed must be a number");
	expect_error("seed=", "seed must be a number, not ''");
	expect_error("seed=0x", "seed must be a number, not '0x'");
	expect_error("seed=0xg", "'0xg'");
	expect_error("seed=1f", "'1f'");
}

static void test_tests_option(void **state)
{
	char line[300], want[256];

	(void)state;
	assert_int_equal(parse("tests=pmd_collapse"), 0);
	assert_string_equal(o.tests, "pmd_collapse");
	expect_error("tests=", "tests= needs a pattern");
	/* The longest pattern that fits, then one character more. */
	memset(want, 'a', sizeof(want) - 1);
	want[sizeof(want) - 1] = '\0';
	strcpy(line, "tests=");
	strcat(line, want);
	assert_int_equal(parse(line), 0);
	assert_string_equal(o.tests, want);
	strcat(line, "b");
	assert_int_equal(parse(line), -1);
	assert_contains(err, "tests=");
	assert_contains(err, cmdline_help);
}

static void test_list_and_verbose(void **state)
{
	(void)state;
	assert_int_equal(parse("list"), 0);
	assert_true(o.list);
	assert_int_equal(parse("verbose=1 verbose=0"), 0);
	assert_false(o.verbose);
	expect_error("verbose=2", "verbose must be 0 or 1, not '2'");
	expect_error("verbose=yes", "'yes'");
	expect_error("verbose=", "verbose must be 0 or 1");
	expect_error("list=1", "unknown option 'list'");
}

static void test_console_ports(void **state)
{
	static const u16 ports[4] = { 0x3F8, 0x2F8, 0x3E8, 0x2E8 };
	char line[32];
	int i;

	(void)state;
	for (i = 0; i < 4; i++) {
		strcpy(line, "console=ttyS0");
		line[12] = (char)('0' + i);
		assert_int_equal(parse(line), 0);
		assert_int_equal(o.console_io, ports[i]);
		assert_int_equal(o.console_mmio, 0);
		assert_int_equal(o.console_baud, 115200);
	}
	assert_int_equal(parse("console=ttyS1,9600"), 0);
	assert_int_equal(o.console_io, 0x2F8);
	assert_int_equal(o.console_baud, 9600);
	assert_int_equal(parse("console=ttyS0,115200"), 0);
	assert_int_equal(o.console_baud, 115200);
}

static void test_console_mmio(void **state)
{
	(void)state;
	assert_int_equal(parse("console=mmio,0xFE001000"), 0);
	assert_int_equal(o.console_io, 0);
	assert_int_equal(o.console_mmio, 0xFE001000ULL);
	assert_int_equal(o.console_baud, 115200);
	assert_int_equal(parse("console=mmio,0xfe001000,38400"), 0);
	assert_int_equal(o.console_mmio, 0xFE001000ULL);
	assert_int_equal(o.console_baud, 38400);
	/* A later ttyS switches back from MMIO. */
	assert_int_equal(parse("console=mmio,0x1000 console=ttyS3"), 0);
	assert_int_equal(o.console_io, 0x2E8);
	assert_int_equal(o.console_mmio, 0);
}

static void test_console_bad(void **state)
{
	static const char *const bad[] = {
		"console=", "console=ttyS4", "console=ttyS", "console=tty",
		"console=ttyS0x", "console=ttyS1,", "console=ttyS1,9601",
		"console=ttyS1,0", "console=ttyS1,230400", "console=ttyS1,fast",
		"console=mmio", "console=mmio,", "console=mmio,0",
		"console=mmio,0x1001", "console=mmio,xyz",
		"console=mmio0x1000", "console=com1",
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		assert_int_equal(parse(bad[i]), -1);
		assert_contains(err, "bad console '");
		assert_contains(err, bad[i] + strlen("console="));
		assert_contains(err, cmdline_help);
	}
}

/* A 256..265-character tests= value is blamed on an empty pattern. */
static void test_tests_too_long_named(void **state)
{
	char line[300];

	(void)state;
	strcpy(line, "tests=");
	memset(line + 6, 'a', 260);
	line[266] = '\0';
	expect_error(line, "too long");
	assert_string_equal(o.tests, "*");
}

/* parse_console() cuts ",BAUD" off in place before the message is made. */
static void test_console_bad_baud_named_in_full(void **state)
{
	(void)state;
	expect_error("console=mmio,0x1000,7", "bad console 'mmio,0x1000,7'");
}

static void test_on_done(void **state)
{
	(void)state;
	assert_int_equal(parse("on_done=halt"), 0);
	assert_int_equal(o.on_done, ON_DONE_HALT);
	assert_int_equal(parse("on_done=reboot"), 0);
	assert_int_equal(o.on_done, ON_DONE_REBOOT);
	assert_int_equal(parse("on_done=exit"), 0);
	assert_int_equal(o.on_done, ON_DONE_EXIT);
	expect_error("on_done=bogus",
		     "on_done must be halt, reboot or exit, not 'bogus'");
	expect_error("on_done=", "on_done must be");
	expect_error("on_done=halted", "'halted'");
	assert_string_equal(on_done_name(ON_DONE_HALT), "halt");
	assert_string_equal(on_done_name(ON_DONE_REBOOT), "reboot");
	assert_string_equal(on_done_name(ON_DONE_EXIT), "exit");
	assert_string_equal(on_done_name(ON_DONE_DEFAULT), "default");
}

static void test_unknown_option(void **state)
{
	(void)state;
	expect_error("frobnicate=1", "unknown option 'frobnicate'");
	expect_error("iters=3 nosuch", "unknown option 'nosuch'");
	expect_error("Iters=3", "unknown option 'Iters'");
	expect_error("=5", "unknown option ''");
	assert_contains(cmdline_help, "valid options");
}

static void test_path_first_word_skipped(void **state)
{
	(void)state;
	assert_int_equal(parse("/boot/tlbprobe.elf iters=5"), 0);
	assert_int_equal(o.iters, 5);
	assert_int_equal(parse("  boot/k.elf list"), 0);
	assert_true(o.list);
	assert_int_equal(parse("/boot/tlbprobe.elf"), 0);
	/* Only the first word, and only if it is no option. */
	expect_error("iters=5 /boot/x", "unknown option '/boot/x'");
	expect_error("tlbprobe.elf", "unknown option 'tlbprobe.elf'");
	assert_int_equal(parse("tests=pmd/x iters=2"), 0);
	assert_string_equal(o.tests, "pmd/x");
	assert_int_equal(o.iters, 2);
}

/* QEMU's "PATH CMDLINE" with a path of several words (spaces in it). */
static void test_path_with_spaces_skipped(void **state)
{
	(void)state;
	assert_int_equal(parse("/tmp/a b/c d/tlbprobe.elf iters=7"), 0);
	assert_int_equal(o.iters, 7);
	assert_int_equal(parse("/tmp/a b/x.elf list"), 0);
	assert_true(o.list);
	assert_int_equal(parse("/tmp/my dir/a b.elf"), 0);
	/* Only the words before the first option belong to the path. */
	expect_error("/tmp/a b/x.elf iters=2 junk", "unknown option 'junk'");
	expect_error("iters=2 a b", "unknown option 'a'");
}

static void test_overlong_word(void **state)
{
	char line[400];

	(void)state;
	strcpy(line, "iters=");
	memset(line + 6, '1', 294);
	line[300] = '\0';
	expect_error(line, "option too long (300 characters)");
}

static void test_error_truncated_to_errlen(void **state)
{
	char small[17];

	(void)state;
	memset(small, 'Z', sizeof(small));
	options_default(&o);
	assert_int_equal(cmdline_parse("iters=0", &o, small, 16), -1);
	assert_int_equal(strlen(small), 15);
	assert_memory_equal(small, "iters must be 1.", 15);
	assert_int_equal(small[16], 'Z');
}

static void test_help_lists_every_option(void **state)
{
	static const char *const opts[] = {
		"tests=", "iters=", "seed=", "list", "verbose=", "console=",
		"ttyS0", "mmio", "on_done=", "halt", "reboot", "exit",
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(opts); i++)
		assert_contains(cmdline_help, opts[i]);
}

/* iters=auto with target= and budget= (docs/log-format.md, "iters=auto"). */
static void test_iters_auto(void **state)
{
	(void)state;
	options_default(&o);
	assert_false(o.iters_auto);
	assert_false(o.iters_set);
	assert_int_equal(o.target_ppb, 10000000);
	assert_int_equal(o.budget_s, 60);
	assert_int_equal(parse("iters=auto"), 0);
	assert_true(o.iters_auto);
	assert_true(o.iters_set);
	assert_int_equal(o.iters, 1000000);
	assert_int_equal(parse("iters=8"), 0);
	assert_false(o.iters_auto);
	assert_true(o.iters_set);
	assert_int_equal(parse("iters=auto target=0.5% budget=600"), 0);
	assert_int_equal(o.target_ppb, 5000000);
	assert_int_equal(o.budget_s, 600);
	assert_int_equal(parse("target=50%"), 0);
	assert_int_equal(o.target_ppb, 500000000);
	assert_int_equal(parse("target=0.001%"), 0);
	assert_int_equal(o.target_ppb, 10000);
	expect_error("target=1", "target must be a percentage");
	expect_error("target=0%", "target must be a percentage");
	expect_error("target=51%", "target must be a percentage");
	expect_error("target=0.0001%", "target must be a percentage");
	expect_error("target=%", "target must be a percentage");
	expect_error("budget=0", "budget must be 1..86400");
	expect_error("budget=86401", "budget must be 1..86400");
	expect_error("iters=automatic", "iters must be 1..1000000");
	assert_contains(cmdline_help, "iters=N (1..1000000)|auto");
	assert_contains(cmdline_help, "target=P%");
	assert_contains(cmdline_help, "budget=S");
}

static void test_cpus(void **state)
{
	(void)state;
	options_default(&o);
	assert_int_equal(o.cpus, 0);
	assert_int_equal(parse("cpus=1"), 0);
	assert_int_equal(o.cpus, 1);
	assert_int_equal(parse("cpus=256"), 0);
	assert_int_equal(o.cpus, 256);
	expect_error("cpus=0", "cpus must be 1..256, not '0'");
	expect_error("cpus=257", "cpus must be 1..256, not '257'");
	expect_error("cpus=two", "cpus must be 1..256, not 'two'");
	expect_error("cpus=", "cpus must be 1..256, not ''");
}

static void test_x2apic(void **state)
{
	(void)state;
	options_default(&o);
	assert_false(o.x2apic);
	assert_int_equal(parse("x2apic=1"), 0);
	assert_true(o.x2apic);
	assert_int_equal(parse("x2apic=0"), 0);
	assert_false(o.x2apic);
	expect_error("x2apic=yes", "x2apic must be 0 or 1, not 'yes'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_empty_line_keeps_defaults),
		cmocka_unit_test(test_all_options),
		cmocka_unit_test(test_separators_and_override),
		cmocka_unit_test(test_iters_bounds),
		cmocka_unit_test(test_iters_bad),
		cmocka_unit_test(test_seed),
		cmocka_unit_test(test_seed_bad),
		cmocka_unit_test(test_tests_option),
		cmocka_unit_test(test_list_and_verbose),
		cmocka_unit_test(test_console_ports),
		cmocka_unit_test(test_console_mmio),
		cmocka_unit_test(test_console_bad),
		cmocka_unit_test(test_tests_too_long_named),
		cmocka_unit_test(test_console_bad_baud_named_in_full),
		cmocka_unit_test(test_on_done),
		cmocka_unit_test(test_unknown_option),
		cmocka_unit_test(test_path_first_word_skipped),
		cmocka_unit_test(test_path_with_spaces_skipped),
		cmocka_unit_test(test_overlong_word),
		cmocka_unit_test(test_error_truncated_to_errlen),
		cmocka_unit_test(test_help_lists_every_option),
		cmocka_unit_test(test_iters_auto),
		cmocka_unit_test(test_cpus),
		cmocka_unit_test(test_x2apic),
	};

	return cmocka_run_group_tests_name("cmdline", tests, NULL, NULL);
}
