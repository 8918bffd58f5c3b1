# SPDX-License-Identifier: MIT
# shellcheck shell=bash
# run-common.sh: the emulator-independent half of a tlbprobe run, sourced by
# scripts/run-qemu.sh (and any other emulator driver, scripts/run-EMU.sh).
# A driver sets RC_EMU (its name in messages) and BUILD BOOT CMDLINE MEM
# TIMEOUT LOG, then calls, in order:
#   rc_check_request          refuse bad MEM=/CMDLINE= before anything runs
#   rc_grub_cmdline           for boots through GRUB (quotes refused, words)
#   rc_setup                  the run's directory; $RC_DIR, $RC_LOG
#   rc_iso                    the ISO for CMDLINE, if it boots one: $RC_ISO
#   (boot, the serial log going to $RC_LOG; time it: WALL seconds)
#   rc_finish RC WALL ERR EXIT_OK   the verdict line and the exit status
# with RC_CMDLINE_PREFIX set when the loader puts the image path first, and
# rc_no_verdict WHY for any other way out.  What this file
# guarantees, whatever the emulator:
#   - every run owns a directory $BUILD/runs/ID (command line, ISO link,
#     serial log): two runs at once in one tree never share a file;
#   - the verdict is read from the log's done marker, and a pass counts only
#     when the log's cmdline= is exactly the command line asked for;
#   - the serial log is kept, also when the emulator was killed or timed
#     out, in $BUILD/runs/ID/serial.log and copied to LOG (default
#     $BUILD/logs/last.log);
#   - the last line printed is "tlbprobe: verdict ..." or
#     "tlbprobe: no verdict: WHY" with a WHY that is never empty.

RC_EMU=${RC_EMU:-the emulator}
RC_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# The kernel takes command lines up to this many bytes (kernel/bootinfo.h).
RC_CMDLINE_MAX=4095
# Below this the firmware and GRUB never reach the kernel (MEM=3M hangs in
# SeaBIOS): refuse at once.  From 4 MiB the kernel's own check
# (kernel/mem_check.c) fails the run with "too little memory" below 8 MiB.
RC_MEM_MIN_MIB=4

# rc_no_verdict WHY: the last line of every run that has no verdict.
rc_no_verdict() {
	rc_fresh_line
	echo "tlbprobe: no verdict: ${1:-the runner stopped without saying why (a bug in scripts/run-common.sh)}"
	exit 2
}

# rc_fresh_line: the verdict line starts a line even after a log that was
# cut mid-line (the serial output goes to stdout too).
rc_fresh_line() {
	[ -n "${RC_STREAMED:-}" ] && [ -n "${RC_LOG:-}" ] && [ -s "$RC_LOG" ] &&
		[ -n "$(tail -c1 "$RC_LOG" | tr -d '\n')" ] && echo
	return 0
}

# rc_show: what a person watches of the serial log on stdin.  VERBOSE=1:
# all of it, as it comes.  Otherwise a line per family as it ends (rows,
# how they ended, seconds), every row that failed, the kernel's errors,
# aborts and warnings, the catalogue of "list", and the caching line, the
# answer block and the totals; on a terminal the running family's count
# too, rewritten in place.  The whole log is in $RC_LOG and $LOG anyway.
rc_show() {
	local line fam='' plan=0 rows=0 ok=0 bad=0 skip=0 inc=0 t0=0 t tty=0
	local said=${EPOCHREALTIME//[!0-9]/} now cur=''
	if [ "${VERBOSE:-0}" = 1 ]; then
		RC_STREAMED=1
		cat
		return
	fi
	[ -t 1 ] && tty=1
	while IFS= read -r line || [ -n "$line" ]; do
		line=${line//$'\r'/}
		now=${EPOCHREALTIME//[!0-9]/}
		case $line in
		'  # Subtest: '*)
			fam=${line#'  # Subtest: '} plan=0 rows=0 ok=0 bad=0 skip=0 inc=0
			t0=$now ;;
		'  1..'*) plan=${line#'  1..'} ;;
		'  # start: '*) cur=${line#'  # start: '} ;;
		'  ok '*'# SKIP inconclusive'*) rows=$((rows + 1)) inc=$((inc + 1)) ;;
		'  ok '*'# SKIP'*) rows=$((rows + 1)) skip=$((skip + 1)) ;;
		'  ok '*) rows=$((rows + 1)) ok=$((ok + 1)) ;;
		'  not ok '*) rows=$((rows + 1)) bad=$((bad + 1))
			rc_show_line "${line#  }" ;;
		'ok '*|'not ok '*)
			[ -n "$fam" ] || continue
			t=$(( (now - t0) / 100000 ))
			rc_show_line "$(printf 'run: %-13s %3d rows: %d ok, %d not ok, %d skipped%s  %d.%ds' \
				"$fam" "$rows" "$ok" "$bad" "$skip" \
				"$( [ $inc = 0 ] || echo ", $inc inconclusive")" $((t / 10)) $((t % 10)))"
			fam=''
			continue ;;
		*'# error: '*|*'# abort: '*|'# warning: '*|'# catalogue'*|'# caching: '*|'# answer: '*|'# totals: '*)
			rc_show_line "${line#"${line%%#*}"}" ;;
		esac
		[ -n "$fam" ] || continue
		t=$(( (now - t0) / 1000000 ))
		if [ $tty = 1 ]; then
			printf '\r\033[Krun: %s %d/%d rows, %ds' "$fam" "$rows" "$plan" "$t"
		elif [ $(( (now - said) / 1000000 )) -ge 30 ]; then
			# No terminal to rewrite: a line at most every 30 s.
			rc_show_line "run: $fam $rows/$plan rows, ${t}s so far"
		fi
	done
	if [ -n "$fam" ]; then
		rc_show_line "run: $fam stopped in row $((rows + 1)) of $plan${cur:+ ($cur)}"
	fi
	rc_show_line "run: the whole serial log is in ${LOG:-$RC_LOG} (VERBOSE=1 shows it as it comes)"
}

