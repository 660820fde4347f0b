/* net.h - a D-H-K network (the tutorial's is 64-50-10): parameters,
 * initialisation, forward pass.
 *
 * Shapes (legend in mat.h): D inputs, H hidden units, K classes, N rows fed
 * at once.  The forward pass for a batch X (N, D):
 *   Zh = X Wh + bh        (N, H)   weighted sums into the hidden layer
 *   A  = f(Zh)            (N, H)   hidden activations (sigmoid by default)
 *   Zo = A Wo + bo        (N, K)   logits
 *   P  = softmax(Zo)      (N, K)   class probabilities, rows sum to 1
 *
 * All parameters sit in one contiguous buffer, in the order Wh, bh, Wo, bo,
 * with named views into it.  A gradient is a Net of the same shape, so the
 * optimiser can walk both as flat arrays of n_params doubles.
 */
#ifndef NN_NET_H
#define NN_NET_H

#include <stddef.h>

#include "act.h"
#include "mat.h"
#include "rng.h"

typedef struct {
    int D, H, K;
    Activation act;  /* hidden-layer activation */
    double *params;  /* (n_params) Wh, bh, Wo, bo back to back; owned */
    size_t n_params; /* D*H + H + H*K + K */
    Matrix Wh;       /* (D, H) view into params */
    double *bh;      /* (H) */
    Matrix Wo;       /* (H, K) view into params */
    double *bo;      /* (K) */
} Net;

/* Per-batch buffers for the forward and backward passes, allocated once for
 * up to cap rows and reused (no allocation inside training loops).  Each
 * pass sets the row count of the views it uses. */
typedef struct {
    int cap;    /* most rows a pass may feed */
    Matrix A;   /* (cap, H) hidden activations */
    Matrix Zo;  /* (cap, K) logits */
    Matrix P;   /* (cap, K) probabilities */
    double *lse; /* (cap) log-sum-exp of each row of Zo */
    Matrix dZo; /* (cap, K) output error, backward pass */
    Matrix dZh; /* (cap, H) hidden error, backward pass */
    Matrix Xb;  /* (cap, D) a gathered minibatch */
    int *yb;    /* (cap) its labels */
    int *idx;   /* (cap) its row indices */
} Work;

/* Allocates a D-H-K network with every parameter 0 and activation act.
 * Returns 0, or -1 when memory runs out (net is then empty). */
int net_init(Net *net, int D, int H, int K, Activation act);

/* Releases a network; NULL or an empty one is a no-op. */
void net_free(Net *net);

/* Copies the parameters of src into dst; both have the same shape. */
void net_copy(Net *dst, const Net *src);

/* Sets every parameter (or gradient) to 0. */
void net_zero(Net *net);

/* The largest |a_i - b_i| over all parameters of two networks of the same
 * shape: how far apart two runs or two updates ended. */
double net_max_diff(const Net *a, const Net *b);

/* The tutorial's initialisation: Wh = randn(D, H), then Wo = randn(H, K),
 * drawn in that order from r, and every bias 0.01. */
void net_init_tutorial(Net *net, Rng *r);

/* Allocates buffers for batches of up to cap rows.  Returns 0 or -1. */
int work_init(Work *w, const Net *net, int cap);

/* Releases a Work; NULL or an empty one is a no-op. */
void work_free(Work *w);

/* Forward pass of X (n, D), n <= w->cap: fills w->A (n, H), w->Zo and
 * w->P (n, K) and w->lse (n), setting their row counts to n. */
void net_forward(Work *w, const Net *net, const Matrix *X);

/* Predicts the class of every row of X (n, D) into pred (n), feeding at
 * most w->cap rows at a time.  Uses w's buffers. */
void net_predict(int *pred, const Net *net, const Matrix *X, Work *w);

#endif
