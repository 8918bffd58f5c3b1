#!/bin/bash
# `make bench` (docs/bench.md): boot the bench group and print its tables,
# then measure the suite itself: wall time from QEMU start to the done
# marker for each boot path, the kernel and ISO sizes, and iterations per
# second of the default matrix, with each family's collapse rate and the
# time each row needs for its bound to reach 1%.  Logs go to $BUILD/bench/*.log (and *.ts,
# the same lines with a host timestamp in front); the summary to
# $BUILD/bench/summary.txt, which is printed at the end.
#
# Variables: BUILD, ACCEL (default tcg here, whatever run-qemu.sh would
# pick), CPU, MEM, TIMEOUT (per boot, s), BENCH_ITERS (iters= of the
# default-matrix boot, 64), BENCH_DEFAULT_RUNS (boots of the default run
# on SMP=1 and SMP=2 each, 3), BENCH_PATHS (boot paths to time; default
# kernel and iso, plus uefi, pxe, pxe-uefi and ipxe where scripts/boot-*.sh
# provide them), BENCH_BOOT_CMDLINE (the run each boot path boots, small on
# purpose), BENCH_CMDLINE (the bench group's, default tests=bench*).
# Exit status: 0 if every boot that was attempted ended with the kernel's
# pass verdict, 1 otherwise (the summary is written either way).
set -u
cd "$(dirname "$0")/.." || exit 1

BUILD=${BUILD:-build}
ACCEL=${ACCEL:-tcg}
CPU=${CPU:-max}
MEM=${MEM:-3G}
TIMEOUT=${TIMEOUT:-300}
MAKE=${MAKE:-make}
BENCH_ITERS=${BENCH_ITERS:-64}
BENCH_CMDLINE=${BENCH_CMDLINE:-tests=bench*}
BENCH_BOOT_CMDLINE=${BENCH_BOOT_CMDLINE:-tests=control.fresh_map iters=1}
BENCH_DEFAULT_RUNS=${BENCH_DEFAULT_RUNS:-3}
OUT=$BUILD/bench
IMG=$OUT/img		# ISO and netboot tree with BENCH_BOOT_CMDLINE baked in
SUMMARY=$OUT/summary.txt
status=0
t_begin=$EPOCHREALTIME

