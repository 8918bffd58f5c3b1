#!/bin/bash
# make fuzz: run the checker's libFuzzer target, then replay every input it
# kept under gcc's ASan+UBSan, and say how many inputs ran and how long.
#   FUZZ_BIN FUZZ_JOBS FUZZ_RUNS (per job; -1: FUZZ_SECONDS instead)
#   FUZZ_SECONDS FUZZ_MAX_LEN BUILD; seeds are the arguments.
# Exit 1 on any crash, leak, timeout or sanitizer report.
set -u
BUILD=${BUILD:-build}
W=$BUILD/fuzz
mkdir -p "$W/corpus" "$W/artifacts"
rm -f "$W"/fuzz-*.log
limit=(-max_total_time="$FUZZ_SECONDS")
[ "$FUZZ_RUNS" != -1 ] && limit=(-runs="$FUZZ_RUNS")
seeds=()
for s in "$@"; do seeds+=("$(realpath "$s")"); done
start=$EPOCHREALTIME
if [ "$FUZZ_JOBS" -gt 1 ]; then
	# independent processes: -runs counts per job; logs in $W/fuzz-N.log
	bin=$(realpath "$FUZZ_BIN")
	dict=$(realpath tests/checker/fuzz.dict)
	(cd "$W" && "$bin" "${limit[@]}" -jobs="$FUZZ_JOBS" \
		-workers="$FUZZ_JOBS" -max_len="$FUZZ_MAX_LEN" -timeout=10 \
		-print_final_stats=1 -dict="$dict" \
		-artifact_prefix=artifacts/ corpus "${seeds[@]}")
	rc=$?
else
	"$FUZZ_BIN" "${limit[@]}" -max_len="$FUZZ_MAX_LEN" -timeout=10 \
		-print_final_stats=1 -dict=tests/checker/fuzz.dict \
		-artifact_prefix="$W/artifacts/" "$W/corpus" "${seeds[@]}" \
		> "$W/fuzz-0.log" 2>&1
	rc=$?
	tail -5 "$W/fuzz-0.log"
fi
wall=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')
runs=$(cat "$W"/fuzz-*.log | awk '/^stat::number_of_executed_units:/ { n += $2 } END { print n + 0 }')
crashes=$(ls "$W/artifacts" | wc -l)
echo "fuzz: $runs executions in ${wall}s with $FUZZ_JOBS job(s) ($FUZZ_BIN, inputs up to $FUZZ_MAX_LEN bytes); $crashes crash/leak/timeout artifacts in $W/artifacts; libFuzzer status $rc"
find "$W/corpus" -type f -print0 | xargs -0 -r "$BUILD/checker-fuzz-replay" > "$W/replay.txt" 2> "$W/replay.err"
rrc=$?
echo "fuzz: $(awk '{ n += $2 } END { print n + 0 }' "$W/replay.txt") kept inputs replayed under ASan+UBSan: status $rrc"
[ "$rc" = 0 ] && [ "$rrc" = 0 ] && [ "$crashes" = 0 ]
