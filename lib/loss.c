/* loss.c - cost functions and accuracy (see loss.h). */
#include "loss.h"

#include <math.h>

double loss_xent(const Matrix *Zo, const double *lse, const int *labels)
{
    /* EXERCISE BEGIN xent */
    double sum = 0.0;
    for (int i = 0; i < Zo->rows; i++)
        sum += lse[i] - Zo->data[(long)i * Zo->cols + labels[i]];
    return sum / Zo->rows;
    /* EXERCISE END xent */
}

double loss_binary_xent(const Matrix *P, const int *labels)
{
    double sum = 0.0;
    for (int i = 0; i < P->rows; i++)
        for (int k = 0; k < P->cols; k++) {
            double p = P->data[(long)i * P->cols + k];
            sum -= labels[i] == k ? log(p) : log(1.0 - p);
        }
    return sum / P->rows;
}

double loss_accuracy(const int *pred, const int *labels, int n)
{
    /* EXERCISE BEGIN accuracy */
    int right = 0;
    for (int i = 0; i < n; i++)
        right += pred[i] == labels[i];
    return (double)right / n;
    /* EXERCISE END accuracy */
}

/* The default build replaces this with lib/fast/loss_lanes.c's, which
 * sums a large vector in pieces on several threads. */
#ifndef NN_FAST
double loss_sum_squares(const double *w, long n)
{
    double sum = 0.0;
    for (long i = 0; i < n; i++)
        sum += w[i] * w[i];
    return sum;
}
#endif
