/* backprop_lanes.c - backprop.h's elementwise steps in SIMD lanes.
 *
 * The default build's net_output_delta, net_add_l2 and net_grad_mean:
 * lib/backprop.c's arithmetic, each element with the same operations in
 * the same order, so the same bits (tests/check_fast.c compares them).
 * make FAST=0 builds without this file. */
#include "backprop.h"
#include "lanes.h"

/* d = s p over n elements. */
static NN_LANES void scale_all(double *d, const double *p, long n, double s)
{
#pragma omp simd
    for (long i = 0; i < n; i++)
        d[i] = s * p[i];
}

/* dZo = s (P - Y).  Y is one-hot: s (p - 0) = s p everywhere, in SIMD
 * lanes, but at each row's true class, where 1 is subtracted. */
void net_output_delta(Matrix *dZo, const Matrix *P, const int *labels,
                      double scale)
{
    int n = P->rows, K = P->cols;
    scale_all(dZo->data, P->data, (long)n * K, scale);
    for (int i = 0; i < n; i++) {
        long at = (long)i * K + labels[i];
        dZo->data[at] = scale * (P->data[at] - 1.0);
    }
}

/* g += lambda w over elements lo..hi-1. */
static NN_LANES void add_range(double *g, const double *w, long lo,
                               long hi, double lambda)
{
#pragma omp simd
    for (long i = lo; i < hi; i++)
        g[i] += lambda * w[i];
}

/* g += lambda w over n elements; a large n in pieces that OpenMP's
 * threads share out (each element on its own: the same bits for any
 * number of threads). */
static void add_scaled(double *g, const double *w, long n, double lambda)
{
    long pieces = pieces_of(n);
#pragma omp parallel for schedule(static) if (n >= PAR_ELEMS)
    for (long c = 0; c < pieces; c++)
        add_range(g, w, c * PAR_PIECE, piece_end(c, n), lambda);
}

void net_add_l2(Net *grad, const Net *net, double lambda)
{
    add_scaled(grad->Wh.data, net->Wh.data, (long)net->D * net->H, lambda);
    add_scaled(grad->Wo.data, net->Wo.data, (long)net->H * net->K, lambda);
}

/* g /= n over elements lo..hi-1. */
static NN_LANES void divide_range(double *g, long lo, long hi, double n)
{
#pragma omp simd
    for (long i = lo; i < hi; i++)
        g[i] /= n;
}

void net_grad_mean(Net *grad, double n)
{
    long all = (long)grad->n_params;
    long pieces = pieces_of(all);
#pragma omp parallel for schedule(static) if (all >= PAR_ELEMS)
    for (long c = 0; c < pieces; c++)
        divide_range(grad->params, c * PAR_PIECE, piece_end(c, all), n);
}
