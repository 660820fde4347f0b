/* mat_lanes.c - mat.h's elementwise loops in SIMD lanes.
 *
 * The default build's mat_add_row, mat_col_sums and mat_gather_rows:
 * lib/mat.c's loops, each compiled for several processors (lanes.h).
 * Every element sees the same operations in the same order, so the
 * results are the same bits.  make FAST=0 builds without this file. */
#include <string.h>

#include "lanes.h"
#include "mat.h"

NN_LANES void mat_add_row(Matrix *m, const double *v)
{
    for (int i = 0; i < m->rows; i++) {
        double *row = m->data + (long)i * m->cols;
#pragma omp simd
        for (int j = 0; j < m->cols; j++)
            row[j] += v[j];
    }
}

NN_LANES void mat_col_sums(double *out, const Matrix *m)
{
    memset(out, 0, (size_t)m->cols * sizeof *out);
    for (int i = 0; i < m->rows; i++) {
        const double *row = m->data + (long)i * m->cols;
#pragma omp simd
        for (int j = 0; j < m->cols; j++)
            out[j] += row[j];
    }
}

/* Copies one row of C values. */
static NN_LANES void copy_row(double *to, const double *from, int C)
{
#pragma omp simd
    for (int j = 0; j < C; j++)
        to[j] = from[j];
}

/* A large gather (a minibatch of chapter 9's 784-pixel rows) is shared
 * out among OpenMP's threads by rows: a copy, the same bits on any number
 * of threads, and two cores fetch rows from memory faster than one. */
void mat_gather_rows(Matrix *dst, const Matrix *src, const int *idx, int n)
{
    int C = src->cols;
#pragma omp parallel for schedule(static) if ((long)n * C >= PAR_ELEMS)
    for (int i = 0; i < n; i++)
        copy_row(dst->data + (long)i * dst->cols,
                 src->data + (long)idx[i] * C, C);
}

