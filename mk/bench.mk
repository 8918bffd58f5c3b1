# make bench: the bench family's figures and the suite's own (docs/bench.md).
# Included by the top Makefile (-include mk/*.mk).
#
#   make bench [ACCEL=kvm CPU=host] [BENCH_ITERS=64] [BENCH_PATHS='kernel iso']
#
# ACCEL defaults to tcg here, whatever scripts/run-qemu.sh would pick: the
# KVM some hosts offer (nested, or PVM shadow paging) boots slowly and
# needs CPU=host,-arch-capabilities; ask for it explicitly.
# Writes $(BUILD)/bench/*.log and $(BUILD)/bench/summary.txt.

BUILD ?= build
CPU ?= max
MEM ?= 3G
TIMEOUT ?= 300
BENCH_ITERS ?= 64
BENCH_PATHS ?=
BENCH_ACCEL = $(if $(ACCEL),$(ACCEL),tcg)

.PHONY: bench
bench:
	BUILD='$(BUILD)' ACCEL='$(BENCH_ACCEL)' CPU='$(CPU)' MEM='$(MEM)' \
	TIMEOUT='$(TIMEOUT)' BENCH_ITERS='$(BENCH_ITERS)' \
	BENCH_PATHS='$(BENCH_PATHS)' MAKE='$(MAKE)' scripts/bench.sh