mkdir -p "$OUT"
rm -f "$OUT"/*.log "$OUT"/*.ts "$SUMMARY"

say() { printf '%s\n' "$*" >&2; }

elapsed() {	# elapsed FROM [TO]: seconds, 2 decimals
	awk -v a="$1" -v b="${2:-$EPOCHREALTIME}" 'BEGIN { printf "%.2f", b - a }'
}

# Prefix every line with the host time it arrived (s since the epoch, µs).
if perl -MTime::HiRes -e 1 2>/dev/null; then
	ts_filter() {
		perl -MTime::HiRes=time -ne \
			'BEGIN { $| = 1 } s/\r//g; s/\n?$/\n/; printf "%.6f %s", time, $_'
	}
elif command -v python3 >/dev/null; then
	ts_filter() {
		python3 -u -c '
import sys, time
for raw in sys.stdin.buffer:
    line = raw.decode("utf-8", "replace").replace("\r", "").rstrip("\n")
    sys.stdout.write("%.6f %s\n" % (time.time(), line))'
	}
else
	say "bench: needs perl (Time::HiRes) or python3 to timestamp the serial log"
	exit 1
fi

# boot NAME VAR=VALUE...: scripts/run-qemu.sh with stdout and stderr through
# the timestamp filter into $OUT/NAME.ts and $OUT/NAME.log; sets $rc.
boot() {
	local name=$1
	shift
	say "bench: boot $name ($*)"
	env BUILD="$BUILD" ACCEL="$ACCEL" CPU="$CPU" MEM="$MEM" TIMEOUT="$TIMEOUT" VERBOSE=1 \
		"$@" scripts/run-qemu.sh 2>&1 </dev/null | ts_filter >"$OUT/$name.ts"
	rc=${PIPESTATUS[0]}
	cut -d' ' -f2- "$OUT/$name.ts" >"$OUT/$name.log"
}

# Seconds from QEMU's start (run-qemu's last "BOOT=" line before it) to the
# done marker in $OUT/NAME.ts; empty when there is no done marker.
to_done() {
	awk '/^[0-9.]+ run-qemu: BOOT=/ { start = $1 }
	     / # TLBPROBE-DONE / && start { printf "%.2f", $1 - start; exit }' \
		"$OUT/$1.ts"
}

verdict() {
	grep -o 'TLBPROBE-DONE verdict=[a-z]*' "$OUT/$1.log" | head -1 | cut -d= -f2
}

# --- build: the kernel, then an ISO and a netboot tree for the boot paths
say "bench: building"
if ! "$MAKE" -s --no-print-directory BUILD="$BUILD" kernel >&2; then
	say "bench: the kernel does not build"
	exit 1
fi
ELF=$BUILD/tlbprobe.elf
rm -rf "$IMG"
mkdir -p "$IMG"
cp "$ELF" "$IMG/tlbprobe.elf"
# -o: take the copied kernel as it is; build only what is around it.
iso_ok=1
"$MAKE" -s --no-print-directory BUILD="$IMG" -o "$IMG/tlbprobe.elf" iso \
	CMDLINE="$BENCH_BOOT_CMDLINE" >"$OUT/make-iso.txt" 2>&1 || iso_ok=0

have_path() {	# have_path BOOT: whether run-qemu.sh knows it
	case $1 in
	kernel|iso) return 0 ;;
	uefi) [ -f scripts/boot-uefi.sh ] ;;
	pxe|pxe-uefi|ipxe) [ -f scripts/boot-pxe.sh ] ;;
	*) grep -qs "boot_args_$1()" scripts/boot-*.sh ;;
	esac
}
if [ -z "${BENCH_PATHS:-}" ]; then
	BENCH_PATHS="kernel iso"
	for p in uefi pxe pxe-uefi ipxe; do
		have_path "$p" && BENCH_PATHS+=" $p"
	done
fi
netboot_ok=
need_netboot() {	# build the TFTP tree once, on first use
	if [ -z "$netboot_ok" ]; then
		netboot_ok=1
		"$MAKE" -s --no-print-directory BUILD="$IMG" -o "$IMG/tlbprobe.elf" \
			netboot NETBOOT_CMDLINE="$BENCH_BOOT_CMDLINE" \
			>"$OUT/make-netboot.txt" 2>&1 || netboot_ok=0
	fi
	[ "$netboot_ok" = 1 ]
}

# --- the bench group
boot bench BOOT=kernel CMDLINE="$BENCH_CMDLINE"
bench_rc=$rc
bench_wall=$(to_done bench)
[ "$bench_rc" = 0 ] || status=1

# --- boot paths
declare -A path_result
for p in $BENCH_PATHS; do
	why=
	if ! have_path "$p"; then
		why="no scripts/boot-*.sh provides BOOT=$p"
	elif [ "$p" != kernel ] && [ "$iso_ok" = 0 ] && [[ "$p" == iso || "$p" == uefi ]]; then
		why="make iso failed (see $OUT/make-iso.txt)"
	elif [[ "$p" == uefi || "$p" == pxe-uefi ]] &&
		[ ! -r "${OVMF_CODE:-/usr/share/OVMF/OVMF_CODE_4M.fd}" ]; then
		why="no OVMF firmware (apt-get install ovmf)"
	elif [[ "$p" == pxe* || "$p" == ipxe ]] && ! need_netboot; then
		why="make netboot failed (see $OUT/make-netboot.txt)"
	fi
	if [ -n "$why" ]; then
		path_result[$p]="skipped: $why"
		continue
	fi
	boot "path-$p" BUILD="$IMG" BOOT="$p" CMDLINE="$BENCH_BOOT_CMDLINE"
	t=$(to_done "path-$p")
	if [ "$rc" = 0 ] && [ -n "$t" ]; then
		path_result[$p]="$t s"
	else
		path_result[$p]="FAILED (run-qemu exit $rc, see $OUT/path-$p.log)"
		status=1
	fi
done

# --- the default run, as `make run` boots it (the ISO, empty CMDLINE), on
# one CPU (the default before the smp family) and on SMP=2 (the default
# now): QEMU start to exit, median of BENCH_DEFAULT_RUNS boots each.
DEF_IMG=$OUT/img-default
rm -rf "$DEF_IMG"
mkdir -p "$DEF_IMG"
cp "$ELF" "$DEF_IMG/tlbprobe.elf"
def_ok=1
"$MAKE" -s --no-print-directory BUILD="$DEF_IMG" -o "$DEF_IMG/tlbprobe.elf" iso \
	CMDLINE= >"$OUT/make-iso-default.txt" 2>&1 || def_ok=0
qemu_wall() {	# seconds run-qemu reports from QEMU start to exit
	sed -n 's/.*QEMU exit status [0-9]* after \([0-9.]*\)s.*/\1/p' "$OUT/$1.log" | tail -1
}
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
declare -A default_result
for n in 1 2; do
	if [ "$def_ok" = 0 ]; then
		default_result[$n]="skipped: make iso failed (see $OUT/make-iso-default.txt)"
		continue
	fi
	walls=
	for i in $(seq "$BENCH_DEFAULT_RUNS"); do
		boot "default-smp$n-$i" BUILD="$DEF_IMG" BOOT=iso SMP="$n" CMDLINE=
		[ "$rc" = 0 ] || status=1
		walls+="$(qemu_wall "default-smp$n-$i") "
	done
	default_result[$n]="median $(printf '%s\n' $walls | median) s of: $walls"
