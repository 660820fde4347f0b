/* net.c - network parameters and the forward pass (see net.h). */
#include "net.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int net_init(Net *net, int D, int H, int K, Activation act)
{
    memset(net, 0, sizeof *net);
    size_t n = (size_t)D * H + H + (size_t)H * K + K;
    net->params = calloc(n, sizeof *net->params);
    if (!net->params)
        return -1;
    net->D = D;
    net->H = H;
    net->K = K;
    net->act = act;
    net->n_params = n;
    double *p = net->params;
    net->Wh = mat_view(p, D, H);
    p += (size_t)D * H;
    net->bh = p;
    p += H;
    net->Wo = mat_view(p, H, K);
    p += (size_t)H * K;
    net->bo = p;
    return 0;
}

void net_free(Net *net)
{
    if (!net)
        return;
    free(net->params);
    memset(net, 0, sizeof *net);
}

void net_copy(Net *dst, const Net *src)
{
    memcpy(dst->params, src->params, src->n_params * sizeof *src->params);
}

void net_zero(Net *net)
{
    memset(net->params, 0, net->n_params * sizeof *net->params);
}

double net_max_diff(const Net *a, const Net *b)
{
    double m = 0.0;
    for (size_t i = 0; i < a->n_params; i++) {
        double d = fabs(a->params[i] - b->params[i]);
        m = d > m ? d : m;
    }
    return m;
}

void net_init_tutorial(Net *net, Rng *r)
{
    rng_gauss_fill(r, net->Wh.data, (size_t)net->D * net->H);
    rng_gauss_fill(r, net->Wo.data, (size_t)net->H * net->K);
    for (int j = 0; j < net->H; j++)
        net->bh[j] = 0.01;
    for (int k = 0; k < net->K; k++)
        net->bo[k] = 0.01;
}

int work_init(Work *w, const Net *net, int cap)
{
    memset(w, 0, sizeof *w);
    w->cap = cap;
    w->lse = malloc((size_t)cap * sizeof *w->lse);
    w->yb = malloc((size_t)cap * sizeof *w->yb);
    w->idx = malloc((size_t)cap * sizeof *w->idx);
    if (!w->lse || !w->yb || !w->idx ||
        mat_init(&w->A, cap, net->H) || mat_init(&w->Zo, cap, net->K) ||
        mat_init(&w->P, cap, net->K) || mat_init(&w->dZo, cap, net->K) ||
        mat_init(&w->dZh, cap, net->H) || mat_init(&w->Xb, cap, net->D)) {
        work_free(w);
        return -1;
    }
    return 0;
}

void work_free(Work *w)
{
    if (!w)
        return;
    mat_free(&w->A);
    mat_free(&w->Zo);
    mat_free(&w->P);
    mat_free(&w->dZo);
    mat_free(&w->dZh);
    mat_free(&w->Xb);
    free(w->lse);
    free(w->yb);
    free(w->idx);
    memset(w, 0, sizeof *w);
}

void net_forward(Work *w, const Net *net, const Matrix *X)
{
    int n = X->rows;
    w->A.rows = w->Zo.rows = w->P.rows = n;
    /* EXERCISE BEGIN forward */
    mat_matmul(&w->A, X, false, &net->Wh, false, false); /* X Wh  (n, H) */
    mat_add_row(&w->A, net->bh);                          /* + bh         */
    act_forward(&w->A, net->act);                         /* A = f(Zh)    */
    mat_matmul(&w->Zo, &w->A, false, &net->Wo, false, false); /* A Wo     */
    mat_add_row(&w->Zo, net->bo);                         /* Zo = .. + bo */
    memcpy(w->P.data, w->Zo.data, (size_t)n * net->K * sizeof *w->P.data);
    act_softmax(&w->P, w->lse);                           /* P (n, K)     */
    /* EXERCISE END forward */
}

void net_predict(int *pred, const Net *net, const Matrix *X, Work *w)
{
    for (int start = 0; start < X->rows; start += w->cap) {
        int n = X->rows - start < w->cap ? X->rows - start : w->cap;
        Matrix part = mat_view(X->data + (long)start * X->cols, n, X->cols);
        net_forward(w, net, &part);
        for (int i = 0; i < n; i++)
            pred[start + i] = mat_row_argmax(&w->P, i);
    }
}
