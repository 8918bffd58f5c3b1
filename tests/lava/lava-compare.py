#!/usr/bin/python3
"""Compare what LAVA recorded with the serial log of the run.

usage: lava-compare.py LAVA_RUN_JSONL SERIAL_LOG TARGET_OUT

LAVA_RUN_JSONL is lava-run's output (one JSON object a line); SERIAL_LOG is
QEMU's own copy of the serial port (chardev logfile), independent of LAVA.
Writes the lines LAVA logged from the target to TARGET_OUT, for reference.
Checks: the job and the monitor passed (end string found); the tlbprobe
suite has one case per KTAP result line of SERIAL_LOG (scenarios and
families), no case twice, and each case's result is the line's (ok pass,
not ok fail, # SKIP skip).  Prints PASS/FAIL lines and a summary; exit 0
when all pass.
"""
import json
import re
import sys
from datetime import datetime

RESULT_LINE = re.compile(
    r"^[ \t]*(not ok|ok) [0-9]+ ([^\s#]+)(?:[^#]*# (SKIP)\b)?")
FIX = {"ok": "pass", "not ok": "fail", "SKIP": "skip"}


def main():
    jsonl, serial_log, target_out = sys.argv[1], sys.argv[2], sys.argv[3]
    entries = []
    for line in open(jsonl, encoding="utf-8", errors="replace"):
        line = line.strip()
        if line.startswith("{"):
            try:
                entries.append(json.loads(line))
            except ValueError:
                pass
    target = [e["msg"] for e in entries if e.get("lvl") == "target"
              and isinstance(e.get("msg"), str)]
    with open(target_out, "w") as f:
        # LAVA escapes quotes in what it logs from the target.
        f.write("\n".join(t.replace('\\"', '"') for t in target) + "\n")
    results = [e["msg"] for e in entries if e.get("lvl") == "results"]
    suite = [r for r in results if r.get("definition") == "tlbprobe"]
    lava = {r.get("case"): r.get("result") for r in results
            if r.get("definition") == "lava"}
    monitor = [r for r in results if r.get("definition") == "lava"
               and r.get("case") == "lava-test-monitor"]

    want = []
    text = open(serial_log, encoding="utf-8", errors="replace").read()
    for part in re.split(r"\r\n|\r|\n", text):
        m = RESULT_LINE.match(part)
        if m:
            cid = re.sub(r"\W+", "_", m.group(2).strip().lower())
            want.append((cid, FIX[m.group(3) or m.group(1)]))
    got = [(r["case"], r["result"]) for r in suite]
    fails = []

    def check(ok, name, why=""):
        print("%s lava_run.%s%s" % ("PASS" if ok else "FAIL", name,
                                    ": " + why if why else ""))
        if not ok:
            fails.append(name)

    check(lava.get("job") == "pass", "job", "LAVA job result %s" % lava.get("job"))
    check(bool(monitor) and monitor[0].get("extra", {}).get("status") == "passed",
          "monitor_end", "the monitor found the end string" if monitor else
          "no lava-test-monitor result")
    check(len(want) > 0, "log_has_results", "%d result lines in %s" % (len(want), serial_log))
    check(len(set(c for c, _ in got)) == len(got), "unique_cases")
    check(got == want, "cases",
          "LAVA recorded %d cases, the log has %d result lines" % (len(got), len(want))
          + ("" if got == want else "; missing %s; extra %s" % (
              sorted(set(want) - set(got))[:5], sorted(set(got) - set(want))[:5])))
    counts = {k: sum(1 for _, r in got if r == k) for k in ("pass", "fail", "skip")}
    times = [datetime.fromisoformat(e["dt"]) for e in entries if "dt" in e]
    job_s = (max(times) - min(times)).total_seconds() if times else -1
    mon_s = monitor[0].get("duration") if monitor else "?"
    print("lava-test: LAVA recorded %d cases in suite tlbprobe (%d pass, %d fail, "
          "%d skip) for %d result lines in the log; job %.1f s from first to "
          "last log line, monitor %s s" % (len(got), counts["pass"], counts["fail"],
                                           counts["skip"], len(want), job_s, mon_s))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
