# The fleet page: results/README.md's table and $(BUILD)/fleet.html from
# results/*.log (scripts/fleet-report.sh).  `make report` rebuilds both;
# `make fleet-test` (part of `make test`) checks the bounds arithmetic and
# that the committed table is current.
# Included by the top Makefile (-include mk/*.mk).

BUILD ?= build

.PHONY: fleet fleet-test
fleet: $(BUILD)/tlbprobe-check
	@scripts/fleet-report.sh $(BUILD)

fleet-test: $(BUILD)/tlbprobe-check
	@mkdir -p $(BUILD)/test-results
	@tests/results/fleet-test.sh $(BUILD) $(BUILD)/test-results/fleet.txt
