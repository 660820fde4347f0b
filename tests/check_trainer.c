/* check_trainer.c - the training loop's switches: pre-drawn batches give the
 * drawn ones, each batching, schedule and stop rule does what train.h says. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "init.h"
#include "notebook.h"
#include "support.h"
#include "train.h"

#define DATA_FILE NN_REPO_DIR "/data/digits.csv.gz"
#define TOL_SAME 1e-10 /* same arithmetic, buffers at other addresses */

static Notebook nb;

static void setup(void)
{
    Error err;
    ck_assert_msg(nb_replay(&nb, DATA_FILE, 0, NB_CELL3, &err) == 0, "%s",
                  err.msg);
}

static void teardown(void) { nb_free(&nb); }

static TrainConfig tutorial_config(void)
{
    TrainConfig c = {.max_epochs = 2, .batch_size = 100, .eta = 1e-3,
                   .lambda = 0.1, .mean_grad = false, .batches = BATCH_CHOICE,
                   .optimizer = OPTIM_SGD, .stop = STOP_NONE,
                   .patience = 10, .tol = 1e-4};
    return c;
}

/* Cell 7's network with a stable learning rate, trained on batches drawn
 * from the stream as it goes and on the same batches drawn beforehand
 * (train_draw_batches, as the sweep does): the same parameters, and the
 * streams end in the same place. */
START_TEST(predrawn_batches_give_the_same_run)
{
    Net a, b;
    Trainer t, f;
    Rng ra = nb.rng, rb = nb.rng;
    TrainConfig c = tutorial_config();
    ck_assert_int_eq(net_init(&a, 64, 50, 10, ACT_SIGMOID), 0);
    ck_assert_int_eq(net_init(&b, 64, 50, 10, ACT_SIGMOID), 0);
    ck_assert_int_eq(trainer_init(&t, &a, nb.train.n, 100), 0);
    ck_assert_int_eq(trainer_init(&f, &b, nb.train.n, 100), 0);
    net_init_tutorial(&a, &ra);
    init_net(&b, INIT_RANDN, &rb);
    int steps = c.max_epochs * (nb.train.n / c.batch_size);
    int *batches = malloc((size_t)steps * c.batch_size * sizeof *batches);
    ck_assert_ptr_nonnull(batches);
    train_draw_batches(batches, &rb, nb.train.n, &c, f.perm);
    TrainResult st, res;
    TrainData drawn = {.train = &nb.train};
    TrainData given = {.train = &nb.train, .batches = batches};
    ck_assert_int_eq(train_run(&a, &t, &drawn, &ra, &c, NULL, NULL, &st,
                               NULL), 0);
    ck_assert_int_eq(train_run(&b, &f, &given, NULL, &c, NULL, NULL, &res,
                               NULL), 0);
    ck_assert_msg(net_max_diff(&a, &b) <= TOL_SAME, "%g",
                  net_max_diff(&a, &b));
    ck_assert(net_max_diff(&a, &nb.net) > 0.0); /* and both trained */
    ck_assert_uint_eq(rng_next32(&ra), rng_next32(&rb));
    free(batches);
    trainer_free(&t), trainer_free(&f), net_free(&a), net_free(&b);
}
END_TEST

/* One batch: the mean gradient with eta B is the summed one with eta. */
START_TEST(mean_with_eta_b_is_sum_with_eta)
{
    int idx[100];
    for (int i = 0; i < 100; i++)
        idx[i] = 3 * i;
    Dataset batch;
    ck_assert_int_eq(data_subset(&batch, &nb.train, idx, 100), 0);
    Net start, a, b;
    Rng r = nb.rng;
    ck_assert_int_eq(net_init(&start, 64, 50, 10, ACT_SIGMOID), 0);
    init_net(&start, INIT_RANDN, &r);
    TrainConfig c = tutorial_config();
    TrainResult res;
    c.max_epochs = 1, c.batches = BATCH_SHUFFLE, c.eta = 0.1;
    ck_assert_int_eq(train_copy(&a, &start, &batch, &c, r, &res, NULL), 0);
    c.mean_grad = true, c.eta = 10.0;
    ck_assert_int_eq(train_copy(&b, &start, &batch, &c, r, &res, NULL), 0);
    ck_assert(net_max_diff(&a, &start) > 0.1);
    ck_assert(net_max_diff(&a, &b) < 1e-13);
    net_free(&a), net_free(&b), net_free(&start);
    data_free(&batch);
}
END_TEST

/* Steps per epoch, counted by Adam's t: 7 rows in batches of 3 are
 * ceil(7/3) = 3 steps shuffled, 7/3 = 2 steps drawn with choice.  A
 * shuffled epoch's order is a permutation. */
