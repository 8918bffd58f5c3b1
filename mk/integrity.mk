# integrity-test: no false pass, no silent hang, no damaged log judged
# good (docs/checker.md "Integrity", docs/log-format.md "Integrity").
# Included by the top Makefile (-include mk/*.mk) after mk/checker.mk.
#
#   make integrity-test     the property test of damaged logs, JUnit read by
#                           python3-junitparser, tampered logs, and boots of
#                           machines tlbprobe cannot run on
# Results: $(BUILD)/test-results/integrity.txt.

BUILD ?= build

$(BUILD)/damage-test: tests/checker/damage_test.c $(CHECKER_LIB) $(CHECKER_HDRS) mk/integrity.mk
	@mkdir -p $(@D)
	$(CHECKER_CC) $(CHECKER_CPPFLAGS) $(CHECKER_CFLAGS) -o $@ \
		$(CHECKER_LIB) tests/checker/damage_test.c $(CHECKER_LDLIBS)

# `make test` runs it: the top Makefile names it in EXTRA_TESTS.
.PHONY: integrity-test
integrity-test: all $(BUILD)/tlbprobe-check $(BUILD)/damage-test
	@mkdir -p $(BUILD)/test-results
	BUILD=$(BUILD) MAKE='$(MAKE)' tests/checker/integrity-test.sh
