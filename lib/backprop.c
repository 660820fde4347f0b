/* backprop.c - backpropagation and its finite-difference check. */
#include "backprop.h"

#include <math.h>

#include "loss.h"

void net_backward(Net *grad, const Net *net, const Matrix *X,
                  const int *labels, Work *w, double scale)
{
    int n = X->rows, K = net->K;
    w->dZo.rows = w->dZh.rows = n;
    /* dZo = s (P - Y): Y is one-hot, so subtract 1 at the true class. */
    for (int i = 0; i < n; i++) {
        const double *p = w->P.data + (long)i * K;
        double *d = w->dZo.data + (long)i * K;
        for (int k = 0; k < K; k++)
            d[k] = scale * (labels[i] == k ? p[k] - 1.0 : p[k]);
    }
    mat_matmul(&grad->Wo, &w->A, true, &w->dZo, false, false); /* A^T dZo */
    mat_col_sums(grad->bo, &w->dZo);
    /* dZh = (dZo Wo^T) * f'(Zh), with f' written through A (act.h). */
    mat_matmul(&w->dZh, &w->dZo, false, &net->Wo, true, false);
    act_backward(&w->dZh, &w->A, net->act);
    mat_matmul(&grad->Wh, X, true, &w->dZh, false, false);     /* X^T dZh */
    mat_col_sums(grad->bh, &w->dZh);
}

void net_add_l2(Net *grad, const Net *net, double lambda)
{
    long nh = (long)net->D * net->H, no = (long)net->H * net->K;
    for (long i = 0; i < nh; i++)
        grad->Wh.data[i] += lambda * net->Wh.data[i];
    for (long i = 0; i < no; i++)
        grad->Wo.data[i] += lambda * net->Wo.data[i];
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

double grad_check(Net *net, Net *grad, const Matrix *X, const int *labels,
                  double scale, double lambda, Work *w, double *max_grad)
{
    const double h = 1e-5;
    net_forward(w, net, X);
    net_backward(grad, net, X, labels, w, scale);
    net_add_l2(grad, net, lambda);
    double worst = 0.0, biggest = 0.0;
    for (size_t i = 0; i < net->n_params; i++) {
        double keep = net->params[i];
        net->params[i] = keep + h;
        double up = grad_cost(net, X, labels, scale, lambda, w);
        net->params[i] = keep - h;
        double down = grad_cost(net, X, labels, scale, lambda, w);
        net->params[i] = keep;
        double fd = (up - down) / (2.0 * h), an = grad->params[i];
        double denom = fabs(an) + fabs(fd);
        double rel = fabs(an - fd) / (denom > 1e-8 ? denom : 1e-8);
        if (rel > worst || isnan(rel))
            worst = rel;
        if (fabs(an) > biggest)
            biggest = fabs(an);
    }
    if (max_grad)
        *max_grad = biggest;
    return worst;
}
