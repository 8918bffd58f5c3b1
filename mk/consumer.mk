# consumer-test: the checker's TAP and JUnit read by prove, tap.py and
# junitparser (tests/consumer/consumer-test.sh).  Part of `make test`.
# Included by the top Makefile (-include mk/*.mk).

CONSUMER_SAVED_GOAL := $(.DEFAULT_GOAL)

BUILD ?= build

.PHONY: consumer-test
consumer-test: $(BUILD)/tlbprobe-check
	@BUILD=$(BUILD) tests/consumer/consumer-test.sh

.DEFAULT_GOAL := $(CONSUMER_SAVED_GOAL)
