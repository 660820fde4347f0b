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

/* dZo (n, K) = s (P - Y) for the softmax outputs P (n, K) and the one-hot
 * Y of labels (n): the gradient of s * sum_i L_i with respect to the
 * logits.  dZo and P may not overlap. */
void net_output_delta(Matrix *dZo, const Matrix *P, const int *labels,
                      double scale);

/* Overwrites grad (same shape as net) with the gradient of
 * s * sum_i L_i for the batch X (n, D), labels (n), s = scale, using the
 * activations net_forward(w, net, X) left in w (call it first). */
void net_backward(Net *grad, const Net *net, const Matrix *X,
                  const int *labels, Work *w, double scale);

/* Adds lambda * W to the weight gradients of grad (not the biases): the
 * gradient of (lambda / 2) * (sum Wh^2 + sum Wo^2). */
void net_add_l2(Net *grad, const Net *net, double lambda);

/* Divides every gradient of grad, weights and biases, by n: the batch's
 * mean when n is its row count (TrainConfig.mean_grad). */
void net_grad_mean(Net *grad, double n);

/* The cost that net_backward and net_add_l2 differentiate:
 * s * sum_i L_i + (lambda / 2) (sum Wh^2 + sum Wo^2) over X (n, D), with
 * L_i the categorical cross-entropy.  Runs a forward pass in w. */
double grad_cost(const Net *net, const Matrix *X, const int *labels,
                 double scale, double lambda, Work *w);

/* Compares grad with a finite-difference estimate of the gradient of
 * grad_cost(net, X, labels, scale, lambda), parameter by parameter, and
 * returns the largest relative error |a - f| / max(|a| + |f|, 1e-4), a the
 * analytic and f the numerical value.  f is the five-point central
 * difference [8 (C(p+h) - C(p-h)) - (C(p+2h) - C(p-2h))] / 12h with
 * h = 1e-3, whose error shrinks like h^4.  The floor 1e-4 exists because
 * the cost itself rounds at about 1e-16 |C|, so a numerical derivative
 * cannot resolve components much below 1e-10 |C| / h; those are judged on
 * an absolute scale instead.  net is changed during the check and restored
 * exactly; w is scratch with w->cap >= n. */
double grad_compare(Net *net, const Net *grad, const Matrix *X,
                    const int *labels, double scale, double lambda, Work *w);

/* The gradient check: net_backward + net_add_l2 into grad, then
 * grad_compare.  Writes the largest |component| of the analytic gradient
 * to *max_grad when not NULL, so a caller can see it is not trivially 0. */
double grad_check(Net *net, Net *grad, const Matrix *X, const int *labels,
                  double scale, double lambda, Work *w, double *max_grad);

#endif
