/* backprop.h - gradients of the cost by backpropagation.
 *
 * For a batch X (n, D) with labels y, after the forward pass (net.h), the
 * four backpropagation equations in matrix form (book, appendix "Deriving
 * backpropagation") are
 *   dZo = s (P - Y)               (n, K)  output error, Y one-hot
 *   dWo = A^T dZo,  dbo = column sums of dZo
 *   dZh = (dZo Wo^T) * f'(Zh)     (n, H)  hidden error
 *   dWh = X^T dZh,  dbh = column sums of dZh
 * where s scales the batch: s = 1 sums the per-sample gradients as the
 * tutorial does, s = 1/n averages them as its own formula says.
 * The L2 term lambda * sum w^2 of the tutorial adds lambda * W (not the
 * 2 lambda W its formula implies) to both weight gradients, so the cost
 * whose gradient this really is has (lambda / 2) sum w^2; grad_cost
 * computes that cost, which is what the gradient check differentiates.
 */
#ifndef NN_BACKPROP_H
#define NN_BACKPROP_H

#include "net.h"

/* Overwrites grad (same shape as net) with the gradient of
 * s * sum_i L_i for the batch X (n, D), labels (n), s = scale, using the
 * activations net_forward(w, net, X) left in w (call it first). */
void net_backward(Net *grad, const Net *net, const Matrix *X,
                  const int *labels, Work *w, double scale);

/* Adds lambda * W to the weight gradients of grad (not the biases): the
 * gradient of (lambda / 2) * (sum Wh^2 + sum Wo^2). */
void net_add_l2(Net *grad, const Net *net, double lambda);

/* The cost that net_backward and net_add_l2 differentiate:
 * s * sum_i L_i + (lambda / 2) (sum Wh^2 + sum Wo^2) over X (n, D), with
 * L_i the categorical cross-entropy.  Runs a forward pass in w. */
double grad_cost(const Net *net, const Matrix *X, const int *labels,
                 double scale, double lambda, Work *w);

/* Checks net_backward + net_add_l2 against central finite differences
 * (C(p + h) - C(p - h)) / 2h, h = 1e-5, for every parameter, on X (n, D).
 * Returns the largest relative error |a - f| / max(|a| + |f|, 1e-8) and
 * writes the largest |analytic gradient| to *max_grad when not NULL (a
 * test asserts it is not 0).  net is changed during the check and restored
 * exactly.  grad and w are scratch; w->cap >= n.  */
double grad_check(Net *net, Net *grad, const Matrix *X, const int *labels,
                  double scale, double lambda, Work *w, double *max_grad);

#endif
