/* sweep.c - the eta x lambda grid (see sweep.h). */
#include "sweep.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* One network, drawn and waiting for a thread: its weights, and the
 * stream as it stands before its minibatch draws.  The training makes
 * those draws itself, from this copy, one batch before the step that
 * uses it: nothing is drawn further ahead than the training consumes, so
 * memory does not grow with the epochs. */
typedef struct {
    Net net;
    Rng rng;
} Draws;

/* Draws network c's weights from r, keeps the stream where its minibatch
 * draws start, and moves r past them (train_skip_draws), so the next
 * network starts where the notebook's does.  Returns 0, or -1 when memory
 * runs out (r still moves past the network's draws). */
static int draw_cell(Draws *d, Rng *r, int D, int H, int n,
                     const TrainConfig *base)
{
    if (net_init(&d->net, D, H, DATA_CLASSES, ACT_SIGMOID)) {
        for (long g = 0; g < (long)D * H + (long)H * DATA_CLASSES; g++)
            (void)rng_gauss(r);
        train_skip_draws(r, n, base);
        return -1;
    }
    net_init_tutorial(&d->net, r);
    d->rng = *r;
    train_skip_draws(r, n, base);
    return 0;
}

/* Trains one cell's network, drawing its minibatches from its own copy of
 * the stream, and scores it.  Returns 0, or -1 when memory runs out. */
static int train_cell(SweepCell *cell, Draws *d, const Dataset *train,
                      const Dataset *test, const TrainConfig *base)
{
    /* EXERCISE BEGIN sweep */
    TrainConfig cfg = *base;
    cfg.eta = cell->eta;
    cfg.lambda = cell->lambda;
    Trainer t;
    /* Room for one batch: train_evaluate takes the test rows that many at
     * a time, and buffers this small come from the allocator's pool,
     * not from fresh pages for each of the 36 networks.  (The test cost,
     * summed a batch at a time, may move in its last bits; the sweep
     * keeps only the predictions and the accuracy.) */
    if (trainer_init(&t, &d->net, train->n, cfg.batch_size))
        return -1;
    TrainData data = {.train = train};
    Error err;
    if (train_run(&d->net, &t, &data, &d->rng, &cfg, NULL, NULL,
                  &cell->status, &err) != 0) {
        trainer_free(&t);
        return -1;
    }
    double cost;
    train_evaluate(&d->net, test, &t.work, &cost, &cell->accuracy,
                   cell->pred);
    memcpy(cell->params, d->net.params,
           d->net.n_params * sizeof *d->net.params);
    if (cell->status.diverged)
        cell->accuracy = NAN;
    trainer_free(&t);
    return 0;
    /* EXERCISE END sweep */
}

static void draws_free(Draws *d)
{
    net_free(&d->net);
}

int sweep_run(SweepCell *cells, const double *etas, int n_eta,
              const double *lambdas, int n_lambda, int H,
              const Dataset *train, const Dataset *test, Rng *r,
              const TrainConfig *base, Error *err)
{
    int n = n_eta * n_lambda, failed = 0;
    size_t n_params = (size_t)train->X.cols * H + H +
                      (size_t)H * DATA_CLASSES + DATA_CLASSES;
    Draws *draws = calloc((size_t)n, sizeof *draws);
    memset(cells, 0, (size_t)n * sizeof *cells);
    if (!draws)
        return err_set(err, "sweep: out of memory");
    /* One thread walks the stream in the notebook's order, making each
     * network's draws, and hands the network to the team as a task at
     * once: the other threads train while the walk goes on. */
#pragma omp parallel
#pragma omp single
    for (int c = 0; c < n; c++) {
        cells[c].eta = etas[c / n_lambda];
        cells[c].lambda = lambdas[c % n_lambda];
        cells[c].pred = malloc((size_t)test->n * sizeof *cells[c].pred);
        cells[c].params = malloc(n_params * sizeof *cells[c].params);
        if (draw_cell(&draws[c], r, train->X.cols, H, train->n, base) != 0 ||
            !cells[c].pred || !cells[c].params) {
#pragma omp atomic write
            failed = 1;
            continue;
        }
#pragma omp task firstprivate(c)
        {
            if (train_cell(&cells[c], &draws[c], train, test, base) != 0) {
#pragma omp atomic write
                failed = 1;
            }
            draws_free(&draws[c]);
        }
    }
    for (int c = 0; c < n; c++) /* the tasks are done: the team has ended */
        draws_free(&draws[c]);
    free(draws);
    if (failed) {
        sweep_free(cells, n);
        return err_set(err, "sweep: out of memory");
    }
    return 0;
}

void sweep_free(SweepCell *cells, int n)
{
    for (int c = 0; c < n; c++) {
        free(cells[c].pred);
        free(cells[c].params);
        cells[c].pred = NULL;
        cells[c].params = NULL;
    }
}
