#!/usr/bin/python3
# read.py KIND FILE: what one consumer makes of FILE, as one line
# "tests=N fail=N skip=N error=N inconclusive=NAME,NAME" (inconclusive: the
# skipped tests whose reason starts "inconclusive"), or "error: WHY".
#   json   the checker's --json (what the checker itself says)
#   tappy  tap.py's loader and unittest (Debian python3-tap)
#   junit  junitparser (Debian python3-junitparser)
import io
import json
import sys
import unittest


def line(tests, fail, skip, error, inc):
    print("tests=%d fail=%d skip=%d error=%d inconclusive=%s" %
          (tests, fail, skip, error, ",".join(sorted(inc)) or "-"))


def from_json(path):
    d = json.load(open(path))
    sc = d["run"]["scenarios"] if d.get("run") else []
    fail = sum(1 for s in sc if s.get("profile") == "fail")
    placed = sum(len(s.get("problems") or []) for s in sc)
    fail += len(d.get("problems") or []) - placed
    inc = [s["name"] for s in sc
           if s.get("inconclusive") and s.get("profile") != "fail"]
    skip = sum(1 for s in sc if s.get("profile") != "fail" and
               (s.get("inconclusive") or s.get("ktap") == "skip"))
    tests = len(sc) + len(d.get("problems") or []) - placed
    line(tests, fail, skip, 0, inc)


def from_tappy(path):
    from tap.loader import Loader
    from tap.parser import Parser
    suite = Loader().load_suite_from_file(path)
    res = unittest.TextTestRunner(stream=io.StringIO(), verbosity=0).run(suite)
    # A stream tap.py refuses (no plan, a plan in the wrong place) comes
    # back as a failed test with no number and the reason as its name:
    # that is not reading it.
    for t, tb in res.failures:
        ln = getattr(t, "_line", None)
        if ln is not None and ln.number is None:
            print("error: " + ln.description)
            return
    inc = [ln.description.lstrip("- ") for ln in Parser().parse_file(path)
           if ln.category == "test" and ln.skip and
           ln.directive.reason.startswith("inconclusive")]
    line(res.testsRun, len(res.failures), len(res.skipped), len(res.errors), inc)


def from_junit(path):
    from junitparser import JUnitXml, Skipped, Failure, Error
    tests = fail = skip = err = 0
    inc = []
    for suite in JUnitXml.fromfile(path):
        for case in suite:
            tests += 1
            for r in case.result:
                if isinstance(r, Skipped):
                    skip += 1
                    if (r.message or "").startswith("inconclusive"):
                        inc.append(case.name)
                elif isinstance(r, Failure):
                    fail += 1
                elif isinstance(r, Error):
                    err += 1
    line(tests, fail, skip, err, inc)


try:
    {"json": from_json, "tappy": from_tappy, "junit": from_junit}[sys.argv[1]](sys.argv[2])
except Exception as e:  # any consumer that cannot read it says so
    print("error: %s: %s" % (type(e).__name__, e))
