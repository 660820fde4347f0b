/* blas.c - the matrix product through the BLAS (cblas_dgemm).
 *
 * The default build's mat_matmul and mat_backend (mat.h) when pkg-config
 * finds a BLAS (mk/fast.mk): make BLAS=none or make FAST=0 builds
 * without this file, and mat_matmul is then lib/mat.c's triple loop.  It
 * also fits OpenBLAS to a memory limit (blasmem.h, at the end). */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, MAP_NORESERVE, setenv */
#include <cblas.h>
#include <omp.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "blasmem.h"
#include "mat.h"

#define SMALL_BT 4096 /* elements of B (32 KiB) that matmul_blas transposes */
#define ROW_BLOCK 128 /* rows of A per slice of a tall product */
#define PAR_WORK 8e6  /* multiply-adds from which a product is cut */
#define MIN_PIECE 16  /* rows or columns of C in a piece, at least */

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

/* C (m, n) = op(A) op(B) + beta C through cblas_dgemm, row-major, C's
 * rows ldc apart. */
static void gemm(bool trans_a, bool trans_b, int m, int n, int k,
                 const double *A, int lda, const double *B, int ldb,
                 double beta, double *C, int ldc)
{
    cblas_dgemm(CblasRowMajor, trans_a ? CblasTrans : CblasNoTrans,
                trans_b ? CblasTrans : CblasNoTrans, m, n, k, 1.0, A, lda, B,
                ldb, beta, C, ldc);
}

/* One block of columns of C = op(A) op(B) (+ C when beta is 1): C (m, n)
 * with rows ldc apart, op(A) (m, k), op(B) (k, n), in slices of
 * ROW_BLOCK rows (see matmul_blas). */
static void product(bool trans_a, bool trans_b, int m, int n, int k,
                    const double *A, int lda, const double *B, int ldb,
                    double beta, double *C, int ldc)
{
    if (!trans_a) { /* slices of A's rows make the same rows of C */
        for (int r = 0; r < m; r += ROW_BLOCK)
            gemm(false, trans_b, m - r < ROW_BLOCK ? m - r : ROW_BLOCK, n, k,
                 A + (long)r * lda, lda, B, ldb, beta, C + (long)r * ldc,
                 ldc);
    } else if (!trans_b && k > ROW_BLOCK) { /* each slice adds its share */
        for (int r = 0; r < k; r += ROW_BLOCK)
            gemm(true, false, m, n, k - r < ROW_BLOCK ? k - r : ROW_BLOCK,
                 A + (long)r * lda, lda, B + (long)r * ldb, ldb,
                 r > 0 ? 1.0 : beta, C, ldc);
    } else {
        gemm(true, trans_b, m, n, k, A, lda, B, ldb, beta, C, ldc);
    }
}

/* How a large product is cut for threads: into `pieces` blocks of C's
 * rows (by_rows) or of its columns.  Every block multiplies its own slice
 * of one operand by the whole of the other, which the BLAS copies (packs)
 * again for each block; so C is cut along the side whose whole operand is
 * the smaller: its rows when op(B) (k, n) is smaller than op(A) (m, k),
 * that is when n <= m.  A product under PAR_WORK multiply-adds stays
 * whole; above, 2 pieces, then 4 from 4 PAR_WORK and 8 from 16 PAR_WORK,
 * never thinner than MIN_PIECE rows or columns.  The cut depends on the
 * shape only, never on the number of threads. */
typedef struct {
    int pieces;
    bool by_rows;
} Cut;

