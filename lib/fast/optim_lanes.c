/* optim_lanes.c - the parameter updates in SIMD lanes.
 *
 * The default build's optim_sgd and optim_adam (optim.h): lib/optim.c's
 * loops, each element with the same operations in the same order, so the
 * same bits.  make FAST=0 builds without this file.
 *
 * Threads: a large update (PAR_ELEMS elements or more) is cut into
 * pieces of PAR_PIECE elements that OpenMP's threads share out.  Each
 * element is its own computation, so the bits are the same for any
 * number of threads; a small one (chapters 1 to 8's) runs on the calling
 * thread. */
#include <math.h>

#include "lanes.h"
#include "optim.h"

/* p[lo..hi) -= eta g[lo..hi). */
static NN_LANES void sgd_range(double *p, const double *g, size_t lo,
                               size_t hi, double eta)
{
#pragma omp simd
    for (size_t i = lo; i < hi; i++)
        p[i] -= eta * g[i];
}

void optim_sgd(Net *net, const Net *grad, double eta)
{
    long n = (long)net->n_params, pieces = pieces_of(n);
#pragma omp parallel for schedule(static) if (n >= PAR_ELEMS)
    for (long c = 0; c < pieces; c++)
        sgd_range(net->params, grad->params, c * PAR_PIECE,
                  piece_end(c, n), eta);
}

/* Adam's step on elements lo..hi-1, with the bias-corrected rate lr_t. */
static NN_LANES void adam_range(double *p, double *m, double *v,
                                const double *g, size_t lo, size_t hi,
                                const Adam *a, double lr_t)
{
    double b1 = a->beta1, b2 = a->beta2, eps = a->eps;
#pragma omp simd
    for (size_t i = lo; i < hi; i++) {
        m[i] = b1 * m[i] + (1.0 - b1) * g[i];
        v[i] = b2 * v[i] + (1.0 - b2) * (g[i] * g[i]);
        p[i] -= lr_t * m[i] / (sqrt(v[i]) + eps);
    }
}

void optim_adam(Net *net, const Net *grad, Adam *a)
{
    a->t++;
    double lr_t = a->lr * sqrt(1.0 - pow(a->beta2, (double)a->t)) /
                  (1.0 - pow(a->beta1, (double)a->t));
    long n = (long)a->n, pieces = pieces_of(n);
#pragma omp parallel for schedule(static) if (n >= PAR_ELEMS)
    for (long c = 0; c < pieces; c++)
        adam_range(net->params, a->m, a->v, grad->params, c * PAR_PIECE,
                   piece_end(c, n), a, lr_t);
}