done

# --- the default matrix: iterations per second
boot matrix BOOT=kernel CMDLINE="iters=$BENCH_ITERS"
matrix_rc=$rc
matrix_line=$(awk '
	/ # start: / && !first { first = $1 }
	/ # result: / {
		for (i = 2; i <= NF; i++)
			if ($i ~ /^iters=[0-9]+$/) { sub(/^iters=/, "", $i); it += $i; n++ }
	}
	/ # TLBPROBE-DONE / && first {
		dt = $1 - first
		if (dt > 0)
			printf "%d iterations in %.2f s (%d scenarios) = %.1f iterations/s", it, dt, n, it / dt
		exit
	}' "$OUT/matrix.ts")
[ -n "$matrix_line" ] || matrix_line="no done marker (see $OUT/matrix.log)"
case $matrix_rc in
0) ;;
1) matrix_line+="; verdict fail (a finding or a failed control: the timing stands)" ;;
*) matrix_line+="; run-qemu exit $matrix_rc"; status=1 ;;
esac

# --- collapse rates and the time each row needs for a 1% bound at that
# rate (scripts/bench-rates.awk; docs/bench.md, "Time to a bound")
rates=$(awk -f scripts/bench-rates.awk "$OUT/matrix.ts")

# --- sizes
size_of() { [ -f "$1" ] && stat -c %s "$1" || echo "n/a"; }
elf_bytes=$(size_of "$ELF")
iso_bytes=$(size_of "$IMG/tlbprobe.iso")
sections=$(size -B "$ELF" 2>/dev/null | awk 'NR == 2 { printf "text %s, data %s, bss %s", $1, $2, $3 }')

# --- the figures as plots: the HTML report's bench plots, one page
# (docs/bench.md, "Plots"); the report's own verdict does not matter here.
"$MAKE" -s --no-print-directory BUILD="$BUILD" "$BUILD/tlbprobe-check" >"$OUT/make-check.txt" 2>&1
"$BUILD/tlbprobe-check" report --html "$OUT/bench.html" "$OUT/bench.log" \
	>"$OUT/bench-html.txt" 2>&1
if grep -q 'id="bench-costs"' "$OUT/bench.html" 2>/dev/null; then
	html_result="$OUT/bench.html"
else
	html_result="none (see $OUT/bench-html.txt)"
fi

# --- summary
{
	echo "tlbprobe bench: $(date -u '+%Y-%m-%d %H:%M:%S UTC') on $(uname -n)"
	echo "accel=$ACCEL cpu=$CPU mem=$MEM $(qemu-system-x86_64 --version | head -1)"
	if [ "$ACCEL" = tcg ]; then
		echo "EMULATED: under TCG every cycle figure is QEMU's, not the hardware's;"
		echo "only the suite's own figures (wall times, sizes, rates) mean something here."
	fi
	echo
	echo "Boot paths: QEMU start to done marker (CMDLINE='$BENCH_BOOT_CMDLINE')"
	for p in $BENCH_PATHS; do
		printf '  %-10s %s\n' "$p" "${path_result[$p]}"
	done
	echo
	echo "Sizes"
	printf '  %-10s %s bytes (%s)\n' "kernel" "$elf_bytes" "${sections:-size(1) n/a}"
	printf '  %-10s %s bytes%s\n' "ISO" "$iso_bytes" \
		"$(awk -v b="$iso_bytes" 'BEGIN { if (b + 0 > 0) printf " (%.1f MB; BIOS and UEFI; make test wants at most 5 MB)", b / 1e6 }')"
	echo
	echo "Default run (BOOT=iso, CMDLINE empty, as make run): QEMU start to exit"
	printf '  SMP=1      %s\n' "${default_result[1]}"
	printf '  SMP=2      %s (the default)\n' "${default_result[2]}"
	echo
	echo "Default matrix (CMDLINE='iters=$BENCH_ITERS', first # start: to done marker)"
	echo "  $matrix_line"
	echo
	printf '%s\n' "$rates" | sed 's/^/  /'
	echo
	echo "Bench group (CMDLINE='$BENCH_CMDLINE'): verdict $(verdict bench)," \
		"run-qemu exit $bench_rc, ${bench_wall:-?} s QEMU start to done marker"
	sed -n 's/^ *# bench-table: \{0,1\}//p' "$OUT/bench.log" | sed 's/^/  /'
	echo
	echo "Figures as plots (TLB reach, refill, flush costs): $html_result"
	echo "make bench: $(elapsed "$t_begin") s in all; logs in $OUT/"
} >"$SUMMARY"
cat "$SUMMARY"
exit $status
