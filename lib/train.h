/* train.h - the tutorial's training loops.
 *
 * Two loops, as in the notebook: plain full-batch gradient descent (cell 5)
 * and the NeuralNetwork class's minibatch SGD (cells 6-9), where every step
 * draws its batch with np.random.choice(n, B, replace=False).
 *
 * Divergence: every step computes the batch's cost from the forward pass it
 * already made.  When the cost is NaN or infinite the network has diverged:
 * its arithmetic stops there, but its remaining minibatch draws are still
 * made, so whatever is drawn next from the stream is what the notebook drew.
 */
#ifndef NN_TRAIN_H
#define NN_TRAIN_H

#include <stdbool.h>

#include "data.h"
#include "blocks.h"
#include "err.h"
#include "net.h"
#include "rng.h"

typedef struct {
    int epochs;      /* passes of `iterations = n / batch_size` steps */
    int batch_size;  /* B */
    double eta;      /* learning rate */
    double lambda;   /* L2 strength; the update adds lambda * W */
    bool mean_grad;  /* false: sum the gradient over the batch (tutorial) */
    int grad_block;  /* 0: the batch's gradient in one pass (tutorial);
                      * b > 0: in blocks of b rows added over a fixed tree
                      * (blocks.h), the sum chapter 10's processes make;
                      * the Trainer then needs trainer_init_blocks */
} SgdConfig;

/* What happened to one network. */
typedef struct {
    bool diverged;
    int epoch, step; /* where it diverged, both from 1; 0 if it did not */
    double cost;     /* the last finite batch cost (mean cross-entropy) */
} TrainStatus;

/* Buffers a training loop needs, allocated once: a gradient shaped like the
 * network, per-batch work space, and room for a permutation of n. */
typedef struct {
    Net grad;
    Work work;
    int *perm; /* (n) */
    int n;     /* training rows the permutation covers */
    BlockWork blocks; /* for cfg->grad_block > 0 (trainer_init_blocks) */
    double *node;     /* (n_params + 1) the batch's summed blocks */
} Trainer;

/* Called after each epoch (from 1) with the network as it stands. */
typedef void (*EpochHook)(void *ctx, int epoch, const Net *net);

/* Checks a minibatch size against n training images.  Returns 0, or -1
 * with a message naming --batch-size when it is larger than n. */
int train_check_batch(int batch_size, int n, Error *err);

/* Prints where a network diverged, on stdout, as the chapters report it:
 * `diverged at epoch E, step S: ...`.  Prints nothing when it did not. */
void train_report(const TrainStatus *st);

/* Allocates a Trainer for net, n training rows and batches of up to cap
 * rows.  Returns 0 or -1 (out of memory). */
int trainer_init(Trainer *t, const Net *net, int n, int cap);

/* Adds to t what training with grad_block = b > 0 needs, for batches of
 * B rows.  Returns 0 or -1 (out of memory; trainer_free still works). */
int trainer_init_blocks(Trainer *t, const Net *net, int B, int b);

/* Releases a Trainer; NULL or an empty one is a no-op. */
void trainer_free(Trainer *t);

/* The tutorial's NeuralNetwork.train: cfg->epochs times n / B steps, each
 * drawing B rows of train with rng_choice_noreplace from r, then forward,
 * backward, + lambda W (when lambda > 0), p -= eta g.  hook (may be NULL)
 * runs after each epoch.  t was made for train->n rows and cap >= B. */
void train_sgd(Net *net, Trainer *t, const Dataset *train, Rng *r,
               const SgdConfig *cfg, EpochHook hook, void *ctx,
               TrainStatus *st);

/* Makes exactly the draws train_sgd would make, without any arithmetic. */
void train_skip_draws(Rng *r, int n, const SgdConfig *cfg);

/* Makes the draws train_sgd would make and keeps its minibatches:
 * batches (steps, B) receives the rows of each step, steps =
 * cfg->epochs * (n / B).  perm (n) is scratch. */
void train_draw_batches(int *batches, Rng *r, int n, const SgdConfig *cfg,
                        int *perm);

/* train_sgd with its minibatches given, as train_draw_batches made them:
 * the same arithmetic, with no stream.  Lets the draws be made apart from
 * the training (sweep.h). */
void train_sgd_batches(Net *net, Trainer *t, const Dataset *train,
                       const int *batches, const SgdConfig *cfg,
                       EpochHook hook, void *ctx, TrainStatus *st);

/* Cell 5: steps of full-batch gradient descent on all of train (t->work
 * has cap >= train->n), gradient summed over the rows, + lambda W, then
 * p -= eta g.  cost (steps + 1, may be NULL) receives the mean
 * cross-entropy before each step and after the last. */
void train_full_batch(Net *net, Trainer *t, const Dataset *train, int steps,
                      double eta, double lambda, double *cost,
                      TrainStatus *st);

/* Mean cross-entropy and accuracy of net on all of ds, fed in pieces of
 * w->cap rows; pred (ds->n) receives the predictions when not NULL. */
void train_evaluate(const Net *net, const Dataset *ds, Work *w,
                    double *cost, double *accuracy, int *pred);

#endif
