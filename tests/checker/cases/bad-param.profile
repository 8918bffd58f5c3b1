# a parameter selector with a typo must not silently select nothing
name bad-param
class=control : result ok
flsh=cr3 : must-coherent
