#!/bin/bash
# SPDX-License-Identifier: MIT
# A synthetic lab capture: RUNS complete runs in one serial log, as a
# console left running over a weekend of on_done=reboot would collect.
# The runs are real logs (default: tests/checker/logs/*.pass.log, about
# 100 KB each), taken in turn, so every run is sealed and judged; 10,000
# of them make a log of about 1 GB.
#   tests/reliability/gen-big-log.sh OUT [RUNS] [LOG...]
# The file belongs in build/ (make big-log-check writes build/big.log),
# never in the repository.
set -eu
cd "$(dirname "$0")/../.."
out=${1:?usage: gen-big-log.sh OUT [RUNS] [LOG...]}
runs=${2:-10000}
shift $(($# < 2 ? $# : 2))
if [ $# = 0 ]; then
	set -- tests/checker/logs/*.pass.log
fi
case $runs in
'' | *[!0-9]*) echo "gen-big-log: RUNS must be a number, not '$runs'" >&2; exit 2 ;;
esac
# A block of up to 100 runs, written once, then the block again and again:
# 100 cat calls for 10,000 runs instead of 10,000.
block=$(mktemp "${TMPDIR:-/tmp}/big-log-block.XXXXXX")
trap 'rm -f "$block"' EXIT
per=$((runs < 100 ? runs : 100))
logs=("$@")
for ((i = 0; i < per; i++)); do
	cat "${logs[i % ${#logs[@]}]}"
done > "$block"
: > "$out"
for ((done = 0; done + per <= runs; done += per)); do
	cat "$block" >> "$out"
done
for ((; done < runs; done++)); do
	cat "${logs[done % ${#logs[@]}]}" >> "$out"
done
echo "gen-big-log: $out: $runs runs, $(wc -c < "$out") bytes"
