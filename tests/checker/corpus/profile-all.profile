name p
require a.* b?
class=control,obs* !x.* y.[ab] : result ok,skip must-coherent may stale_tlb,fault must stale_walk never mce,unknown any
class!=bench : may none
* : result missing,abort
