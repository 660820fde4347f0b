/* kernels.c - the matrix products of the speed appendix (see kernels.h). */
#include "kernels.h"

#include <string.h>

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
