# Bare metal: the hardware's behaviour is the result, so observations are
# recorded (JSON, report), not judged.  Only what the kernel itself calls
# a failure is one here: a control that did not work, or a correctness
# test (architecturally sufficient flushes) that read anything but the
# current mapping.  Every matching rule applies (docs/checker.md).
name metal

class=control : result ok
class=correctness : result ok must-coherent

# Observations and benchmarks: anything the CPU does is data.
class=observation,bench : any
