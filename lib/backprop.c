/* backprop.c - backpropagation and its finite-difference check. */
#include "backprop.h"

#include <math.h>

#include "loss.h"

/* d = s p over n elements. */
static NN_LANES void scale_all(double *d, const double *p, long n, double s)
{
#pragma omp simd
    for (long i = 0; i < n; i++)
        d[i] = s * p[i];
}

void net_backward(Net *grad, const Net *net, const Matrix *X,
                  const int *labels, Work *w, double scale)
{
    int n = X->rows, K = net->K;
    w->dZo.rows = w->dZh.rows = n;
    /* dZo = s (P - Y).  Y is one-hot: s (p - 0) = s p everywhere but at
     * each row's true class, where 1 is subtracted. */
    scale_all(w->dZo.data, w->P.data, (long)n * K, scale);
    for (int i = 0; i < n; i++) {
        long at = (long)i * K + labels[i];
        w->dZo.data[at] = scale * (w->P.data[at] - 1.0);
    }
    mat_matmul(&grad->Wo, &w->A, true, &w->dZo, false, false); /* A^T dZo */
    mat_col_sums(grad->bo, &w->dZo);
    /* dZh = (dZo Wo^T) * f'(Zh), with f' written through A (act.h). */
    mat_matmul(&w->dZh, &w->dZo, false, &net->Wo, true, false);
    act_backward(&w->dZh, &w->A, net->act);
    mat_matmul(&grad->Wh, X, true, &w->dZh, false, false);     /* X^T dZh */
    mat_col_sums(grad->bh, &w->dZh);
}

/* g += lambda w over n elements. */
static NN_LANES void add_scaled(double *g, const double *w, long n,
                                double lambda)
{
#pragma omp simd
    for (long i = 0; i < n; i++)
        g[i] += lambda * w[i];
}

void net_add_l2(Net *grad, const Net *net, double lambda)
{
    add_scaled(grad->Wh.data, net->Wh.data, (long)net->D * net->H, lambda);
    add_scaled(grad->Wo.data, net->Wo.data, (long)net->H * net->K, lambda);
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
