#!/bin/bash
# The report is mirrored on the VGA text screen of a BIOS machine: boot with
# on_done=halt, read the screen's memory (0xB8000) through QEMU's monitor
# once the done marker is on the serial port, and look for it there too.
# Sourced by boot-test.sh (needs lib.sh's record and $LOGS).

vga_test() {
	local d i screen
	d=$(mktemp -d)
	mkfifo "$d/mon.in" "$d/mon.out"
	cat "$d/mon.out" >"$d/monitor.txt" &
	# A log left by an earlier run already has the marker: wait for this one.
	rm -f "$LOGS/vga.log"
	BUILD="$BUILD" BOOT=kernel ACCEL=tcg MEM=512M TIMEOUT=60 LOG="$LOGS/vga.log" \
		CMDLINE="tests=control.fresh_map iters=1 on_done=halt" \
		QEMU_ARGS="-monitor pipe:$d/mon" scripts/run-qemu.sh \
		>/dev/null 2>"$LOGS/vga.qemu.txt" &
	for i in $(seq 150); do
		grep -q 'TLBPROBE-DONE' "$LOGS/vga.log" 2>/dev/null && break
		sleep 0.2
	done
	sleep 0.3
	{
		echo "pmemsave 0xb8000 4000 \"$d/vga.bin\""
		sleep 0.5
		echo quit
	} >"$d/mon.in"
	wait
	# Every other byte of the text buffer is a character.
	screen=$(perl -e 'local $/; my $b = <STDIN>; my $s = "";
		for (my $i = 0; $i < length($b); $i += 2) { $s .= substr($b, $i, 1) }
		$s =~ s/(.{80})/$1\n/g; print $s' <"$d/vga.bin" 2>/dev/null)
	printf '%s\n' "$screen" >"$LOGS/vga-screen.txt"
	if grep -q 'TLBPROBE-DONE verdict=pass' <<<"$screen"; then
		record PASS vga.mirror
	else
		record FAIL vga.mirror "the done marker is not on the VGA text screen (see $LOGS/vga-screen.txt)"
	fi
	rm -rf "$d"
}
