/* check_ex07.c - chapter 7's exercise: sweep, one network of the grid.
 *
 * Learner mode (learn/README.md): a grid of two networks trained for one
 * epoch, against the same networks trained here by the library's public
 * calls in the notebook's order; then the chapter's own suite (07) checks
 * the whole sweep against numpy.  The diagnoses work out each catalogued
 * mistake (learn/mistakes/) on the same grid.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "learn.h"
#include "notebook.h"
#include "support.h"
#include "sweep.h"
#include "train.h"

#define DATA_FILE NN_REPO_DIR "/data/digits.csv.gz"

static const Exercise sweep = {"sweep", "lib/sweep.c, train_cell",
                               "chapter 7, \"Thirty-six networks\""};

enum { N_ETA = 2, N_LAMBDA = 2, CELLS = N_ETA * N_LAMBDA };
static const double sw_etas[N_ETA] = {0.01, 0.001};
static const double sw_lambdas[N_LAMBDA] = {0.001, 0.1};
enum { W_BASE_RATES, W_BASE_LAMBDA, W_SWAPPED };

/* The test accuracies of the grid, trained here network by network as a
 * mistake would train them: each network draws its weights, then its
 * minibatches, from the one stream. */
static void grid_by_hand(double *acc, const Notebook *nb, Rng r,
                         const TrainConfig *base, int mistake)
{
    for (int c = 0; c < CELLS; c++) {
        Net net;
        Trainer t;
        TrainResult res;
        Error err;
        int n = nb->train.n, steps = base->max_epochs * (n / base->batch_size);
        int *batches = malloc((size_t)steps * base->batch_size *
                              sizeof *batches);
        int *perm = malloc((size_t)n * sizeof *perm);
        ck_assert(batches && perm);
        ck_assert(net_init(&net, nb->net.D, nb->net.H, nb->net.K,
                           ACT_SIGMOID) == 0);
        net_init_tutorial(&net, &r);
        train_draw_batches(batches, &r, n, base, perm);
        TrainConfig cfg = *base;
        if (mistake == W_SWAPPED) {
            cfg.eta = sw_lambdas[c % N_LAMBDA];
            cfg.lambda = sw_etas[c / N_LAMBDA];
        } else if (mistake != W_BASE_RATES) {
            cfg.eta = sw_etas[c / N_LAMBDA];
            if (mistake != W_BASE_LAMBDA)
                cfg.lambda = sw_lambdas[c % N_LAMBDA];
        }
        ck_assert(trainer_init(&t, &net, n, cfg.batch_size) == 0);
        TrainData data = {.train = &nb->train, .batches = batches};
        ck_assert(train_run(&net, &t, &data, NULL, &cfg, NULL, NULL, &res,
                            &err) == 0);
        double cost;
        train_evaluate(&net, &nb->test, &t.work, &cost, &acc[c], NULL);
        if (res.diverged)
            acc[c] = NAN;
        trainer_free(&t);
        net_free(&net);
        free(batches);
        free(perm);
    }
}

static const Notebook *sw_nb;
static Rng sw_start;
static TrainConfig sw_base;

static const char *sweep_diagnose(const double *got, const double *want,
                                  int rows, int cols)
{
    (void)want;
    static const struct {
        int mistake;
        const char *hint;
    } known[] = {
        {W_BASE_RATES, "every network trained with the base configuration's "
                       "eta and lambda: set cfg.eta and cfg.lambda from "
                       "the cell"},
        {W_BASE_LAMBDA, "the networks trained with the base lambda: set "
                        "cfg.lambda from the cell too"},
        {W_SWAPPED, "eta and lambda swapped: cfg.eta is the cell's eta, "
                    "cfg.lambda its lambda"},
    };
    for (size_t m = 0; m < sizeof known / sizeof known[0]; m++) {
        double alt[CELLS];
        int same = 1;
        grid_by_hand(alt, sw_nb, sw_start, &sw_base, known[m].mistake);
        for (int i = 0; i < rows * cols; i++)
            same &= got[i] == alt[i];
        if (same)
            return known[m].hint;
    }
    return NULL;
}

START_TEST(sweep_small_grid)
{
    Notebook nb;
    Error err;
    ck_assert_msg(nb_replay(&nb, DATA_FILE, 0, NB_CELL3, &err) == 0, "%s",
                  err.msg);
    TrainConfig base = train_cell7();
    base.max_epochs = 1;
    Rng start = nb.rng;
    SweepCell cells[CELLS];
    ck_assert(sweep_run(cells, sw_etas, N_ETA, sw_lambdas, N_LAMBDA,
                        nb.net.H, &nb.train, &nb.test, &nb.rng, &base,
                        &err) == 0);
    double got[CELLS], want[CELLS];
    for (int c = 0; c < CELLS; c++)
        got[c] = cells[c].accuracy;
    sweep_free(cells, CELLS);
    grid_by_hand(want, &nb, start, &base, -1);
    sw_nb = &nb;
    sw_start = start;
    sw_base = base;
    ExCase c = {"a 2x2 grid, one epoch each",
                "etas 0.01, 0.001 x lambdas 0.001, 0.1, cell 7's settings "
                "otherwise, the stream after cell 3 of seed 0",
                "the test accuracy of each network, row by row"};
    ex_expect(&sweep, &c, got, want, N_ETA, N_LAMBDA, 0.0, sweep_diagnose);
    nb_free(&nb);
}
END_TEST

Suite *suite_ex07(void)
{
    const ExTests cases[] = {{"sweep", sweep_small_grid, NULL}};
    return ex_suite("ex07", cases, sizeof cases / sizeof cases[0]);
}
