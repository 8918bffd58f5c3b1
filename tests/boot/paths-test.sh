#!/bin/bash
# The boot-path tests: every way a lab boots tlbprobe, under QEMU.
#   uefi      the GRUB ISO under OVMF                     (scripts/boot-uefi.sh)
#   pxe       BIOS PXE -> GRUB core.0 -> multiboot2        (scripts/boot-pxe.sh)
#   ipxe      BIOS iPXE script -> multiboot1, no GRUB      (scripts/boot-pxe.sh)
#   pxe-uefi  OVMF PXE -> GRUB core.efi -> multiboot2      (scripts/boot-pxe.sh)
#   kvm       -kernel under KVM with -cpu host (skipped without a usable /dev/kvm)
#   halt      on_done=halt: done marker, then the kernel halts (QEMU runs on)
#   console-ttyS1  console=ttyS1: the KTAP goes to a second serial port
# (iso and kernel are covered by boot-test.sh.)  Needs `make all netboot
# build/tlbprobe-check`; `make paths-test` builds them and runs this.
# Each check appends PASS/FAIL/SKIP to $BUILD/test-results/paths.txt; the
# wall time of each boot goes to paths-times.dat.  Logs: $BUILD/logs/NAME.log.
# PATHS_JOBS QEMUs run at a time (default 2).
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/boot/lib.sh
mkdir -p "$BUILD/test-results"
RESULTS=$BUILD/test-results/paths.txt
TIMES=$BUILD/test-results/paths-times.dat
: >"$RESULTS"
: >"$TIMES"
JOBS=${PATHS_JOBS:-2}
SMALL="iters=4"

# ERE that matches the string $1 literally.
ere_quote() {
	printf '%s' "$1" | sed 's/[][\\.*^$+?(){}|/]/\\&/g'
}

# The network paths boot a copy of the tree of `make netboot` whose two
# configs come from the same templates (netboot/) with a small command line:
# the test then does not depend on the lab's NETBOOT_CMDLINE (which may say
# on_done=reboot or iters=100000) and checks that the command line arrives.
NETBOOT_SRC=${NETBOOT:-$BUILD/netboot}
NETBOOT=$BUILD/paths-netboot
NETBOOT_CMDLINE="$SMALL seed=3"
prepare_netboot() {
	local f
	rm -rf "$NETBOOT"
	mkdir -p "$NETBOOT/boot/grub"
	for f in boot/grub/i386-pc/core.0 boot/grub/x86_64-efi/core.efi \
		boot/grub/grub.cfg tlbprobe.elf tlbprobe.ipxe cmdline.txt; do
		if [ ! -s "$NETBOOT_SRC/$f" ]; then
			record FAIL netboot.tree "$NETBOOT_SRC/$f missing (make netboot)"
			return 1
		fi
	done
	# The tree's own configs load the kernel with the tree's command line.
	f=$(cat "$NETBOOT_SRC/cmdline.txt")
	# scripts/grub-cfg.sh quotes each word; an empty line leaves the space.
	q=$(for w in $f; do printf " '%s'" "$w"; done)
	q=${q:- }
	if grep -qxF "	multiboot2 /tlbprobe.elf${q}" "$NETBOOT_SRC/boot/grub/grub.cfg" &&
		grep -qxF "kernel tlbprobe.elf $f" "$NETBOOT_SRC/tlbprobe.ipxe" &&
		[ "$(head -1 "$NETBOOT_SRC/tlbprobe.ipxe")" = "#!ipxe" ]; then
		record PASS netboot.tree
	else
		record FAIL netboot.tree "$NETBOOT_SRC/boot/grub/grub.cfg or tlbprobe.ipxe do not load tlbprobe.elf with '$f'"
	fi
	cp -R "$NETBOOT_SRC/boot/grub/i386-pc" "$NETBOOT_SRC/boot/grub/x86_64-efi" \
		"$NETBOOT/boot/grub/" && cp "$NETBOOT_SRC/tlbprobe.elf" "$NETBOOT/" || return 1
	CMDLINE=$NETBOOT_CMDLINE scripts/grub-cfg.sh netboot/grub.cfg "$NETBOOT/boot/grub/grub.cfg"
	printf '%s\n' "$NETBOOT_CMDLINE" >"$NETBOOT/cmdline.txt"
	sed "s|@CMDLINE@|$NETBOOT_CMDLINE|" netboot/tlbprobe.ipxe >"$NETBOOT/tlbprobe.ipxe"
}

# The command line as the kernel reports it: GRUB's multiboot2 passes the
# arguments, iPXE's multiboot1 puts the kernel's URI first.
netboot_cmdline_re='cmdline="([^ "]*tlbprobe\.elf )?'$(ere_quote "$NETBOOT_CMDLINE")'"'

