# What QEMU TCG does (shared/background.md, "What emulators do").
# A TCG run checks the mechanics: detectors, flush paths, controls.
# Every rule whose selector matches a scenario applies (docs/checker.md).
name tcg

# The controls must have run: without them nothing else means anything.
require control.canary_pte control.fault_unmapped control.stale_tlb control.fresh_map

# The kernel judged controls and correctness tests; that must be "ok".
class=control : result ok
class=correctness : result ok must-coherent

# Each control must show what it was built to show.
control.canary_pte : must stale_walk
control.stale_tlb : must stale_tlb
control.fault_unmapped : must fault
control.fresh_map : must-coherent

# TCG has no paging-structure caches: a walk reads the current tables, so a
# stale walk (outside the canary control), a machine check or an unknown
# value is a bug in the kernel or the checker, never a finding.
* !control.canary_pte : never stale_walk,mce,unknown

# TCG keeps final translations until INVLPG or a CR3 write: stale TLB
# entries may show where a scenario skips or misplaces the flush.
class=observation : may stale_tlb

# A CR3 write drops everything under TCG, global entries included (real
# CPUs keep globals), and toggling CR4.PGE drops everything everywhere.
*.cr3 *.cr3.* *.pge *.pge.* : must-coherent

# TCG offers neither PCID nor INVPCID: those scenarios must be skipped on
# CPUID, never attempted (a MOV to CR3 with bit 63 set livelocks QEMU 7.2).
*.pcid *.pcid.* flush.invpcid* : result skip
