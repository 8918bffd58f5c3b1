# make browser-test: the HTML report rendered in headless Chromium, every
# plot checked drawn, a screenshot kept (tests/report/browser-test.sh).
# Included by the top Makefile (-include mk/*.mk); part of make test.

.PHONY: browser-test
browser-test: kernel $(BUILD)/tlbprobe-check
	BUILD=$(BUILD) tests/report/browser-test.sh
