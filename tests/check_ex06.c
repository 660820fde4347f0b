/* check_ex06.c - chapter 6's exercises: sgd, minibatch.
 *
 * Learner mode (learn/README.md): one test case per exercise, named after
 * it; a small case worked by hand first, then the notebook's numbers:
 * the costs of the first full-batch steps (cell 5) and the first three
 * minibatches of cell 7.  The diagnoses work out each catalogued mistake
 * (learn/mistakes/) on the same input.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "learn.h"
#include "notebook.h"
#include "optim.h"
#include "support.h"
#include "train.h"

#define DATA_FILE NN_REPO_DIR "/data/digits.csv.gz"

/* ---- sgd -------------------------------------------------------------- */

static const Exercise sgd = {"sgd", "lib/optim.c, optim_sgd",
                             "chapter 6, \"The class, in C\""};

/* A 2-3-2 network: 17 parameters p_i = i / 10 (Wh 0..5, bh 6..8,
 * Wo 9..14, bo 15, 16), gradient g_i = (i mod 5) - 2, eta 0.5. */
#define SG_PARAMS 17
#define SG_ETA 0.5

enum { S_SIGN, S_NO_ETA, S_WEIGHTS_ONLY };

static void sgd_by_hand(double *p, int mistake)
{
    for (int i = 0; i < SG_PARAMS; i++) {
        double g = i % 5 - 2, w = 0.1 * i;
        int bias = (i >= 6 && i < 9) || i >= 15;
        if (mistake == S_WEIGHTS_ONLY && bias)
            p[i] = w;
        else if (mistake == S_SIGN)
            p[i] = w + SG_ETA * g;
        else if (mistake == S_NO_ETA)
            p[i] = w - g;
        else
            p[i] = w - SG_ETA * g;
    }
}

static const char *sgd_diagnose(const double *got, const double *want,
                                int rows, int cols)
{
    (void)want;
    if (rows * cols != SG_PARAMS)
        return NULL;
    static const struct {
        int mistake;
        const char *hint;
    } known[] = {
        {S_SIGN, "p + eta g: a step up the slope; descent is p - eta g"},
        {S_NO_ETA, "p - g: the learning rate eta is missing"},
        {S_WEIGHTS_ONLY, "the biases did not move: the update walks all "
                         "n_params parameters, biases included"},
    };
    for (size_t m = 0; m < sizeof known / sizeof known[0]; m++) {
        double alt[SG_PARAMS];
        sgd_by_hand(alt, known[m].mistake);
        if (ex_all_near(got, alt, SG_PARAMS))
            return known[m].hint;
    }
    return NULL;
}

START_TEST(sgd_small)
{
    Net net, grad;
    ck_assert(net_init(&net, 2, 3, 2, ACT_SIGMOID) == 0);
    ck_assert(net_init(&grad, 2, 3, 2, ACT_SIGMOID) == 0);
    double before[SG_PARAMS], got[SG_PARAMS], want[SG_PARAMS];
    for (int i = 0; i < SG_PARAMS; i++) {
        net.params[i] = before[i] = 0.1 * i;
        grad.params[i] = i % 5 - 2;
    }
    optim_sgd(&net, &grad, SG_ETA);
    memcpy(got, net.params, sizeof got);
    sgd_by_hand(want, -1);
    net_free(&grad);
    net_free(&net);
    ExCase c = {"a 2-3-2 network",
                "params p (17) = 0, 0.1, 0.2, ..., 1.6, grad g (17) = -2, "
                "-1, 0, 1, 2, -2, ..., eta 0.5",
                "the 17 parameters after the call"};
    ex_expect_changed(&sgd, &c, before, got, want, 1, SG_PARAMS, 1e-14,
                      sgd_diagnose);
}
END_TEST

START_TEST(sgd_full_batch)
{
    /* Cell 5: full-batch steps with eta = lambda = 0.01 from cell 3's
     * network; numpy's costs before each step agree with ours for the
     * first steps (tests/golden/README.md). */
    enum { STEPS = 5 };
    Notebook nb;
    Error err;
    ck_assert_msg(nb_replay(&nb, DATA_FILE, 0, NB_CELL3, &err) == 0, "%s",
                  err.msg);
    Trainer t;
    ck_assert(trainer_init(&t, &nb.net, nb.train.n, nb.train.n) == 0);
    double got[STEPS + 1], want[STEPS + 1];
    TrainResult st;
    train_full_batch(&nb.net, &t, &nb.train, STEPS, 0.01, 0.01, got, &st);
    golden(want, STEPS + 1, 0, "fullbatch_cost");
    trainer_free(&t);
    nb_free(&nb);
    ExCase c = {"the notebook's cell 5", "cell 3's network of seed 0, all "
                "1437 training images, eta = lambda = 0.01",
                "the cost before each of 5 steps and after the last (numpy)"};
    ex_expect(&sgd, &c, got, want, 1, STEPS + 1, 1e-9, NULL);
}
END_TEST

/* ---- minibatch -------------------------------------------------------- */

static const Exercise minibatch = {"minibatch",
                                   "lib/train.c, train_draw_batches",
                                   "chapter 6, \"Why minibatches\""};

