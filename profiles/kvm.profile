# KVM: hardware page walks (EPT/NPT), so paging-structure caches are real
# and stale walks can show in observations, as on metal.  Like metal, and
# the controls must also be present and have run: a KVM run is how the
# detectors are validated on real page-walk hardware.
name kvm

require control.canary_pte control.fault_unmapped control.stale_tlb control.fresh_map

class=control : result ok
class=correctness : result ok must-coherent

class=observation,bench : any
