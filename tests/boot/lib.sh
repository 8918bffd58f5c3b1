# Shared by the boot tests: boot one configuration, keep its log, judge it.
# Sourced, not run.  Each check appends "PASS name" or "FAIL name: why" to
# $RESULTS and each boot appends "name seconds" to $TIMES.

BUILD=${BUILD:-build}
LOGS=$BUILD/logs
CHECK=${CHECK:-$BUILD/tlbprobe-check}
mkdir -p "$LOGS"

record() {
	local status=$1 name=$2 why=${3:-}
	printf '%s %s%s\n' "$status" "$name" "${why:+: $why}" | tee -a "$RESULTS"
}

# boot NAME EXPECTED_RC [VAR=VALUE ...]: run scripts/run-qemu.sh with the
# variables given, log to $LOGS/NAME.log; records whether the exit status
# was the one expected.
boot() {
	local name=$1 want=$2 rc start
	shift 2
	start=$EPOCHREALTIME
	env BUILD="$BUILD" LOG="$LOGS/$name.log" TIMEOUT="${BOOT_TIMEOUT:-120}" \
		"$@" scripts/run-qemu.sh >/dev/null 2>"$LOGS/$name.qemu.txt"
	rc=$?
	awk -v n="$name" -v a="$start" -v b="$EPOCHREALTIME" \
		'BEGIN { printf "%s %.2f\n", n, b - a }' >>"$TIMES"
	if [ "$rc" = "$want" ]; then
		record PASS "$name.exit_status"
	else
		record FAIL "$name.exit_status" "run-qemu exited $rc, expected $want (see $LOGS/$name.log, $LOGS/$name.qemu.txt)"
	fi
}

# judge NAME PROFILE: the checker's verdict on the log must be exit 0.
judge() {
	local name=$1 profile=$2 out rc
	out=$("$CHECK" --profile "$profile" "$LOGS/$name.log" 2>&1)
	rc=$?
	if [ $rc -eq 0 ]; then
		record PASS "$name.profile_$profile"
	else
		record FAIL "$name.profile_$profile" "tlbprobe-check exited $rc: $(echo "$out" | head -5 | tr '\n' ' ')"
	fi
}

# expect_line NAME REGEX WHAT: the log must contain a line matching REGEX.
expect_line() {
	if grep -Eq "$2" "$LOGS/$1.log"; then
		record PASS "$1.$3"
	else
		record FAIL "$1.$3" "no line matches /$2/ in $LOGS/$1.log"
	fi
}
