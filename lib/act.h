/* act.h - activation functions and the softmax.
 *
 * A hidden layer computes A = f(Z) elementwise.  Backpropagation needs
 * f'(Z), and for the three activations here it can be written in terms of
 * the output A alone, so the forward pass need not keep Z:
 *   sigmoid  f(z) = 1 / (1 + e^-z)   f'(z) = a (1 - a)
 *   tanh     f(z) = tanh z           f'(z) = 1 - a^2
 *   relu     f(z) = max(0, z)        f'(z) = 1 if a > 0 else 0
 */
#ifndef NN_ACT_H
#define NN_ACT_H

#include <math.h>
#include <stdbool.h>

#include "mat.h"

typedef enum { ACT_SIGMOID, ACT_TANH, ACT_RELU } Activation;

/* The activation's name ("sigmoid", "tanh", "relu"). */
const char *act_name(Activation f);

/* Parses a name as act_name spells it.  Returns 0, or -1 if unknown. */
int act_parse(Activation *f, const char *name);

/* A hidden activation a = f(z) counts as saturated when the slope f'(z)
 * there is below ACT_SATURATED (4 %) of the activation's steepest:
 * a (1 - a) < 0.01 for the sigmoid (a within about 0.01 of 0 or 1,
 * |z| > 4.6), 1 - a^2 < 0.04 for tanh (|z| > 2.3), a = 0 for relu.  Its
 * gradient is then all but cut off (book, chapters "The forward pass" and
 * "Closing the gap"). */
#define ACT_SATURATED 0.04
bool act_saturated(Activation f, double a);

/* The logistic sigmoid 1 / (1 + exp(-x)), as the tutorial writes it.
 * For x below about -709 exp(-x) is +inf and the result is exactly 0,
 * which is the right limit, so no special case is needed. */
static inline double act_sigmoid(double x) { return 1.0 / (1.0 + exp(-x)); }

/* Applies f in place to every element of Z (rows, cols).  The sigmoid is
 * act_sigmoid's formula.  (The default build computes it, and the
 * softmax, with an exponential of its own, lib/fast/exp_lanes.c: they
 * differ from the formula by rounding only, at most a few ulp.) */
void act_forward(Matrix *Z, Activation f);

/* dZ = dA * f'(Z), elementwise, with f'(Z) written through A = f(Z) as in
 * the table above.  dA and A have the same shape; dA becomes dZ in place. */
void act_backward(Matrix *dA, const Matrix *A, Activation f);

/* Turns each row z of Z (rows, K) into probabilities p_k = e^z_k / sum_j
 * e^z_j, in place.  The row maximum m is subtracted first: the ratio is
 * unchanged, and no exponent exceeds e^0 = 1, so exp cannot overflow even
 * for logits of +-1000.  When lse is not NULL, lse[i] (rows) receives the
 * log of the denominator of row i, log sum_j e^z_j, computed as
 * m + log sum_j e^(z_j - m) (the log-sum-exp), which the cross-entropy
 * needs. */
void act_softmax(Matrix *Z, double *lse);

#endif
