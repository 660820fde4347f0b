# mistake: grad = lambda W, the data gradient overwritten
# hint: replaced the gradient
/EXERCISE BEGIN l2grad/,/EXERCISE END l2grad/s|\] += lambda \*|] = lambda *|
