# What QEMU TCG does (docs/background.md, "What emulators do").
# A TCG run checks the mechanics: detectors, flush paths, controls.
# Every rule whose selector matches a scenario applies (docs/checker.md).
# Rules select on the rows' parameters (flush=, pcid=, ...: the "# result:"
# line's keys) and on family names, never on a name that stands for one.
name tcg

# The controls must have run: without them nothing else means anything.
require control.fresh_map control.canary_pte control.unknown_value control.fault_unmapped control.stale_tlb control.remap_invlpg control.remap_cr3 control.remap_full control.rsvd_fault control.ad_fresh_walk control.ad_cached control.mce_logged control.mce_raised
# Every family must be present (run or skipped with a reason is checked below).
require pmd_collapse.noflush pmd_collapse.cr3 pmd_split.clear_invlpg linux.5e0fb5df2ee8

# The kernel judged controls and correctness tests; that must be "ok".
class=control : result ok
class=correctness : result ok must-coherent

# Each control must show what it was built to show.
control.canary_pte : must stale_walk
control.stale_tlb : must stale_tlb
control.fault_unmapped : must fault
control.rsvd_fault : must fault
control.unknown_value : must unknown
# QEMU lets software write the MCA registers, so the staged checks must fire.
control.mce_logged control.mce_raised : must mce
control.fresh_map control.remap_* control.ad_* : must-coherent

# TCG has no paging-structure caches: a walk reads the current tables, so a
# stale walk (outside the canary control), a machine check or an unknown
# value is a bug in the kernel or the checker, never a finding.
* !control.canary_pte : never stale_walk,stale_walk_pdpte,walk_fault,reused_a
* !control.mce_logged !control.mce_raised : never mce
* !control.unknown_value : never unknown

# TCG keeps final translations until INVLPG or a CR3 write: the pages read
# before a collapse or split without a sufficient flush read stale.
class=observation !psc_size.* : may stale_tlb
# The psc_size sweeps read through an upper-level entry they left not
# present (tests/kernel/psc_size.c): with no cached entry the walk faults,
# which is what TCG, with no paging-structure cache, must give every probe.
psc_size.* : may stale_tlb,fault
psc_size.pde psc_size.pdpte : must fault
# Skipped rows (no # result: line) have no class and are not held to this.
class=observation pmd_collapse.* pud_collapse.* flush=none : must touched_stale_tlb
class=observation pmd_collapse.* pud_collapse.* flush_at=outside : must touched_stale_tlb
class=observation pmd_split.* pud_split.* flush=none : must touched_stale_tlb
# TCG caches 4 KiB pieces only, so pages never read cannot be stale.
pmd_collapse.* pud_collapse.* linux.* : never untouched_stale_tlb

# The Linux variants unmap and flush before the collapse: with no leaf
# entries left and no paging-structure caches, TCG reads coherent even
# without a flush.  On hardware these rows are where stale walks show.
warm=linux : must-coherent

# A CR3 write drops everything under TCG, global entries included (real
# CPUs keep globals), and toggling CR4.PGE drops everything everywhere.
class!=bench flush=cr3,pge : must-coherent

# TCG offers neither PCID nor INVPCID nor TCE: those scenarios must be
# skipped on CPUID, never attempted (a MOV to CR3 with bit 63 set livelocks
# QEMU 7.2; INVPCID raises #UD).
pcid=1 : result skip
flush=invpcid* : result skip
tce=1 : result skip

# Several vCPUs (SMP=2 and up): each vCPU has its own soft TLB, which only
# its own INVLPG or CR3 write empties.  So when the collapsing CPU flushes
# only itself, the other CPU keeps reading the old small pages it touched;
# a shootdown (IPI INVLPG or full flush, acknowledged) reaches it.  On one
# CPU these rows are skipped (no # result: line, no class).
class=observation smp.* race=0 remote=any flush=none,invlpg_range,full : must remote_touched_stale_tlb
class=correctness smp.* flush=shootdown,shootdown_full : must-coherent never remote_stale_tlb,shootdown_missing
smp.* : never untouched_stale_tlb
# No INVLPGB, no PCID, no hybrid cores under TCG.
flush=invlpgb* : result skip
remote=other_type : result skip
# The detectors on the other CPU: a fresh page reads coherent there and a
# hole faults there (recovered by the exception table on that CPU).
class=control smp.control.remote_probe : must remote_fault,remote_coherent
