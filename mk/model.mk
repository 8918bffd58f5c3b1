# The MMU model (model/, docs/model.md): its host unit tests join
# `make host-test`.  Included by the top Makefile after mk/host-test.mk.

MODEL_SRCS := $(wildcard model/mmu_*.c)
MODEL_HDRS := $(wildcard model/*.h)

MODEL_CORE_DEPS := mm/flush_table.c mm/phys.c

$(HOST_DIR)/test_mmu: tests/host/test_mmu.c tests/host/support.c $(MODEL_SRCS) \
		$(MODEL_CORE_DEPS) $(MODEL_HDRS) $(HOST_HDRS) $(HOST_FLAGS_STAMP) mk/model.mk
	@mkdir -p $(@D)
	@rm -f $@
	$(HOST_CC) $(HOST_CPPFLAGS) $(HOST_CFLAGS) $(HOST_SAN) -o $@ \
		tests/host/test_mmu.c tests/host/support.c $(MODEL_SRCS) \
		$(MODEL_CORE_DEPS) $(HOST_LDLIBS)

# The per-machine classes of catalogue rows (harness/vendor_class.c).
$(HOST_DIR)/test_vendor_class: tests/host/test_vendor_class.c tests/host/support.c \
		harness/vendor_class.c harness/derived_classes.c mm/phys.c \
		$(HOST_HDRS) $(HOST_FLAGS_STAMP) mk/model.mk
	@mkdir -p $(@D)
	@rm -f $@
	$(HOST_CC) $(HOST_CPPFLAGS) $(HOST_CFLAGS) $(HOST_SAN) -o $@ \
		tests/host/test_vendor_class.c tests/host/support.c \
		harness/vendor_class.c harness/derived_classes.c mm/phys.c \
		$(HOST_LDLIBS)

HOST_BINS += $(HOST_DIR)/test_mmu $(HOST_DIR)/test_vendor_class
host-test-build: $(HOST_DIR)/test_mmu $(HOST_DIR)/test_vendor_class

# The model program: the experiments and the framework linked as the kernel
# links them (the list mk/host-test.mk uses for HOST_SRCS_experiments), with
# model/machine.c as the hardware seam (kernel/hw.h) instead of the CPU's.
MODEL_KERNEL_SRCS := $(wildcard tests/kernel/*.c) $(wildcard harness/*.c) \
	kernel/report.c kernel/result.c kernel/table.c kernel/sclass.c kernel/row_params.c kernel/classify.c kernel/format.c kernel/glob.c \
	kernel/cmdline.c kernel/fault_decode.c kernel/answer.c kernel/zero_bound.c \
	mm/pgtable.c mm/frame_alloc.c mm/flush_table.c mm/cpu_mode.c mm/phys.c
MODEL_PROG_SRCS := $(MODEL_SRCS) model/machine.c model/observe.c model/main.c \
	model/cpus.c model/opts.c kernel/kprintf.c
MODEL_CFLAGS ?= -std=c11 -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter
MODEL_BIN := $(BUILD)/tlbprobe-model

$(MODEL_BIN): $(MODEL_PROG_SRCS) $(MODEL_KERNEL_SRCS) $(MODEL_HDRS) \
		$(wildcard kernel/*.h kernel/*.def mm/*.h mm/*.def harness/*.h \
		tests/kernel/*.h) mk/model.mk
	@mkdir -p $(@D)
	$(HOSTCC) -I. -D_GNU_SOURCE $(MODEL_CFLAGS) -o $@ $(MODEL_PROG_SRCS) \
		$(MODEL_KERNEL_SRCS)

all: $(MODEL_BIN)

.PHONY: model-test model-table model-install
model-test: $(MODEL_BIN) $(BUILD)/tlbprobe-check
	BUILD=$(BUILD) tests/model/run.sh

# The checker's allowed-outcome table and the derived classes the kernel
# compiles in (docs/model.md): regenerate and commit both after a change to
# the model or the experiments (a new row); model-test fails while a
# committed one differs.  New classes change the model program (it links
# the experiments), so it is rebuilt and the tables made again with it.
DERIVED_CLASSES := harness/derived_classes.c
model-table: $(MODEL_BIN)
	scripts/model-table.sh $(MODEL_BIN) $(DERIVED_CLASSES).tmp \
		> profiles/model-allowed.table.tmp
	@if ! cmp -s $(DERIVED_CLASSES).tmp $(DERIVED_CLASSES); then \
		echo "model-table: $(DERIVED_CLASSES) changed: again with the new classes"; \
		mv $(DERIVED_CLASSES).tmp $(DERIVED_CLASSES) && \
		$(MAKE) --no-print-directory $(MODEL_BIN) && \
		scripts/model-table.sh $(MODEL_BIN) $(DERIVED_CLASSES).tmp \
			> profiles/model-allowed.table.tmp; \
	fi
	mv $(DERIVED_CLASSES).tmp $(DERIVED_CLASSES)
	mv profiles/model-allowed.table.tmp profiles/model-allowed.table

# Installed beside the profiles, where tlbprobe-check looks for it.
install: model-install
model-install:
	install -d $(DESTDIR)$(CHECKER_PROFILE_DIR)
	install -m 644 profiles/model-allowed.table $(DESTDIR)$(CHECKER_PROFILE_DIR)/

# control.stale_tlb and control.ad_cached on legal machines of the model
# (tests/host/test_controls_model.c): the experiments linked as in the
# model program, its main() replaced by cmocka's.
$(HOST_DIR)/test_controls_model: tests/host/test_controls_model.c $(MODEL_SRCS) \
		model/machine.c model/observe.c model/cpus.c model/opts.c kernel/kprintf.c $(MODEL_KERNEL_SRCS) \
		$(MODEL_HDRS) $(HOST_HDRS) $(HOST_FLAGS_STAMP) mk/model.mk
	@mkdir -p $(@D)
	@rm -f $@
	$(HOST_CC) -I. -D_GNU_SOURCE $(MODEL_CFLAGS) $(HOST_SAN) -o $@ \
		tests/host/test_controls_model.c $(MODEL_SRCS) model/machine.c \
		model/observe.c model/cpus.c model/opts.c kernel/kprintf.c $(MODEL_KERNEL_SRCS) \
		$(HOST_LDLIBS)
HOST_BINS += $(HOST_DIR)/test_controls_model
host-test-build: $(HOST_DIR)/test_controls_model

# The generated classes against the catalogue (tests/host/test_derived_classes.c):
# the experiments linked as test_experiments links them.
HOST_SRCS_derived_classes := $(HOST_SRCS_experiments)
HOST_LDLIBS_derived_classes := $(HOST_LDLIBS_experiments)
$(eval $(call HOST_TEST_RULE,derived_classes))
HOST_BINS += $(HOST_DIR)/test_derived_classes
host-test-build: $(HOST_DIR)/test_derived_classes
