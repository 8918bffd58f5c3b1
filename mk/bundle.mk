# make bundle: a self-contained tarball for machines that have none of our
# packages and no network (README.md, "Run it on your machine").
# Included by the top Makefile (-include mk/*.mk).
#
#   make bundle        -> build/tlbprobe-bundle-VERSION.tar.gz (at most 40 MB)
#   make bundle-test   unpack it in a fresh directory and run it under TCG
#                      with the host's QEMU, firmware and this tree hidden
#                      (tests/bundle/bundle-test.sh; part of `make test`)

BUILD ?= build
BUNDLE_VERSION ?= $(shell git describe --always --dirty 2>/dev/null || date -u +%Y%m%d)
BUNDLE_TAR := $(BUILD)/tlbprobe-bundle-$(BUNDLE_VERSION).tar.gz

.PHONY: bundle bundle-test
bundle: $(BUNDLE_TAR)

$(BUNDLE_TAR): $(BUILD)/tlbprobe.elf $(BUILD)/tlbprobe.iso $(BUILD)/tlbprobe-check \
		scripts/bundle-make.sh scripts/bundle-run.sh scripts/bundle-readme.txt \
		$(wildcard profiles/*.profile) mk/bundle.mk
	scripts/bundle-make.sh $(BUILD) $(BUNDLE_VERSION)

# A bundle that does not build (too big, a file missing) is a FAIL line too.
bundle-test:
	@mkdir -p $(BUILD)/test-results
	@$(MAKE) --no-print-directory $(BUNDLE_TAR) || { \
		echo "FAIL bundle.build: make bundle failed" > $(BUILD)/test-results/bundle.txt; \
		exit 1; }
	BUILD=$(BUILD) BUNDLE=$(BUNDLE_TAR) tests/bundle/bundle-test.sh
