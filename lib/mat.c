/* mat.c - matrices and the matrix product as the triple loop (see
 * mat.h). */
#include "mat.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int mat_init(Matrix *m, int rows, int cols)
{
    m->rows = rows;
    m->cols = cols;
    m->data = calloc((size_t)rows * (size_t)cols + 1, sizeof *m->data);
    if (!m->data) {
        m->rows = m->cols = 0;
        return -1;
    }
    return 0;
}

void mat_free(Matrix *m)
{
    if (!m)
        return;
    free(m->data);
    m->data = NULL;
    m->rows = m->cols = 0;
}

Matrix mat_view(double *data, int rows, int cols)
{
    Matrix m = {rows, cols, data};
    return m;
}

void mat_matmul_ref(Matrix *C, const Matrix *A, bool trans_a,
                    const Matrix *B, bool trans_b, bool accumulate)
{
    int m = C->rows, n = C->cols;
    int k = trans_a ? A->rows : A->cols;
    /* Strides turn "element (i, p) of op(A)" into an offset either way. */
    long a_row = trans_a ? 1 : A->cols, a_col = trans_a ? A->cols : 1;
    long b_row = trans_b ? 1 : B->cols, b_col = trans_b ? B->cols : 1;

    if (!accumulate)
        memset(C->data, 0, (size_t)m * (size_t)n * sizeof *C->data);
    /* Loop order i, p, j: the inner loop walks a row of C and (without
     * transposition) a row of B, both contiguous in memory. */
    for (int i = 0; i < m; i++) {
        double *c = C->data + (long)i * n;
        for (int p = 0; p < k; p++) {
            double a = A->data[i * a_row + p * a_col];
            const double *b = B->data + p * b_row;
            for (int j = 0; j < n; j++)
                c[j] += a * b[j * b_col];
        }
    }
}

/* ---- the plain versions ---------------------------------------------------
 *
 * The default build replaces mat_matmul with lib/fast/blas.c's, which
 * calls the BLAS (make FAST=1, unless BLAS=none), and the three loops
 * after it with lib/fast/mat_lanes.c's, the same loops in SIMD lanes
 * (make FAST=1); make FAST=0 builds these. */
#ifndef NN_BLAS
const char *mat_backend(void) { return "reference"; }

void mat_matmul(Matrix *C, const Matrix *A, bool trans_a, const Matrix *B,
                bool trans_b, bool accumulate)
{
    mat_matmul_ref(C, A, trans_a, B, trans_b, accumulate);
}
#endif

#ifndef NN_FAST
void mat_add_row(Matrix *m, const double *v)
{
    for (int i = 0; i < m->rows; i++)
        for (int j = 0; j < m->cols; j++)
            m->data[(long)i * m->cols + j] += v[j];
}

void mat_col_sums(double *out, const Matrix *m)
{
    for (int j = 0; j < m->cols; j++)
        out[j] = 0.0;
    for (int i = 0; i < m->rows; i++)
        for (int j = 0; j < m->cols; j++)
            out[j] += m->data[(long)i * m->cols + j];
}

void mat_gather_rows(Matrix *dst, const Matrix *src, const int *idx, int n)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < src->cols; j++)
            dst->data[(long)i * dst->cols + j] =
                src->data[(long)idx[i] * src->cols + j];
}
#endif

int mat_row_argmax(const Matrix *m, int i)
{
    const double *row = m->data + (long)i * m->cols;
    int best = 0;
    for (int j = 0; j < m->cols; j++) {
        if (isnan(row[j]))
            return j;
        if (row[j] > row[best])
            best = j;
    }
    return best;
}
