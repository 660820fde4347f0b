# mistake: the inner length taken from the wrong side of A
# hint: too few terms
/EXERCISE BEGIN matmul/,/EXERCISE END matmul/s|int k = trans_a ? A->rows : A->cols;|int k = trans_a ? A->cols : A->rows;|
