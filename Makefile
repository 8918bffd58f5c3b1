# tlbprobe: build the kernel, the ISO, the host tests; boot and check.
# `make help` lists the targets and variables.

BUILD		:= build
CROSS_COMPILE	?=
ifeq ($(origin CC),default)
CC		:= $(CROSS_COMPILE)gcc
endif
ifeq ($(origin LD),default)
LD		:= $(CROSS_COMPILE)ld
endif
OBJCOPY		?= $(CROSS_COMPILE)objcopy
export OBJCOPY
NASM		?= nasm
HOSTCC		?= gcc

# Run-time variables (see README.md).
CPU		?= max
MEM		?= 3G
SMP		?= 2
CMDLINE		?=
ACCEL		?=
QEMU_ARGS	?=
BOOT		?= iso
TIMEOUT		?= 300
EMU		?= qemu

KERNEL_CFLAGS := -std=c11 -ffreestanding -nostdlib -nostdinc \
	-isystem $(shell $(CC) -print-file-name=include) \
	-mno-red-zone -mgeneral-regs-only -mcmodel=small -fno-pic -fno-pie \
	-fno-stack-protector -fno-asynchronous-unwind-tables -fno-builtin \
	-fno-omit-frame-pointer -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
	-I.
KERNEL_LDFLAGS := -nostdlib -n -z max-page-size=0x1000 -z noexecstack -T linker.ld \
	$(shell $(LD) --help 2>/dev/null | grep -q no-warn-rwx-segments && echo --no-warn-rwx-segments)