# rc_show_line TEXT: a line of rc_show's, over its in-place count.
rc_show_line() {
	[ "${tty:-0}" = 1 ] && printf '\r\033[K'
	printf '%s\n' "$1"
	said=${EPOCHREALTIME//[!0-9]/}
}

# rc_mem_mib SIZE: QEMU's -m syntax (a number, MiB by default, or with a
# K/M/G/T suffix) in whole MiB; fails on anything else.
rc_mem_mib() {
	local n u
	[[ $1 =~ ^([0-9]+)([KkMmGgTt]?)[Bb]?$ ]] || return 1
	n=$((10#${BASH_REMATCH[1]})) u=${BASH_REMATCH[2]}
	case $u in
	K|k) echo $((n / 1024)) ;;
	''|M|m) echo "$n" ;;
	G|g) echo $((n * 1024)) ;;
	T|t) echo $((n * 1024 * 1024)) ;;
	esac
}

# rc_check_request: refuse at once what could not give a true verdict.
rc_check_request() {
	local mib
	if ! mib=$(rc_mem_mib "$MEM"); then
		rc_no_verdict "MEM='$MEM' is not a memory size (e.g. 512M, 3G)"
	fi
	if [ "$mib" -lt "$RC_MEM_MIN_MIB" ]; then
		rc_no_verdict "MEM=$MEM is too little memory: below ${RC_MEM_MIN_MIB} MiB the firmware never reaches the kernel, and the kernel needs 8 MiB (every scenario needs a free 2 MiB-aligned 2 MiB block)"
	fi
	if [[ $CMDLINE == *[[:cntrl:]]* ]]; then
		rc_no_verdict "CMDLINE holds a control character (a tab or newline?): the kernel command line takes printable characters only"
	fi
	if [ "${#CMDLINE}" -gt "$RC_CMDLINE_MAX" ]; then
		rc_no_verdict "CMDLINE is ${#CMDLINE} bytes; the kernel takes at most $RC_CMDLINE_MAX"
	fi
}

