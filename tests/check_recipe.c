/* check_recipe.c - recipes: their options round-trip, parallel runs equal
 * serial ones, the spread. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notebook.h"
#include "recipe.h"
#include "recipe_cli.h"
#include "support.h"

#define DATA_FILE NN_REPO_DIR "/data/digits.csv.gz"

static Recipe quick(void)
{
    Recipe r = {.raw_pixels = false, .init = INIT_GLOROT, .act = ACT_TANH,
                .hidden = 20, .val_fraction = 0.1,
                .fit = {.max_epochs = 3, .batch_size = 50, .eta = 0.01,
                        .lambda = 1e-4, .mean_grad = true,
                        .batches = BATCH_SHUFFLE, .optimizer = OPTIM_ADAM,
                        .stop = STOP_NONE, .patience = 7, .tol = 1e-4}};
    return r;
}

/* Splits s at spaces into argv (after a program name); returns argc. */
static int split_args(char *s, char **argv, int max)
{
    int n = 0;
    argv[n++] = "prog";
    for (char *t = strtok(s, " "); t && n < max; t = strtok(NULL, " "))
        argv[n++] = t;
    return n;
}

/* What recipe_options writes, the options parse back into. */
START_TEST(options_round_trip)
{
    Recipe want = quick(), got = quick();
    want.fit.mean_grad = false, want.raw_pixels = true;
    want.init = INIT_RANDN, want.fit.stop = STOP_VALIDATION;
    want.fit.eta = 0.1 + 0.2; /* needs 17 digits */
    want.fit.schedule = RATE_COSINE, want.init_gain = 2.5;
    got.fit.warp = RECIPE_WARP; /* the defaults warp; want does not */
    char text[512], *argv[40];
    recipe_options(text, sizeof text, &want);
    ck_assert_ptr_nonnull(strstr(text, "--sum-gradients --raw-pixels "
                                       "--no-warps --init randn --init-gain "
                                       "2.5 --batches shuffle"));
    ck_assert_ptr_nonnull(strstr(text, "--schedule cosine"));
    ck_assert_ptr_nonnull(strstr(text, "--eta 0.30000000000000004 "));
    ck_assert_ptr_nonnull(strstr(text, "--lambda 0.0001 "));
    RecipeCli c;
    CliOption opts[RECIPE_N_OPTIONS];
    Cli cli = {.program = "prog", .purpose = "test"};
    Error err;
    recipe_cli_options(opts, &got, &c);
    int argc = split_args(text, argv, 40);
    ck_assert_int_eq(cli_parse(&cli, argc, argv, opts, CLI_COUNT(opts),
                               stdout, &err), 0);
    ck_assert_int_eq(recipe_cli_apply(&got, &c, &err), 0);
    const TrainConfig *g = &got.fit, *w = &want.fit; /* field by field: a
                                                   * struct has padding */
    ck_assert_int_eq(g->max_epochs, w->max_epochs);
    ck_assert_int_eq(g->batch_size, w->batch_size);
    ck_assert_double_eq(g->eta, w->eta);
    ck_assert_double_eq(g->lambda, w->lambda);
    ck_assert_int_eq(g->mean_grad, w->mean_grad);
    ck_assert_int_eq(g->batches, w->batches);
    ck_assert_int_eq(g->optimizer, w->optimizer);
    ck_assert_int_eq(g->stop, w->stop);
    ck_assert_int_eq(g->patience, w->patience);
    ck_assert_int_eq(g->schedule, RATE_COSINE);
    ck_assert(!augment_on(&g->warp));
    ck_assert_double_eq(got.init_gain, 2.5);
    ck_assert(got.raw_pixels && got.init == INIT_RANDN);
    ck_assert_int_eq(got.act, ACT_TANH);
}
END_TEST

START_TEST(unknown_name_is_refused)
{
    Recipe r = quick();
    RecipeCli c;
    CliOption opts[RECIPE_N_OPTIONS];
    Error err;
    recipe_cli_options(opts, &r, &c);
    c.names[3] = "swish";
    ck_assert_int_eq(recipe_cli_apply(&r, &c, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "--activation"));
    ck_assert_ptr_nonnull(strstr(err.msg, "swish"));
}
END_TEST