START_TEST(steps_per_epoch)
{
    int idx[7] = {0, 1, 2, 3, 4, 5, 6}, seen[7] = {0};
    Dataset seven;
    ck_assert_int_eq(data_subset(&seven, &nb.train, idx, 7), 0);
    Net net;
    Trainer f;
    Rng r = nb.rng;
    TrainResult res;
    ck_assert_int_eq(net_init(&net, 64, 5, 10, ACT_TANH), 0);
    ck_assert_int_eq(trainer_init(&f, &net, 7, 3), 0);
    TrainConfig c = tutorial_config();
    c.max_epochs = 1, c.batch_size = 3, c.optimizer = OPTIM_ADAM;
    ck_assert_int_eq(train_run(&net, &f, &(TrainData){.train = &seven},
                               &r, &c, NULL, NULL, &res, NULL), 0);
    ck_assert_int_eq(f.adam.t, 2);
    c.batches = BATCH_SHUFFLE;
    ck_assert_int_eq(train_run(&net, &f, &(TrainData){.train = &seven},
                               &r, &c, NULL, NULL, &res, NULL), 0);
    ck_assert_int_eq(f.adam.t, 3);
    for (int i = 0; i < 7; i++)
        seen[f.order[i]]++;
    for (int i = 0; i < 7; i++)
        ck_assert_int_eq(seen[i], 1);
    trainer_free(&f), net_free(&net), data_free(&seven);
}
END_TEST

/* The cosine schedule: with one step an epoch (a batch of all 7 rows),
 * epoch e of 4 steps at eta (1 + cos(pi (e - 1) / 4)) / 2, which four
 * one-epoch runs at those constant rates reproduce (to rounding: each run
 * sums the batch in its own order). */
START_TEST(cosine_schedule_rates)
{
    int idx[7] = {0, 1, 2, 3, 4, 5, 6};
    Dataset seven;
    ck_assert_int_eq(data_subset(&seven, &nb.train, idx, 7), 0);
    data_scale_pixels(&seven);
    Net a, b;
    Trainer f;
    Rng r = nb.rng;
    TrainResult res;
    ck_assert_int_eq(net_init(&a, 64, 5, 10, ACT_SIGMOID), 0);
    ck_assert_int_eq(net_init(&b, 64, 5, 10, ACT_SIGMOID), 0);
    init_net(&a, INIT_GLOROT, &r);
    net_copy(&b, &a);
    ck_assert_int_eq(trainer_init(&f, &a, 7, 7), 0);
    TrainConfig c = tutorial_config();
    c.batch_size = 7, c.eta = 0.5, c.lambda = 0.0, c.mean_grad = true;
    c.batches = BATCH_SHUFFLE, c.max_epochs = 4, c.schedule = RATE_COSINE;
    ck_assert_int_eq(train_run(&a, &f, &(TrainData){.train = &seven},
                               &r, &c, NULL, NULL, &res, NULL), 0);
    c.max_epochs = 1, c.schedule = RATE_CONSTANT;
    for (int e = 1; e <= 4; e++) { /* 0.5, 0.43, 0.25, 0.07 */
        c.eta = 0.5 * 0.5 * (1.0 + cos(acos(-1.0) * (e - 1) / 4.0));
        ck_assert_int_eq(train_run(&b, &f, &(TrainData){.train = &seven},
                               &r, &c, NULL, NULL, &res, NULL), 0);
    }
    ck_assert_double_lt(net_max_diff(&a, &b), 1e-12);
    trainer_free(&f), net_free(&a), net_free(&b), data_free(&seven);
}
END_TEST

/* Within an epoch too: 2 epochs of 4 steps, t = (e - 1 + (s - 1) / 4) / 2;
 * a constant schedule ignores where it is. */
START_TEST(cosine_rates_within_an_epoch)
{
    TrainConfig c = tutorial_config();
    c.eta = 0.2, c.max_epochs = 2, c.schedule = RATE_COSINE;
    const double pi = acos(-1.0);
    const int at[4][2] = {{1, 1}, {1, 3}, {2, 1}, {2, 4}};
    const double t[4] = {0.0, 0.25, 0.5, 0.875};
    for (int i = 0; i < 4; i++)
        ck_assert_double_eq_tol(train_rate(&c, at[i][0], at[i][1], 4),
                                0.2 * 0.5 * (1.0 + cos(pi * t[i])), 1e-16);
    c.schedule = RATE_CONSTANT;
    ck_assert_double_eq(train_rate(&c, 2, 3, 4), 0.2);
}
END_TEST

/* Warps: train_warp_alloc doubles the rows with the labels; an epoch writes
 * a fresh warp of each original into the second half (the same stream
 * gives the same warps) and leaves the originals as they were. */
