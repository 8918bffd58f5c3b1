# reliability-test: no false pass from the way a run is driven (two runs at
# once, hostile and long command lines, a failed run before a pass, damaged
# "# env:" lines, tiny memory, kill -9, bad variables): tests/reliability/run.sh.
# Included by the top Makefile (-include mk/*.mk); part of `make test`.
# Results: $(BUILD)/test-results/reliability.txt.

BUILD ?= build

.PHONY: reliability-test
reliability-test: $(BUILD)/tlbprobe.elf $(BUILD)/tlbprobe-check
	@mkdir -p $(BUILD)/test-results
	@BUILD=$(BUILD) tests/reliability/run.sh

# The checker on a synthetic 1 GB log of 10,000 runs: max RSS and time
# (docs/checker.md, "Memory").  Writes and removes $(BUILD)/big.log.
.PHONY: big-log-check
big-log-check: $(BUILD)/tlbprobe-check
	BUILD=$(BUILD) tests/reliability/big-log.sh $(or $(BIG_LOG_RUNS),10000) $(BUILD)/big.log
