# mistake: trans_a ignored when reading A
# hint: trans_a was ignored
/EXERCISE BEGIN matmul/,/EXERCISE END matmul/s|long a_row = trans_a ? 1 : A->cols, a_col = trans_a ? A->cols : 1;|long a_row = trans_a ? A->rows : A->cols, a_col = 1;|
