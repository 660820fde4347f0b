/* optim.c - parameter updates (see optim.h). */
#include "optim.h"
#include "names.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const names[] = {"sgd", "adam"};

const char *optim_name(Optimizer o) { return names[o]; }

int optim_parse(Optimizer *o, const char *name)
{
    int i = names_find(names, NAMES_COUNT(names), name);
    if (i >= 0)
        *o = (Optimizer)i;
    return i >= 0 ? 0 : -1;
}

int adam_init(Adam *a, size_t n, double lr, double beta1, double beta2,
              double eps)
{
    memset(a, 0, sizeof *a);
    a->m = calloc(n, sizeof *a->m);
    a->v = calloc(n, sizeof *a->v);
    if (!a->m || !a->v) {
        adam_free(a);
        return -1;
    }
    a->n = n;
    a->lr = lr;
    a->beta1 = beta1;
    a->beta2 = beta2;
    a->eps = eps;
    return 0;
}

void adam_reset(Adam *a)
{
    memset(a->m, 0, a->n * sizeof *a->m);
    memset(a->v, 0, a->n * sizeof *a->v);
    a->t = 0;
}

void adam_free(Adam *a)
{
    if (!a)
        return;
    free(a->m);
    free(a->v);
    memset(a, 0, sizeof *a);
}

/* ---- the plain versions ---------------------------------------------------
 *
 * The default build replaces the two updates with lib/fast/optim_lanes.c's,
 * the same loops in SIMD lanes, which give the same bits; make FAST=0
 * builds these. */
#ifndef NN_FAST
void optim_sgd(Net *net, const Net *grad, double eta)
{
    for (size_t i = 0; i < net->n_params; i++)
        net->params[i] -= eta * grad->params[i];
}

void optim_adam(Net *net, const Net *grad, Adam *a)
{
    a->t++;
    double lr_t = a->lr * sqrt(1.0 - pow(a->beta2, (double)a->t)) /
                  (1.0 - pow(a->beta1, (double)a->t));
    const double *g = grad->params;
    double *m = a->m, *v = a->v, *p = net->params;
    double b1 = a->beta1, b2 = a->beta2, eps = a->eps;
    for (size_t i = 0; i < a->n; i++) {
        m[i] = b1 * m[i] + (1.0 - b1) * g[i];
        v[i] = b2 * v[i] + (1.0 - b2) * (g[i] * g[i]);
        p[i] -= lr_t * m[i] / (sqrt(v[i]) + eps);
    }
}
#endif
