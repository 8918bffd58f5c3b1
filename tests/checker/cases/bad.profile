# a typo must not silently loosen the check
name bad
class=control : result ok
class=correctness : must-coherant
