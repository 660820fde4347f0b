/* check_train.c - training loops: draws, divergence, the sweep's stream. */
#include <check.h>
#include <math.h>

#include "notebook.h"
#include "support.h"
#include "sweep.h"

#define DATA_FILE NN_REPO_DIR "/data/digits.csv.gz"

static Notebook nb;
static Net net;
static Trainer t;

static void setup(void)
{
    Error err;
    ck_assert(nb_replay(&nb, DATA_FILE, 0, NB_CELL3, &err) == 0);
    ck_assert(net_init(&net, 64, 50, 10, ACT_SIGMOID) == 0);
    ck_assert(trainer_init(&t, &net, nb.train.n, 360) == 0);
    net_init_tutorial(&net, &nb.rng);
}

static void teardown(void)
{
    trainer_free(&t);
    net_free(&net);
    nb_free(&nb);
}

/* The skip used to replay cell 7 must draw exactly what training draws. */
START_TEST(skipping_draws_what_training_draws)
{
    TrainConfig cfg = train_cell7();
    cfg.max_epochs = 2;
    Rng skip = nb.rng;
    TrainResult st;
    ck_assert_int_eq(train_run(&net, &t, &(TrainData){.train = &nb.train},
                               &nb.rng, &cfg, NULL, NULL, &st, NULL), 0);
    train_skip_draws(&skip, nb.train.n, &cfg);
    ck_assert_int_eq(skip.pos, nb.rng.pos);
    ck_assert_uint_eq(rng_next32(&skip), rng_next32(&nb.rng));
    ck_assert(!st.diverged);
}
END_TEST

/* A learning rate of 1e308 sends the weights to infinity in one step;
 * the next step's cost is NaN.  The run says where, stops its arithmetic
 * and still makes every draw. */
START_TEST(divergence_is_reported_and_draws_go_on)
{
    TrainConfig cfg = train_cell7();
    cfg.eta = 1e308;
    Rng skip = nb.rng;
    TrainResult st;
    ck_assert_int_eq(train_run(&net, &t, &(TrainData){.train = &nb.train},
                               &nb.rng, &cfg, NULL, NULL, &st, NULL), 0);
    ck_assert(st.diverged);
    ck_assert_int_eq(st.diverged_epoch, 1);
    ck_assert_int_eq(st.diverged_step, 2);
    train_skip_draws(&skip, nb.train.n, &cfg);
    ck_assert_int_eq(skip.pos, nb.rng.pos);
}
END_TEST

START_TEST(full_batch_reports_divergence)
{
    double cost[4];
    TrainResult st;
    Trainer big;
    ck_assert(trainer_init(&big, &net, nb.train.n, nb.train.n) == 0);
    train_full_batch(&net, &big, &nb.train, 3, 1e308, 0.0, cost, &st);
    ck_assert(st.diverged);
    ck_assert_int_eq(st.diverged_step, 2);
    ck_assert(isfinite(cost[0]));
    ck_assert(isnan(cost[1]) && isnan(cost[3])); /* never computed */
    trainer_free(&big);
}
END_TEST

/* After the 36 networks, the stream stands where numpy's did. */
START_TEST(sweep_leaves_the_stream_where_numpy_did)
{
    Notebook nb1;
    Error err;
    ck_assert(nb_replay(&nb1, DATA_FILE, 1, NB_CELL7, &err) == 0);
    double eta = 1e-5, lambdas[6], acc[36];
    for (int j = 0; j < 6; j++)
        lambdas[j] = pow(10.0, j - 5);
    TrainConfig cfg = train_cell7();
    SweepCell cells[6];
    /* The notebook's first row of six networks is trained; the other 30
     * are skipped draw for draw. */
    ck_assert(sweep_run(cells, &eta, 1, lambdas, 6, 50, &nb1.train,
                        &nb1.test, &nb1.rng, &cfg, &err) == 0);
    ck_assert_int_eq(golden(acc, 36, 1, "sweep_accuracy"), 36);
    for (int c = 0; c < 6; c++)
        ck_assert_double_eq(cells[c].accuracy, acc[c]);
    for (int c = 6; c < 36; c++) {
        for (int g = 0; g < 3700; g++)
            (void)rng_gauss(&nb1.rng);
        train_skip_draws(&nb1.rng, nb1.train.n, &cfg);
    }
    ck_assert_int_eq(nb1.rng.pos, (int)golden1(1, "mt_pos_end"));
    sweep_free(cells, 6);
    nb_free(&nb1);
}
END_TEST

Suite *suite_train(void)
{
    Suite *s = suite_create("train");
    TCase *tc = tcase_create("train");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, skipping_draws_what_training_draws);
    tcase_add_test(tc, divergence_is_reported_and_draws_go_on);
    tcase_add_test(tc, full_batch_reports_divergence);
    tcase_add_test(tc, sweep_leaves_the_stream_where_numpy_did);
    suite_add_tcase(s, tc);
    return s;
}
