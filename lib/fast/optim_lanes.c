/* optim_lanes.c - the parameter updates in SIMD lanes.
 *
 * The default build's optim_sgd and optim_adam (optim.h): lib/optim.c's
 * loops, each element with the same operations in the same order, so the
 * same bits.  make FAST=0 builds without this file. */
#include <math.h>

#include "lanes.h"
#include "optim.h"

NN_LANES void optim_sgd(Net *net, const Net *grad, double eta)
{
#pragma omp simd
    for (size_t i = 0; i < net->n_params; i++)
        net->params[i] -= eta * grad->params[i];
}

NN_LANES void optim_adam(Net *net, const Net *grad, Adam *a)
{
    a->t++;
    double lr_t = a->lr * sqrt(1.0 - pow(a->beta2, (double)a->t)) /
                  (1.0 - pow(a->beta1, (double)a->t));
    const double *g = grad->params;
    double *m = a->m, *v = a->v, *p = net->params;
    double b1 = a->beta1, b2 = a->beta2, eps = a->eps;
#pragma omp simd
    for (size_t i = 0; i < a->n; i++) {
        m[i] = b1 * m[i] + (1.0 - b1) * g[i];
        v[i] = b2 * v[i] + (1.0 - b2) * (g[i] * g[i]);
        p[i] -= lr_t * m[i] / (sqrt(v[i]) + eps);
    }
}
