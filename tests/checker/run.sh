#!/usr/bin/env bash
# Tests for tlbprobe-check (docs/checker.md, "Tests").  Every case runs
# against the normal and the sanitizer build; each result is one line,
# "PASS name" or "FAIL name: reason", in $BUILD/test-results/checker.txt.
# Exits 1 if any case failed.
set -u
cd "$(dirname "$0")/../.." || exit 1

BUILD=${BUILD:-build}
CASES=tests/checker/cases
LOGS=tests/checker/logs
CORPUS=tests/checker/corpus
RESULTS=$BUILD/test-results/checker.txt
BINS=("$BUILD/tlbprobe-check" "$BUILD/tlbprobe-check-san")

# A sanitizer report must never be mistaken for exit status 1.
export ASAN_OPTIONS=exitcode=86:detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:exitcode=87:print_stacktrace=1
SAN_PATTERN='AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:'

mkdir -p "$BUILD/test-results"
: > "$RESULTS"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

pass() { echo "PASS $1" >> "$RESULTS"; }
fail() { echo "FAIL $1: $2" >> "$RESULTS"; failed=1; }

# A binary's variant suffix in test names: "" or ".san".
variant() { case $1 in *-san) echo .san ;; *) echo "" ;; esac; }

# check_output NAME RC OUT ERR: sets $why when the run is not as expected.
# Uses the globals parsed from the .expect file.
check_output() {
	local rc=$2 out=$3 err=$4 e j
	why=
	if grep -Eq "$SAN_PATTERN" "$err"; then
		why="sanitizer: $(grep -Em1 "$SAN_PATTERN" "$err")"
		return
	fi
	if [ -n "$want_exit" ] && ! [[ " $want_exit " == *" $rc "* ]]; then
		why="exit $rc, expected $want_exit ($(head -c 300 "$out" "$err" | tr '\n' ' '))"
		return
	fi
	for e in "${want_text[@]}"; do
		if ! cat "$out" "$err" | grep -qF -- "$e"; then
			why="output lacks '$e'"
			return
		fi
	done
	for j in "${want_json[@]}"; do
		if ! command -v jq > /dev/null; then
			why="jq is not installed"
			return
		fi
		if ! jq -e "$j" "$out" > /dev/null 2>&1; then
			why="JSON check failed: $j"
			return
		fi
	done
}

