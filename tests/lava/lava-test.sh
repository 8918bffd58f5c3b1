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
echo "lava-test: lava-run $(dpkg-query -W -f='${Version}' lava-dispatcher 2>/dev/null)"

# lava_job NAME APPEND: the job exactly as docs/lava/qemu-kernel.yaml keeps
# it, with the kernel's URL made local and the kernel command line APPEND;
# run it in lava-run and compare.  Output in $OUT/NAME/.
lava_job() {
	local name=$1 append=$2 dir=$OUT/$1 rc start wall
	mkdir -p "$dir"
	sed -e "s|url: file:///srv/tlbprobe/tlbprobe.elf|url: file://$elf|" \
		-e "s|-append \"on_done=exit\"|-append \"$append\"|" \
		docs/lava/qemu-kernel.yaml >"$dir/job.yaml"
	if [ -n "${PATTERN:-}" ]; then
		PATTERN=$PATTERN /usr/bin/python3 -c 'import os, sys, yaml
j = yaml.safe_load(open(sys.argv[1]))
j["actions"][-1]["test"]["monitors"][0]["pattern"] = os.environ["PATTERN"]
yaml.safe_dump(j, open(sys.argv[1], "w"))' "$dir/job.yaml"
	fi
	if ! grep -q "url: file://$elf" "$dir/job.yaml" ||
		! grep -qF -- "-append \"$append\"" "$dir/job.yaml"; then
		echo "FAIL lava_run.$name.job: docs/lava/qemu-kernel.yaml lacks url: file:///srv/tlbprobe/tlbprobe.elf or -append \"on_done=exit\""
		status=1
		return
	fi
	sed "s|@SERIAL_LOG@|$(readlink -f "$dir")/serial.log|" tests/lava/qemu-device.yaml \
		>"$dir/device.yaml"
	start=$EPOCHREALTIME
	lava-run --job-id "tlbprobe-$name-$$" --output-dir "$dir/run" \
		--device "$dir/device.yaml" "$dir/job.yaml" >"$dir/lava-run.jsonl" 2>&1
	rc=$?
	wall=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
	echo "lava-test: $name: lava-run exited $rc after ${wall} s (-append \"$append\"; log $dir/lava-run.jsonl)"
	[ $rc -eq 0 ] || status=1
	/usr/bin/python3 tests/lava/lava-compare.py "$dir/lava-run.jsonl" "$dir/serial.log" \
		"$dir/lava-target.log" |
		sed "s/^\(PASS\|FAIL\) lava_run\./\1 lava_run.$name./; s/^lava-test:/lava-test: $name:/" |
		tee "$dir/compare.txt"
	compare_rc=${PIPESTATUS[0]}
	[ "$compare_rc" -eq 0 ] || [ "$name" = old_pattern ] || status=1
}

status=0
# The whole catalogue, as the docs' job boots it (pass and skip cases).
lava_job full "on_done=exit"
if [ -x "$BUILD/tlbprobe-check" ]; then
	if "$BUILD/tlbprobe-check" --profile tcg "$OUT/full/serial.log" >"$OUT/full/check.txt" 2>&1; then
		echo "PASS lava_run.full.checker: $(tail -n 1 "$OUT/full/check.txt")"
	else
		echo "FAIL lava_run.full.checker: $(tail -n 1 "$OUT/full/check.txt")"
		status=1
	fi
fi
# A run that fails (an unexpected #PF ends it): LAVA must record fail cases.
lava_job fail "tests=control.fresh_map,selftest.unexpected_fault on_done=exit"
if ! grep -q '^lava-test: fail: .* [1-9][0-9]* fail,' "$OUT/fail/compare.txt"; then
	echo "FAIL lava_run.fail.has_fail_cases: LAVA recorded no fail case for a failing run"
	status=1
else
	echo "PASS lava_run.fail.has_fail_cases"
fi
# A control: the pattern the docs gave before this one, in the same job.
# It must record fewer cases than the log has, or this test could not fail.
PATTERN='(?=(?:ok [0-9]+ [^\s#]+ # )?(?P<result>SKIP|not ok|ok))(?:not )?ok [0-9]+ (?P<test_case_id>[^\s#]+)[^\r\n]*\r?\n' \
	lava_job old_pattern "on_done=exit" >/dev/null
if [ "$compare_rc" -ne 0 ] && grep -q 'FAIL lava_run.old_pattern.cases' "$OUT/old_pattern/compare.txt"; then
	echo "PASS lava_run.old_pattern_control: $(sed -n 's/^lava-test: old_pattern: \(LAVA recorded [0-9]* cases\).*/\1 with the old pattern/p' "$OUT/old_pattern/compare.txt")"
else
	echo "FAIL lava_run.old_pattern_control: the old pattern passed the comparison"
	status=1
fi
[ $status -eq 0 ] && echo "lava-test: PASS" || echo "lava-test: FAIL"
exit $status
