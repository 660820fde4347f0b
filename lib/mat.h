/* mat.h - row-major matrices of doubles and the one matrix product.
 *
 * Dimension letters used across the project (code, comments and book):
 *   N samples, D inputs per sample (64 pixels), H hidden units (50),
 *   K classes (10), B samples in a minibatch.
 *
 * A Matrix is plain data: a shape and a pointer.  It either owns its data
 * (made by mat_init, released by mat_free) or is a view into memory that
 * somebody else owns (made by mat_view; never freed through the view).
 * Element (i, j) is data[i * cols + j].
 */
#ifndef NN_MAT_H
#define NN_MAT_H

#include <stdbool.h>

typedef struct {
    int rows, cols;
    double *data; /* (rows, cols), row-major */
} Matrix;

/* Allocates a rows x cols matrix of zeros.  Returns 0, or -1 when memory
 * runs out (m is then an empty matrix that mat_free accepts). */
int mat_init(Matrix *m, int rows, int cols);

/* Releases what mat_init allocated and empties m.  NULL or an empty matrix
 * is a no-op.  Never call it on a view. */
void mat_free(Matrix *m);

/* A rows x cols view of data, which the caller keeps alive. */
Matrix mat_view(double *data, int rows, int cols);

/* Element (i, j), for readable code outside hot loops. */
static inline double mat_at(const Matrix *m, int i, int j)
{
    return m->data[(long)i * m->cols + j];
}

/* The project's one matrix product:
 *   C = op(A) op(B)          when accumulate is false,
 *   C = C + op(A) op(B)      when accumulate is true,
 * where op(X) is X, or X transposed when the matching flag is set.
 * Shapes: op(A) (m, k), op(B) (k, n), C (m, n); C must not overlap A or B.
 * The default build hands it to the BLAS (dgemm) where pkg-config finds
 * OpenBLAS (lib/fast/blas.c, mk/fast.mk); built with `make FAST=0` or
 * `make BLAS=none` it is mat_matmul_ref.  The two agree to rounding, not
 * bit for bit: the BLAS sums in another order and with fused
 * multiply-adds (appendix "Speed").
 * The first call sets OpenBLAS to one thread for the whole process
 * (lib/fast/blas.c says why). */
void mat_matmul(Matrix *C, const Matrix *A, bool trans_a, const Matrix *B,
                bool trans_b, bool accumulate);

/* The same product by the readable triple loop the book explains (appendix
 * "Matrix multiplication"), whatever the build: the reference the BLAS
 * path is tested against. */
void mat_matmul_ref(Matrix *C, const Matrix *A, bool trans_a,
                    const Matrix *B, bool trans_b, bool accumulate);

/* Which kernel mat_matmul runs: "blas" or "reference". */
const char *mat_backend(void);

/* Adds the row vector v (cols) to every row of m (rows, cols): the bias. */
void mat_add_row(Matrix *m, const double *v);

/* out (cols) = sum of the rows of m (rows, cols). */
void mat_col_sums(double *out, const Matrix *m);

/* Copies rows idx[0..n-1] of src (R, C) into the first n rows of dst, which
 * has at least n rows and C columns (numpy: src[idx]). */
void mat_gather_rows(Matrix *dst, const Matrix *src, const int *idx, int n);

/* Index of the largest element of row i of m; the first one on ties, as
 * numpy's argmax does.  A row holding NaN returns the index of the first
 * NaN (numpy's rule too). */
int mat_row_argmax(const Matrix *m, int i);

#endif
