#!/usr/bin/python3
"""Check the LAVA jobs of the docs: LAVA's own schema, one monitors block,
and a pattern that records every result line however the lines end.

usage: validate.py RESULTS LOG...

- every docs/lava/*.yaml and every full job (a YAML block with
  device_type and actions) in docs/lab.md passes
  lava_common.schemas.validate (Debian package lava-common);
- the lab.md copy of a job equals its file in docs/lava/;
- every job carries the same monitors block;
- that block's pattern, run the way LAVA's monitor runs it (pexpect with
  LAVA's ShellCommand window sizes, expect([EOF, TIMEOUT, end, pattern]) in
  a loop), records exactly one case per KTAP result line of each LOG, with
  LAVA's case-id rewriting and the block's fixupdict, for \\n, \\r\\n,
  \\r\\r\\n (a pty), bare \\r and mixed line ends, for 4-space and 2-space
  nesting and for result lines with extra key=value fields;
- the pattern the docs had before (a control) misses the \\r\\r\\n stream.

Writes PASS/FAIL lines to RESULTS.
"""
import glob
import os
import random
import re
import sys

import yaml
from lava_common.schemas import validate
import pexpect
from pexpect.popen_spawn import PopenSpawn

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
OLD_PATTERN = (r"(?=(?:ok [0-9]+ [^\s#]+ # )?(?P<result>SKIP|not ok|ok))"
               r"(?:not )?ok [0-9]+ (?P<test_case_id>[^\s#]+)[^\r\n]*\r?\n")
RESULT_LINE = re.compile(
    r"^[ \t]*(not ok|ok) [0-9]+ ([^\s#]+)(?:[^\r\n#]*# (SKIP)\b)?")

out = []


def record(ok, name, why=""):
    line = "%s lava.%s%s" % ("PASS" if ok else "FAIL", name,
                             ": " + why if why else "")
    print(line)
    out.append(line)


def lab_md_jobs():
    """The YAML blocks of docs/lab.md that are whole jobs."""
    text = open(os.path.join(ROOT, "docs", "lab.md")).read()
    jobs = []
    for block in re.findall(r"```yaml\n(.*?)```", text, re.S):
        data = yaml.safe_load(block)
        if isinstance(data, dict) and "actions" in data:
            jobs.append(data)
    return jobs


def monitors_of(job):
    for action in job.get("actions", []):
        test = action.get("test")
        if test and "monitors" in test:
            return test["monitors"]
    return None


def expected_cases(text, fixup):
    """One case per KTAP result line, as LAVA names and classifies it."""
    cases = []
    for line in re.split(r"\r\n|\r|\n", text):
        m = RESULT_LINE.match(line)
        if not m:
            continue
        raw = m.group(3) or m.group(1)
        cid = re.sub(r"\W+", "_", m.group(2).strip().lower())
        cases.append((cid, fixup.get(raw, raw)))
    return cases


def lava_monitor(data, monitor, path):
    """LAVA's TestMonitorAction loop over DATA, without the dispatcher."""
    with open(path, "wb") as f:
        f.write(data.encode())
    # ShellCommand's settings: searchwindowsize=4000, maxread=window (2000).
    conn = PopenSpawn(["cat", path], encoding="utf-8", timeout=10,
                      searchwindowsize=4000, maxread=2000,
                      codec_errors="replace")
    conn.expect(monitor["start"])
    patterns = [pexpect.EOF, pexpect.TIMEOUT, monitor["end"], monitor["pattern"]]
    fixup = monitor.get("fixupdict") or {}
    cases, ended = [], False
    while True:
        i = conn.expect(patterns)
        if i in (0, 1):
            break
        if i == 2:
            ended = True
            break
        m = conn.match.groupdict()
        result = fixup.get(m["result"], m["result"])
        cases.append((re.sub(r"\W+", "_", m["test_case_id"].strip().lower()),
                      result))
    return cases, ended


