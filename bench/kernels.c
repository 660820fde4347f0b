/* kernels.c - the matrix products of the speed appendix (see kernels.h). */
#include "kernels.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "lanes.h" /* NN_LANES */

/* ---- three loops --------------------------------------------------------- */

//> naive
void kern_naive(double *C, const double *A, const double *B, int n)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            double sum = 0.0;
            for (int p = 0; p < n; p++)
                sum += A[(long)i * n + p] * B[(long)p * n + j];
            C[(long)i * n + j] = sum;
        }
}
//< naive

//> ipj
void kern_ipj(double *C, const double *A, const double *B, int n)
{
    memset(C, 0, (size_t)n * n * sizeof *C);
    for (int i = 0; i < n; i++)
        for (int p = 0; p < n; p++) {
            double a = A[(long)i * n + p];
            for (int j = 0; j < n; j++)
                C[(long)i * n + j] += a * B[(long)p * n + j];
        }
}
//< ipj

static int min(int a, int b) { return a < b ? a : b; }

//> blocked
void kern_blocked(double *C, const double *A, const double *B, int n)
{
    const int T = KERN_BLOCK;
    memset(C, 0, (size_t)n * n * sizeof *C);
    for (int p0 = 0; p0 < n; p0 += T)         /* a band of T rows of B ... */
        for (int j0 = 0; j0 < n; j0 += T)     /* ... cut into T x T tiles */
            for (int i = 0; i < n; i++)       /* every row of C uses it */
                for (int p = p0; p < min(p0 + T, n); p++) {
                    double a = A[(long)i * n + p];
                    const double *b = B + (long)p * n;
                    double *c = C + (long)i * n;
                    for (int j = j0; j < min(j0 + T, n); j++)
                        c[j] += a * b[j];
                }
}
//< blocked

/* ---- a tuned kernel ----------------------------------------------------- */

//> tuned
#define LANES 8       /* doubles per vector: one AVX-512 register */
#define MAX_ROWS 8    /* a register block is up to 8 rows of C ... */
#define MAX_CHUNKS 7  /* ... and up to 7 vectors; a panel of op(B) is as
                         wide (56 columns) ... */
#define PANEL_ROWS 64 /* ... and 64 rows tall: 28 KiB, in L1 */
#define ALWAYS_INLINE static inline __attribute__((always_inline))

/* Eight doubles that GCC keeps in one AVX-512 register.  aligned(8): rows
 * of C need not start on a 64-byte boundary. */
typedef double Vec
    __attribute__((vector_size(LANES * sizeof(double)), aligned(8)));

/* s = a b + s, lane by lane, each lane rounded once: with AVX-512, one
 * vfmadd231pd.  (A macro: a function returning a Vec draws a warning that
 * such values are passed differently with and without AVX-512.) */
#define FMA_LANES(s, a, b)                                                   \
    do {                                                                     \
        Vec t_;                                                              \
        for (int l_ = 0; l_ < LANES; l_++)                                   \
            t_[l_] = fma((a), (b)[l_], (s)[l_]);                             \
        (s) = t_;                                                            \
    } while (0)

/* C (R, Q LANES; row stride ldc) = rows 0..R-1 of op(A) (element (r, p)
 * at A[r ar + p ac]) times panel (kc, Q LANES).  The R x Q vectors of C
 * live in registers while p runs through the panel.  The last vector of
 * each row holds `last` real columns (the panel is padded with zeros), and
 * only those are read and written.  Starts from 0, or from C when `more`
 * (a later panel of rows continues the same chains). */
ALWAYS_INLINE void block(int R, int Q, double *C, long ldc, const double *A,
                         long ar, long ac, const double *panel, int kc,
                         int last, bool more)
{
    Vec s[MAX_ROWS][MAX_CHUNKS];
#pragma GCC unroll 8
    for (int r = 0; r < R; r++)
#pragma GCC unroll 8
        for (int q = 0; q < Q; q++) {
            const double *c = C + r * ldc + q * LANES;
            Vec v = {0};
            if (more && q < Q - 1)
                v = *(const Vec *)c;
            else if (more)
                for (int l = 0; l < last; l++)
                    v[l] = c[l];
            s[r][q] = v;
        }
    for (int p = 0; p < kc; p++) {
        const Vec *b = __builtin_assume_aligned(panel + p * Q * LANES, 64);
#pragma GCC unroll 8
        for (int r = 0; r < R; r++) {
            double a = A[r * ar + p * ac]; /* one broadcast feeds Q fmas */
#pragma GCC unroll 8
            for (int q = 0; q < Q; q++)
                FMA_LANES(s[r][q], a, b[q]);
        }
    }
#pragma GCC unroll 8
    for (int r = 0; r < R; r++) {
        double *c = C + r * ldc;
#pragma GCC unroll 8
        for (int q = 0; q < Q - 1; q++)
            *(Vec *)(c + q * LANES) = s[r][q];
        Vec v = s[r][Q - 1];
        for (int l = 0; l < last; l++)
            c[(Q - 1) * LANES + l] = v[l];
    }
}

