// SPDX-License-Identifier: MIT
/* kernel/fault_decode.c: exception names and #PF error-code strings. */
#include <string.h>

#include "tests/host/host_test.h"
#include "kernel/traps.h"

static char buf[64];

static void test_trap_names(void **state)
{
	(void)state;
	assert_string_equal(trap_name(VEC_DE), "#DE");
	assert_string_equal(trap_name(1), "#DB");
	assert_string_equal(trap_name(2), "NMI");
	assert_string_equal(trap_name(3), "#BP");
	assert_string_equal(trap_name(VEC_UD), "#UD");
	assert_string_equal(trap_name(VEC_DF), "#DF");
	assert_string_equal(trap_name(VEC_GP), "#GP");
	assert_string_equal(trap_name(VEC_PF), "#PF");
	assert_string_equal(trap_name(16), "#MF");
	assert_string_equal(trap_name(17), "#AC");
	assert_string_equal(trap_name(VEC_MC), "#MC");
	assert_string_equal(trap_name(19), "#XM");
	assert_string_equal(trap_name(20), "#VE");
	assert_string_equal(trap_name(21), "#CP");
	assert_string_equal(trap_name(29), "#VC");
}

static void test_trap_reserved_and_irq(void **state)
{
	(void)state;
	assert_string_equal(trap_name(15), "RSV15");
	assert_string_equal(trap_name(22), "RSV22");
	assert_string_equal(trap_name(31), "RSV31");
	assert_string_equal(trap_name(32), "IRQ");
	assert_string_equal(trap_name(255), "IRQ");
	assert_string_equal(trap_name(~0ULL), "IRQ");
}

static void test_trap_names_unique(void **state)
{
	u64 a, b;

	(void)state;
	for (a = 0; a < 32; a++) {
		assert_non_null(trap_name(a));
		assert_in_range(strlen(trap_name(a)), 2, 5);
		for (b = a + 1; b < 32; b++)
			assert_string_not_equal(trap_name(a), trap_name(b));
	}
}

static void test_pf_error_basic(void **state)
{
	(void)state;
	pf_error_decode(0, buf, sizeof(buf));
	assert_string_equal(buf, "NP+R+S");
	pf_error_decode(PF_P, buf, sizeof(buf));
	assert_string_equal(buf, "P+R+S");
	pf_error_decode(PF_P | PF_W, buf, sizeof(buf));
	assert_string_equal(buf, "P+W+S");
	pf_error_decode(PF_U | PF_I, buf, sizeof(buf));
	assert_string_equal(buf, "NP+R+U+I");
	pf_error_decode(PF_P | PF_RSVD, buf, sizeof(buf));
	assert_string_equal(buf, "P+R+S+RSVD");
}

static void test_pf_error_all_bits(void **state)
{
	(void)state;
	pf_error_decode(PF_P | PF_W | PF_U | PF_RSVD | PF_I, buf, sizeof(buf));
	assert_string_equal(buf, "P+W+U+RSVD+I");
	/* Bits it does not name (PK, SS, SGX) change nothing. */
	pf_error_decode(PF_P | (1U << 5) | (1U << 6) | (1U << 15), buf,
			sizeof(buf));
	assert_string_equal(buf, "P+R+S");
}

static void test_pf_error_truncated(void **state)
{
	char small[8];

	(void)state;
	memset(small, 'Z', sizeof(small));
	pf_error_decode(PF_P | PF_W | PF_U | PF_RSVD | PF_I, small, 4);
	assert_string_equal(small, "P+W");
	assert_int_equal(small[4], 'Z');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trap_names),
		cmocka_unit_test(test_trap_reserved_and_irq),
		cmocka_unit_test(test_trap_names_unique),
		cmocka_unit_test(test_pf_error_basic),
		cmocka_unit_test(test_pf_error_all_bits),
		cmocka_unit_test(test_pf_error_truncated),
	};

	return cmocka_run_group_tests_name("fault_decode", tests, NULL, NULL);
}
