// SPDX-License-Identifier: MIT
/* mm/flush_table.c: each flush kind's name and what it invalidates. */
#include <string.h>

#include "tests/host/host_test.h"
#include "mm/flush.h"

/* Each kind's name is the one its .def entry gives (no second list). */
static void test_every_name(void **state)
{
	const char *const want[FLUSH_NR] = {
#define FLUSH_KIND(k, ...) [FLUSH_##k] = ((struct flush_scope){ __VA_ARGS__ }).name,
#include "mm/flush_kinds.def"
#undef FLUSH_KIND
	};
	/* The names logs and profiles already use must stay. */
	static const char *const kept[] = {
		"none", "invlpg", "cr3", "pge", "invpcid0", "invpcid1",
		"invpcid2", "invpcid3", "full", "invlpg_last",
	};
	int k, found;

	(void)state;
	for (k = 0; k < FLUSH_NR; k++)
		assert_string_equal(flush_name((enum flush_kind)k), want[k]);
	for (size_t i = 0; i < sizeof(kept) / sizeof(kept[0]); i++) {
		found = 0;
		for (k = 0; k < FLUSH_NR; k++)
			found += !strcmp(flush_name((enum flush_kind)k), kept[i]);
		assert_int_equal(found, 1);
	}
}

static void test_out_of_range(void **state)
{
	(void)state;
	assert_string_equal(flush_name(FLUSH_NR), "?");
	assert_string_equal(flush_name((enum flush_kind)(FLUSH_NR + 1)), "?");
	assert_string_equal(flush_name((enum flush_kind)1000), "?");
}

/* Names go into KTAP lines and profiles: unique, short, no spaces. */
static void test_names_unique_and_plain(void **state)
{
	int a, b;
	const char *n;

	(void)state;
	for (a = 0; a < FLUSH_NR; a++) {
		n = flush_name((enum flush_kind)a);
		assert_non_null(n);
		assert_in_range(strlen(n), 1, 16);
		assert_null(strpbrk(n, " \t#,="));
		for (b = a + 1; b < FLUSH_NR; b++)
			assert_string_not_equal(n, flush_name((enum flush_kind)b));
	}
}

/* SDM 4.10.4.1 and APM vol. 2 5.5, as the table must encode them. */
static void test_semantics(void **state)
{
	const struct flush_scope *f;

	(void)state;
	f = flush_scope(FLUSH_INVLPG);
	assert_int_equal(f->tlb, TLB_ADDR);
	assert_true(f->tlb_global);
	assert_int_equal(f->psc, PSC_ALL);
	assert_int_equal(f->psc_tce, PSC_PATH);
	assert_int_equal(f->pcid, PCID_SCOPE_CURRENT);
	/* INVPCID type 0's reach into the caches is the ambiguous one. */
	f = flush_scope(FLUSH_INVPCID_ADDR);
	assert_true(f->ambiguous);
	assert_false(f->tlb_global);
	assert_int_equal(f->psc, PSC_PATH);
	assert_int_equal(f->pcid, PCID_SCOPE_GIVEN);
	assert_true(f->needs & FEAT_INVPCID);
	/* MOV to CR3 keeps globals; a PGE toggle and type 2 drop them. */
	assert_false(flush_scope(FLUSH_CR3)->tlb_global);
	assert_true(flush_scope(FLUSH_PGE)->tlb_global);
	assert_int_equal(flush_scope(FLUSH_PGE)->pcid, PCID_SCOPE_ALL);
	assert_true(flush_scope(FLUSH_INVPCID_ALL_G)->tlb_global);
	assert_false(flush_scope(FLUSH_INVPCID_ALL)->tlb_global);
	assert_int_equal(flush_scope(FLUSH_NONE)->tlb, TLB_NONE);
	assert_int_equal(flush_scope(FLUSH_NONE)->psc, PSC_NONE);
}

/* Only the kinds with an address take one, and it lands in the region. */
static void test_region_address(void **state)
{
	const u64 base = 0x40000000ULL, size = 0x200000ULL;

	(void)state;
	assert_int_equal(flush_region_va(FLUSH_INVLPG, base, size), base);
	assert_int_equal(flush_region_va(FLUSH_INVLPG_LAST, base, size),
			 base + size - 4096);
	assert_int_equal(flush_region_va(FLUSH_INVPCID_ADDR, base, size), base);
	assert_int_equal(flush_region_va(FLUSH_CR3, base, size), 0);
	for (int k = 0; k < FLUSH_NR; k++) {
		const struct flush_scope *f = flush_scope((enum flush_kind)k);

		/*
		 * An address kind is INVLPG, INVLPGB or INVPCID type 0, and
		 * vice versa; hw_flush() carries out only local single ones.
		 */
		assert_int_equal(f->at != FLUSH_AT_NONE,
				 f->insn == INSN_INVLPG || f->insn == INSN_INVLPGB ||
				 (f->insn == INSN_INVPCID && f->invpcid_type == 0));
		assert_int_equal(f->tlb == TLB_ADDR, f->at != FLUSH_AT_NONE);
		assert_int_equal(f->insn == INSN_INVLPGB,
				 f->reach == REACH_BROADCAST);
		assert_true(f->reach == REACH_LOCAL || f->sync ||
			    f->insn == INSN_INVLPGB);
		/* Every kind names its sections: the checker cites them. */
		assert_non_null(f->cite);
		assert_non_null(strstr(f->cite, "SDM") ? f->cite :
				    strstr(f->cite, "APM"));
	}
}

/* APM vol. 2 3.1.7: with EFER.TCE=0, INVPCID type 0 drops every upper entry. */
static void test_amd_invpcid0(void **state)
{
	const struct flush_scope *f = flush_scope(FLUSH_INVPCID_ADDR);

	(void)state;
	assert_int_equal(flush_psc(f, false, false), PSC_PATH);
	assert_int_equal(flush_psc(f, true, false), PSC_ALL);
	assert_int_equal(flush_psc(f, true, true), PSC_PATH);
	f = flush_scope(FLUSH_INVLPG);
	assert_int_equal(flush_psc(f, true, false), PSC_ALL);
	assert_int_equal(flush_psc(f, true, true), PSC_PATH);
}

static void test_lacks(void **state)
{
	(void)state;
	assert_null(flush_lacks(FLUSH_INVLPG, 0));
	assert_null(flush_lacks(FLUSH_FULL, 0));
	assert_string_equal(flush_lacks(FLUSH_INVPCID_CTX, FEAT_PGE),
			    "cpuid lacks invpcid");
	assert_string_equal(flush_lacks(FLUSH_PGE, FEAT_INVPCID),
			    "cpuid lacks pge (global pages)");
	assert_null(flush_lacks(FLUSH_INVPCID_ALL,
				FEAT_PGE | FEAT_PCID | FEAT_INVPCID));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_name),
		cmocka_unit_test(test_out_of_range),
		cmocka_unit_test(test_names_unique_and_plain),
		cmocka_unit_test(test_semantics),
		cmocka_unit_test(test_region_address),
		cmocka_unit_test(test_lacks),
		cmocka_unit_test(test_amd_invpcid0),
	};

	return cmocka_run_group_tests_name("flush_table", tests, NULL, NULL);
}
