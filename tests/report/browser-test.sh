#!/bin/bash
# SPDX-License-Identifier: MIT
#
# The HTML report in a real browser (make browser-test, part of make test;
# docs/checker.md, "Report"): boots the bench group under QEMU TCG into
# $BUILD/logs/bench.log (about 2 s) so the report has bench figures,
# runs `make report`, and renders $BUILD/report.html in headless Chromium:
#   - every plot (svg.plot) must have drawn marks of non-zero size after
#     layout (a copy of the page with a measuring script appended, read
#     back with --dump-dom; the report itself has no script), and the
#     plots the logs call for must be there (linux stale rates, bench
#     costs, reach, refill);
#   - a negative control: an empty plot put into a copy must be reported;
#   - a screenshot, kept as $BUILD/report-screenshot.png, must not be blank.
# Without Chromium the test says so and is skipped (SKIP), never passed.
# One line per check in $BUILD/test-results/browser.txt.
set -u
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
RESULTS=$BUILD/test-results/browser.txt
mkdir -p "$BUILD/test-results" "$BUILD/logs"
: > "$RESULTS"
failed=0
pass() { echo "PASS $1" >> "$RESULTS"; }
fail() { echo "FAIL $1: $2" >> "$RESULTS"; failed=1; }
skip() { echo "SKIP $1: $2" >> "$RESULTS"; }
finish() { cat "$RESULTS"; exit $failed; }

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	skip report.browser "chromium is not installed (scripts/install-deps.sh test installs Debian's chromium): the report was not rendered"
	finish
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# --no-sandbox: Chromium refuses to run as root with its sandbox.
chrome() {
	timeout 60 "$browser" --headless --no-sandbox --disable-gpu \
		--disable-dev-shm-usage --hide-scrollbars --no-first-run \
		--user-data-dir="$tmp/profile" "$@" 2>>"$tmp/chromium.err"
}
if ! chrome --dump-dom "data:text/html,<p id=alive>ok</p>" | grep -q 'id="alive"'; then
	skip report.browser "chromium does not run here: $(grep -v -i dbus "$tmp/chromium.err" | tail -1)"
	finish
fi

# The bench group (docs/bench.md) for the bench plots; TCG, one CPU.
if BUILD="$BUILD" BOOT=kernel ACCEL=tcg SMP=1 CPU=max MEM=3G TIMEOUT=120 \
	CMDLINE="tests=bench*" LOG="$BUILD/logs/bench.log" \
	scripts/run-qemu.sh > "$tmp/bench.out" 2>&1; then
	pass report.browser.bench_log
else
	fail report.browser.bench_log "the bench boot failed: $(tail -1 "$tmp/bench.out")"
fi
make -s --no-print-directory BUILD="$BUILD" report > "$tmp/report.out" 2>&1
page=$BUILD/report.html
if [ ! -s "$page" ]; then
	fail report.browser.page "make report wrote no $page: $(tail -1 "$tmp/report.out")"
	finish
fi

# measure PAGE: one "plot ID marks=N drawn=M" line per svg.plot after layout.
measure() {
	sed 's|</body>|<script>window.onload = function () {\
var out = [];\
document.querySelectorAll("svg.plot").forEach(function (s) {\
var m = s.querySelectorAll(".bar, .curve, .point"), d = 0;\
m.forEach(function (e) { var b = e.getBBox(); if (b.width > 0 \|\| b.height > 0) d++; });\
var r = s.getBoundingClientRect();\
out.push("plot " + s.id + " marks=" + m.length + " drawn=" + d + " size=" + Math.round(r.width) + "x" + Math.round(r.height));\
});\
var p = document.createElement("pre"); p.id = "plot-check"; p.textContent = out.join("\\n");\
document.body.appendChild(p); };</script></body>|' "$1" > "$tmp/measure.html"
	chrome --virtual-time-budget=10000 --dump-dom "file://$(realpath "$tmp/measure.html")" |
		sed -n '/<pre id="plot-check">/,/<\/pre>/p' | sed 's/<[^>]*>//g' | grep '^plot '
}
# A plot is drawn when every mark laid out with a size, and it has marks.
undrawn() { awk '{ split($3, m, "="); split($4, d, "="); split($5, z, "[=x]");
	if (m[2] == 0 || d[2] != m[2] || z[2] == 0 || z[3] == 0) print $2 }'; }

measure "$page" > "$tmp/plots.txt"
n=$(wc -l < "$tmp/plots.txt")
bad=$(undrawn < "$tmp/plots.txt" | tr '\n' ' ')
if [ "$n" -eq 0 ]; then
	fail report.browser.plots_drawn "no plot measured in $page ($(grep -v -i dbus "$tmp/chromium.err" | tail -1))"
elif [ -n "$bad" ]; then
	fail report.browser.plots_drawn "plots without drawn marks: $bad"
else
	pass report.browser.plots_drawn
fi
echo "browser-test: $n plots drawn in $page"
for want in rates-linux bench-costs reach-bench refill-bench; do
	if grep -q "^plot $want " "$tmp/plots.txt"; then
		pass "report.browser.has.$want"
	else
		fail "report.browser.has.$want" "no drawn plot $want"
	fi
done
# Negative control: an empty plot must be found undrawn.
sed 's|</body>|<svg class="plot" id="control-empty" width="100" height="50"></svg></body>|' \
	"$page" > "$tmp/control.html"
if measure "$tmp/control.html" | undrawn | grep -qx control-empty; then
	pass report.browser.empty_plot_control
else
	fail report.browser.empty_plot_control "an empty plot was not reported"
fi

# The row-curve form (checker/report_plots.c, row_curves[]) with a row of
# the shape tests/kernel/psc_size.c prints (nN=seen/probed at each N of
# the sweep, then capacity=): one curve of three points.
{
	printf 'KTAP version 1\n1..1\n  KTAP version 1\n  # Subtest: psc_size\n  1..1\n'
	printf '  # result: name=psc_size.pde class=observation level=pmd flush=none reuse=canary tce=0 cpus=1 iters=3 probes=84 coherent=0 stale_tlb=0 stale_walk=32 fault=52 n4=4/4 n16=16/16 n64=12/64 capacity=16..63\n'
	printf '  ok 1 psc_size.pde\n'
	printf 'ok 1 psc_size\n# totals: pass=0 fail=0 skip=0 observation=1 inconclusive=0\n'
	printf '# TLBPROBE-DONE verdict=pass\n'
} > "$tmp/psc_size.log"
"$BUILD/tlbprobe-check" report --html "$tmp/curve.html" "$tmp/psc_size.log" > /dev/null 2>&1
if [ -s "$tmp/curve.html" ] && measure "$tmp/curve.html" | grep -q '^plot curve-psc_size marks=4 drawn=4 '; then
	pass report.browser.row_curve
else
	fail report.browser.row_curve "no drawn curve-psc_size plot (one line, three points) for a psc_size row"
fi

# The page as a person sees it, kept: it must not be one flat colour.
shot=$BUILD/report-screenshot.png
rm -f "$shot"
chrome --window-size=1400,2400 --screenshot="$shot" "file://$(realpath "$page")" > /dev/null
if python3 - "$shot" <<'PY'
import sys, zlib, struct
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n'
pos, idat = 8, b''
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    if kind == b'IDAT':
        idat += data[pos + 8:pos + 8 + n]
    pos += 12 + n
# A blank page filters to a handful of byte values; text and plots to many.
sys.exit(0 if len(set(zlib.decompress(idat))) > 32 else 1)
PY
then
	pass report.browser.screenshot
else
	fail report.browser.screenshot "$shot is missing or blank"
fi
finish
