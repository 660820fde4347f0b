/* act.c - activations and the stable softmax (see act.h). */
#include <math.h>
#include <string.h>

#include "act.h"
#include "names.h"

static const char *const names[] = {"sigmoid", "tanh", "relu"};

const char *act_name(Activation f) { return names[f]; }

int act_parse(Activation *f, const char *name)
{
    int i = names_find(names, NAMES_COUNT(names), name);
    if (i >= 0)
        *f = (Activation)i;
    return i >= 0 ? 0 : -1;
}

bool act_saturated(Activation f, double a)
{
    double slope = f == ACT_SIGMOID ? a * (1.0 - a) / 0.25 /* f'(0) */
                   : f == ACT_TANH  ? 1.0 - a * a
                                    : (a > 0.0);
    return slope < ACT_SATURATED;
}

/* ---- the plain versions ---------------------------------------------------
 *
 * The default build (make FAST=1) replaces the three functions below with
 * those of lib/fast/exp_lanes.c, which compute the same formulas in SIMD
 * lanes with an exponential of their own (the speed appendix); make FAST=0
 * builds these. */
#ifndef NN_FAST

void act_forward(Matrix *Z, Activation f)
{
    long n = (long)Z->rows * Z->cols;
    double *z = Z->data;
    for (long i = 0; i < n; i++)
        switch (f) {
        case ACT_SIGMOID:
            z[i] = 1.0 / (1.0 + exp(-z[i]));
            break;
        case ACT_TANH:
            z[i] = tanh(z[i]);
            break;
        case ACT_RELU:
            z[i] = z[i] > 0.0 ? z[i] : 0.0;
            break;
        }
}

void act_backward(Matrix *dA, const Matrix *A, Activation f)
{
    long n = (long)A->rows * A->cols;
    double *d = dA->data;
    const double *a = A->data;
    for (long i = 0; i < n; i++)
        switch (f) {
        case ACT_SIGMOID: /* the tutorial's order: (dA * a) * (1 - a) */
            d[i] = d[i] * a[i] * (1.0 - a[i]);
            break;
        case ACT_TANH:
            d[i] = d[i] * (1.0 - a[i] * a[i]);
            break;
        case ACT_RELU:
            d[i] = a[i] > 0.0 ? d[i] : 0.0;
            break;
        }
}

/* Row by row: subtract the row's maximum, take e^z of each element and
 * add them up, divide the row by the sum. */
void act_softmax(Matrix *Z, double *lse)
{
    int K = Z->cols;
    for (int i = 0; i < Z->rows; i++) {
        double *z = Z->data + (long)i * K;
        double max = z[0];
        for (int k = 1; k < K; k++)
            max = z[k] > max ? z[k] : max;
        double sum = 0.0;
        for (int k = 0; k < K; k++) {
            z[k] = exp(z[k] - max);
            sum += z[k];
        }
        for (int k = 0; k < K; k++)
            z[k] /= sum;
        if (lse)
            lse[i] = max + log(sum);
    }
}

#endif
