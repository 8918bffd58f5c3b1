# LAVA: the jobs of docs/lab.md, kept in docs/lava/.
# Included by the top Makefile (-include mk/*.mk).
#
#   make lava-validate   LAVA's schema on every job, one monitors block, and
#                        its pattern over real logs with every line end
#                        (tests/lava/validate.py; part of `make test`)
#   make lava-test       run docs/lava/qemu-kernel.yaml in LAVA's own
#                        dispatcher (lava-run) and compare what LAVA recorded
#                        with the log; needs lava-dispatcher (make lava-deps)

BUILD ?= build
# Real logs to run the monitors pattern over: a kept machine log (fails and
# skips) and the kernel's own output now.
LAVA_LOGS ?= results/kvm-pvm-amd-epyc.log $(BUILD)/lava-validate-kernel.log

.PHONY: lava-validate lava-test lava-deps
$(BUILD)/lava-validate-kernel.log: $(BUILD)/tlbprobe.elf
	BUILD=$(BUILD) LOG=$@ BOOT=kernel ACCEL=tcg CPU=max CMDLINE="iters=2" \
		TIMEOUT=120 scripts/run-qemu.sh >/dev/null 2>$(BUILD)/lava-validate-kernel.qemu.txt || \
		{ cat $(BUILD)/lava-validate-kernel.qemu.txt; rm -f $@; exit 1; }

# A step that cannot run at all is a FAIL line, not a silent gap.
lava-validate:
	@mkdir -p $(BUILD)/test-results
	@rm -f $(BUILD)/test-results/lava.txt
	@$(MAKE) --no-print-directory $(BUILD)/lava-validate-kernel.log || { \
		echo "FAIL lava.kernel_log: the kernel did not boot under QEMU" > $(BUILD)/test-results/lava.txt; \
		exit 1; }
	@/usr/bin/python3 tests/lava/validate.py $(BUILD)/test-results/lava.txt $(LAVA_LOGS) || { \
		grep -qs '^FAIL' $(BUILD)/test-results/lava.txt || \
		echo "FAIL lava.validate: tests/lava/validate.py stopped (lava-common, python3-pexpect: scripts/install-deps.sh)" \
			>> $(BUILD)/test-results/lava.txt; \
		exit 1; }

lava-test: all
	BUILD=$(BUILD) tests/lava/lava-test.sh

lava-deps:
	@if [ "$$(id -u)" = 0 ]; then apt-get install -y lava-dispatcher; \
	else echo "as root: apt-get install -y lava-dispatcher"; exit 1; fi
