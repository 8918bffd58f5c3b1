# tlbprobe-check: the host-side log checker (docs/checker.md).
# Included by the top Makefile (-include mk/*.mk); also usable alone with
# `make -f mk/checker.mk TARGET`.

# Keep the including Makefile's default goal: these rules must not become it.
CHECKER_SAVED_GOAL := $(.DEFAULT_GOAL)

BUILD ?= build
PREFIX ?= /usr/local
DESTDIR ?=
FUZZ_SECONDS ?= 60
# FUZZ_RUNS=N stops after N executions instead (e.g. 10000000); inputs are
# kept to FUZZ_MAX_LEN bytes, where the parser's paths are and libFuzzer is
# fast (the longer seeds are cut to it).
FUZZ_RUNS ?= -1
FUZZ_MAX_LEN ?= 4096

CHECKER_CC ?= gcc
CHECKER_CLANG ?= clang
CHECKER_PROFILE_DIR := $(PREFIX)/share/tlbprobe/profiles
CHECKER_CFLAGS ?= -std=c11 -O2 -g -Wall -Wextra -Werror -Wshadow \
	-Wstrict-prototypes -Wmissing-prototypes
CHECKER_CPPFLAGS := -D_GNU_SOURCE -I. \
	-DCHECKER_PROFILE_DIR='"$(CHECKER_PROFILE_DIR)"' \
	-DCHECKER_SOURCE_PROFILE_DIR='"$(CURDIR)/profiles"'
CHECKER_LDLIBS := -ljansson -lm
CHECKER_SAN := -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined

CHECKER_LIB_SRCS := util.c logtext.c kv.c ktap.c profile.c profile_load.c \
	judge.c arch.c arch_rule.c json_out.c check.c report.c report_cell.c \
	report_md.c report_html.c integrity.c junit.c caching.c bounds.c units.c \
	params.c legacy_params.c answer_check.c plot_svg.c report_plots.c row_view.c tap_out.c \
	report_bench_plots.c
CHECKER_LIB_SRCS += errata.c
CHECKER_LIB_SRCS += ktap_comment.c ktap_run.c integrity_lines.c
# The CRC-32 is the kernel's own (kernel/log_seal.c seals with it).
CHECKER_LIB := $(addprefix checker/,$(CHECKER_LIB_SRCS)) kernel/crc32.c harness/evidence.c kernel/glob.c \
	mm/flush_table.c
CHECKER_HDRS := $(wildcard checker/*.h) kernel/outcomes.def kernel/crc32.h \
	kernel/types.h kernel/row_params.def mm/flush.h mm/flush_kinds.def \
	harness/evidence.h kernel/strutil.h kernel/glob.h
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
# FUZZ_SAN picks the sanitizers: address,undefined by default; undefined
# alone runs about 2.5 times as many inputs a second, and `make fuzz`
# replays every input it kept under gcc's ASan+UBSan afterwards anyway.
FUZZ_SAN ?= address,undefined
comma := ,
FUZZ_BIN := $(BUILD)/checker-fuzz-$(subst $(comma),-,$(FUZZ_SAN))
$(BUILD)/checker-fuzz-%: $(CHECKER_LIB) $(CHECKER_FUZZ) $(CHECKER_HDRS) mk/checker.mk
	@mkdir -p $(@D)
	$(CHECKER_CLANG) $(CHECKER_CPPFLAGS) -std=c11 -g -O1 -Wall -Wextra -Werror \
		-fsanitize=fuzzer,$(subst -,$(comma),$*) -fno-sanitize-recover=undefined \
		-o $@ $(CHECKER_LIB) $(CHECKER_FUZZ) $(CHECKER_LDLIBS)

.PHONY: checker checker-test fuzz install checker-install
checker: $(BUILD)/tlbprobe-check

# `make test` runs every target in EXTRA_TESTS and counts build/test-results.
EXTRA_TESTS += checker-test

checker-test: $(BUILD)/tlbprobe-check $(BUILD)/tlbprobe-check-san $(BUILD)/checker-fuzz-replay
	BUILD=$(BUILD) tests/checker/run.sh

# New inputs go to a work directory in $(BUILD), never into the source tree;
# tests/checker/corpus and any real logs are the seeds.  FUZZ_JOBS=N runs N
# processes (libFuzzer's -jobs; FUZZ_RUNS counts per job).  scripts/fuzz.sh
# prints the executions and the time, then replays every input kept under
# ASan+UBSan (gcc), whatever FUZZ_SAN was.  The 10 million run:
#   make fuzz FUZZ_SAN=undefined FUZZ_MAX_LEN=768 FUZZ_JOBS=2 FUZZ_RUNS=5000000
FUZZ_JOBS ?= 1
fuzz: $(FUZZ_BIN) $(BUILD)/checker-fuzz-replay
	BUILD=$(BUILD) FUZZ_BIN=$(FUZZ_BIN) FUZZ_JOBS=$(FUZZ_JOBS) \
	FUZZ_RUNS=$(FUZZ_RUNS) FUZZ_SECONDS=$(FUZZ_SECONDS) \
	FUZZ_MAX_LEN=$(FUZZ_MAX_LEN) scripts/fuzz.sh \
		$(CHECKER_CORPUS) tests/checker/cases tests/checker/logs

install: checker-install
checker-install: $(BUILD)/tlbprobe-check
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(CHECKER_PROFILE_DIR)
	install -m 755 $(BUILD)/tlbprobe-check $(DESTDIR)$(PREFIX)/bin/tlbprobe-check
	install -m 644 $(CHECKER_PROFILES) $(DESTDIR)$(CHECKER_PROFILE_DIR)/

.DEFAULT_GOAL := $(CHECKER_SAVED_GOAL)
