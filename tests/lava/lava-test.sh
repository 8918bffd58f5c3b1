#!/bin/bash
# make lava-test: run docs/lava/qemu-kernel.yaml in LAVA's own dispatcher
# (Debian lava-dispatcher, lava-run, no server) with the QEMU device
# dictionary tests/lava/qemu-device.yaml, then compare what LAVA recorded
# with the serial log it captured (tests/lava/lava-compare.py).
# Everything is left in $BUILD/lava/.  Not part of `make test`: it needs the
# ~200 packages lava-dispatcher pulls in.
set -u
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
OUT=$BUILD/lava
if ! command -v lava-run >/dev/null 2>&1; then
	echo "lava-test: lava-run not found; as root: apt-get install -y lava-dispatcher (or make lava-deps)" >&2
	exit 2
fi
[ -r "$BUILD/tlbprobe.elf" ] || { echo "lava-test: $BUILD/tlbprobe.elf missing (make all)" >&2; exit 2; }
rm -rf "$OUT" && mkdir -p "$OUT"
elf=$(readlink -f "$BUILD/tlbprobe.elf")
# The job exactly as the docs keep it, with the kernel's URL made local.
sed "s|url: file:///srv/tlbprobe/tlbprobe.elf|url: file://$elf|" \
	docs/lava/qemu-kernel.yaml >"$OUT/job.yaml"
grep -q "url: file://$elf" "$OUT/job.yaml" ||
	{ echo "lava-test: docs/lava/qemu-kernel.yaml has no url: file:///srv/tlbprobe/tlbprobe.elf to replace" >&2; exit 1; }
echo "lava-test: lava-run $(dpkg-query -W -f='${Version}' lava-dispatcher 2>/dev/null) on $OUT/job.yaml"
start=$EPOCHREALTIME
lava-run --job-id "tlbprobe-$$" --output-dir "$OUT/run" \
	--device tests/lava/qemu-device.yaml "$OUT/job.yaml" >"$OUT/lava-run.jsonl" 2>&1
rc=$?
wall=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
echo "lava-test: lava-run exited $rc after ${wall} s (log: $OUT/lava-run.jsonl)"
/usr/bin/python3 tests/lava/lava-compare.py "$OUT/lava-run.jsonl" "$OUT/serial.log" |
	tee "$OUT/compare.txt"
status=${PIPESTATUS[0]}
[ $rc -eq 0 ] || status=1
if [ -x "$BUILD/tlbprobe-check" ]; then
	if "$BUILD/tlbprobe-check" --profile tcg "$OUT/serial.log" >"$OUT/check.txt" 2>&1; then
		echo "PASS lava_run.checker: $(tail -n 1 "$OUT/check.txt")"
	else
		echo "FAIL lava_run.checker: $(tail -n 1 "$OUT/check.txt")"
		status=1
	fi
fi
[ $status -eq 0 ] && echo "lava-test: PASS" || echo "lava-test: FAIL"
exit $status
