# mistake: 2 lambda W, the derivative of lambda W^2 taken literally
# hint: 2 lambda W
/EXERCISE BEGIN l2grad/,/EXERCISE END l2grad/s|+= lambda \*|+= 2.0 * lambda *|
