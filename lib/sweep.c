/* sweep.c - the eta x lambda grid (see sweep.h). */
#include "sweep.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Trains the network of one cell from its own copy of the stream.
 * Returns 0, or -1 when memory runs out. */
static int train_cell(SweepCell *cell, Rng *r, int H, const Dataset *train,
                      const Dataset *test, const SgdConfig *base)
{
    SgdConfig cfg = *base;
    cfg.eta = cell->eta;
    cfg.lambda = cell->lambda;
    Net net;
    Trainer t;
    int cap = cfg.batch_size > test->n ? cfg.batch_size : test->n;
    if (net_init(&net, train->X.cols, H, DATA_CLASSES, ACT_SIGMOID))
        return -1;
    if (trainer_init(&t, &net, train->n, cap)) {
        net_free(&net);
        return -1;
    }
    net_init_tutorial(&net, r);
    train_sgd(&net, &t, train, r, &cfg, NULL, NULL, &cell->status);
    double cost;
    train_evaluate(&net, test, &t.work, &cost, &cell->accuracy, cell->pred);
    memcpy(cell->params, net.params, net.n_params * sizeof *net.params);
    if (cell->status.diverged)
        cell->accuracy = NAN;
    trainer_free(&t);
    net_free(&net);
    return 0;
}

int sweep_run(SweepCell *cells, const double *etas, int n_eta,
              const double *lambdas, int n_lambda, int H,
              const Dataset *train, const Dataset *test, Rng *r,
              const SgdConfig *base, Error *err)
{
    int n = n_eta * n_lambda, failed = 0;
    size_t n_params = (size_t)train->X.cols * H + H +
                      (size_t)H * DATA_CLASSES + DATA_CLASSES;
    Rng *starts = malloc((size_t)n * sizeof *starts);
    memset(cells, 0, (size_t)n * sizeof *cells);
    if (!starts)
        return err_set(err, "sweep: out of memory");
    /* Pass 1, in the notebook's order: where each network's draws begin. */
    for (int c = 0; c < n; c++) {
        cells[c].eta = etas[c / n_lambda];
        cells[c].lambda = lambdas[c % n_lambda];
        cells[c].pred = malloc((size_t)test->n * sizeof *cells[c].pred);
        cells[c].params = malloc(n_params * sizeof *cells[c].params);
        failed |= cells[c].pred == NULL || cells[c].params == NULL;
        starts[c] = *r;
        for (long g = 0; g < (long)train->X.cols * H + H * DATA_CLASSES; g++)
            (void)rng_gauss(r);
        train_skip_draws(r, train->n, base);
    }
    /* Pass 2: the networks are independent now. */
#pragma omp parallel for schedule(dynamic, 1) reduction(| : failed)
    for (int c = 0; c < n; c++)
        if (!failed)
            failed |= train_cell(&cells[c], &starts[c], H, train, test, base);
    free(starts);
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
