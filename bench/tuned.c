/* tuned.c - the speed appendix's tuned matrix kernel (see kernels.h).
 *
 * The Makefile compiles this file once for each level of x86-64 it makes
 * a version for, with -march=x86-64-v4 (AVX-512) and -march=x86-64-v3
 * (AVX2 and FMA), and once for the baseline processor, each time under
 * another name, TUNED_NAME: kern_tuned_v4, kern_tuned_v3, kern_tuned_v1.
 * kernels.c asks the processor which it runs.  The vector width and the
 * block sizes below follow from the level the compiler was told to build
 * for; the arithmetic does not, so every version gives the same bits.
 */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "kernels.h"

#ifndef TUNED_NAME
#error "compile tuned.c with -DTUNED_NAME=... (the Makefile does)"
#endif

static int min(int a, int b) { return a < b ? a : b; }

//> tuned
#if defined(__AVX512F__)
#define LANES 8      /* doubles per vector: one AVX-512 register ... */
#define REGISTERS 32 /* ... of 32 */
#define MAX_CHUNKS 7 /* a panel of op(B) is up to 7 vectors wide ... */
#elif defined(__AVX2__)
#define LANES 4 /* one AVX register, of 16 */
#define REGISTERS 16
#define MAX_CHUNKS 3
#else
#define LANES 2 /* one SSE2 (or Arm NEON) register */
#define REGISTERS 16
#define MAX_CHUNKS 3
#endif
#define PANEL_ROWS 64 /* ... and 64 rows tall: at most 28 KiB, in L1 */
#define MAX_ROWS 8    /* a register block is up to 8 rows of C */
#define ALWAYS_INLINE static inline __attribute__((always_inline))

/* LANES doubles that GCC keeps in one vector register.  aligned(8): rows
 * of C need not start on a vector boundary. */
typedef double Vec
    __attribute__((vector_size(LANES * sizeof(double)), aligned(8)));

/* s = a b + s, lane by lane, each lane rounded once: with AVX2 or
 * AVX-512, one vfmadd231pd.  (A macro: a function returning a Vec draws a
 * warning that such values are passed differently on other processors.) */
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
 * R rows at a time.  R Q accumulators, the Q vectors of a row of the
 * panel and one broadcast must fit the registers:
 * R = (REGISTERS - 1 - Q) / Q, at most MAX_ROWS. */
ALWAYS_INLINE void rows(int Q, double *C, long ldc, const double *A,
                        long ar, long ac, const double *panel, int m,
                        int kc, int width, bool more)
{
    const int R = min(MAX_ROWS, (REGISTERS - 1 - Q) / Q);
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

/* The kernel, for each panel of MAX_CHUNKS vectors of columns of op(B)
 * and each panel of 64 of its rows: pack the panel, then run all rows of
 * op(A) against it. */
void TUNED_NAME(double *C, int m, int n, int k, const double *A, long ar,
                long ac, const double *B, long br, long bc)
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
            switch (Q) { /* Q must be a constant, for the registers */
#define ROWS(Q) rows(Q, c, n, a, ar, ac, panel, m, kc, width, more)
            case 1: ROWS(1); break;
            case 2: ROWS(2); break;
#if MAX_CHUNKS > 3
            case 3: ROWS(3); break;
            case 4: ROWS(4); break;
            case 5: ROWS(5); break;
            case 6: ROWS(6); break;
#endif
            default: ROWS(MAX_CHUNKS); break;
#undef ROWS
            }
        }
    }
}
//< tuned