# Loader, protocol and firmware each path must report.
path_checks() {
	local name=$1 loader=$2 protocol=$3 efi=$4
	judge "$name" tcg
	expect_line "$name" "^# env: .*loader=\"$loader" "loader_$loader"
	expect_line "$name" "^# env: .*protocol=$protocol " "$protocol"
	expect_line "$name" "^# env: .*efi=$efi " "efi_$efi"
}

path_uefi() {
	boot uefi 0 BOOT=uefi ACCEL=tcg
	path_checks uefi GRUB multiboot2 1
}

path_pxe() {
	boot pxe 0 BOOT=pxe ACCEL=tcg NETBOOT="$NETBOOT"
	path_checks pxe GRUB multiboot2 0
	expect_line pxe "$netboot_cmdline_re" netboot_cmdline
}

path_ipxe() {
	boot ipxe 0 BOOT=ipxe ACCEL=tcg NETBOOT="$NETBOOT"
	path_checks ipxe iPXE multiboot1 0
	expect_line ipxe "$netboot_cmdline_re" netboot_cmdline
}

path_pxe_uefi() {
	boot pxe-uefi 0 BOOT=pxe-uefi ACCEL=tcg NETBOOT="$NETBOOT"
	path_checks pxe-uefi GRUB multiboot2 1
	expect_line pxe-uefi "$netboot_cmdline_re" netboot_cmdline
}

# on_done=halt: QEMU keeps running after the verdict, so run-qemu times out
# (status 2); the log must still have the done marker and the halt notice.
# The controls alone: the timeout is this test's whole wall time, and it
# must leave room for the run on a loaded machine.
path_halt() {
	boot halt 2 BOOT=kernel ACCEL=tcg CMDLINE="tests=control.* $SMALL on_done=halt" TIMEOUT=12
	judge halt tcg
	expect_line halt 'TLBPROBE-DONE verdict=pass' done_marker
	if sed -n '/TLBPROBE-DONE/,$p' "$LOGS/halt.log" | grep -q 'halted'; then
		record PASS halt.halted_after_done
	else
		record FAIL halt.halted_after_done "no 'halted' line after the done marker in $LOGS/halt.log"
	fi
}

# console=ttyS1: COM1 is QEMU's stdio (the boot log), COM2 a file.
path_console_ttyS1() {
	local com2=$LOGS/console-ttyS1-com2.log
	rm -f "$com2"
	boot console-ttyS1 0 BOOT=kernel ACCEL=tcg CMDLINE="$SMALL console=ttyS1" \
		QEMU_ARGS="-serial file:$com2"
	if [ -s "$com2" ]; then
		judge console-ttyS1-com2 tcg
		expect_line console-ttyS1-com2 '^KTAP version 1' ktap_on_com2
		expect_line console-ttyS1-com2 '^# env: .*console=io:0x2f8,' console_report
	else
		record FAIL console-ttyS1-com2.ktap_on_com2 "COM2 ($com2) got nothing"
	fi
	if grep -q '^KTAP version 1' "$LOGS/console-ttyS1.log"; then
		record FAIL console-ttyS1.com1_quiet "the KTAP went to COM1 too ($LOGS/console-ttyS1.log)"
	else
		record PASS console-ttyS1.com1_quiet
	fi
}

kvm_usable() {
	[ -r /dev/kvm ] && [ -w /dev/kvm ] || return 1
	echo quit | timeout 10 qemu-system-x86_64 -accel kvm -machine none \
		-nodefaults -display none -monitor stdio >/dev/null 2>&1
}

# KVM with -cpu host.  Where the hypervisor keeps no stale translation
# (PVM: shadow paging drops a translation on every trapped PTE write, see
# results/README.md), the controls that need a cached translation cannot
# fire and the kernel's verdict is fail; that alone is accepted and recorded
# as a finding, and only on a software KVM (no VMX/SVM in /proc/cpuinfo; with
# hardware virtualisation the controls must pass).  Everything else (done
# marker, KTAP, the other controls, correctness) must hold.
KVM_SHADOW_CONTROLS="control.stale_tlb control.ad_cached"

# only_shadow_controls "NAME ...": true if the list is not empty and every
# name in it is one of $KVM_SHADOW_CONTROLS, on a software KVM.
only_shadow_controls() {
	local n
	! grep -qwE 'vmx|svm' /proc/cpuinfo || return 1
	[ -n "${1// /}" ] || return 1
	for n in $1; do
		[[ " $KVM_SHADOW_CONTROLS " == *" $n "* ]] || return 1
	done
}

