/* exp_lanes.c - the activations and the softmax in SIMD lanes.
 *
 * The default build's act_forward, act_backward and act_softmax (act.h):
 * lib/act.c's formulas, arranged so that the compiler runs them for
 * several elements at once.  The sigmoid and the softmax take e^x from
 * exp_lanes below instead of the C library's exp(), so they differ from
 * the plain versions by rounding (a few ulp, tests/check_fast.c); the
 * derivatives give the same bits.  `make FAST=0` builds without this
 * file. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "act.h"
#include "exp_lanes.h"
#include "lanes.h"

/* ---- e^x in SIMD lanes --------------------------------------------------
 *
 * exp() from the C library is a call per element, with branches for its
 * special cases, so a loop of them runs one element at a time.  exp_lanes
 * uses only arithmetic and selections, which the compiler can run for 8
 * elements at once in AVX-512 lanes:
 *
 *   x = k ln2 + r, k = round(x / ln2), |r| <= ln2 / 2;  e^x = 2^k e^r.
 *
 * k comes from adding and removing 1.5 * 2^52, which rounds x / ln2 to an
 * integer and leaves it in the low bits of t.  ln2 is split into a part
 * with zeros in its low bits, LN2_HI, and the rest, LN2_LO (Cody and
 * Waite's reduction): y - k LN2_HI is exact for any |k| < 2^11, and
 * k LN2_LO adds the part of ln 2 that one double cannot hold, so r
 * carries almost no error from k ln2.  e^r is its Taylor series up to
 * r^13 / 13!, whose first omitted term is below 5e-18 relative, summed
 * by Horner's rule, p = p r + c.  Every step here of the form a b + c is
 * written fma(a, b, c), a fused multiply-add, rounded once: on a
 * processor with FMA (the x86-64-v3 and v4 versions, lanes.h) one
 * instruction where a multiply and an add would be two.  Elsewhere each
 * fma() is a call to the C library, which gives the same bits, slowly.
 * 2^k is built by writing k + 1023 into a double's exponent bits.
 * k enters the fma()s as it is and the constants negated: a NaN x then
 * reaches every operation with one sign, so that the result's NaN is the
 * same in every version, whichever operand an instruction passes on.
 *
 * Accuracy: within 1 ulp of glibc's exp() for -708 <= x <= 709 (a test
 * compares them on two million points).  Below -708 the result is 0 where
 * exp() still gives numbers under 3e-308 (1 + e^x cannot tell them from
 * 0, and neither can a softmax's sum); from 1023.5 ln 2 = 709.436 on,
 * where k reaches 1024, 2^k is +inf, while exp() overflows only at
 * 709.78.  NaN gives NaN.
 * The clamp keeps k where 2^k can be built; the selections are
 * comparisons, which GCC only runs in lanes when the file is compiled
 * with -fno-trapping-math (mk/fast.mk), which changes no value.
 * always_inline: without it GCC compiles exp_lanes once, for the baseline
 * processor, and calls that from the AVX versions of the loops below,
 * element by element. */
static inline __attribute__((always_inline)) double exp_lanes(double x)
{
    const double LOG2E = 1.4426950408889634;          /* 1 / ln 2 */
    const double LN2_HI = 6.93147180369123816490e-01; /* ln 2, 32 bits */
    const double LN2_LO = 1.90821492927058770002e-10; /* ln 2 - LN2_HI */
    const double SHIFT = 0x1.8p52;                    /* 1.5 * 2^52 */
    double y = x < -708.0 ? -708.0 : x;
    y = y > 709.7 ? 709.7 : y;
    double t = fma(y, LOG2E, SHIFT); /* k in the low bits */
    double k = t - SHIFT;
    double r = fma(k, -LN2_LO, fma(k, -LN2_HI, y));
    double p = 1.0 / 6227020800.0; /* 1 / 13! */
    p = fma(p, r, 1.0 / 479001600.0);
    p = fma(p, r, 1.0 / 39916800.0);
    p = fma(p, r, 1.0 / 3628800.0);
    p = fma(p, r, 1.0 / 362880.0);
    p = fma(p, r, 1.0 / 40320.0);
    p = fma(p, r, 1.0 / 5040.0);
    p = fma(p, r, 1.0 / 720.0);
    p = fma(p, r, 1.0 / 120.0);
    p = fma(p, r, 1.0 / 24.0);
    p = fma(p, r, 1.0 / 6.0);
    p = fma(p, r, 0.5);
    p = fma(p, r, 1.0);
    p = fma(p, r, 1.0);
    int64_t tb, sb;
    memcpy(&tb, &t, sizeof tb);
    memcpy(&sb, &SHIFT, sizeof sb);
    uint64_t bits = (uint64_t)(tb - sb + 1023) << 52; /* 2^k */
    double two_k;
    memcpy(&two_k, &bits, sizeof two_k);
    return x < -708.0 ? 0.0 : p * two_k;
}

