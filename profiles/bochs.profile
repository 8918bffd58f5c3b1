# What Bochs 2.7 can show (docs/lab.md, "Bochs").  Bochs is a second,
# independent x86-64 emulator: it executes PCID, INVPCID and SMP with the
# CPU model's CPUID, which QEMU TCG cannot, so it checks the mechanics of
# the rows TCG skips.  Like TCG it walks the current tables on every TLB
# miss (no paging-structure caches), so a correctness row that reads
# coherent says nothing about real hardware: the run is inconclusive.
# Every rule whose selector matches a scenario applies (docs/checker.md).
name bochs

# The controls must have run (the MCE pair may skip: below).
require control.fresh_map control.canary_pte control.unknown_value control.fault_unmapped control.stale_tlb control.remap_invlpg control.remap_cr3 control.remap_full control.rsvd_fault control.ad_fresh_walk control.ad_cached

class=control !control.stale_tlb !control.ad_cached !control.mce_logged !control.mce_raised : result ok
# Allowed, not required (SDM 4.10.2, 4.10.4.3): a machine that keeps no
# translation makes them inconclusive, never a failure.
control.stale_tlb control.ad_cached : result ok,inconclusive
# Bochs takes WRMSR to MCi_STATUS and MCG_STATUS and keeps nothing: the
# kernel reads the value back and skips; a model that keeps it must fire.
control.mce_logged control.mce_raised : result ok,skip
class=correctness : result ok must-coherent

# No paging-structure caches: a walk reads the current tables, so a stale
# walk (outside the canary control), a machine check or an unknown value
# is a bug in the kernel or the checker, never a finding.
* !control.canary_pte : never stale_walk,stale_walk_pdpte,walk_fault,reused_a
* !control.mce_logged !control.mce_raised : never mce
* !control.unknown_value : never unknown

# What Bochs' TLB keeps after an insufficient flush is data, not judged
# here; the architecture's rules (checker/arch.c) still apply to it.
class=observation,bench : any