# expand_plines VAR TEXT: TEXT with each @PLINE{PROFILE|RULE} replaced by
# the number of the first line of PROFILE (a built-in name, or a path, where
# @CASES works) that holds RULE and is not a comment.  Expectations name a
# profile's rule by its text, so they survive edits elsewhere in the profile.
# Returns 1, with the reason in $expect_error, if no such line exists.
expand_plines() {
	local -n _out=$1
	local s=$2 res='' spec prof rule file n
	while [[ $s == *'@PLINE{'* ]]; do
		res+=${s%%'@PLINE{'*}
		s=${s#*'@PLINE{'}
		spec=${s%%\}*}
		s=${s#*\}}
		prof=${spec%%|*} rule=${spec#*|}
		prof=${prof//@CASES/$CASES}
		case $prof in */*|*.profile) file=$prof ;; *) file=profiles/$prof.profile ;; esac
		n=$(grep -nF -- "$rule" "$file" 2> /dev/null | grep -v '^[0-9]*:[[:space:]]*#' | head -1)
		if [ -z "$n" ]; then
			expect_error="no rule '$rule' in $file"
			return 1
		fi
		res+=${n%%:*}
	done
	_out=$res$s
}

# read_expect FILE DEFAULT_LOG: the case description (format in docs/checker.md).
read_expect() {
	local key rest
	want_args="@LOG" want_exit="" want_stdin="" want_text=() want_json=()
	case_log=$2 expect_error="bad expectation file $1"
	while IFS= read -r line || [ -n "$line" ]; do
		key=${line%% *}
		rest=${line#"$key"}
		rest=${rest# }
		case $key in
		expect|json) expand_plines rest "$rest" || return 1 ;;
		esac
		case $key in
		''|'#'*) ;;
		args) want_args=$rest ;;
		exit) want_exit=$rest ;;
		log) case_log=$(dirname "$1")/$rest ;;
		stdin) want_stdin=$rest ;;
		expect) want_text+=("$rest") ;;
		json) want_json+=("$rest") ;;
		*) echo "$1: unknown key '$key'" >&2; return 1 ;;
		esac
	done < "$1"
}

# run_case NAME EXPECT_FILE DEFAULT_LOG
run_case() {
	local name=$1 bin v args rc in
	if ! read_expect "$2" "$3"; then
		fail "checker.$name" "$expect_error"
		return
	fi
	args=${want_args//@LOG/$case_log}
	args=${args//@CASES/$CASES}
	in=${want_stdin//@LOG/$case_log}
	for bin in "${BINS[@]}"; do
		v=$(variant "$bin")
		# shellcheck disable=SC2086 # args are words by design
		timeout 60 "$bin" $args < "${in:-/dev/null}" > "$tmp/out" 2> "$tmp/err"
		rc=$?
		check_output "$name" "$rc" "$tmp/out" "$tmp/err"
		if [ -z "$why" ]; then pass "checker.$name$v"; else fail "checker.$name$v" "$why"; fi
	done
}

run_cases() {
	local f name
	for f in "$CASES"/*.expect; do
		name=$(basename "$f" .expect)
		run_case "$name" "$f" "$CASES/$name.log"
	done
}

# Real serial logs: NAME.expect beside the log, or the name says the status
# (*.pass.log 0, *.fail.log 1, *.incomplete.log 2); otherwise any of 0-2.
run_real_logs() {
	local log name sidecar
	for log in "$LOGS"/*.log; do
		[ -e "$log" ] || continue
		name=real.$(basename "$log" .log)
		sidecar=${log%.log}.expect
		if [ -f "$sidecar" ]; then
			run_case "$name" "$sidecar" "$log"
			continue
		fi
		printf 'args @LOG\n' > "$tmp/real.expect"
		case $log in
		*.pass.log) echo "exit 0" >> "$tmp/real.expect" ;;
		*.fail.log) echo "exit 1" >> "$tmp/real.expect" ;;
		*.incomplete.log) echo "exit 2" >> "$tmp/real.expect" ;;
		*) echo "exit 0 1 2" >> "$tmp/real.expect" ;;
		esac
		run_case "$name" "$tmp/real.expect" "$log"
	done
}

# Every input the fuzzer starts from, and every log we have, through the
# fuzz entry point under ASan/UBSan (gcc, no libFuzzer needed).
run_fuzz_replay() {
	local inputs=() f rc
	for f in "$CORPUS"/* "$CASES"/*.log "$CASES"/*.profile profiles/*.profile \
		 "$LOGS"/*.log "$BUILD"/logs/*.log; do
		[ -f "$f" ] && inputs+=("$f")
	done
	"$BUILD/checker-fuzz-replay" "${inputs[@]}" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	if [ $rc -ne 0 ] || grep -Eq "$SAN_PATTERN" "$tmp/err"; then
		fail checker.fuzz-replay "exit $rc: $(grep -Em1 "$SAN_PATTERN|:" "$tmp/err")"
	else
		pass "checker.fuzz-replay (${#inputs[@]} inputs)"
	fi
}

# The cases derived from real logs must be what make-cases.pl makes of
# the logs committed now: regenerate them and compare byte for byte.
run_generated() {
	local gen=$tmp/gen f n=0 stale=()
	mkdir -p "$gen/cases" "$gen/corpus"
	if ! perl tests/checker/make-cases.pl "$gen/cases" "$gen/corpus" 2> "$tmp/err"; then
		fail checker.cases-generated "make-cases.pl failed: $(head -c 300 "$tmp/err")"
		return
	fi
	for f in "$gen"/cases/* "$gen"/corpus/*; do
		n=$((n + 1))
		cmp -s "$f" "tests/checker/${f#"$gen"/}" || stale+=("${f#"$gen"/}")
	done
	if [ ${#stale[@]} -eq 0 ] && [ $n -gt 0 ]; then
		pass "checker.cases-generated ($n files)"
	else
		fail checker.cases-generated "differ from make-cases.pl output (run perl tests/checker/make-cases.pl): ${stale[*]}"
	fi
}

# Logs from real boots (build/logs, written by the lead's boot tests) have
# no recorded expectation: they must only be read without a sanitizer report.
run_build_logs() {
	local log why
	for log in "$BUILD"/logs/*.log; do
		[ -f "$log" ] || continue
		"$BUILD/tlbprobe-check-san" "$log" > "$tmp/out" 2> "$tmp/err"
		want_exit="0 1 2" want_text=() want_json=()
		check_output x $? "$tmp/out" "$tmp/err"
		if [ -z "$why" ]; then pass "checker.build-log.$(basename "$log")"
		else fail "checker.build-log.$(basename "$log")" "$why"; fi
	done
}

# The fleet report: Markdown and a self-contained, colour-coded HTML page.
run_report() {
	local bin v md html rc why tlb
	# good-tcg.log's stale-TLB count for pmd_collapse.noflush, from its
	# "# result:" line (the log is a real capture: the count is what it is).
	tlb=$(tr -d '\r' < "$CASES/good-tcg.log" |
		sed -n 's/^ *# result: name=pmd_collapse\.noflush .* stale_tlb=\([0-9]*\) .*/\1/p')
	for bin in "${BINS[@]}"; do
		v=$(variant "$bin")
		md=$tmp/fleet.md html=$tmp/fleet.html
		"$bin" report --md "$md" --html "$html" "$CASES/good-tcg.log" \
			"$CASES/kvm-walk.log" "$CASES/metal-tce-fail.log" \
			"$CASES/two-runs.log" "$CASES/truncated.log" > "$tmp/out" 2> "$tmp/err"
		rc=$?
		why=
		if grep -Eq "$SAN_PATTERN" "$tmp/err"; then why="sanitizer report"
		elif [ $rc -ne 2 ]; then why="exit $rc, expected 2 (worst: truncated.log)"
		elif [ -z "$tlb" ]; then why="no pmd_collapse.noflush result in good-tcg.log"
		elif ! grep -qF "| pmd_collapse.noflush | 🟨 tlb $tlb | 🟥 walk 24 |" "$md"; then why="Markdown row missing"
		elif grep -Eiq 'https?:|<link|<script|src=|@import|url\(' "$html"; then why="HTML refers to something outside itself"
		elif ! grep -q '<style>' "$html"; then why="HTML has no inline style"
		elif ! grep -qF '<td class="walk outside" title="pud_collapse.invlpg.tce class=correctness not-ok' "$html"; then why="no red, outside-profile cell for the TCE failure"
		elif ! grep -qF '<td class="tlb" title="pmd_collapse.noflush' "$html"; then why="no amber stale-TLB cell"
		elif ! grep -qF '<td class="skip"' "$html"; then why="no grey skipped cell"
		elif ! grep -qF '<td class="ok"' "$html"; then why="no green cell"
		elif ! grep -qF 'Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz 6/85/7 kvm' "$html"; then why="machine label missing"
		elif ! grep -qF '<td class="none" title="pmd_collapse.cr3 class=? missing' "$html"; then why="the truncated log's last scenario is not shown as unfinished"
		elif ! grep -qF 'walk 24<br><small>0.38% - 50.5% /64 it</small>' "$html"; then why="no 95% interval (over iterations) under a stale-walk count"
		elif ! grep -qF '<small>walk &lt; ' "$html"; then why="no 95% upper bound under an all-coherent cell"
		elif ! grep -qF '<br>caching: observed' "$html"; then why="no caching status for the KVM machine"
		elif ! grep -qF '<tr><td class="name">linux.5e0fb5df2ee8</td><td class="inc" title=' "$html"; then why="the TCG correctness cell of linux.5e0fb5df2ee8 is not grey 'cannot tell'"
		elif ! grep -qF '<td class="nothing" title=' "$html"; then why="no neutral 'nothing seen' cell for an observation that saw nothing"
		elif ! grep -qF '<svg class="plot" id="rates-linux"' "$html"; then why="no stale-rate plot of the linux family"
		elif ! grep -qF '<rect class="bar"' "$html"; then why="no bar in the plots"
		elif ! grep -qF '<a href="#fam-linux">' "$html" ||
		     ! grep -qF '<h2 id="fam-linux">' "$html"; then why="no jump list to the families"
		elif [ "$(grep -o '<h2 id="fam-[a-z_]*"' "$html" | head -1)" != '<h2 id="fam-linux"' ]; then why="the Linux variants are not first"
		elif ! grep -qF '<ul class="summary">' "$html"; then why="no summary per family"
		fi
		if [ -z "$why" ]; then pass "checker.report-html$v"; else fail "checker.report-html$v" "$why"; fi
	done
}

# KTAP is TAP: prove (Perl TAP::Parser) reads the top-level lines of a log
# once firmware output and the "KTAP version 1" line are gone; nested lines
# are indented, which TAP treats as unknown lines and ignores.
ktap_top() {
	tr -d '\r\000' < "$1" | sed -n '/^KTAP version 1$/,$p' | sed '1d'
}

run_prove() {
	local out
	if ! command -v prove > /dev/null; then
		fail checker.prove "prove (Debian package perl) is not installed"
		return
	fi
	ktap_top "$CASES/good-tcg.log" > "$tmp/good.tap"
	if out=$(prove --exec cat "$tmp/good.tap" 2>&1) && [[ $out == *"Result: PASS"* ]]; then
		pass checker.prove-accepts-good-log
	else
		fail checker.prove-accepts-good-log "$(echo "$out" | tail -3 | tr '\n' ' ')"
	fi
	ktap_top "$CASES/metal-tce-fail.log" > "$tmp/fail.tap"
	if out=$(prove --exec cat "$tmp/fail.tap" 2>&1) || [[ $out != *"Failed test:  3"* ]]; then
		fail checker.prove-fails-failed-log "prove did not report test 3 failed: $(echo "$out" | tail -3 | tr '\n' ' ')"
	else
		pass checker.prove-fails-failed-log
	fi
}

# Installed, the built-in profiles are found beside the binary.
run_install() {
	local dest=$tmp/dest bin path
	if ! ${MAKE:-make} -s --no-print-directory -f mk/checker.mk checker-install \
			BUILD="$BUILD" DESTDIR="$dest" PREFIX=/opt/tlbprobe > "$tmp/out" 2>&1; then
		fail checker.install "$(tail -2 "$tmp/out" | tr '\n' ' ')"
		return
	fi
	bin=$dest/opt/tlbprobe/bin/tlbprobe-check
	path=$(cd / && "$bin" --json --profile metal "$OLDPWD/$CASES/metal-good.log" 2> /dev/null |
		jq -r .profile.path 2> /dev/null)
	if [ "$path" = "$(realpath -m "$dest/opt/tlbprobe/share/tlbprobe/profiles/metal.profile")" ]; then
		pass checker.install
	else
		fail checker.install "installed binary used profile '$path'"
	fi
}

for b in "${BINS[@]}" "$BUILD/checker-fuzz-replay"; do
	if [ ! -x "$b" ]; then
		fail checker.build "$b missing: run make checker-test"
		exit 1
	fi
done
run_generated
run_cases
run_real_logs
run_fuzz_replay
run_build_logs
run_report
run_prove
run_install

npass=$(grep -c '^PASS' "$RESULTS")
nfail=$(grep -c '^FAIL' "$RESULTS")
echo "checker: $npass passed, $nfail failed ($RESULTS)"
grep '^FAIL' "$RESULTS"
exit $failed