path_kvm() {
	local log=$LOGS/kvm.log rc start out crc bad problems smp
	if ! kvm_usable; then
		record SKIP kvm "no usable /dev/kvm"
		return
	fi
	# A software KVM (no VMX/SVM, e.g. PVM) makes every IPI and HLT a slow
	# exit: the second CPU would push this run past its timeout, and it says
	# nothing about hardware TLBs anyway.  The smp family runs under TCG.
	smp=2
	grep -qwE 'vmx|svm' /proc/cpuinfo || smp=1
	start=$EPOCHREALTIME
	# A software KVM exits on every page-table write: 60 s on an idle
	# 2-core machine, twice that and more under load.  The limit only
	# bounds a hang; the verdict still comes from the done marker.
	env BUILD="$BUILD" LOG="$log" TIMEOUT="${BOOT_TIMEOUT:-300}" BOOT=kernel \
		ACCEL=kvm CPU=host SMP=$smp CMDLINE="$SMALL" scripts/run-qemu.sh \
		>/dev/null 2>"$LOGS/kvm.qemu.txt"
	rc=$?
	awk -v a="$start" -v b="$EPOCHREALTIME" \
		'BEGIN { printf "kvm %.2f\n", b - a }' >>"$TIMES"
	expect_line kvm '^KTAP version 1' ktap
	expect_line kvm '^# env: .*accel=kvm ' accel_kvm
	expect_line kvm '^# TLBPROBE-DONE verdict=(pass|fail)' done_marker
	# Failing scenarios (nested results, 2+ spaces in).
	bad=$(sed -n 's/\r$//; s/^ \{2,\}not ok [0-9]* \([^ ]*\).*/\1/p' "$log" | sort -u | tr '\n' ' ')
	if [ "$rc" = 0 ] && [ -z "$bad" ]; then
		record PASS kvm.exit_status
	elif [ "$rc" = 1 ] && only_shadow_controls "$bad"; then
		record PASS kvm.boots "verdict fail from ${bad% } alone"
		record NOTE kvm.no_stale_translation "${bad% } failed: this KVM keeps no stale translation (shadow paging, e.g. PVM), so results from it say nothing about the hardware's TLB (no VMX/SVM: a software KVM)"
	else
		record FAIL kvm.exit_status "run-qemu exited $rc, failing scenarios: ${bad:-none} (see $log, $LOGS/kvm.qemu.txt)"
	fi
	out=$("$CHECK" --profile kvm "$log" 2>&1)
	crc=$?
	problems=$(printf '%s\n' "$out" | sed -n 's/^[^ ].*:[0-9][0-9]*: \([^ :]*\): expected .*/\1/p' | sort -u | tr '\n' ' ')
	if [ $crc -eq 0 ]; then
		record PASS kvm.profile_kvm
	elif [ $crc -eq 1 ] && [ "$rc" = 1 ] && only_shadow_controls "$problems"; then
		record PASS kvm.profile_kvm "outside the profile only ${problems% } (see the note)"
	else
		record FAIL kvm.profile_kvm "tlbprobe-check exited $crc: $(echo "$out" | grep -v '^ ' | head -5 | tr '\n' ' ')"
	fi
	# A KVM that showed no paging-structure caching: its correctness rows
	# say nothing (never a pass), and the log says so.
	if grep -q ': INCONCLUSIVE: ' <<<"$out"; then
		record NOTE kvm.inconclusive "$(sed -n 's/^[^ ]*: caching: //p' <<<"$out" | head -1)"
		expect_line kvm '^# caching: status=(not-observed|untested) ' caching_line
	fi
}

# grub-mkrescue makes a hybrid ISO when grub-efi-amd64-bin is installed: an
# El Torito BIOS image and a UEFI one.
iso_hybrid() {
	local cat
	cat=$(xorriso -indev "$BUILD/tlbprobe.iso" -report_el_torito plain 2>/dev/null)
	if grep -q 'El Torito boot img : .* BIOS ' <<<"$cat" &&
		grep -q 'El Torito boot img : .* UEFI ' <<<"$cat"; then
		record PASS iso.hybrid_bios_uefi
	else
		record FAIL iso.hybrid_bios_uefi "$BUILD/tlbprobe.iso lacks a BIOS or a UEFI El Torito image (grub-efi-amd64-bin installed?)"
	fi
}

# Run the paths, longest first, at most $JOBS at a time; each writes its
# results, times and output to its own files, printed in order at the end.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run_path() {
	RESULTS=$tmp/$1.txt
	TIMES=$tmp/$1.dat
	: >"$RESULTS"
	: >"$TIMES"
	"path_$1" >"$tmp/$1.out" 2>&1
}
paths=(kvm pxe_uefi pxe ipxe halt uefi console_ttyS1)
prepare_netboot
start=$EPOCHREALTIME
for p in "${paths[@]}"; do
	while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
	run_path "$p" &
done
iso_hybrid
wait
total=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
for p in "${paths[@]}"; do
	cat "$tmp/$p.out"
	cat "$tmp/$p.txt" >>"$RESULTS"
	cat "$tmp/$p.dat" >>"$TIMES"
done

echo "boot path wall times (s), $JOBS at a time, $total s in all:"
sed 's/^/  /' "$TIMES"
! grep -q '^FAIL ' "$RESULTS"
