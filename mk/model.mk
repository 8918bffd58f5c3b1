# The MMU model (model/, docs/model.md): its host unit tests join
# `make host-test`.  Included by the top Makefile after mk/host-test.mk.

MODEL_SAVED_GOAL := $(.DEFAULT_GOAL)

MODEL_SRCS := $(wildcard model/mmu_*.c)
MODEL_HDRS := $(wildcard model/*.h)

$(HOST_DIR)/test_mmu: tests/host/test_mmu.c tests/host/support.c $(MODEL_SRCS) \
		$(MODEL_HDRS) $(HOST_HDRS) $(HOST_FLAGS_STAMP) mk/model.mk
	@mkdir -p $(@D)
	@rm -f $@
	$(HOST_CC) $(HOST_CPPFLAGS) $(HOST_CFLAGS) $(HOST_SAN) -o $@ \
		tests/host/test_mmu.c tests/host/support.c $(MODEL_SRCS) $(HOST_LDLIBS)

HOST_BINS += $(HOST_DIR)/test_mmu
host-test-build: $(HOST_DIR)/test_mmu

.DEFAULT_GOAL := $(MODEL_SAVED_GOAL)
