# KVM: hardware page walks (EPT/NPT), so paging-structure caches are real
# and stale walks can show in observations, as on metal.  Like metal, and
# the controls must also be present and have run: a KVM run is how the
# detectors are validated on real page-walk hardware.
name kvm

require control.fresh_map control.canary_pte control.unknown_value control.fault_unmapped control.stale_tlb control.remap_invlpg control.remap_cr3 control.remap_full control.rsvd_fault control.ad_fresh_walk control.ad_cached

class=control !control.stale_tlb !control.ad_cached : result ok
# What these two expect is allowed but not required (SDM 4.10.2, 4.10.4.3:
# a processor may keep a translation, or walk again): a machine that shows
# none makes them inconclusive, never a failure and never a pass.
control.stale_tlb control.ad_cached : result ok,inconclusive
class=correctness : result ok must-coherent

class=observation,bench : any
