# mistake: normalised over the columns (each column sums to 1), not the rows
# hint: wrong axis
/EXERCISE BEGIN softmax/,/EXERCISE END softmax/{
/EXERCISE/!d
/EXERCISE BEGIN/a\
    int K = Z->cols, N = Z->rows;\
    for (int k = 0; k < K; k++) {\
        double max = Z->data[k];\
        for (int i = 1; i < N; i++)\
            max = Z->data[(long)i * K + k] > max ? Z->data[(long)i * K + k] : max;\
        double sum = 0.0;\
        for (int i = 0; i < N; i++) {\
            Z->data[(long)i * K + k] = exp(Z->data[(long)i * K + k] - max);\
            sum += Z->data[(long)i * K + k];\
        }\
        for (int i = 0; i < N; i++)\
            Z->data[(long)i * K + k] /= sum;\
    }\
    if (lse)\
        for (int i = 0; i < N; i++)\
            lse[i] = 0.0;
}
