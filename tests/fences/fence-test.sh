#!/bin/bash
# SPDX-License-Identifier: MIT
# fence-test.sh ELF RESULTS: the fences the SMP code needs are in the
# kernel as built (the disassembly, since no emulator reorders stores):
#   send():          MFENCE; LFENCE before the x2APIC ICR WRMSR (SDM vol. 3A
#                    11.12.3: that WRMSR is not serializing);
#   invlpgb_range(): MFENCE before the first INVLPGB (the page-table stores
#                    visible before the broadcast);
#   op_race():       LFENCE around both phase loads of each race read (SDM
#                    4.10.4.3: a walk's loads are not ordered with them).
# A positive control feeds the same checks a fence-less listing.
set -u
ELF=$1 RESULTS=$2
: >"$RESULTS"
record() { printf '%s %s%s\n' "$1" "$2" "${3:+: $3}" | tee -a "$RESULTS"; }

# The instructions of one function, one mnemonic (and operands) a line.
body() { awk -v f="<$1>:" '$2 == f { on = 1; next } on && /^$/ { exit }
	on { sub(/^ *[0-9a-f]+:\t/, ""); print }' "$2"; }

# The x2APIC path: the WRMSR after "mov $0x830,%ecx" (ICR) has MFENCE,
# then LFENCE, since the last WRMSR or branch target before it.
icr_fenced() {
	awk '/mov +\$0x830,%ecx/ { icr = 1 } /mfence/ { m = 1; l = 0 }
	     /lfence/ { l = m } /^wrmsr/ { if (icr && !(m && l)) bad = 1;
	     if (icr) seen = 1; icr = m = l = 0 }
	     END { exit !(seen && !bad) }'
}
invlpgb_fenced() {
	awk '/mfence/ { m = 1 } /invlpgb/ { seen = 1; if (!m) bad = 1; exit }
	     END { exit !(seen && !bad) }'
}
race_fenced() { [ "$(grep -c lfence)" -ge 4 ]; }

dis=$(mktemp) || exit 1
trap 'rm -f "$dis"' EXIT
objdump -d --no-show-raw-insn "$ELF" >"$dis" || { record FAIL fences.objdump; exit 1; }
check() {
	local name=$1 fn=$2 test=$3
	if body "$fn" "$dis" | $test; then
		record PASS "fences.$name"
	else
		record FAIL "fences.$name" "$fn lacks the fence"
	fi
}
check x2apic_icr send icr_fenced
check invlpgb invlpgb_range invlpgb_fenced
check race_phase_loads op_race race_fenced

# Positive control: the same checks on a listing without the fences.
if printf 'mov    $0x830,%%ecx\nwrmsr\n' | icr_fenced ||
   printf 'mov    %%rax,(%%rdx)\ninvlpgb\n' | invlpgb_fenced ||
   printf 'mov    (%%rax),%%eax\nlfence\n' | race_fenced; then
	record FAIL fences.control "a listing without fences passed"
else
	record PASS fences.control
fi
grep -q '^FAIL' "$RESULTS" && exit 1
exit 0
