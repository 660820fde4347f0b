/* blas.c - the matrix product through the BLAS (cblas_dgemm).
 *
 * The default build's mat_matmul and mat_backend (mat.h) when pkg-config
 * finds a BLAS (mk/fast.mk): make BLAS=none or make FAST=0 builds
 * without this file, and mat_matmul is then lib/mat.c's triple loop. */
#include <cblas.h>
#include <pthread.h>

#include "mat.h"

#define SMALL_BT 4096 /* elements of B (32 KiB) that matmul_blas transposes */
#define ROW_BLOCK 128 /* rows of A per slice of a tall product */

/* OpenBLAS runs on one thread here.  The library's products are small,
 * and the sweep runs its own threads (OpenMP); with OpenBLAS's threads as
 * well, the two kinds fought over the cores and chapter 7 took 25 s
 * instead of 1.8 s on two cores.  Another BLAS is left as it is. */
static void blas_one_thread(void)
{
#ifdef OPENBLAS_VERSION
    openblas_set_num_threads(1);
#endif
}

/* C (m, n) = op(A) op(B) + beta C through cblas_dgemm, row-major. */
static void gemm(bool trans_a, bool trans_b, int m, int n, int k,
                 const double *A, int lda, const double *B, int ldb,
                 double beta, double *C)
{
    cblas_dgemm(CblasRowMajor, trans_a ? CblasTrans : CblasNoTrans,
                trans_b ? CblasTrans : CblasNoTrans, m, n, k, 1.0, A, lda, B,
                ldb, beta, C, n);
}

/* The same product through the BLAS (cblas_dgemm, row-major).  A BLAS
 * reads op(A) and op(B) through a leading dimension, which for a
 * row-major matrix is its column count; it wants at least 1 even when a
 * matrix has no columns, and C is only written when it has elements.
 * OpenBLAS (0.3.21, SkylakeX kernels) computes A B^T more slowly than
 * A B when B is small: the full batch's dZo Wo^T, (1437, 10) times
 * (50, 10)^T, took 46 microseconds as A B^T and 27 with Wo transposed
 * first, transposing included.  So a small B is transposed onto the
 * stack and multiplied as it stands.
 *
 * OpenBLAS also has two ways of multiplying: a "small matrix" kernel that
 * works on the operands where they lie, and for larger products a kernel
 * that first copies (packs) them into cache-sized panels.  For the full
 * batch's tall, thin products the packed path is the slower one: (1437,
 * 64) times (64, 50) ran at 46 GFLOP/s in one call and at 71 in slices of
 * 128 rows; (1437, 64)^T times (1437, 50), whose sum runs over the 1437
 * rows, at 39 in one call and at 70 as slices added up (measured with
 * SkylakeX kernels, `make bench` prints both).  So a product whose A has
 * more than ROW_BLOCK rows goes in slices of ROW_BLOCK rows: for A B, each
 * slice makes its own rows of C; for A^T B, each slice adds its share of
 * the sum to C.  The second changes the order of the additions, so the
 * result moves by rounding, which the BLAS path allows anyway. */
static void matmul_blas(Matrix *C, const Matrix *A, bool trans_a,
                        const Matrix *B, bool trans_b, bool accumulate)
{
    int m = C->rows, n = C->cols;
    int k = trans_a ? A->rows : A->cols;
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, blas_one_thread);
    if (m == 0 || n == 0)
        return;
    double bt[SMALL_BT];
    Matrix T;
    if (trans_b && !trans_a && (long)B->rows * B->cols <= SMALL_BT) {
        T = mat_view(bt, B->cols, B->rows); /* (k, n) */
        for (int i = 0; i < B->rows; i++)
            for (int j = 0; j < B->cols; j++)
                bt[(long)j * B->rows + i] = B->data[(long)i * B->cols + j];
        B = &T;
        trans_b = false;
    }
    int lda = A->cols > 1 ? A->cols : 1, ldb = B->cols > 1 ? B->cols : 1;
    double beta = accumulate ? 1.0 : 0.0;
    if (!trans_a) { /* slices of A's rows make the same rows of C */
        for (int r = 0; r < m; r += ROW_BLOCK)
            gemm(false, trans_b, m - r < ROW_BLOCK ? m - r : ROW_BLOCK, n, k,
                 A->data + (long)r * A->cols, lda, B->data, ldb, beta,
                 C->data + (long)r * n);
    } else if (!trans_b && k > ROW_BLOCK) { /* each slice adds its share */
        for (int r = 0; r < k; r += ROW_BLOCK)
            gemm(true, false, m, n, k - r < ROW_BLOCK ? k - r : ROW_BLOCK,
                 A->data + (long)r * A->cols, lda,
                 B->data + (long)r * B->cols, ldb, r > 0 ? 1.0 : beta,
                 C->data);
    } else {
        gemm(true, trans_b, m, n, k, A->data, lda, B->data, ldb, beta,
             C->data);
    }
}
const char *mat_backend(void) { return "blas"; }

void mat_matmul(Matrix *C, const Matrix *A, bool trans_a, const Matrix *B,
                bool trans_b, bool accumulate)
{
    matmul_blas(C, A, trans_a, B, trans_b, accumulate);
}
