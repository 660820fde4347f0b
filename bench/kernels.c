/* kernels.c - the matrix products of the speed appendix (see kernels.h). */
#include "kernels.h"

#include <stdbool.h>
#include <string.h>

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

/* ---- the tuned kernel's versions ---------------------------------------- */

/* The versions of bench/tuned.c this build has (the Makefile defines
 * HAVE_TUNED_V4 and HAVE_TUNED_V3 where it compiles them), fastest first,
 * each with the test whether the processor runs it.  GCC names the x86-64
 * levels in __builtin_cpu_supports from version 12 on. */
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12 && \
    defined(__x86_64__)
#define ASK_LEVELS 1
#endif

#if defined(ASK_LEVELS) && defined(HAVE_TUNED_V4)
static bool runs_v4(void) { return __builtin_cpu_supports("x86-64-v4"); }
#endif
#if defined(ASK_LEVELS) && defined(HAVE_TUNED_V3)
static bool runs_v3(void) { return __builtin_cpu_supports("x86-64-v3"); }
#endif
static bool runs_always(void) { return true; }

static const struct {
    const char *name;
    TunedKernel *kern;
    bool (*runs)(void);
} versions[] = {
#if defined(ASK_LEVELS) && defined(HAVE_TUNED_V4)
    {"x86-64-v4", kern_tuned_v4, runs_v4},
#endif
#if defined(ASK_LEVELS) && defined(HAVE_TUNED_V3)
    {"x86-64-v3", kern_tuned_v3, runs_v3},
#endif
    {"baseline", kern_tuned_v1, runs_always}};

enum { N_VERSIONS = sizeof versions / sizeof versions[0] };

/* Index into versions[] of the v-th version the processor runs, or -1. */
static int runnable(int v)
{
    for (int i = 0; i < N_VERSIONS; i++)
        if (versions[i].runs() && v-- == 0)
            return i;
    return -1;
}

int kern_tuned_versions(void)
{
    int n = 0;
    while (runnable(n) >= 0)
        n++;
    return n;
}

const char *kern_tuned_version_name(int v)
{
    int i = runnable(v);
    return i < 0 ? NULL : versions[i].name;
}

void kern_tuned(double *C, int m, int n, int k, const double *A, long ar,
                long ac, const double *B, long br, long bc)
{
    versions[runnable(0)].kern(C, m, n, k, A, ar, ac, B, br, bc);
}

void kern_tuned_version_mat(int v, Matrix *C, const Matrix *A, bool ta,
                            const Matrix *B, bool tb)
{
    int k = ta ? A->rows : A->cols;
    versions[runnable(v)].kern(C->data, C->rows, C->cols, k, A->data,
                               ta ? 1 : A->cols, ta ? A->cols : 1, B->data,
                               tb ? 1 : B->cols, tb ? B->cols : 1);
}

void kern_tuned_mat(Matrix *C, const Matrix *A, bool ta, const Matrix *B,
                    bool tb)
{
    kern_tuned_version_mat(0, C, A, ta, B, tb);
}

void kern_tuned_square(double *C, const double *A, const double *B, int n)
{
    kern_tuned(C, n, n, n, A, n, 1, B, n, 1);
}
