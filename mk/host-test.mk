# host-test: cmocka unit tests that build the kernel's own C files for the
# host, with an arena standing in for physical memory (tests/host/).
# Included by the top Makefile (-include mk/*.mk); also usable alone with
# `make -f mk/host-test.mk host-test`.
#
#   make host-test                    gcc, ASan + UBSan
#   make host-test HOST_CC=clang
#
# Results: $(BUILD)/test-results/host.txt, one "PASS|FAIL <group>.<case>"
# line per test case.

# Keep the including Makefile's default goal: these rules must not become it.
HOST_TEST_SAVED_GOAL := $(.DEFAULT_GOAL)

BUILD ?= build
HOSTCC ?= gcc
HOST_CC ?= $(HOSTCC)
HOST_CFLAGS ?= -std=c11 -g -Wall -Wextra -Werror
HOST_SAN ?= -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer
HOST_LDLIBS ?= -lcmocka

HOST_DIR := $(BUILD)/host
HOST_RESULTS := $(BUILD)/test-results/host.txt
HOST_CPPFLAGS := -I.

# One binary per source area: test_<name> from tests/host/test_<name>.c,
# the kernel files listed here, the shared support.c and the host side of
# the hardware seam and of the kernel (hw_host.c, host_kernel.c: what mm/
# and tests/kernel/ code reach the CPU and the console through).
HOST_TESTS := format cmdline glob random classify bootinfo frame_alloc \
	pgtable flush_table fault_decode experiments acpi log_seal row_params \
	outcomes emulator
HOST_SRCS_format := kernel/format.c
HOST_SRCS_cmdline := kernel/cmdline.c kernel/format.c
HOST_SRCS_glob := kernel/glob.c
HOST_SRCS_random :=
HOST_SRCS_classify := kernel/classify.c
HOST_SRCS_outcomes := kernel/classify.c
HOST_SRCS_bootinfo := kernel/bootinfo.c kernel/format.c
HOST_SRCS_frame_alloc := mm/frame_alloc.c
HOST_SRCS_pgtable := mm/pgtable.c mm/frame_alloc.c mm/flush_table.c
HOST_SRCS_flush_table := mm/flush_table.c
HOST_SRCS_fault_decode := kernel/fault_decode.c kernel/format.c
HOST_SRCS_acpi := kernel/acpi.c kernel/format.c
HOST_SRCS_emulator := kernel/emulator.c kernel/format.c
HOST_TESTS += psc_estimate
HOST_SRCS_psc_estimate := tests/kernel/psc_estimate.c kernel/format.c
# The experiments and the framework, linked as the kernel links them, with
# the host's side of the hardware seam and of the kernel (host_hw.h).
HOST_SRCS_experiments := $(wildcard tests/kernel/*.c) $(wildcard harness/*.c) \
	kernel/report.c kernel/result.c kernel/table.c kernel/sclass.c kernel/row_params.c kernel/classify.c kernel/format.c kernel/glob.c \
	kernel/cmdline.c kernel/fault_decode.c kernel/answer.c kernel/zero_bound.c \
	mm/pgtable.c mm/frame_alloc.c mm/flush_table.c mm/cpu_mode.c \
	model/one_cpu.c checker/bounds.c
# The kernel's fixed-point zero bound is tested against the checker's.
HOST_LDLIBS_experiments := -lm
HOST_SRCS_log_seal := kernel/log_seal.c kernel/crc32.c kernel/format.c
# The rows' parameters against the checker's table for old logs.
HOST_SRCS_row_params := $(HOST_SRCS_experiments) checker/legacy_params.c
HOST_LDLIBS_row_params := $(HOST_LDLIBS_experiments)


HOST_BINS := $(addprefix $(HOST_DIR)/test_,$(HOST_TESTS))
HOST_HDRS := $(wildcard kernel/*.h kernel/*.def mm/*.h mm/*.def harness/*.h \
	tests/kernel/*.h tests/host/*.h)
HOST_FLAGS_STAMP := $(HOST_DIR)/flags.txt
HOST_FLAGS_TEXT := $(HOST_CC) $(HOST_CFLAGS) $(HOST_SAN) $(HOST_CPPFLAGS) \
	$(HOST_LDLIBS)

# Relink everything when the compiler or the flags change.
$(HOST_FLAGS_STAMP): host-test-force
	@mkdir -p $(@D)
	@printf '%s\n' '$(HOST_FLAGS_TEXT)' | cmp -s - $@ || \
		printf '%s\n' '$(HOST_FLAGS_TEXT)' > $@

# A failed build must not leave the last good binary to be run.
define HOST_TEST_RULE
$(HOST_DIR)/test_$(1): tests/host/test_$(1).c tests/host/support.c \
		tests/host/hw_host.c tests/host/host_kernel.c kernel/kprintf.c mm/phys.c $(HOST_SRCS_$(1)) $(HOST_HDRS) \
		$(HOST_FLAGS_STAMP) mk/host-test.mk
	@mkdir -p $$(@D)
	@rm -f $$@
	$$(HOST_CC) $$(HOST_CPPFLAGS) $$(HOST_CFLAGS) $$(HOST_SAN) \
		$$(HOST_CFLAGS_$(1)) -o $$@ tests/host/test_$(1).c \
		tests/host/support.c tests/host/hw_host.c tests/host/host_kernel.c kernel/kprintf.c mm/phys.c \
		$(HOST_SRCS_$(1)) $$(HOST_LDLIBS) $$(HOST_LDLIBS_$(1))
endef
$(foreach t,$(HOST_TESTS),$(eval $(call HOST_TEST_RULE,$(t))))

.PHONY: host-test host-test-build host-test-force
host-test-build: $(HOST_BINS)

# Build what builds (-k), then run: a binary that did not build is a FAIL
# line in the results, and the exit status is non-zero.
host-test:
	@mkdir -p $(dir $(HOST_RESULTS))
	@: > $(HOST_RESULTS)
	@$(MAKE) --no-print-directory -k -f $(firstword $(MAKEFILE_LIST)) \
		host-test-build || true
	@tests/host/run.sh $(HOST_RESULTS) $(HOST_BINS)

.DEFAULT_GOAL := $(HOST_TEST_SAVED_GOAL)
