/* sweep.c - the eta x lambda grid (see sweep.h). */
#include "sweep.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* One network's draws: its weights and its minibatches (steps, B). */
typedef struct {
    Net net;
    int *batches;
} Draws;

/* Draws network c's weights and minibatches from r, in the notebook's
 * order.  Returns 0, or -1 when memory runs out; r then still moves past
 * the network's draws, so the networks after it draw what they should. */
static int draw_cell(Draws *d, Rng *r, int D, int H, int n,
                     const TrainConfig *base, int *perm)
{
    int steps = base->max_epochs * (n / base->batch_size);
    d->batches = malloc((size_t)steps * base->batch_size * sizeof *d->batches);
    if (!d->batches || net_init(&d->net, D, H, DATA_CLASSES, ACT_SIGMOID)) {
        free(d->batches);
        d->batches = NULL;
        for (long g = 0; g < (long)D * H + (long)H * DATA_CLASSES; g++)
            (void)rng_gauss(r);
        train_skip_draws(r, n, base);
        return -1;
    }
    net_init_tutorial(&d->net, r);
    train_draw_batches(d->batches, r, n, base, perm);
    return 0;
}

/* Trains one cell's network on its drawn minibatches and scores it.
 * Returns 0, or -1 when memory runs out. */
static int train_cell(SweepCell *cell, Draws *d, const Dataset *train,
                      const Dataset *test, const TrainConfig *base)
{
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
    TrainData data = {.train = train, .batches = d->batches};
    Error err;
    if (train_run(&d->net, &t, &data, NULL, &cfg, NULL, NULL, &cell->status,
                  &err) != 0) {
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
}

static void draws_free(Draws *d)
{
    net_free(&d->net);
    free(d->batches);
    d->batches = NULL;
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
    int *perm = malloc((size_t)train->n * sizeof *perm);
    memset(cells, 0, (size_t)n * sizeof *cells);
    if (!draws || !perm) {
        free(draws);
        free(perm);
        return err_set(err, "sweep: out of memory");
    }
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
        if (draw_cell(&draws[c], r, train->X.cols, H, train->n, base,
                      perm) != 0 ||
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
    free(perm);
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
