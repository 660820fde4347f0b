# mistake: the matrix filled column by column, Y[k * n + i]
# hint: column by column
/EXERCISE BEGIN onehot/,/EXERCISE END onehot/s|Y->data\[(long)i \* Y->cols + k\]|Y->data[(long)k * n + i]|