double act_exp(double x)
{
    return exp_lanes(x);
}

/* z = max(z, 0) over n elements, lib/act.c's comparison and choice (a
 * NaN or -0 becomes 0 there too), in lanes: a select, no arithmetic. */
static NN_LANES void relu_lanes(double *z, long n)
{
#pragma omp simd
    for (long i = 0; i < n; i++)
        z[i] = z[i] > 0.0 ? z[i] : 0.0;
}

/* z = 1 / (1 + e^-z) over n elements, the tutorial's formula with
 * exp_lanes (on the bench's Xeon, with AVX-512: 0.9 ns an element,
 * against 5.0 with exp()). */
static NN_LANES void sigmoid_lanes(double *z, long n)
{
#pragma omp simd
    for (long i = 0; i < n; i++)
        z[i] = 1.0 / (1.0 + exp_lanes(-z[i]));
}

void act_forward(Matrix *Z, Activation f)
{
    long n = (long)Z->rows * Z->cols;
    double *z = Z->data;
    switch (f) {
    case ACT_SIGMOID:
        sigmoid_lanes(z, n);
        break;
    case ACT_TANH:
        for (long i = 0; i < n; i++)
            z[i] = tanh(z[i]);
        break;
    case ACT_RELU:
        relu_lanes(z, n);
        break;
    }
}

NN_LANES void act_backward(Matrix *dA, const Matrix *A, Activation f)
{
    long n = (long)A->rows * A->cols;
    double *d = dA->data;
    const double *a = A->data;
    switch (f) {
    case ACT_SIGMOID: /* the tutorial's order: (dA * a) * (1 - a) */
#pragma omp simd
        for (long i = 0; i < n; i++)
            d[i] = d[i] * a[i] * (1.0 - a[i]);
        break;
    case ACT_TANH:
#pragma omp simd
        for (long i = 0; i < n; i++)
            d[i] = d[i] * (1.0 - a[i] * a[i]);
        break;
    case ACT_RELU:
#pragma omp simd
        for (long i = 0; i < n; i++)
            d[i] = a[i] > 0.0 ? d[i] : 0.0;
        break;
    }
}

/* z = e^z over n elements, in SIMD lanes (exp_lanes, earlier in this
 * file). */
static NN_LANES void exp_all(double *z, long n)
{
#pragma omp simd
    for (long i = 0; i < n; i++)
        z[i] = exp_lanes(z[i]);
}

/* Softmax's first pass over one row z (K): subtracts the row's maximum,
 * which it returns. */
static inline double shift_row(double *z, int K)
{
    double max = z[0];
    for (int k = 1; k < K; k++)
        max = z[k] > max ? z[k] : max;
#pragma omp simd
    for (int k = 0; k < K; k++)
        z[k] -= max;
    return max;
}

/* Softmax's last pass over one row z (K) of exponentials: divides it by
 * its sum, which it returns. */
static inline double divide_row(double *z, int K)
{
    double sum = 0.0;
    for (int k = 0; k < K; k++)
        sum += z[k];
#pragma omp simd
    for (int k = 0; k < K; k++)
        z[k] /= sum;
    return sum;
}

/* Three passes over Z, so that the middle one, the exponentials, runs
 * over the whole matrix at once: subtract each row's maximum, take e^z of
 * every element, then divide each row by its sum.  The first and last
 * run in SIMD lanes along each row (NN_LANES). */
NN_LANES void act_softmax(Matrix *Z, double *lse)
{
    int K = Z->cols;
    for (int i = 0; i < Z->rows; i++) {
        double max = shift_row(Z->data + (long)i * K, K);
        if (lse)
            lse[i] = max;
    }
    exp_all(Z->data, (long)Z->rows * K);
    for (int i = 0; i < Z->rows; i++) {
        double sum = divide_row(Z->data + (long)i * K, K);
        if (lse)
            lse[i] += log(sum);
    }
}
