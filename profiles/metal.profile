# Bare metal: the hardware's behaviour is the result, so observations are
# recorded (JSON, report), not judged.  Only what the kernel itself calls
# a failure is one here: a control that did not work, or a correctness
# test (architecturally sufficient flushes) that read anything but the
# current mapping.  Every matching rule applies (docs/checker.md).
name metal

class=control !control.stale_tlb !control.ad_cached : result ok
# What these two expect is allowed but not required (SDM 4.10.2, 4.10.4.3:
# a processor may keep a translation, or walk again): a machine that shows
# none makes them inconclusive, never a failure and never a pass.
control.stale_tlb control.ad_cached : result ok,inconclusive
class=correctness : result ok must-coherent

# Observations and benchmarks: anything the CPU does is data.
class=observation,bench : any
