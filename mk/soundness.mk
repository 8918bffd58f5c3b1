# make soundness (docs/model.md, "Soundness"): legal machines drawn by the
# model for every vendor, each log checked with the metal and kvm profiles,
# then every mutant; the two tables go into docs/model.md.  Included by the
# top Makefile after mk/model.mk.
#
#   make soundness                         1000 machines per vendor and
#                                          iteration count, 100 seeds per mutant
#   make soundness SOUNDNESS_MACHINES=100 SOUNDNESS_SEEDS=20 SOUNDNESS_JOBS=2
#   make soundness-test                    the slice `make test` runs: 20
#                                          machines per vendor (10 at each
#                                          iteration count), 10 per mutant
# Results of the slice: $(BUILD)/test-results/soundness.txt.

SOUNDNESS_MACHINES ?= 1000
SOUNDNESS_SEEDS ?= 100
SOUNDNESS_JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: soundness soundness-test
soundness: $(MODEL_BIN) $(BUILD)/tlbprobe-check
	MODEL=$(MODEL_BIN) CHECK=$(BUILD)/tlbprobe-check \
	MACHINES=$(SOUNDNESS_MACHINES) SEEDS=$(SOUNDNESS_SEEDS) \
	JOBS=$(SOUNDNESS_JOBS) DOC=docs/model.md scripts/soundness.sh

# The slice: the same script, smaller, and docs/model.md left alone.
soundness-test: $(MODEL_BIN) $(BUILD)/tlbprobe-check
	@mkdir -p $(BUILD)/test-results
	@if MODEL=$(MODEL_BIN) CHECK=$(BUILD)/tlbprobe-check MACHINES=10 \
	    SEEDS=10 BATCH=10 JOBS=$(SOUNDNESS_JOBS) scripts/soundness.sh \
	    > $(BUILD)/soundness-test.txt; then \
		echo "PASS soundness.slice" > $(BUILD)/test-results/soundness.txt; \
	else \
		echo "FAIL soundness.slice: see $(BUILD)/soundness-test.txt" \
			> $(BUILD)/test-results/soundness.txt; \
		cat $(BUILD)/soundness-test.txt; exit 1; \
	fi
