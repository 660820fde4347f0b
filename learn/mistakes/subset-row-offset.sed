# mistake: the row offset forgotten, src[idx[i] + j]
# hint: not idx[i] rows
/EXERCISE BEGIN subset/,/EXERCISE END subset/s|src->X.data\[(long)idx\[i\] \* D + j\]|src->X.data[(long)idx[i] + j]|
