/* backprop.c - backpropagation and its finite-difference check. */
#include "backprop.h"

#include <math.h>

#include "loss.h"

/* ---- the plain versions ---------------------------------------------------
 *
 * The default build replaces the three functions here with
 * lib/fast/backprop_lanes.c's, the same arithmetic in SIMD lanes, which
 * gives the same bits; make FAST=0 builds these. */
#ifndef NN_FAST
void net_output_delta(Matrix *dZo, const Matrix *P, const int *labels,
                      double scale)
{
    /* EXERCISE BEGIN delta */
    int K = P->cols;
    for (int i = 0; i < P->rows; i++)
        for (int k = 0; k < K; k++) {
            double y = k == labels[i] ? 1.0 : 0.0; /* one-hot Y */
            dZo->data[(long)i * K + k] =
                scale * (P->data[(long)i * K + k] - y);
        }
    /* EXERCISE END delta */
}

void net_add_l2(Net *grad, const Net *net, double lambda)
{
    /* EXERCISE BEGIN l2grad */
    for (long i = 0; i < (long)net->D * net->H; i++)
        grad->Wh.data[i] += lambda * net->Wh.data[i];
    for (long i = 0; i < (long)net->H * net->K; i++)
        grad->Wo.data[i] += lambda * net->Wo.data[i];
    /* EXERCISE END l2grad */
}

void net_grad_mean(Net *grad, double n)
{
    for (size_t i = 0; i < grad->n_params; i++)
        grad->params[i] /= n;
}
#endif

void net_backward(Net *grad, const Net *net, const Matrix *X,
                  const int *labels, Work *w, double scale)
{
    /* EXERCISE BEGIN backward */
    int n = X->rows;
    w->dZo.rows = w->dZh.rows = n;
    net_output_delta(&w->dZo, &w->P, labels, scale); /* s (P - Y) */
    mat_matmul(&grad->Wo, &w->A, true, &w->dZo, false, false); /* A^T dZo */
    mat_col_sums(grad->bo, &w->dZo);
    /* dZh = (dZo Wo^T) * f'(Zh), with f' written through A (act.h). */
    mat_matmul(&w->dZh, &w->dZo, false, &net->Wo, true, false);
    act_backward(&w->dZh, &w->A, net->act);
    mat_matmul(&grad->Wh, X, true, &w->dZh, false, false);     /* X^T dZh */
    mat_col_sums(grad->bh, &w->dZh);
    /* EXERCISE END backward */
}

double grad_cost(const Net *net, const Matrix *X, const int *labels,
                 double scale, double lambda, Work *w)
{
    net_forward(w, net, X);
    double data = scale * X->rows * loss_xent(&w->Zo, w->lse, labels);
    double l2 = loss_sum_squares(net->Wh.data, (long)net->D * net->H) +
                loss_sum_squares(net->Wo.data, (long)net->H * net->K);
    return data + 0.5 * lambda * l2;
}

/* grad_cost with parameter i moved by d (and put back). */
static double cost_at(Net *net, size_t i, double d, const Matrix *X,
                      const int *labels, double scale, double lambda,
                      Work *w)
{
    double keep = net->params[i];
    net->params[i] = keep + d;
    double c = grad_cost(net, X, labels, scale, lambda, w);
    net->params[i] = keep;
    return c;
}

double grad_compare(Net *net, const Net *grad, const Matrix *X,
                    const int *labels, double scale, double lambda, Work *w)
{
    const double h = 1e-3, floor = 1e-4;
    double worst = 0.0;
    for (size_t i = 0; i < net->n_params; i++) {
        double up = cost_at(net, i, h, X, labels, scale, lambda, w);
        double down = cost_at(net, i, -h, X, labels, scale, lambda, w);
        double up2 = cost_at(net, i, 2 * h, X, labels, scale, lambda, w);
        double down2 = cost_at(net, i, -2 * h, X, labels, scale, lambda, w);
        double f = (8.0 * (up - down) - (up2 - down2)) / (12.0 * h);
        double a = grad->params[i];
        double denom = fabs(a) + fabs(f) > floor ? fabs(a) + fabs(f) : floor;
        double rel = fabs(a - f) / denom;
        if (rel > worst || isnan(rel))
            worst = rel;
    }
    return worst;
}

double grad_check(Net *net, Net *grad, const Matrix *X, const int *labels,
                  double scale, double lambda, Work *w, double *max_grad)
{
    net_forward(w, net, X);
    net_backward(grad, net, X, labels, w, scale);
    net_add_l2(grad, net, lambda);
    double biggest = 0.0;
    for (size_t i = 0; i < grad->n_params; i++)
        if (fabs(grad->params[i]) > biggest)
            biggest = fabs(grad->params[i]);
    if (max_grad)
        *max_grad = biggest;
    return grad_compare(net, grad, X, labels, scale, lambda, w);
}
