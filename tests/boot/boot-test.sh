#!/bin/bash
# The boot tests of the foundation: boot the real images under QEMU (TCG,
# so that the results do not depend on the host) and judge the serial logs.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/boot/lib.sh
RESULTS=$BUILD/test-results/boot.txt
TIMES=$BUILD/test-results/boot-times.dat
: >"$RESULTS"
: >"$TIMES"

# The ISO as `make run` boots it, and the multiboot1 path with other CPUs
# and memory sizes.
boot iso-max 0 BOOT=iso ACCEL=tcg CPU=max
judge iso-max tcg
expect_line iso-max '^# env: vendor=' env_report
expect_line iso-max 'loader="GRUB' grub_loader
# -cpu max with the default 3 GiB runs every family, the 1 GiB ones too.
expect_line iso-max '^  ok [0-9]+ pud_collapse\.cr3[[:space:]]*$' pud_family_ran
expect_line iso-max '^  ok [0-9]+ pud_split\.clear_invlpg[[:space:]]*$' pud_split_ran
expect_line iso-max '^# table: ' summary_table

boot kernel-qemu64 0 BOOT=kernel ACCEL=tcg CPU=qemu64 CMDLINE="iters=8"
judge kernel-qemu64 tcg
expect_line kernel-qemu64 'pud_collapse\.cr3 # SKIP cpuid lacks pdpe1gb' pud_skip_reason

boot kernel-mem64 0 BOOT=kernel ACCEL=tcg MEM=64M CMDLINE="iters=8"
judge kernel-mem64 tcg
expect_line kernel-mem64 'pud_collapse\.cr3 # SKIP no free 1 GiB-aligned GiB' pud_skip_reason

# Bad input must end the run with a failing verdict and say why.
boot bad-iters 1 BOOT=kernel ACCEL=tcg CMDLINE="iters=zero"
expect_line bad-iters "iters must be 1\.\.1000000, not 'zero'; valid options:" message
expect_line bad-iters 'TLBPROBE-DONE verdict=fail' done_marker
boot bad-option 1 BOOT=kernel ACCEL=tcg CMDLINE="frobnicate=1"
expect_line bad-option "unknown option 'frobnicate'" message
boot bad-tests 1 BOOT=kernel ACCEL=tcg CMDLINE="tests=nosuch*"
expect_line bad-tests "pattern 'nosuch\*' matches no scenario; valid names.* pmd_collapse\.cr3" message

# Every CPU count must end with a verdict: the default is SMP=2, so iso-max ran the smp family
# with two CPUs; one CPU, four CPUs, and a MADT that lists a CPU that is not
# enabled (QEMU -smp 1,maxcpus=2) must all end with a verdict too.
expect_line iso-max '^# cpu: index=1 apic_id=1 .*state=online' smp2_second_cpu_online
expect_line iso-max ' acpi=mb2-(new|old) ' smp2_rsdp_from_multiboot2
expect_line iso-max '^ +ok [0-9]+ smp\.5e0fb5df2ee8\.shootdown[[:space:]]*$' smp2_shootdown_ran
boot smp1 0 BOOT=kernel ACCEL=tcg SMP=1 CMDLINE="iters=4"
judge smp1 tcg
expect_line smp1 '^# env: cpus=1 .* acpi=bios ' smp1_one_cpu_rsdp_from_bios
expect_line smp1 'smp\.5e0fb5df2ee8\.shootdown # SKIP one CPU' smp1_skip_reason
boot smp4 0 BOOT=kernel ACCEL=tcg SMP=4 CMDLINE="iters=4"
judge smp4 tcg
expect_line smp4 '^# env: cpus=4 madt_cpus=4 madt_enabled=4 ' smp4_all_online
expect_line smp4 '^ +ok [0-9]+ smp\.fullflush\.full[[:space:]]*$' smp4_full_ran
boot smp-disabled 0 BOOT=kernel ACCEL=tcg SMP=1 QEMU_ARGS="-smp 1,maxcpus=2" \
	CMDLINE="iters=2"
