# consumer-test: the checker's TAP and JUnit read by prove, tap.py and
# junitparser (tests/consumer/consumer-test.sh); run-output-test: `make
# run` fits a terminal, the whole log in LOG (tests/run/output-test.sh).
# Both are part of `make test`.  Included by the top Makefile (-include
# mk/*.mk).

BUILD ?= build

.PHONY: consumer-test run-output-test
consumer-test: $(BUILD)/tlbprobe-check
	@BUILD=$(BUILD) tests/consumer/consumer-test.sh

run-output-test: $(BUILD)/tlbprobe-check
	@BUILD=$(BUILD) tests/run/output-test.sh
