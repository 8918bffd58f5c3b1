# every result allowed: only the architectural check can fail a run
name observe
* : any
