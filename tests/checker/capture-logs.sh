#!/bin/bash
# Recaptures the real serial logs in tests/checker/logs/ with the kernel
# built here, the way each was first captured (QEMU TCG, so the same on
# every host).  Run it after a change to what the kernel prints, then
# `perl tests/checker/make-cases.pl` to regenerate the cases derived from
# them, and commit both (tests/checker/run.sh checks that the cases match).
#
#   tests/checker/capture-logs.sh [BUILD=build]
set -eu
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
LOGS=tests/checker/logs
ISO_BUILD=$BUILD/capture-iso

# capture NAME EXPECTED_STATUS VAR=VALUE...: one boot into $LOGS/NAME.log.
capture() {
	local name=$1 want=$2 rc
	shift 2
	set +e
	env BUILD="$BUILD" ACCEL=tcg CPU=max MEM=3G TIMEOUT=300 \
		LOG="$LOGS/$name.log" "$@" scripts/run-qemu.sh >/dev/null 2>&1
	rc=$?
	set -e
	if [ "$rc" != "$want" ]; then
		echo "capture-logs: $name: run-qemu exited $rc, expected $want" >&2
		exit 1
	fi
	echo "capture-logs: $LOGS/$name.log"
}

make -s BUILD="$BUILD" kernel
# The ISO as `make iso` builds it with no command line (iters=16).
make -s BUILD="$ISO_BUILD" CMDLINE= iso
capture tcg-max.pass 0 BOOT=kernel CMDLINE="iters=2"
capture tcg-qemu64.pass 0 BOOT=kernel CPU=qemu64 CMDLINE="iters=2"
capture tcg-mem64.pass 0 BOOT=kernel MEM=64M CMDLINE="iters=2"
capture bad-option 1 BOOT=kernel CMDLINE="iters=0"
capture iso-grub.pass 0 BOOT=iso BUILD="$ISO_BUILD"
capture uefi-ovmf.pass 0 BOOT=uefi BUILD="$ISO_BUILD"