judge smp-disabled tcg
expect_line smp-disabled '^# cpu: apic_id=1 uid=1 madt=disabled state=disabled' smp_disabled_reported
expect_line smp-disabled '^# env: cpus=1 madt_cpus=2 madt_enabled=1 ' smp_disabled_left_out
boot smp-cpus1 0 BOOT=kernel ACCEL=tcg SMP=2 CMDLINE="tests=control.fresh_map,smp.* iters=1 cpus=1"
expect_line smp-cpus1 '^# smp: cpus=1: the other CPUs stay stopped' cpus1_message
expect_line smp-cpus1 '^# cpu: apic_id=1 uid=1 madt=enabled state=not-started \(cpus=1\)' cpus1_cpu_listed
boot bad-cpus 1 BOOT=kernel ACCEL=tcg CMDLINE="cpus=0"
expect_line bad-cpus "cpus must be 1\.\.256, not '0'; valid options:" message
# The TCG expectations of the smp family (profiles/tcg.profile): the other
# CPU reads stale after a local-only flush, coherent after a shootdown.
smp_row() { grep "# result: name=$2 " "$LOGS/$1.log" | grep -o " $3=[0-9]*" | cut -d= -f2; }
n=$(smp_row iso-max smp.5e0fb5df2ee8.local remote_touched_stale_tlb)
m=$(smp_row iso-max smp.5e0fb5df2ee8.shootdown remote_stale_tlb)
if [ "${n:-0}" -gt 0 ] && [ "${m:-x}" = 0 ]; then
	record PASS smp2.local_stale_shootdown_coherent
else
	record FAIL smp2.local_stale_shootdown_coherent "remote stale reads: .local ${n:-none}, .shootdown ${m:-none}"
fi

# An unexpected exception ends the run with a report, not a hang or reboot.
boot abort 1 BOOT=kernel ACCEL=tcg CMDLINE="tests=selftest.unexpected_fault"
expect_line abort '^# abort: vector=14 name=#PF error=0x0 pf=NP\+R\+S rip=0x[0-9a-f]+ cr2=0xffffc94b00000000 cr3=0x[0-9a-f]+ scenario=selftest\.unexpected_fault' abort_line
expect_line abort '^  not ok 1 selftest\.unexpected_fault' result_not_ok
expect_line abort '^# TLBPROBE-DONE verdict=fail reason=exception' done_marker
if "$CHECK" --profile metal "$LOGS/abort.log" >/dev/null 2>&1; then
	record FAIL abort.checker "tlbprobe-check passed an aborted run"
else
	record PASS abort.checker
fi

# The same on a secondary CPU: reported with the CPU number, run failed.
boot abort-cpu1 1 BOOT=kernel ACCEL=tcg SMP=2 CMDLINE="tests=selftest.remote_fault"
expect_line abort-cpu1 '^# abort: vector=14 name=#PF .* scenario=selftest\.remote_fault cpu=1 apic_id=1' abort_line
expect_line abort-cpu1 '^# TLBPROBE-DONE verdict=fail reason=exception' done_marker

# The report also reaches the VGA text screen on a BIOS boot.
. tests/boot/vga-test.sh
vga_test
# GRUB reports the EGA text screen (multiboot2 tag 8) only when there is a
# VGA card; QEMU's -nodefaults runs have none, so add one here.
boot iso-vga 0 BOOT=iso ACCEL=tcg QEMU_ARGS="-vga std"
expect_line iso-vga ' efi=0 vga_text=1 ' grub_reports_ega_text
expect_line iso-max ' efi=0 vga_text=0 ' no_vga_no_mirror

