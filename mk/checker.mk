# tlbprobe-check: the host-side log checker (docs/checker.md).
# Included by the top Makefile (-include mk/*.mk); also usable alone with
# `make -f mk/checker.mk TARGET`.

# Keep the including Makefile's default goal: these rules must not become it.
CHECKER_SAVED_GOAL := $(.DEFAULT_GOAL)

BUILD ?= build
PREFIX ?= /usr/local
DESTDIR ?=
FUZZ_SECONDS ?= 60

CHECKER_CC ?= gcc
CHECKER_CLANG ?= clang
CHECKER_PROFILE_DIR := $(PREFIX)/share/tlbprobe/profiles
CHECKER_CFLAGS ?= -std=c11 -O2 -g -Wall -Wextra -Werror -Wshadow \
	-Wstrict-prototypes -Wmissing-prototypes
CHECKER_CPPFLAGS := -D_GNU_SOURCE -I. \
	-DCHECKER_PROFILE_DIR='"$(CHECKER_PROFILE_DIR)"' \
	-DCHECKER_SOURCE_PROFILE_DIR='"$(CURDIR)/profiles"'
CHECKER_LDLIBS := -ljansson
CHECKER_SAN := -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined

CHECKER_LIB_SRCS := util.c logtext.c kv.c ktap.c profile.c profile_load.c \
	judge.c json_out.c check.c report.c report_md.c report_html.c \
	integrity.c junit.c
# The CRC-32 is the kernel's own (kernel/log_seal.c seals with it).
CHECKER_LIB := $(addprefix checker/,$(CHECKER_LIB_SRCS)) kernel/crc32.c
CHECKER_HDRS := $(wildcard checker/*.h) kernel/crc32.h kernel/types.h
CHECKER_MAIN := checker/main.c
CHECKER_FUZZ := checker/fuzz_parse.c
CHECKER_REPLAY := checker/fuzz_replay.c
CHECKER_PROFILES := $(wildcard profiles/*.profile)
CHECKER_CORPUS := tests/checker/corpus

# One compiler invocation per binary: the checker is small, and this keeps
# the three sanitizer/normal variants from sharing stale objects.
$(BUILD)/tlbprobe-check: $(CHECKER_LIB) $(CHECKER_MAIN) $(CHECKER_HDRS) mk/checker.mk
	@mkdir -p $(@D)
	$(CHECKER_CC) $(CHECKER_CPPFLAGS) $(CHECKER_CFLAGS) -o $@ \
		$(CHECKER_LIB) $(CHECKER_MAIN) $(CHECKER_LDLIBS)

$(BUILD)/tlbprobe-check-san: $(CHECKER_LIB) $(CHECKER_MAIN) $(CHECKER_HDRS) mk/checker.mk
	@mkdir -p $(@D)
	$(CHECKER_CC) $(CHECKER_CPPFLAGS) $(CHECKER_CFLAGS) -O1 $(CHECKER_SAN) -o $@ \
		$(CHECKER_LIB) $(CHECKER_MAIN) $(CHECKER_LDLIBS)

# The fuzz target without libFuzzer: replays the corpus under gcc's sanitizers.
$(BUILD)/checker-fuzz-replay: $(CHECKER_LIB) $(CHECKER_FUZZ) $(CHECKER_REPLAY) $(CHECKER_HDRS) mk/checker.mk
	@mkdir -p $(@D)
	$(CHECKER_CC) $(CHECKER_CPPFLAGS) $(CHECKER_CFLAGS) -O1 $(CHECKER_SAN) -o $@ \
		$(CHECKER_LIB) $(CHECKER_FUZZ) $(CHECKER_REPLAY) $(CHECKER_LDLIBS)

# libFuzzer's runtime (libclang_rt.fuzzer) comes with libclang-rt-14-dev.
$(BUILD)/checker-fuzz: $(CHECKER_LIB) $(CHECKER_FUZZ) $(CHECKER_HDRS) mk/checker.mk
	@mkdir -p $(@D)
	$(CHECKER_CLANG) $(CHECKER_CPPFLAGS) -std=c11 -g -O1 -Wall -Wextra -Werror \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
		-o $@ $(CHECKER_LIB) $(CHECKER_FUZZ) $(CHECKER_LDLIBS)

.PHONY: checker checker-test fuzz install checker-install
checker: $(BUILD)/tlbprobe-check

# `make test` runs every target in EXTRA_TESTS and counts build/test-results.
EXTRA_TESTS += checker-test

checker-test: $(BUILD)/tlbprobe-check $(BUILD)/tlbprobe-check-san $(BUILD)/checker-fuzz-replay
	BUILD=$(BUILD) tests/checker/run.sh

# New inputs go to a work directory in $(BUILD), never into the source tree;
# tests/checker/corpus and any real logs are the seeds.
fuzz: $(BUILD)/checker-fuzz
	@mkdir -p $(BUILD)/fuzz/corpus $(BUILD)/fuzz/artifacts
	$(BUILD)/checker-fuzz -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
		-dict=tests/checker/fuzz.dict \
		-artifact_prefix=$(BUILD)/fuzz/artifacts/ \
		$(BUILD)/fuzz/corpus $(CHECKER_CORPUS) tests/checker/cases tests/checker/logs

install: checker-install
checker-install: $(BUILD)/tlbprobe-check
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(CHECKER_PROFILE_DIR)
	install -m 755 $(BUILD)/tlbprobe-check $(DESTDIR)$(PREFIX)/bin/tlbprobe-check
	install -m 644 $(CHECKER_PROFILES) $(DESTDIR)$(CHECKER_PROFILE_DIR)/

.DEFAULT_GOAL := $(CHECKER_SAVED_GOAL)
