#!/bin/bash
# SPDX-License-Identifier: MIT
# The checker's memory on a log of many runs: writes RUNS runs into OUT
# (gen-big-log.sh), checks it, and prints one line
#   big-log: RUNS runs, BYTES bytes: exit N, max RSS KB kB, W s wall, U s user
# The checker reads in pieces and keeps two runs whole (docs/checker.md,
# "Memory"), so its RSS stays near that of one run whatever RUNS is; a
# reader that held the file would need more than BYTES.
#   tests/reliability/big-log.sh [RUNS] [OUT]    (make big-log-check: 10000)
# Exit status: the checker's.  OUT is removed unless KEEP=1.
set -u
cd "$(dirname "$0")/../.." || exit 3
BUILD=${BUILD:-build}
runs=${1:-10000}
out=${2:-$BUILD/big.log}
mkdir -p "$(dirname "$out")"
tests/reliability/gen-big-log.sh "$out" "$runs" > /dev/null || exit 3
bytes=$(wc -c < "$out")
# getrusage() of the finished child: max RSS in kB (Linux), CPU and wall.
line=$(python3 - "$BUILD/tlbprobe-check" --profile auto "$out" <<'EOF'
import resource, subprocess, sys, time
t = time.monotonic()
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL).returncode
wall = time.monotonic() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"exit {rc}, max RSS {ru.ru_maxrss} kB, {wall:.1f} s wall, "
      f"{ru.ru_utime:.1f} s user")
sys.exit(rc)
EOF
)
rc=$?
echo "big-log: $runs runs, $bytes bytes: $line"
[ "${KEEP:-0}" = 1 ] || rm -f "$out"
exit "$rc"
