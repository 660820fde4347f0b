/* kernels.h - the matrix products the speed appendix compares.
 *
 * The three loops compute C (n, n) = A (n, n) B (n, n), row-major,
 * square, no transposition: the simplest case is enough to see what memory
 * order and blocking do.  The library's own kernel, the one the tutorial
 * runs, is mat_matmul_ref (lib/mat.h); these are its neighbours in the
 * book.  The tuned kernel takes any shape and layout, so that the bench
 * can set it against OpenBLAS on the tutorial's products too.
 */
#ifndef NN_BENCH_KERNELS_H
#define NN_BENCH_KERNELS_H

#include <stdbool.h>

#include "mat.h"

/* The textbook triple loop, i, j, p: the inner loop walks a column of B,
 * n doubles apart in memory. */
void kern_naive(double *C, const double *A, const double *B, int n);

/* Loop order i, p, j: the inner loop walks rows of B and C, contiguous
 * (the order mat_matmul_ref uses). */
void kern_ipj(double *C, const double *A, const double *B, int n);

/* Loop order i, p, j over tiles of KERN_BLOCK x KERN_BLOCK, so the tile of B
 * in use stays in the cache while a strip of rows of C is updated. */
void kern_blocked(double *C, const double *A, const double *B, int n);

#define KERN_BLOCK 64

/* The product as a tuned kernel does it, in C: C (m, n) = op(A) op(B),
 * where element (i, p) of op(A) is A[i * ar + p * ac] and element (p, j)
 * of op(B) is B[p * br + j * bc], so that one function serves A, A^T, B
 * and B^T.  C is row-major and must not overlap A or B.  It copies
 * (packs) panels of op(B) into an aligned buffer, keeps blocks of C in
 * vector registers and updates them with fused multiply-adds.  Each
 * element is one chain of fused multiply-adds, p = 0, 1, ..., k - 1,
 * starting from 0: the same bits on every processor and SIMD width.  It
 * is written for AVX-512: the AVX2 and baseline versions give the same
 * bits, slowly. */
void kern_tuned(double *C, int m, int n, int k, const double *A, long ar,
                long ac, const double *B, long br, long bc);

/* kern_tuned on matrices: C = op(A) op(B) (op(X) = X^T when its flag is
 * set), shapes as for mat_matmul. */
void kern_tuned_mat(Matrix *C, const Matrix *A, bool ta, const Matrix *B,
                    bool tb);

/* The same, by the kernel compiled only for the baseline processor (SSE2,
 * with the C library's fma), for the tests. */
void kern_tuned_baseline_mat(Matrix *C, const Matrix *A, bool ta,
                             const Matrix *B, bool tb);

/* kern_tuned on square matrices, as the other kernels above. */
void kern_tuned_square(double *C, const double *A, const double *B, int n);

#endif
