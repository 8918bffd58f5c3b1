# fence-test: the memory fences the SMP code needs, read back from the
# kernel's disassembly (tests/fences/fence-test.sh).  Part of `make test`.
# Included by the top Makefile (-include mk/*.mk).

BUILD ?= build

.PHONY: fence-test
fence-test: $(BUILD)/tlbprobe.elf
	@mkdir -p $(BUILD)/test-results
	@tests/fences/fence-test.sh $(BUILD)/tlbprobe.elf $(BUILD)/test-results/fences.txt
