# mistake: copied row i of src, not row idx[i]
# hint: copy row idx[i]
/EXERCISE BEGIN subset/,/EXERCISE END subset/s|src->X.data\[(long)idx\[i\] \* D + j\]|src->X.data[(long)i * D + j]|