# rc_grub_cmdline: for a boot through GRUB, which joins the words of its
# multiboot2 line with one space and escapes \ ' and " in what it hands
# the kernel: refuse those three (scripts/grub-cfg.sh says why) and expect
# the words joined by single spaces.
rc_grub_cmdline() {
	local words
	case $CMDLINE in
	*[\\\'\"]*)
		rc_no_verdict "CMDLINE holds a quote or a backslash, which GRUB (BOOT=$BOOT) would hand the kernel escaped; no tlbprobe option needs one (BOOT=kernel passes them unchanged)" ;;
	esac
	read -r -a words <<< "$CMDLINE"
	RC_CMDLINE_EXPECT="${words[*]}"
}

# rc_setup: the run's own directory and log; LOG must be writable now, not
# after a 300-second run.
rc_setup() {
	local id
	LOG=${LOG:-$BUILD/logs/last.log}
	if ! mkdir -p "$(dirname "$LOG")" 2>/dev/null || ! touch "$LOG" 2>/dev/null; then
		rc_no_verdict "cannot write the log LOG=$LOG"
	fi
	mkdir -p "$BUILD/runs" 2>/dev/null ||
		rc_no_verdict "cannot create $BUILD/runs for the run's files"
	id=$(date -u +%Y%m%dT%H%M%SZ)-$$
	RC_DIR=$(mktemp -d "$BUILD/runs/$id.XXXX" 2>/dev/null) ||
		rc_no_verdict "cannot create a run directory under $BUILD/runs"
	printf '%s\n' "$CMDLINE" > "$RC_DIR/cmdline.txt"
	RC_LOG=$RC_DIR/serial.log
	: > "$RC_LOG"
	# shellcheck disable=SC2064  # the signal's name is fixed now
	for sig in INT TERM HUP; do
		trap "rc_keep_log; rc_no_verdict \"the run was stopped by SIG$sig; partial log in \$LOG\"" "$sig"
	done
	echo "run: files in $RC_DIR; the serial log goes to $RC_LOG and $LOG" >&2
}

# rc_iso: the ISO for this command line, $BUILD/runs/iso/HASH.iso, HASH over
# the kernel, the GRUB template and the command line: built once, shared
# only by runs that would build the same bytes, and made by rename so a
# run never sees a half-written one.
rc_iso() {
	local h
	h=$( { sha256sum "$BUILD/tlbprobe.elf" "$RC_SRC/iso/boot/grub/grub.cfg" \
		"$RC_SRC/scripts/make-iso.sh" "$RC_SRC/scripts/grub-cfg.sh" | cut -c1-64; printf '%s' "$CMDLINE"; } |
		sha256sum | cut -c1-24)
	RC_ISO=$BUILD/runs/iso/$h.iso
	ln -sf "$(realpath -m "$RC_ISO")" "$RC_DIR/tlbprobe.iso"
	if [ -s "$RC_ISO" ]; then
		touch "$RC_ISO"
		return 0
	fi
	mkdir -p "$BUILD/runs/iso" || return 1
	echo "run: building $RC_ISO for this command line" >&2
	CMDLINE=$CMDLINE "$RC_SRC/scripts/make-iso.sh" "$BUILD/tlbprobe.elf" "$RC_ISO" >&2 ||
		return 1
	# Keep the RC_ISO_KEEP (16) most recently used: 4.6 MB each.  A run
	# whose ISO goes meanwhile fails to boot (no verdict), never mixes.
	ls -t "$BUILD/runs/iso/"*.iso 2>/dev/null | tail -n +"$((${RC_ISO_KEEP:-16} + 1))" |
		while read -r old; do rm -f "$old"; done
	return 0
}

# rc_keep_log: copy the run's log to LOG (by rename: a reader never sees a
# half-copied file, and a concurrent run's copy is whole too).
rc_keep_log() {
	local tmp
	[ "$(realpath -m "$LOG")" = "$(realpath -m "$RC_LOG")" ] && return 0
	tmp=$(mktemp "$LOG.XXXXXX" 2>/dev/null) &&
		cp "$RC_LOG" "$tmp" && mv -f "$tmp" "$LOG" && return 0
	rm -f "$tmp"
	echo "run: could not copy the log to $LOG; it is in $RC_LOG" >&2
}

# rc_log_cmdline LOG: the cmdline="..." of the log's first "# env:" line
# that has one, unescaped (kernel/env_report.c escapes " and \); fails when
# there is none.
rc_log_cmdline() {
	local line v
	line=$(tr -d '\r\000' < "$1" | grep -a -m1 '^# env: .* cmdline="') || return 1
	v=${line#* cmdline=\"}
	v=$(sed 's/ crc=[0-9a-f]\{8\}$//; s/"$//; s/\\\(.\)/\1/g' <<< "$v")
	printf '%s' "$v"
}

# rc_cmdline_ok LOG: whether the log shows the command line this run asked
# for.  A loader that puts the image path first (QEMU -kernel: "PATH
# CMDLINE") has it stripped by the driver's RC_CMDLINE_PREFIX.
rc_cmdline_ok() {
	local got
	got=$(rc_log_cmdline "$1") || { RC_GOT="(no cmdline= in the log)"; return 1; }
	if [ -n "${RC_CMDLINE_STRIP_PATH-}" ] && [[ $got =~ ^[^\ ]*tlbprobe\.elf( |$) ]]; then
		got=${got#"${BASH_REMATCH[0]}"}
	fi
	RC_GOT=$got
	[ "$got" = "${RC_CMDLINE_EXPECT-${RC_CMDLINE_PREFIX-}$CMDLINE}" ] && return 0
	# QEMU 7 writes "PATH " with a trailing space for an empty line.
	[ -z "$CMDLINE" ] && [ -n "${RC_CMDLINE_PREFIX-}" ] &&
		[ "$got" = "${RC_CMDLINE_PREFIX% }" ] && return 0
	return 1
}

# rc_stop_reason RC WALL: why the emulator stopped, for people.  timeout(1)
# says 124 when it stopped the run; a status above 128 before the time
# limit is a signal from elsewhere (kill -9 is 137).
rc_stop_reason() {
	local rc=$1 wall=$2 sig
	if [ "$rc" = 124 ] || { [ "$rc" = 137 ] &&
	   awk -v w="$wall" -v t="$TIMEOUT" 'BEGIN { exit !(w + 0 >= t) }'; }; then
		echo "timed out after ${TIMEOUT}s (TIMEOUT=)"
	elif [ "$rc" -gt 128 ] 2>/dev/null; then
		sig=$(kill -l $((rc - 128)) 2>/dev/null)
		echo "$RC_EMU was killed (signal $((rc - 128))${sig:+, SIG$sig}) after ${wall}s"
	else
		echo "$RC_EMU exit status $rc after ${wall}s"
	fi
}

# rc_log_damage LOG: fails, printing the checker's first complaint, when the
# checker finds the log damaged (status 2); any other status is a verdict.
rc_log_damage() {
	local out
	out=$("$BUILD/tlbprobe-check" --profile metal "$1" 2>&1)
	[ $? -ne 2 ] && return 0
	grep -m1 'malformed' <<< "$out" || tail -1 <<< "$out"
	return 1
}

# rc_finish RC WALL ERR EXIT_OK: print the verdict and exit 0 pass (or
# inconclusive), 1 fail, 2 no verdict.  EXIT_OK is pass or fail when the
# emulator's own exit agrees with the log (QEMU: isa-debug-exit), "any" when
# the emulator has no such channel, anything else when it disagrees.
rc_finish() {
	local rc=$1 wall=$2 err=$3 exit_ok=$4 log=${RC_VERDICT_LOG:-$RC_LOG}
	local marker verdict why inc damaged
	rc_keep_log
	marker=$(tr -d '\r\000' < "$log" | grep -a '^# TLBPROBE-DONE ' | tail -1)
	verdict=$(sed -n 's/^# TLBPROBE-DONE verdict=\(pass\|fail\)\( .*\)\{0,1\}$/\1/p' <<< "$marker")
	# A marker that survived a damaged serial line is not evidence: the
	# checker's integrity checks (checksums, counts) must hold too.
	if [ -n "$verdict" ] && [ -x "$BUILD/tlbprobe-check" ] &&
	   ! damaged=$(rc_log_damage "$log"); then
		rc_no_verdict "the serial log is damaged or inconsistent (${damaged:-the checker says so}; $log)"
	fi
	# A pass is a pass of what was asked; a kernel that stopped on the
	# command line before its env lines may still fail on it.
	if [ -n "$verdict" ] && ! rc_cmdline_ok "$log" &&
	   { [ "$verdict" = pass ] || [ "$RC_GOT" != "(no cmdline= in the log)" ]; }; then
		rc_no_verdict "the machine ran another command line (asked '${RC_CMDLINE_EXPECT-${RC_CMDLINE_PREFIX-}$CMDLINE}', the log says '$RC_GOT'; $log)"
	fi
	if [ -n "$verdict" ] && { [ "$exit_ok" = "$verdict" ] || [ "$exit_ok" = any ]; }; then
		if [ "$verdict" = pass ]; then
			rc_fresh_line
			# Nothing failed, but a machine that never showed a
			# cached upper-level entry cannot show the bug.
			inc=$(sed -n 's/.* inconclusive=\([0-9]*\).*/\1/p' <<< "$marker")
			if [[ $marker == *" caching=not-observed"* ]]; then
				echo "tlbprobe: verdict inconclusive (nothing failed, but no paging-structure caching was observed on this machine: ${inc:-the} correctness results say nothing)"
			else
				echo "tlbprobe: verdict pass"
			fi
			exit 0
		fi
		rc_fresh_line
		why=$(sed -n 's/.* \(reason=[^ ]*\).*/\1/p' <<< "$marker")
		err=$(tr -d '\r\000' < "$log" | grep -a -m1 '^# error: ' | cut -c10-)
		echo "tlbprobe: verdict fail${why:+ ($why${err:+: $err})}"
		exit 1
	fi
	why=$(rc_stop_reason "$rc" "$wall")
	err=$(grep -av '^run' <<< "$err" | grep -a . | tail -3 | tr '\n' ' ')
	if [ -n "$verdict" ]; then
		why="the log says verdict=$verdict but $RC_EMU did not exit through isa-debug-exit ($why)"
	elif [ -n "$marker" ]; then
		why="malformed done marker '$marker' ($why)"
	elif grep -aq '^# progress: ' "$log"; then
		why="no done marker: the kernel was still progressing when it stopped ($why); partial log in $LOG"
	else
		why="no done marker in the serial log ($why); partial log in $LOG"
	fi
	rc_no_verdict "$why${err:+; $RC_EMU said: $err}"
}
