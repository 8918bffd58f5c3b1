# every probe of every scenario but the controls must read coherent
name strict
* !control.* : must-coherent
