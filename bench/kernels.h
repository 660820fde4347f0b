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
 * starting from 0: the same bits on every processor and SIMD width.
 * bench/tuned.c is compiled once for each level of x86-64 with its own
 * vector width (AVX-512, AVX2) and once for the baseline processor;
 * kern_tuned calls the fastest version the processor runs. */
typedef void TunedKernel(double *C, int m, int n, int k, const double *A,
                         long ar, long ac, const double *B, long br,
                         long bc);
TunedKernel kern_tuned;

/* The versions, one per compilation of bench/tuned.c: for x86-64-v4,
 * x86-64-v3 (where the Makefile builds them) and the baseline. */
TunedKernel kern_tuned_v4, kern_tuned_v3, kern_tuned_v1;

/* How many versions this processor runs (at least the baseline one), and
 * the name of the v-th, fastest first ("x86-64-v4", "x86-64-v3",
 * "baseline"); NULL when v is out of range. */
int kern_tuned_versions(void);
const char *kern_tuned_version_name(int v);

/* kern_tuned on matrices: C = op(A) op(B) (op(X) = X^T when its flag is
 * set), shapes as for mat_matmul; by the fastest version, or by version v
 * (0 <= v < kern_tuned_versions()). */
void kern_tuned_mat(Matrix *C, const Matrix *A, bool ta, const Matrix *B,
                    bool tb);
void kern_tuned_version_mat(int v, Matrix *C, const Matrix *A, bool ta,
                            const Matrix *B, bool tb);

/* kern_tuned on square matrices, as the other kernels above. */
void kern_tuned_square(double *C, const double *A, const double *B, int n);

#endif