START_TEST(warps_fill_the_second_half)
{
    int idx[5] = {0, 1, 2, 3, 4};
    Dataset five, two;
    Error err;
    ck_assert_int_eq(data_subset(&five, &nb.train, idx, 5), 0);
    data_scale_pixels(&five);
    ck_assert_int_eq(train_warp_alloc(&two, &five, &err), 0);
    ck_assert_int_eq(two.n, 10);
    for (int i = 0; i < 10; i++)
        ck_assert_int_eq(two.labels[i], five.labels[i % 5]);
    Net net;
    Trainer f;
    Rng r = nb.rng, copy = nb.rng;
    TrainResult res;
    ck_assert_int_eq(net_init(&net, 64, 5, 10, ACT_SIGMOID), 0);
    ck_assert_int_eq(trainer_init(&f, &net, 10, 5), 0);
    TrainConfig c = tutorial_config();
    c.batch_size = 5, c.max_epochs = 1, c.batches = BATCH_SHUFFLE;
    c.warp = (Warp){10.0, 0.1, 0.1, 1.0};
    TrainData data = {.train = &five, .warped = &two};
    ck_assert_int_eq(train_run(&net, &f, &data, &r, &c, NULL, NULL, &res,
                               NULL), 0);
    ck_assert(res.warped);
    ck_assert(memcmp(two.X.data, five.X.data, 5 * 64 * sizeof(double)) == 0);
    Matrix want;
    ck_assert_int_eq(mat_init(&want, 5, 64), 0);
    augment_rows(&want, &five.X, 8, &c.warp, &copy);
    ck_assert(memcmp(two.X.data + 5 * 64, want.data,
                     5 * 64 * sizeof(double)) == 0);
    ck_assert(memcmp(want.data, five.X.data, 5 * 64 * sizeof(double)) != 0);
    Dataset odd = {.X = mat_view(five.X.data, 5, 63), .n = 5};
    Dataset none;
    ck_assert_int_eq(train_warp_alloc(&none, &odd, &err), -1); /* 63 px */
    /* Warps without a buffer of twice the rows: an error, nothing
     * trained or written. */
    Net keep;
    ck_assert_int_eq(net_init(&keep, 64, 5, 10, ACT_SIGMOID), 0);
    net_copy(&keep, &net);
    TrainData bare = {.train = &five};
    ck_assert_int_eq(train_run(&net, &f, &bare, &r, &c, NULL, NULL, &res,
                               &err), -1);
    ck_assert(strstr(err.msg, "warps") != NULL);
    TrainData small = {.train = &five, .warped = &five};
    ck_assert_int_eq(train_run(&net, &f, &small, &r, &c, NULL, NULL, &res,
                               &err), -1);
    ck_assert(net_max_diff(&keep, &net) == 0.0);
    net_free(&keep);
    mat_free(&want), trainer_free(&f), net_free(&net);
    data_free(&two), data_free(&five);
}
END_TEST

/* With eta = 0 nothing changes, so every epoch is flat: the loss rule
 * stops after patience + 2 epochs (the first sets the best, then more
 * than patience flat ones), the validation rule keeps epoch 1 and stops
 * patience epochs later. */
START_TEST(stop_rules_on_a_flat_run)
{
    Dataset fit, val;
    Error err;
    Rng r = nb.rng;
    ck_assert_int_eq(train_split_val(&fit, &val, &nb.train, 0.1, &r, &err), 0);
    ck_assert_int_eq(val.n, 144); /* ceil(0.1 * 1437) */
    ck_assert_int_eq(fit.n, 1437 - 144);
    Net net;
    Trainer f;
    TrainResult res;
    ck_assert_int_eq(net_init(&net, 64, 50, 10, ACT_SIGMOID), 0);
    init_net(&net, INIT_GLOROT, &r);
    ck_assert_int_eq(trainer_init(&f, &net, fit.n, 200), 0);
    TrainConfig c = tutorial_config();
    c.max_epochs = 100, c.eta = 0.0, c.patience = 3;
    c.batches = BATCH_SHUFFLE, c.stop = STOP_LOSS;
    ck_assert_int_eq(train_run(&net, &f, &(TrainData){.train = &fit},
                               &r, &c, NULL, NULL, &res, NULL), 0);
    ck_assert_int_eq(res.epochs, 3 + 2);
    ck_assert(isfinite(res.loss) && res.loss > 0.0);
    c.stop = STOP_VALIDATION;
    TrainData with_val = {.train = &fit, .val = &val};
    ck_assert_int_eq(train_run(&net, &f, &with_val, &r, &c, NULL, NULL, &res,
                               NULL), 0);
    ck_assert_int_eq(res.best_epoch, 1);
    ck_assert_int_eq(res.epochs, 1 + 3);
    double cost, acc;
    train_evaluate(&net, &val, &f.work, &cost, &acc, NULL);
    ck_assert_double_eq(acc, res.val_accuracy);
    trainer_free(&f), net_free(&net), data_free(&fit), data_free(&val);
}
END_TEST

