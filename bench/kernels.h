/* kernels.h - the matrix products the speed appendix compares.
 *
 * All compute C (n, n) = A (n, n) B (n, n), row-major, square, no
 * transposition: the simplest case is enough to see what memory order and
 * blocking do.  The library's own kernel, the one the tutorial runs, is
 * mat_matmul_ref (lib/mat.h); these are its neighbours in the book.
 */
#ifndef NN_BENCH_KERNELS_H
#define NN_BENCH_KERNELS_H

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

#endif