static Cut cut_for(int m, int n, int k)
{
    double work = (double)m * n * k;
    Cut c = {1, n <= m};
    if (work < PAR_WORK)
        return c;
    c.pieces = work < 4 * PAR_WORK ? 2 : work < 16 * PAR_WORK ? 4 : 8;
    int side = c.by_rows ? m : n;
    while (c.pieces > 1 && side / c.pieces < MIN_PIECE)
        c.pieces /= 2;
    return c;
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
 * result moves by rounding, which the BLAS path allows anyway.
 *
 * Threads: a large product is cut into blocks of C's rows or columns
 * (cut_for), a fixed cut that depends on the shapes alone, and the blocks
 * are shared out among OpenMP's threads (omp_set_num_threads,
 * OMP_NUM_THREADS), each calling the BLAS on one thread.  Every element
 * of C is the same sum in the same order whichever thread computes its
 * block, so the result has the same bits for any number of threads
 * (tests/check_blas.c multiplies on one thread and two and compares;
 * tests/check_09.c trains with one and two and compares the weights).
 * Inside another parallel region (the sweep's) the blocks run one after
 * the other on the calling thread. */
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
    //> threads
    Cut cut = cut_for(m, n, k);
    if (cut.pieces == 1) {
        product(trans_a, trans_b, m, n, k, A->data, lda, B->data, ldb, beta,
                C->data, n);
        return;
    }
#pragma omp parallel for schedule(static)
    for (int p = 0; p < cut.pieces; p++) {
        int side = cut.by_rows ? m : n;
        int i0 = (int)((long)side * p / cut.pieces);
        int i1 = (int)((long)side * (p + 1) / cut.pieces);
        if (cut.by_rows) { /* op(A)'s rows i0..i1 make C's */
            const double *Ap = trans_a ? A->data + i0
                                       : A->data + (long)i0 * lda;
            product(trans_a, trans_b, i1 - i0, n, k, Ap, lda, B->data, ldb,
                    beta, C->data + (long)i0 * n, n);
        } else { /* op(B)'s columns i0..i1 make C's */
            const double *Bp = trans_b ? B->data + (long)i0 * ldb
                                       : B->data + i0;
            product(trans_a, trans_b, m, i1 - i0, k, A->data, lda, Bp, ldb,
                    beta, C->data + i0, n);
        }
    }
    //< threads
}
const char *mat_backend(void) { return "blas"; }

void mat_matmul(Matrix *C, const Matrix *A, bool trans_a, const Matrix *B,
                bool trans_b, bool accumulate)
{
    matmul_blas(C, A, trans_a, B, trans_b, accumulate);
}

/* ---- under a memory limit (blasmem.h) ------------------------------------ */

#define THREAD_EXTRA (136L << 20) /* a new thread: its stack (8 MiB) and
                                     its malloc arena (128 MiB while
                                     glibc aligns it) */
#define MARGIN (32L << 20)       /* the program's own data */
#define WARM 256                 /* product size that takes the buffer */

#ifdef OPENBLAS_VERSION
/* Can `bytes` of address space be had now?  (A mapping without access
 * counts against the limit and costs nothing else.) */
static int space_for(size_t bytes)
{
    void *p = mmap(NULL, bytes, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return 0;
    munmap(p, bytes);
    return 1;
}

/* One product large enough for OpenBLAS's packed path, on each thread. */
static int warm_up(int threads)
{
    size_t n = (size_t)WARM * WARM;
    int bad = 0;
#pragma omp parallel num_threads(threads) reduction(| : bad)
    {
        double *a = calloc(3 * n, sizeof *a);
        if (a)
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, WARM,
                        WARM, WARM, 1.0, a, WARM, a + n, WARM, 0.0,
                        a + 2 * n, WARM);
        bad |= !a;
        free(a);
    }
    return bad ? -1 : 0;
}

int blasmem_reserve(char **argv, Error *err)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_AS, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
        return 0;
    const char *set = getenv("OPENBLAS_NUM_THREADS");
    if (argv && (!set || strcmp(set, "1") != 0) &&
        setenv("OPENBLAS_NUM_THREADS", "1", 1) == 0)
        execv("/proc/self/exe", argv); /* returns only when it failed */
    openblas_set_num_threads(1); /* as lib/mat.c does: no BLAS workers */
    int threads = omp_get_max_threads();
    while (threads > 0 &&
           !space_for((size_t)threads * BLASMEM_BUFFER +
                      (size_t)(threads - 1) * THREAD_EXTRA + MARGIN))
        threads--;
    if (threads == 0 || warm_up(threads) != 0)
        return err_set(err, "out of memory: the address-space limit "
                       "(ulimit -v %lu KiB) leaves less than the %ld MiB "
                       "OpenBLAS needs (or build with BLAS=none)",
                       (unsigned long)(rl.rlim_cur >> 10),
                       (BLASMEM_BUFFER + MARGIN) >> 20);
    omp_set_num_threads(threads);
    return 0;
}
#else
int blasmem_reserve(char **argv, Error *err)
{
    (void)argv;
    (void)err;
    return 0; /* another BLAS: its memory is its own affair */
}
#endif
