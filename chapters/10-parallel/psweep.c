/* psweep.c - chapter 7's sweep split across MPI ranks (see parallel.h).
 *
 * The 36 networks do not talk to each other, so the only thing to get
 * right is the random stream: network c's weights and minibatches are the
 * draws that follow network c - 1's.  Every rank walks the whole stream
 * in the notebook's order; for a network it trains it makes the draws as
 * it trains (train_run), and for the others it makes the same draws and
 * throws them away.  Rank 0 then collects every network's results.
 */
#include "parallel.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A cell travels as doubles: accuracy, diverged, epoch, step, crc, and
 * the n_test predictions. */
#define HEAD 5

static void pack(double *buf, const PCell *c, int n_test)
{
    buf[0] = c->accuracy;
    buf[1] = c->status.diverged;
    buf[2] = c->status.diverged_epoch;
    buf[3] = c->status.diverged_step;
    buf[4] = c->crc;
    for (int i = 0; i < n_test; i++)
        buf[HEAD + i] = c->pred[i];
}

static void unpack(PCell *c, const double *buf, int n_test)
{
    c->accuracy = buf[0];
    c->status.diverged = buf[1] != 0.0;
    c->status.diverged_epoch = (int)buf[2];
    c->status.diverged_step = (int)buf[3];
    c->crc = (uint32_t)buf[4];
    for (int i = 0; i < n_test; i++)
        c->pred[i] = (int)buf[HEAD + i];
}

/* Trains one network from the stream and scores it, as sweep.c does
 * (the test set fed B rows at a time, as there). */
static void train_cell(PCell *c, Net *net, Trainer *t, Notebook *nb,
                       const TrainConfig *base)
{
    TrainConfig cfg = *base;
    cfg.eta = c->eta;
    cfg.lambda = c->lambda;
    net_init_tutorial(net, &nb->rng);
    TrainData data = {.train = &nb->train};
    Error err;
    int fits = train_run(net, t, &data, &nb->rng, &cfg, NULL, NULL,
                         &c->status, &err) == 0;
    assert(fits); /* main.c checked the batch size, the only misfit here */
    (void)fits;
    double cost;
    train_evaluate(net, &nb->test, &t->work, &cost, &c->accuracy, c->pred);
    if (c->status.diverged)
        c->accuracy = NAN;
    c->crc = params_crc(net->params, net->n_params);
}

/* The draws of a network this rank does not train: its weights, then its
 * minibatches. */
static void skip_cell(Net *net, Notebook *nb, const TrainConfig *base)
{
    net_init_tutorial(net, &nb->rng);
    train_skip_draws(&nb->rng, nb->train.n, base);
}

/* Rank 0 receives every other rank's cells, in cell order. */
static void collect(PCell *cells, int n, double *buf, int n_test,
                    const Ranks *rk)
{
    for (int c = 0; c < n; c++) {
        int owner = c % rk->ranks;
        if (owner == 0)
            continue;
        if (rk->rank == owner)
            pack(buf, &cells[c], n_test);
        ranks_to_root(buf, HEAD + n_test, owner, c, rk);
        if (rk->rank == 0)
            unpack(&cells[c], buf, n_test);
    }
}

int psweep_run(PCell *cells, const double *grid, int n_grid, Notebook *nb,
               const TrainConfig *base, const Ranks *rk, Error *err)
{
    int n = n_grid * n_grid, n_test = nb->test.n, failed = 0;
    Net net = {0};
    Trainer t = {0};
    double *buf = malloc((size_t)(HEAD + n_test) * sizeof *buf);
    memset(cells, 0, (size_t)n * sizeof *cells);
    failed = !buf || net_init(&net, nb->train.X.cols, NB_HIDDEN,
                              DATA_CLASSES, ACT_SIGMOID) != 0 ||
             trainer_init(&t, &net, nb->train.n, base->batch_size) != 0;
    for (int c = 0; c < n && !failed; c++) {
        cells[c].eta = grid[c / n_grid];
        cells[c].lambda = grid[c % n_grid];
        cells[c].rank = c % rk->ranks;
        if (rk->rank == 0 || cells[c].rank == rk->rank) {
            cells[c].pred = malloc((size_t)n_test * sizeof *cells[c].pred);
            failed = cells[c].pred == NULL;
        }
    }
    if (ranks_any(rk, failed)) {
        free(buf);
        trainer_free(&t);
        net_free(&net);
        psweep_free(cells, n);
        return err_set(err, "sweep: out of memory");
    }
    //> sweep
    for (int c = 0; c < n; c++) {
        if (cells[c].rank == rk->rank)
            train_cell(&cells[c], &net, &t, nb, base);
        else
            skip_cell(&net, nb, base);
    }
    collect(cells, n, buf, n_test, rk);
    //< sweep
    free(buf);
    trainer_free(&t);
    net_free(&net);
    return 0;
}

void psweep_free(PCell *cells, int n)
{
    for (int c = 0; c < n; c++) {
        free(cells[c].pred);
        cells[c].pred = NULL;
    }
}
