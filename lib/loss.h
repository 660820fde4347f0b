/* loss.h - how wrong the network is: cross-entropy, accuracy, L2 penalty.
 *
 * For one sample with true class y and probabilities p (K), the categorical
 * cross-entropy is L = -log p_y.  With the softmax, p_y = e^z_y / sum_j e^z_j,
 * so L = log sum_j e^z_j - z_y: the log-sum-exp of the logits minus the true
 * logit.  Computed that way it stays finite even when p_y underflows to 0.
 * Its gradient with respect to the logits is p - onehot(y) (book, appendix
 * "Deriving the cost").
 *
 * The tutorial's printed formula is a different one: a binary cross-entropy
 * summed over the K outputs, -sum_k [y_k log p_k + (1 - y_k) log(1 - p_k)].
 * It treats each output as its own yes/no question.  Its gradient with
 * respect to the logits is not p - y, so the tutorial's code, which uses
 * p - y, actually descends the categorical cost.  loss_binary_xent computes
 * the printed formula so chapter 4 can show the two side by side.
 */
#ifndef NN_LOSS_H
#define NN_LOSS_H

#include "mat.h"

/* Mean over the n rows of Zo (n, K) of lse[i] - Zo[i][labels[i]], the
 * categorical cross-entropy, where lse (n) is what act_softmax returned
 * for those logits. */
double loss_xent(const Matrix *Zo, const double *lse, const int *labels);

/* Mean over the n rows of P (n, K) of the tutorial's printed formula,
 * -sum_k [y_k log p_k + (1 - y_k) log(1 - p_k)], with y the one-hot row of
 * labels[i].  Can be +inf when some p_k rounds to 0 or 1. */
double loss_binary_xent(const Matrix *P, const int *labels);

/* Fraction of the n entries with pred[i] == labels[i] (sklearn's
 * accuracy_score), as a double in [0, 1]. */
double loss_accuracy(const int *pred, const int *labels, int n);

/* Sum of the squares of the n values in w: the L2 penalty is lambda times
 * this, summed over both weight matrices (biases are not penalised). */
double loss_sum_squares(const double *w, long n);

#endif