/* Four jobs run together give what each gives alone, to the bit. */
START_TEST(parallel_equals_serial)
{
    Notebook nb;
    Error err;
    ck_assert_msg(nb_replay(&nb, DATA_FILE, 2, NB_CELL3, &err) == 0, "%s",
                  err.msg);
    Recipe r[4] = {quick(), quick(), quick(), quick()};
    r[1].init = INIT_RANDN, r[2].act = ACT_RELU;
    r[3].fit.stop = STOP_VALIDATION, r[3].fit.batches = BATCH_CHOICE;
    RecipeJob all[4], one;
    for (int i = 0; i < 4; i++)
        all[i] = (RecipeJob){.recipe = &r[i], .train = &nb.train,
                             .test = &nb.test, .stream = nb.rng, .seed = 2};
    ck_assert_int_eq(recipe_run_all(all, 4, &err), 0);
    for (int i = 0; i < 4; i++) {
        one = (RecipeJob){.recipe = &r[i], .train = &nb.train,
                          .test = &nb.test, .stream = nb.rng, .seed = 2};
        ck_assert_int_eq(recipe_run(&one, &err), 0);
        ck_assert_double_eq(one.accuracy, all[i].accuracy);
        ck_assert_double_eq(one.cost, all[i].cost);
        ck_assert_msg(one.accuracy > 0.5, "job %d: %g", i, one.accuracy);
        ck_assert(one.saturated[0] >= 0.0 && one.saturated[1] <= 1.0);
    }
    ck_assert_int_eq(all[3].fit.best_epoch >= 1, 1);
    r[0].fit.batch_size = 5000;
    ck_assert_int_eq(recipe_run_all(all, 4, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "5000"));
    nb_free(&nb);
}
END_TEST

START_TEST(spread)
{
    double x[4] = {1.0, 2.0, 3.0, 6.0};
    Spread s;
    recipe_spread(&s, x, 4);
    ck_assert_double_eq(s.mean, 3.0);
    ck_assert_double_eq_tol(s.sd, sqrt(14.0 / 3.0), 1e-15);
    ck_assert_double_eq(s.min, 1.0);
    ck_assert_double_eq(s.max, 6.0);
    recipe_spread(&s, x + 3, 1);
    ck_assert_double_eq(s.sd, 0.0);
}
END_TEST

/* tools/recipe-cv: every training image of the split is held out once
 * (1437 of them for seed 0), the counts are errors, and bad options are
 * refused with status 2 and the option's name. */
START_TEST(recipe_cv_holds_out_every_image_once)
{
    char *out, buf[128];
    int status = run_program(&out, "recipe-cv --seeds 1 --folds 2 "
                                   "--epochs 2 --no-warps --streams 1");
    ck_assert_msg(status == 0, "status %d\n%s", status, out);
    ck_assert_str_eq(summary_value(buf, sizeof buf, out, "cv_images"),
                     "1437");
    long errors = atol(summary_value(buf, sizeof buf, out, "cv_errors"));
    ck_assert(errors > 0 && errors < 1437); /* 2 epochs: far from perfect */
    /* After 2 epochs the one test run is far below 0.98. */
    ck_assert_str_eq(summary_value(buf, sizeof buf, out,
                                   "test_runs_below_098"), "1");
    free(out);
    static const char *const bad[][2] = {
        {"recipe-cv --folds 1", "--folds"},
        {"recipe-cv --streams 21", "--streams"},
        {"recipe-cv --folds 2 --batch-size 1000", "--batch-size"}};
    for (int i = 0; i < 3; i++) {
        ck_assert_int_eq(run_program(&out, bad[i][0]), 2);
        ck_assert_msg(strstr(out, bad[i][1]) && !strstr(out, "summary:"),
                      "%s: %s", bad[i][0], out);
        free(out);
    }
}
END_TEST

Suite *suite_recipe(void)
{
    Suite *s = suite_create("recipe");
    TCase *tc = tcase_create("recipe");
    tcase_add_test(tc, options_round_trip);
    tcase_add_test(tc, unknown_name_is_refused);
    tcase_add_test(tc, parallel_equals_serial);
    tcase_add_test(tc, spread);
    tcase_add_test(tc, recipe_cv_holds_out_every_image_once);
    suite_add_tcase(s, tc);
    return s;
}