def variants(text):
    """The same log with other line ends, nesting and extra fields."""
    lines = re.split(r"\r\n|\r|\n", text)
    rng = random.Random(13)
    two = [re.sub(r"^((?:    )+)", lambda m: "  " * (len(m.group(1)) // 4), l)
           for l in lines]
    extra = [re.sub(r"^([ \t]*(?:not )?ok [0-9]+ [^\s#]+)", r"\1 checksum=0x1f2e",
                    l) if RESULT_LINE.match(l) and "# SKIP" not in l else l
             for l in two]
    extra = [l + " crc=0xabcd" if "TLBPROBE-DONE" in l else l for l in extra]
    return {
        "lf": "\n".join(lines) + "\n",
        "crlf": "\r\n".join(lines) + "\r\n",
        "pty_crcrlf": "\r\r\n".join(lines) + "\r\r\n",
        "cr": "\r".join(lines) + "\r",
        "mixed": "".join(l + rng.choice(["\n", "\r\n", "\r\r\n", "\r"])
                         for l in lines),
        "indent2_crcrlf": "\r\r\n".join(two) + "\r\r\n",
        "extra_fields_mixed": "".join(l + rng.choice(["\n", "\r\n", "\r\r\n"])
                                      for l in extra),
    }


def main():
    results_path, logs = sys.argv[1], sys.argv[2:]
    files = sorted(glob.glob(os.path.join(ROOT, "docs", "lava", "*.yaml")))
    record(len(files) > 0, "jobs_present", "%d files in docs/lava" % len(files))
    jobs = {}
    for path in files:
        name = os.path.basename(path)
        try:
            job = yaml.safe_load(open(path))
            validate(job, strict=True)
            jobs[name] = job
            record(True, "schema." + name)
        except Exception as exc:  # the schema raises voluptuous.Invalid
            record(False, "schema." + name, str(exc))
    for i, job in enumerate(lab_md_jobs()):
        try:
            validate(job, strict=True)
            same = [n for n, j in jobs.items() if j == job]
            record(bool(same), "lab_md.job%d" % (i + 1),
                   "equals docs/lava/" + same[0] if same else
                   "differs from every docs/lava/*.yaml: keep them the same")
        except Exception as exc:
            record(False, "lab_md.job%d" % (i + 1), str(exc))

    blocks = {n: monitors_of(j) for n, j in jobs.items()}
    ref = blocks.get("pxe-minimal.yaml")
    diff = [n for n, b in blocks.items() if b != ref]
    record(ref is not None and not diff, "monitors_identical",
           "differ: " + ", ".join(diff) if diff else "")
    if ref is None:
        return finish(results_path)
    monitor = ref[0]

    tmp = os.environ.get("TMPDIR", "/tmp")
    stream = os.path.join(tmp, "tlbprobe-lava-stream.%d" % os.getpid())
    try:
        for log in logs:
            text = open(log, encoding="utf-8", errors="replace").read()
            base = os.path.basename(log)
            for vname, data in variants(text).items():
                want = expected_cases(data, monitor.get("fixupdict") or {})
                got, ended = lava_monitor(data, monitor, stream)
                ok = ended and got == want and len(want) > 0
                why = "%d cases recorded, %d result lines" % (len(got), len(want))
                if not ended:
                    why += "; end string not found"
                elif got != want:
                    bad = [(g, w) for g, w in zip(got, want) if g != w][:2]
                    why += "; first differences %s" % bad
                record(ok, "pattern.%s.%s" % (base, vname), why)
            old = dict(monitor, pattern=OLD_PATTERN)
            got, _ = lava_monitor(variants(text)["pty_crcrlf"], old, stream)
            want = expected_cases(text, monitor.get("fixupdict") or {})
            record(len(got) < len(want), "old_pattern_control.%s" % base,
                   "the old pattern records %d of %d cases on a pty stream"
                   % (len(got), len(want)))
    finally:
        if os.path.exists(stream):
            os.unlink(stream)
    return finish(results_path)


def finish(results_path):
    with open(results_path, "w") as f:
        f.write("\n".join(out) + "\n")
    return 0 if all(l.startswith("PASS") for l in out) else 1


if __name__ == "__main__":
    sys.exit(main())