/* 2 epochs over n = 10 rows in batches of B = 3: 3 steps an epoch. */
enum { MB_N = 10, MB_B = 3, MB_EPOCHS = 2, MB_STEPS = 6 };
enum { D_REPLACE, D_ONE_PERM, D_OFFSET };

/* The batches a mistake draws from seed 0. */
static void draws_by_hand(int *out, int mistake)
{
    Rng r;
    int perm[MB_N];
    rng_seed(&r, 0);
    for (int i = 0; i < MB_STEPS * MB_B; i++)
        out[i] = -1;
    for (int s = 0; s < MB_STEPS; s++) {
        if (mistake == D_REPLACE) {
            rng_choice(&r, out + s * MB_B, MB_B, MB_N);
        } else if (mistake == D_ONE_PERM) { /* consecutive slices */
            if (s % (MB_N / MB_B) == 0)
                rng_permutation(&r, perm, MB_N);
            memcpy(out + s * MB_B, perm + (s % (MB_N / MB_B)) * MB_B,
                   MB_B * sizeof *out);
        } else {
            rng_permutation(&r, perm, MB_N);
            memcpy(out + (mistake == D_OFFSET ? s : s * MB_B), perm,
                   MB_B * sizeof *out);
        }
    }
}

static const char *minibatch_diagnose(const double *got, const double *want,
                                      int rows, int cols)
{
    (void)want;
    if (rows * cols != MB_STEPS * MB_B)
        return NULL;
    int untouched = 1;
    for (int i = 0; i < rows * cols; i++)
        untouched &= got[i] == -1.0;
    if (untouched)
        return "batches still hold the -1s they went in with: is the stub "
               "still in place?";
    static const struct {
        int mistake;
        const char *hint;
    } known[] = {
        {D_REPLACE, "drawn with replacement (rng_choice): the tutorial's "
                    "choice(n, B, replace=False) is the first B entries of "
                    "a fresh permutation for every step"},
        {D_ONE_PERM, "one permutation cut into consecutive batches: that "
                     "is scikit-learn's shuffled epoch, not the tutorial's "
                     "fresh draw for every step"},
        {D_OFFSET, "batch s was written at batches + s: batch s starts at "
                   "s * B"},
    };
    for (size_t m = 0; m < sizeof known / sizeof known[0]; m++) {
        int alt[MB_STEPS * MB_B], same = 1;
        draws_by_hand(alt, known[m].mistake);
        for (int i = 0; i < rows * cols; i++)
            same &= got[i] == alt[i];
        if (same)
            return known[m].hint;
    }
    return NULL;
}

START_TEST(minibatch_small)
{
    Rng r;
    int got[MB_STEPS * MB_B], want[MB_STEPS * MB_B], perm[MB_N];
    for (int i = 0; i < MB_STEPS * MB_B; i++)
        got[i] = -1;
    rng_seed(&r, 0);
    TrainConfig cfg = train_cell7();
    cfg.max_epochs = MB_EPOCHS;
    cfg.batch_size = MB_B;
    train_draw_batches(got, &r, MB_N, &cfg, perm);
    draws_by_hand(want, -1);
    ExCase c = {"2 epochs of 10 rows in batches of 3",
                "rng_seed(r, 0), n = 10, B = 3, 2 epochs, batches filled "
                "with -1",
                "batches (6 steps, 3)"};
    ex_expect_ints(&minibatch, &c, got, want, MB_STEPS, MB_B,
                   minibatch_diagnose);
}
END_TEST

START_TEST(minibatch_cell7)
{
    Notebook nb;
    Error err;
    ck_assert_msg(nb_replay(&nb, DATA_FILE, 0, NB_CELL3, &err) == 0, "%s",
                  err.msg);
    /* Cell 7 draws its network's weights, then its minibatches. */
    Net net;
    ck_assert(net_init(&net, nb.net.D, nb.net.H, nb.net.K, ACT_SIGMOID) == 0);
    net_init_tutorial(&net, &nb.rng);
    TrainConfig cfg = train_cell7();
    cfg.max_epochs = 1;
    int n = nb.train.n, steps = n / cfg.batch_size;
    int *batches = malloc((size_t)steps * cfg.batch_size * sizeof *batches);
    int *perm = malloc((size_t)n * sizeof *perm);
    ck_assert(batches != NULL && perm != NULL);
    train_draw_batches(batches, &nb.rng, n, &cfg, perm);
    double v[300];
    int got[300], want[300];
    ck_assert_int_eq(golden(v, 300, 0, "sgd_first_batches"), 300);
    for (int i = 0; i < 300; i++) {
        got[i] = batches[i];
        want[i] = (int)v[i];
    }
    free(batches);
    free(perm);
    net_free(&net);
    nb_free(&nb);
    ExCase c = {"the notebook's cell 7", "the stream after cell 7's "
                "weights, n = 1437, B = 100, one epoch",
                "the first three minibatches (numpy)"};
    ex_expect_ints(&minibatch, &c, got, want, 3, 100, NULL);
}
END_TEST

Suite *suite_ex06(void)
{
    const ExTests cases[] = {{"sgd", sgd_small, sgd_full_batch},
                             {"minibatch", minibatch_small, minibatch_cell7}};
    return ex_suite("ex06", cases, sizeof cases / sizeof cases[0]);
}