KERNEL_C := $(wildcard kernel/*.c) $(wildcard mm/*.c) $(wildcard harness/*.c) \
	$(wildcard tests/kernel/*.c)
KERNEL_ASM := $(wildcard boot/*.asm) $(wildcard kernel/*.asm)
KERNEL_OBJ := $(patsubst %.c,$(BUILD)/k/%.o,$(KERNEL_C)) \
	$(patsubst %.asm,$(BUILD)/k/%.o,$(KERNEL_ASM))

ELF := $(BUILD)/tlbprobe.elf
ISO := $(BUILD)/tlbprobe.iso

.PHONY: all kernel iso run test host-test boot-test deps-test report help clean deps run-deps FORCE
all: kernel iso $(BUILD)/tlbprobe-check

kernel: $(ELF)
iso: $(ISO)

$(BUILD)/k/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(KERNEL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/k/%.o: %.asm
	@mkdir -p $(dir $@)
	$(NASM) -f elf64 -g -o $@ $<

$(ELF): $(KERNEL_OBJ) linker.ld
	$(LD) $(KERNEL_LDFLAGS) -o $@ $(KERNEL_OBJ)

# The command line is baked into grub.cfg; rebuild the ISO when it changes.
# RUN_CMDLINE is CMDLINE exactly as typed ($(value): make expands no $ in
# it) and reaches the recipes only through the environment, so no quote or
# sed metacharacter in it is ever interpreted (scripts/grub-cfg.sh quotes
# it for GRUB).  `make run` builds its own ISO per run (scripts/run-qemu.sh);
# this one is `make iso`'s.
RUN_CMDLINE := $(value CMDLINE)
export RUN_CMDLINE
$(BUILD)/cmdline.txt: FORCE
	@mkdir -p $(BUILD)
	@printf '%s\n' "$$RUN_CMDLINE" | cmp -s - $@ || printf '%s\n' "$$RUN_CMDLINE" > $@

$(ISO): $(ELF) $(BUILD)/cmdline.txt iso/boot/grub/grub.cfg scripts/make-iso.sh Makefile
	CMDLINE="$$RUN_CMDLINE" scripts/make-iso.sh $(ELF) $@

# `make run` installs what a run needs; `make test` adds the test toolchain.
deps:
	@scripts/install-deps.sh test
run-deps:
	@scripts/install-deps.sh $(if $(filter bochs,$(EMU)),run-bochs,run)

# What BOOT needs: the ISO and the kernel, and for network boots the TFTP
# tree of `make netboot` (mk/netboot.mk).
NETBOOT_BOOTS := pxe pxe-uefi ipxe
.PHONY: run-prep
run-prep: run-deps kernel $(BUILD)/tlbprobe-check $(if $(filter $(NETBOOT_BOOTS),$(BOOT)),netboot)

# Exits non-zero exactly when the verdict is not pass; scripts/tlbprobe-run
# gives the verdict itself as its exit status (make's is always 2).
# EMU picks the emulator driver: scripts/run-$(EMU).sh (they share
# scripts/run-common.sh).  Each run gets its own ISO, command line and log
# under $(BUILD)/runs/; LOG=FILE (default $(BUILD)/logs/last.log) gets a copy.
EMU		?= qemu
# VERBOSE=1: the build's commands and the whole serial log as it comes;
# else the build's output goes to $(BUILD)/logs/build.log (shown when it
# fails) and the run prints a line per family and the answer.
VERBOSE		?= 0
run: run-deps
	@case '$(EMU)' in qemu|bochs) ;; *) echo "make run: EMU must be qemu or bochs, not '$(EMU)'" >&2; exit 2 ;; esac
	@if [ '$(VERBOSE)' = 1 ]; then $(MAKE) --no-print-directory run-prep || exit 2; else \
	mkdir -p $(BUILD)/logs && t=$$(mktemp $(BUILD)/logs/build.log.XXXXXX) && \
	{ $(MAKE) --no-print-directory run-prep > $$t 2>&1; rc=$$?; mv -f $$t $(BUILD)/logs/build.log; } && \
	if [ $$rc != 0 ]; then cat $(BUILD)/logs/build.log; echo "make run: the build failed (above, and in $(BUILD)/logs/build.log)" >&2; exit 2; fi; fi
	@BOOT='$(BOOT)' CPU='$(CPU)' MEM='$(MEM)' SMP='$(SMP)' ACCEL='$(ACCEL)' \
	CMDLINE="$$RUN_CMDLINE" QEMU_ARGS='$(QEMU_ARGS)' TIMEOUT='$(TIMEOUT)' \
	BUILD='$(BUILD)' LOG='$(LOG)' VERBOSE='$(VERBOSE)' scripts/run-$(EMU).sh

-include mk/*.mk

# Test steps beyond the host unit tests and the boot tests.
EXTRA_TESTS := checker-test paths-test deps-test model-test integrity-test \
	bundle-test lava-validate fleet-test fence-test soundness-test \
	reliability-test bochs-test browser-test
EXTRA_TESTS += consumer-test run-output-test

# The steps are independent (each writes its own $(BUILD)/test-results/*.txt)
# and mostly single-threaded (one TCG vCPU, one model run), so make test runs
# TEST_JOBS of them at once; a step's lines appear, whole, when it ends.
# The longest steps come first so the lanes end together.
TEST_JOBS ?= 2
TEST_FIRST := paths-test soundness-test integrity-test host-test boot-test
TEST_STEPS := $(TEST_FIRST) $(filter-out $(TEST_FIRST),$(EXTRA_TESTS))

test: deps all
	@rm -rf $(BUILD)/test-results && mkdir -p $(BUILD)/test-results
	@echo "make test: $(words $(TEST_STEPS)) steps, $(TEST_JOBS) at a time (TEST_JOBS=N to change); each step prints when it ends"
	@status=0; start=$$(date +%s); \
	$(MAKE) --no-print-directory -k -j$(TEST_JOBS) --output-sync=target \
		test-steps || status=1; \
	$(MAKE) --no-print-directory report || status=1; \
	scripts/test-summary.sh $(BUILD)/test-results || status=1; \
	echo "make test: $$(( $$(date +%s) - start )) s"; \
	exit $$status

.PHONY: test-steps
test-steps: $(TEST_STEPS)

# One comparison of the runs the tests made (every path, every CPU) and of
# the logs kept from real machines: open build/report.html in a browser.
# Also the fleet page: results/README.md's table and build/fleet.html.
REPORT_LOGS = $(wildcard $(addprefix $(BUILD)/logs/,iso-max.log kernel-qemu64.log \
	kernel-mem64.log uefi.log pxe.log ipxe.log pxe-uefi.log kvm.log bench.log \
	last.log)) \
	$(wildcard results/*.log)
report: $(BUILD)/tlbprobe-check
	@$(BUILD)/tlbprobe-check report --md $(BUILD)/report.md \
		--html $(BUILD)/report.html $(REPORT_LOGS) >$(BUILD)/report.txt 2>&1; \
	test -s $(BUILD)/report.html && \
		echo "report: $(BUILD)/report.html and $(BUILD)/report.md ($(words $(REPORT_LOGS)) logs; verdicts in $(BUILD)/report.txt)"
	@scripts/fleet-report.sh $(BUILD)

help:
	@echo "make [all]        build $(ELF), $(ISO), $(BUILD)/tlbprobe-check and $(BUILD)/tlbprobe-model"
	@echo "make run          install missing packages, build, boot in QEMU; fails unless the verdict is pass"
	@echo "                  (a line per family, the answer, the verdict; the log in build/logs/last.log)"
	@echo "scripts/tlbprobe-run VAR=...  the same; exit status 0 pass, 1 fail, 2 no verdict"
	@echo "make test         host unit tests, boot tests of every path, checker, model and dependency tests"
	@echo "                  (TEST_JOBS=2 steps at a time)"
	@echo "make bench        boot the bench group and time the boot paths (docs/bench.md)"
	@echo "make netboot      TFTP tree for PXE: GRUB (BIOS, UEFI) and an iPXE script (docs/lab.md)"
	@echo "make report       $(BUILD)/report.html: the test run's logs and results/*.log compared;"
	@echo "                  the fleet table in results/README.md and $(BUILD)/fleet.html"
	@echo "make bundle       $(BUILD)/tlbprobe-bundle-VERSION.tar.gz: QEMU, firmware, kernel, ./run"
	@echo "make lava-test    run a LAVA job in lava-run (needs lava-dispatcher: make lava-deps)"
	@echo "make fuzz         fuzz the log parser for FUZZ_SECONDS (default 60)"
	@echo "make model-table  regenerate profiles/model-allowed.table from the MMU model (docs/model.md)"
	@echo "make soundness    legal and broken model machines through the checker (docs/model.md)"
	@echo "make install      install tlbprobe-check and its profiles under PREFIX (/usr/local)"
	@echo "variables: CPU=max MEM=3G SMP=2 ACCEL=kvm|tcg BOOT=iso|kernel|uefi|pxe|pxe-uefi|ipxe"
	@echo "           CMDLINE='tests=... iters=N seed=N' (up to 4095 bytes, passed as typed)"
	@echo "           QEMU_ARGS=... TIMEOUT=300 CC=... CROSS_COMPILE=... EMU=qemu|bochs"
	@echo "           LOG=FILE  also keep the serial log there (default $(BUILD)/logs/last.log;"
	@echo "                     every run's own log stays in $(BUILD)/runs/ID/serial.log)"
	@echo "           EMU=bochs: CPU= a model of 'bochs -help cpu', BOOT=iso"
	@echo "           VERBOSE=1  make run shows the build and the whole serial log as it comes"
	@echo "                     (else a line per family and the answer; the build in $(BUILD)/logs/build.log)"

clean:
	rm -rf $(BUILD)

-include $(KERNEL_OBJ:.o=.d)

# No include circle, no link circle, no core file including tests/
# (docs/hacking.md), with a positive control.
deps-test: kernel
	@BUILD=$(BUILD) HOSTCC=$(HOSTCC) tests/deps/deps-test.sh

boot-test: all $(BUILD)/tlbprobe-check
	@mkdir -p $(BUILD)/test-results
	BUILD=$(BUILD) tests/boot/boot-test.sh