/* A tutorial run that diverges still makes all its draws. */
START_TEST(divergence_keeps_the_draws)
{
    Net net;
    Trainer f;
    Rng r = nb.rng, skip = nb.rng;
    TrainResult res;
    ck_assert_int_eq(net_init(&net, 64, 50, 10, ACT_SIGMOID), 0);
    ck_assert_int_eq(trainer_init(&f, &net, nb.train.n, 100), 0);
    init_net(&net, INIT_RANDN, &r);
    TrainConfig c = tutorial_config();
    c.eta = 1e307; /* the first step overflows the weights */
    ck_assert_int_eq(train_run(&net, &f, &(TrainData){.train = &nb.train},
                               &r, &c, NULL, NULL, &res, NULL), 0);
    ck_assert(res.diverged);
    ck_assert_int_eq(res.diverged_epoch, 1);
    for (int i = 0; i < 64 * 50 + 50 * 10; i++)
        (void)rng_gauss(&skip);
    TrainConfig s = {.max_epochs = 2, .batch_size = 100};
    train_skip_draws(&skip, nb.train.n, &s);
    ck_assert_uint_eq(rng_next32(&r), rng_next32(&skip));
    trainer_free(&f), net_free(&net);
}
END_TEST

START_TEST(names_and_bad_splits)
{
    Batches b;
    Stopping s;
    ck_assert_int_eq(train_batches_parse(&b, "shuffle"), 0);
    ck_assert_int_eq(b, BATCH_SHUFFLE);
    ck_assert_int_eq(train_stop_parse(&s, "validation"), 0);
    ck_assert_int_eq(s, STOP_VALIDATION);
    ck_assert_str_eq(train_stop_name(STOP_LOSS), "loss");
    ck_assert_int_eq(train_stop_parse(&s, "early"), -1);
    Dataset fit, val;
    Error err;
    Rng r = nb.rng;
    ck_assert_int_eq(train_split_val(&fit, &val, &nb.train, 1.0, &r, &err),
                     -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "empty"));
}
END_TEST

/* Data that do not fit the configuration: an error naming the problem,
 * and the network untouched. */
START_TEST(misfits_are_errors)
{
    int idx[5] = {0, 1, 2, 3, 4};
    Dataset five;
    Net net, keep;
    Trainer f;
    TrainResult res;
    Error err;
    Rng r = nb.rng;
    ck_assert_int_eq(data_subset(&five, &nb.train, idx, 5), 0);
    ck_assert_int_eq(net_init(&net, 64, 5, 10, ACT_SIGMOID), 0);
    ck_assert_int_eq(net_init(&keep, 64, 5, 10, ACT_SIGMOID), 0);
    init_net(&net, INIT_RANDN, &r);
    net_copy(&keep, &net);
    ck_assert_int_eq(trainer_init(&f, &net, 5, 6), 0);
    TrainData data = {.train = &five};
    TrainConfig c = tutorial_config();
    c.batch_size = 6; /* choice cannot draw 6 distinct rows of 5 */
    ck_assert_int_eq(train_run(&net, &f, &data, &r, &c, NULL, NULL, &res,
                               &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "batches of 6"));
    c.batches = BATCH_SHUFFLE; /* one short batch an epoch: fine */
    c.eta = 0.0;
    ck_assert_int_eq(train_run(&net, &f, &data, &r, &c, NULL, NULL, &res,
                               &err), 0);
    c.stop = STOP_VALIDATION; /* without validation rows */
    ck_assert_int_eq(train_run(&net, &f, &data, &r, &c, NULL, NULL, &res,
                               &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "validation"));
    ck_assert(net_max_diff(&keep, &net) == 0.0);
    trainer_free(&f), net_free(&net), net_free(&keep), data_free(&five);
}
END_TEST

Suite *suite_trainer(void)
{
    Suite *s = suite_create("trainer");
    TCase *tc = tcase_create("fit");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, predrawn_batches_give_the_same_run);
    tcase_add_test(tc, misfits_are_errors);
    tcase_add_test(tc, mean_with_eta_b_is_sum_with_eta);
    tcase_add_test(tc, steps_per_epoch);
    tcase_add_test(tc, cosine_schedule_rates);
    tcase_add_test(tc, cosine_rates_within_an_epoch);
    tcase_add_test(tc, warps_fill_the_second_half);
    tcase_add_test(tc, stop_rules_on_a_flat_run);
    tcase_add_test(tc, divergence_keeps_the_draws);
    tcase_add_test(tc, names_and_bad_splits);
    suite_add_tcase(s, tc);
    return s;
}
