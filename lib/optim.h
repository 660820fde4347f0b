/* optim.h - parameter updates.
 *
 * An optimiser walks the network's parameters and their gradient as two
 * flat arrays of n_params doubles (net.h keeps both contiguous).
 *
 * Two optimisers: plain gradient descent, the tutorial's, and Adam
 * (Kingma and Ba 2014, "Adam: a method for stochastic optimization",
 * arXiv:1412.6980), in the form scikit-learn's MLPClassifier uses, so that
 * the same settings mean the same thing in both (book, chapter "Closing
 * the gap", section "Adam").
 */
#ifndef NN_OPTIM_H
#define NN_OPTIM_H

#include "net.h"

typedef enum { OPTIM_SGD, OPTIM_ADAM } Optimizer;

/* The optimiser's name ("sgd", "adam"). */
const char *optim_name(Optimizer o);

/* Parses a name as optim_name spells it.  Returns 0, or -1 if unknown. */
int optim_parse(Optimizer *o, const char *name);

/* Plain gradient descent, the tutorial's update: p -= eta * g for every
 * parameter p and its gradient g. */
void optim_sgd(Net *net, const Net *grad, double eta);

/* scikit-learn's defaults for Adam (MLPClassifier's learning_rate_init,
 * beta_1, beta_2, epsilon). */
#define ADAM_LR 1e-3
#define ADAM_BETA1 0.9
#define ADAM_BETA2 0.999
#define ADAM_EPS 1e-8

/* Adam's state: a running mean of the gradient and of its square, one of
 * each per parameter, and the number of steps taken. */
typedef struct {
    double lr;           /* learning rate (alpha in the paper) */
    double beta1, beta2; /* decay of the two running means, in [0, 1) */
    double eps;          /* keeps the division finite when v is 0 */
    long t;              /* steps taken so far */
    double *m;           /* (n) mean of g, biased towards 0 early on */
    double *v;           /* (n) mean of g^2, likewise */
    size_t n;            /* parameters, the network's n_params */
} Adam;

/* Allocates the state for n parameters with both means 0 and t = 0, and
 * the given settings.  Returns 0, or -1 when memory runs out (a is then
 * empty; adam_free accepts it). */
int adam_init(Adam *a, size_t n, double lr, double beta1, double beta2,
              double eps);

/* Sets both means and t back to 0, keeping the settings: a fresh start. */
void adam_reset(Adam *a);

/* Releases what adam_init allocated; NULL or an empty Adam is a no-op. */
void adam_free(Adam *a);

/* One Adam step for every parameter p with gradient g (a->n of them):
 *   t = t + 1
 *   m = beta1 m + (1 - beta1) g
 *   v = beta2 v + (1 - beta2) g^2
 *   p = p - lr_t m / (sqrt(v) + eps),  lr_t = lr sqrt(1 - beta2^t)
 *                                                / (1 - beta1^t)
 * The bias correction sits in lr_t rather than in m and v (the paper's
 * section 2, last paragraph, and scikit-learn's form); the two differ only
 * in where eps acts.  grad must have the shape the state was made for. */
void optim_adam(Net *net, const Net *grad, Adam *a);

#endif