# on_done=reboot resets the machine after the done marker; with -no-reboot
# QEMU then exits with status 0, which run-qemu reports as "no verdict".
boot reboot 2 BOOT=kernel ACCEL=tcg CMDLINE="tests=control.fresh_map iters=1 on_done=reboot"
expect_line reboot 'TLBPROBE-DONE verdict=pass' done_marker
if grep -q 'QEMU exit status 0 ' "$LOGS/reboot.qemu.txt"; then
	record PASS reboot.reset
else
	record FAIL reboot.reset "QEMU did not stop on a guest reset (see $LOGS/reboot.qemu.txt)"
fi

# The catalogue.
boot list 0 BOOT=kernel ACCEL=tcg CMDLINE="list"
expect_line list '^# catalogue: pmd_collapse\.noflush +observation' catalogue
expect_line list 'TLBPROBE-DONE verdict=pass' done_marker

# The same seed gives the same sequence of slots, pages and offsets (the
# seq= digest of every value drawn) and the same histograms.  One caveat,
# measured: QEMU sizes its TLB from host timing (tlb_mmu_resize), so an
# observation row's stale_tlb count can differ by an eviction between two
# runs; such rows are reported, controls and correctness rows must match.
boot seed-a 0 BOOT=kernel ACCEL=tcg CMDLINE="seed=7 iters=6"
boot seed-b 0 BOOT=kernel ACCEL=tcg CMDLINE="seed=7 iters=6"
boot seed-c 0 BOOT=kernel ACCEL=tcg CMDLINE="seed=8 iters=6"
seqs() { grep -o '# result: name=[^ ]* .* seq=[0-9]*' "$LOGS/$1.log" | sed 's/ class=.* seq=/ seq=/'; }
# The smp race rows count the reads the other CPU made while the change
# ran: how many depends on host scheduling, so their counts are left out;
# elapsed_ms= is wall time, which no seed fixes (nor the crc= over it).
rows() { grep '# result:' "$LOGS/$1.log" | grep -v 'class=observation' | grep -v 'name=smp\.race\.' |
	sed 's/ elapsed_ms=[0-9]*//; s/ crc=[0-9a-f]*//'; }
if [ -n "$(seqs seed-a)" ] && diff <(seqs seed-a) <(seqs seed-b) >/dev/null; then
	record PASS seed.same_sequence
else
	record FAIL seed.same_sequence "seq= digests differ between two runs with seed=7"
fi
if ! diff <(seqs seed-a) <(seqs seed-c) >/dev/null; then
	record PASS seed.other_seed_other_sequence
else
	record FAIL seed.other_seed_other_sequence "seed=7 and seed=8 drew the same values"
fi
if [ -n "$(rows seed-a)" ] && diff <(rows seed-a) <(rows seed-b) >/dev/null; then
	record PASS seed.same_histograms
else
	record FAIL seed.same_histograms "control/correctness result lines differ between two runs with seed=7"
fi
n=$(diff <(grep 'class=observation' "$LOGS/seed-a.log") \
	<(grep 'class=observation' "$LOGS/seed-b.log") | grep -c '^<')
if [ "$n" -eq 0 ]; then
	record PASS seed.same_observations
else
	record NOTE seed.same_observations "$n observation row(s) differ by TCG TLB evictions (QEMU sizes its TLB from host timing)"
fi

# The Makefile honours CC=: the same kernel built by clang boots and passes.
if command -v clang >/dev/null 2>&1; then
	if make -s BUILD="$BUILD/clang" CC=clang "$BUILD/clang/tlbprobe.elf" \
		>"$LOGS/clang-build.txt" 2>&1; then
		record PASS clang.build
		boot clang-kernel 0 BUILD="$BUILD/clang" BOOT=kernel ACCEL=tcg CMDLINE="iters=4"
		judge clang-kernel tcg
	else
		record FAIL clang.build "see $LOGS/clang-build.txt"
	fi
else
	record SKIP clang.build "clang not installed"
fi

echo "boot wall times (s):"
sed 's/^/  /' "$TIMES"