/* C (m, width; row stride ldc) = op(A) (m, kc) times panel (kc, Q LANES),
 * R rows at a time: R Q accumulators and a broadcast fit AVX-512's 32
 * vector registers. */
ALWAYS_INLINE void rows(int R, int Q, double *C, long ldc, const double *A,
                        long ar, long ac, const double *panel, int m,
                        int kc, int width, bool more)
{
    int i = 0, last = width - (Q - 1) * LANES;
    for (; i + R <= m; i += R)
        block(R, Q, C + i * ldc, ldc, A + i * ar, ar, ac, panel, kc, last,
              more);
    for (; i < m; i++)
        block(1, Q, C + i * ldc, ldc, A + i * ar, ar, ac, panel, kc, last,
              more);
}

/* panel (kc, Q LANES) = rows p0.. and columns j0.. of op(B) (element (p,
 * j) at B[p br + j bc]), kc by width, padded with zeros. */
static void pack(double *panel, const double *B, long br, long bc, int p0,
                 int kc, int j0, int width, int Q)
{
    for (int p = 0; p < kc; p++) {
        double *row = panel + p * Q * LANES;
        const double *from = B + (p0 + p) * br + j0 * bc;
        if (bc == 1) /* a row of B: contiguous */
            memcpy(row, from, (size_t)width * sizeof *row);
        else
            for (int j = 0; j < width; j++)
                row[j] = from[j * bc];
        for (int j = width; j < Q * LANES; j++)
            row[j] = 0.0;
    }
}

/* The kernel, for each panel of 56 columns of op(B) and each panel of 64
 * of its rows: pack the panel, then run all rows of op(A) against it. */
ALWAYS_INLINE void tuned(double *C, int m, int n, int k, const double *A,
                         long ar, long ac, const double *B, long br, long bc)
{
    double panel[PANEL_ROWS * MAX_CHUNKS * LANES]
        __attribute__((aligned(64)));
    if (k == 0)
        memset(C, 0, (size_t)m * n * sizeof *C);
    for (int j0 = 0; j0 < n; j0 += MAX_CHUNKS * LANES) {
        int width = min(MAX_CHUNKS * LANES, n - j0);
        int Q = (width + LANES - 1) / LANES;
        for (int p0 = 0; p0 < k; p0 += PANEL_ROWS) {
            int kc = min(PANEL_ROWS, k - p0);
            bool more = p0 > 0;
            const double *a = A + p0 * ac;
            double *c = C + j0;
            pack(panel, B, br, bc, p0, kc, j0, width, Q);
            switch (Q) { /* R and Q must be constants, for the registers */
#define ROWS(R, Q) rows(R, Q, c, n, a, ar, ac, panel, m, kc, width, more)
            case 1: ROWS(8, 1); break;
            case 2: ROWS(8, 2); break;
            case 3: ROWS(8, 3); break;
            case 4: ROWS(6, 4); break;
            case 5: ROWS(4, 5); break;
            case 6: ROWS(4, 6); break;
            default: ROWS(3, 7); break;
#undef ROWS
            }
        }
    }
}

NN_LANES void kern_tuned(double *C, int m, int n, int k, const double *A,
                         long ar, long ac, const double *B, long br, long bc)
{
    tuned(C, m, n, k, A, ar, ac, B, br, bc);
}
//< tuned

/* The same body compiled only for the baseline processor, for the tests. */
static void tuned_baseline(double *C, int m, int n, int k, const double *A,
                           long ar, long ac, const double *B, long br,
                           long bc)
{
    tuned(C, m, n, k, A, ar, ac, B, br, bc);
}

/* kern (kern_tuned or tuned_baseline) on matrices: the strides of op(A)
 * and op(B), whether transposed or not. */
static void on_matrices(void (*kern)(double *, int, int, int,
                                     const double *, long, long,
                                     const double *, long, long),
                        Matrix *C, const Matrix *A, bool ta, const Matrix *B,
                        bool tb)
{
    int k = ta ? A->rows : A->cols;
    kern(C->data, C->rows, C->cols, k, A->data, ta ? 1 : A->cols,
         ta ? A->cols : 1, B->data, tb ? 1 : B->cols, tb ? B->cols : 1);
}

void kern_tuned_mat(Matrix *C, const Matrix *A, bool ta, const Matrix *B,
                    bool tb)
{
    on_matrices(kern_tuned, C, A, ta, B, tb);
}

void kern_tuned_baseline_mat(Matrix *C, const Matrix *A, bool ta,
                             const Matrix *B, bool tb)
{
    on_matrices(tuned_baseline, C, A, ta, B, tb);
}

void kern_tuned_square(double *C, const double *A, const double *B, int n)
{
    kern_tuned(C, n, n, n, A, n, 1, B, n, 1);
}
