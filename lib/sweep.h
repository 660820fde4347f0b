/* sweep.h - the notebook's eta x lambda grid (cell 9).
 *
 * For every eta (outer loop) and lambda (inner loop) a fresh network is
 * made, trained as in cell 7 and scored on the test set.  Each network
 * draws from the shared stream in that order: its randn weights, then its
 * minibatches.  The draws do not depend on the training arithmetic, so
 * sweep_run walks the stream once, in that order, making each network's
 * draws (its weights, and its minibatches kept as row indices), and trains
 * each network as soon as its draws are made, as an OpenMP task: with
 * several threads the networks train in parallel while the walk goes on.
 * The results are the same whatever the number of threads.
 */
#ifndef NN_SWEEP_H
#define NN_SWEEP_H

#include "data.h"
#include "err.h"
#include "rng.h"
#include "train.h"

/* The notebook's grid: eta and lambda each take np.logspace(-5, 0, 6),
 * the values 10^(i - 5) for i = 0..SWEEP_N-1. */
#define SWEEP_N 6
#define SWEEP_CELLS (SWEEP_N * SWEEP_N)

typedef struct {
    double eta, lambda;
    double accuracy;    /* test accuracy; NaN when diverged */
    TrainResult status; /* diverged, and where */
    int *pred;          /* (n_test) test predictions, owned */
    double *params;     /* (n_params) the trained network's parameters in
                         * net.h's order (Wh, bh, Wo, bo), owned */
} SweepCell;

/* Trains n_eta * n_lambda networks (H hidden units, sigmoid), cell
 * i * n_lambda + j with etas[i] and lambdas[j] and the rest of base, and
 * scores each on test.  Leaves r where the notebook's stream is after the
 * last network.  cells (n_eta * n_lambda) is filled here; release it with
 * sweep_free.  Returns 0, or -1 with a message (out of memory). */
int sweep_run(SweepCell *cells, const double *etas, int n_eta,
              const double *lambdas, int n_lambda, int H,
              const Dataset *train, const Dataset *test, Rng *r,
              const TrainConfig *base, Error *err);

/* Releases the predictions and parameters held by n cells. */
void sweep_free(SweepCell *cells, int n);

#endif
