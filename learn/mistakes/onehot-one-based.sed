# mistake: labels taken as counting from 1 (the 1 one column to the right)
# hint: one column to the right
/EXERCISE BEGIN onehot/,/EXERCISE END onehot/s|labels\[i\] == k ?|labels[i] + 1 == k ?|
