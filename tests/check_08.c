/* check_08.c - chapter 08-beyond: the final recipe's benchmark on seed 0,
 * row 7 and its scikit-learn twin, the tutorial's switches, the options. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kv.h"
#include "loss.h"
#include "netio.h"
#include "notebook.h"
#include "support.h"

#define SKLEARN NN_REPO_DIR "/tests/golden/sklearn.txt"
#define MIN_ACCURACY 0.98   /* the final recipe's goal on every seed */
#define TWIN_ACCURACY 0.97  /* row 7 (Adam, lr 0.01): 0.9889 on seed 0 */
#define TWIN_IMAGES 2       /* test images ours and scikit-learn's may
                             * disagree on after ~170 epochs of round-off */
#define N_TEST 360

static char dir[512];
static void setup(void) { temp_dir(dir, sizeof dir); }
static void teardown(void) { remove_dir(dir); }

/* Runs 08-beyond with args and --out dir; returns its output. */
static char *run08(const char *args, int want_status)
{
    char cmd[2048], *out;
    snprintf(cmd, sizeof cmd, "08-beyond --out %s %s", dir, args);
    int status = run_program(&out, cmd);
    ck_assert_msg(status == want_status, "%s: status %d\n%s", cmd, status,
                  out);
    return out;
}

static double key(const char *out, const char *name)
{
    char buf[1024];
    ck_assert_msg(summary_value(buf, sizeof buf, out, name) != NULL,
                  "summary has no %s", name);
    return strtod(buf, NULL);
}

/* Lines of dir/name after the header, and the sum of column col. */
static int tsv_rows(const char *name, int col, double *sum)
{
    char path[600], line[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "%s missing", path);
    int rows = -1;
    *sum = 0.0;
    while (fgets(line, sizeof line, f)) {
        char *p = line;
        for (int c = 0; c < col && p; c++)
            p = strchr(p, '\t'), p = p ? p + 1 : p;
        if (++rows > 0 && p)
            *sum += strtod(p, NULL);
    }
    fclose(f);
    return rows;
}

/* The network --save wrote: fed the test images scaled as the file says,
 * it scores what the summary printed. */
static void saved_scores(const char *path, double want)
{
    Notebook nb;
    Error err;
    Net net;
    Work w;
    double scale;
    ck_assert_msg(netio_load(&net, &scale, path, 64, 10, &err) == 0, "%s",
                  err.msg);
    ck_assert_double_eq(scale, 1.0 / 16);
    ck_assert(nb_replay(&nb, NN_REPO_DIR "/data/digits.csv.gz", 0, NB_CELL2,
                        &err) == 0);
    for (long i = 0; i < (long)nb.test.n * 64; i++)
        nb.test.X.data[i] *= scale;
    int *pred = malloc(nb.test.n * sizeof *pred), right = 0;
    ck_assert_ptr_nonnull(pred);
    ck_assert(work_init(&w, &net, 100) == 0);
    net_predict(pred, &net, &nb.test.X, &w);
    for (int i = 0; i < nb.test.n; i++)
        right += pred[i] == nb.test.labels[i];
    ck_assert_double_eq(loss_accuracy(pred, nb.test.labels, nb.test.n), want);
    ck_assert_int_gt(right, 0);
    free(pred);
    work_free(&w);
    net_free(&net);
    nb_free(&nb);
}

START_TEST(final_recipe_on_seed_0)
{
    char args[700];
    snprintf(args, sizeof args, "--seeds 0 --no-grids --save %s/final.nnet",
             dir);
    char *out = run08(args, 0);
    double acc = key(out, "accuracy_final");
    snprintf(args, sizeof args, "%s/final.nnet", dir);
    saved_scores(args, acc);
    ck_assert_msg(acc >= MIN_ACCURACY, "accuracy %.4f", acc);
    double tut = key(out, "accuracy_tutorial");
    ck_assert(tut >= 0.0 && tut <= 0.2); /* cell 7 does not learn */
    ck_assert_double_eq(key(out, "epochs_final"), 300); /* no stop rule */
    double sum;
    ck_assert_int_eq(tsv_rows("confusion.tsv", 2, &sum), 100);
    ck_assert_double_eq(sum, N_TEST);
    ck_assert_ptr_nonnull(strstr(out, "true\\predicted"));
    free(out);
}
END_TEST

/* One step of the tutorial equals one of scikit-learn's SGD with
 * lr = 100 eta, in C and in scikit-learn's own code. */
START_TEST(one_step_like_for_like)
{
    char *out = run08("--seeds 0 --no-grids --epochs 1", 0), buf[256];
    double ours[2], theirs[2];
    ck_assert_int_eq(parse_list(ours, 2, summary_value(buf, sizeof buf, out,
                                                       "step")), 2);
    ck_assert_int_eq(parse_list(theirs, 2, summary_value(buf, sizeof buf,
                                                         out,
                                                         "step_sklearn")),
                     2);
    ck_assert(ours[0] > 1.0); /* the step is large ... */
    ck_assert(ours[1] < 1e-13 && theirs[1] < 1e-13); /* ... and the same */
    ck_assert(close_rel(ours[0], theirs[0], TOL_ROUNDING));
    free(out);
}
END_TEST

/* With every switch in the tutorial's position the chapter trains
 * chapter 6's network: at a learning rate whose results do not depend on
 * round-off, in every build; at cell 7's own, whose run is chaotic, only
 * where both programs link the same library and so make the same sums.
 * That is the plain build (make check-plain PLAIN_SUITES=08; CI runs
 * this case there alone): in the default one, chapters 1 to 6 link the
 * plain copy of the library and this chapter the fast one (mk/fast.mk). */
START_TEST(tutorial_switches_reproduce_chapter_06)
{
    char *out = run08("--seeds 0 --no-grids --sum-gradients --raw-pixels "
                      "--no-warps --init randn --batches choice --optimizer "
                      "sgd --epochs 10 --eta 0.001 --lambda 0.1 --batch-size "
                      "100 --stop none --schedule constant", 0),
         *six, cmd[600], a[64], b[64];
    snprintf(cmd, sizeof cmd, "06-sgd --eta 0.001 --out %s", dir);
    ck_assert_int_eq(run_program(&six, cmd), 0);
    ck_assert_ptr_nonnull(summary_value(a, sizeof a, out, "accuracy_final"));
    ck_assert_ptr_nonnull(summary_value(b, sizeof b, six, "accuracy_test"));
    ck_assert_str_eq(a, b);
    free(out);
    free(six);
#ifndef NN_FAST
    out = run08("--seeds 0 --no-grids", 0);
    snprintf(cmd, sizeof cmd, "06-sgd --out %s", dir);
    ck_assert_int_eq(run_program(&six, cmd), 0);
    ck_assert_ptr_nonnull(summary_value(a, sizeof a, out,
                                        "accuracy_tutorial"));
    ck_assert_ptr_nonnull(summary_value(b, sizeof b, six, "accuracy_test"));
    ck_assert_str_eq(a, b);
    free(out);
    free(six);
#endif
}
END_TEST

/* One seed of the ablation: eleven rows; row 10 is the final recipe, the
 * program's default, and row 7 the one scikit-learn can train too: its
 * twin draws the same weights and batches. */
START_TEST(ablation_rows_and_keys)
{
    char *out = run08("--seeds 1 --no-grids --seed 0", 0), buf[1024];
    double mean[11], sum;
    ck_assert_int_eq(parse_list(mean, 11, summary_value(buf, sizeof buf, out,
                                                        "ablation_mean")),
                     11);
    ck_assert_double_eq(mean[10], key(out, "accuracy_final"));
    ck_assert_double_eq(key(out, "final_mean"), mean[10]);
    ck_assert(mean[0] < 0.2 && mean[10] >= MIN_ACCURACY);
    double twin = key(out, "twin_mean"), sk = key(out, "sklearn_twin_mean");
    ck_assert_double_eq(twin, mean[7]);
    ck_assert_msg(twin >= TWIN_ACCURACY, "row 7: accuracy %.4f", twin);
    KvFile kv;
    Error err;
    ck_assert_msg(kv_load(&kv, SKLEARN, &err) == 0, "%s", err.msg);
    ck_assert_double_eq(sk, kv_get_seed(&kv, "twin_accuracy", 0));
    kv_free(&kv);
    ck_assert_msg(fabs(twin - sk) <= TWIN_IMAGES / (double)N_TEST + 1e-12,
                  "ours %.4f, scikit-learn %.4f", twin, sk);
    ck_assert_int_eq(tsv_rows("ablation.tsv", 2, &sum), 11);
    ck_assert_int_eq(tsv_rows("ablation_seeds.tsv", 2, &sum), 11);
    ck_assert_ptr_nonnull(strstr(out, "7: --no-warps --init glorot "
                                      "--init-gain 1 --batches shuffle"));
    ck_assert_ptr_nonnull(strstr(out, "10: --init glorot --init-gain "
                                      "2.449489742783178 --batches"));
    free(out);
}
END_TEST

START_TEST(bad_options)
{
    static const struct {
        const char *args, *expect;
    } bad[] = {{"--init xavier", "--init"},
               {"--activation swish", "--activation"},
               {"--schedule linear", "--schedule"},
               {"--init-gain 0", "--init-gain"},
               {"--seeds 101", "--seeds"},
               {"--eta -1", "--eta"},
               {"--sklearn /nonexistent/sk.txt", "/nonexistent/sk.txt"},
               {"--batch-size 5000 --seeds 0 --no-grids", "--batch-size"}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *out = run08(bad[i].args, 2);
        ck_assert_msg(strstr(out, bad[i].expect) != NULL, "%s: %s",
                      bad[i].args, out);
        ck_assert_ptr_null(strstr(out, "summary:"));
        free(out);
    }
    char *help = run08("--help", 0);
    ck_assert_ptr_nonnull(strstr(help, "--sum-gradients"));
    ck_assert_ptr_nonnull(strstr(help, "--stop"));
    free(help);
}
END_TEST

Suite *suite_08(void)
{
    Suite *s = suite_create("08");
    TCase *tc = tcase_create("beyond");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, final_recipe_on_seed_0);
    tcase_add_test(tc, one_step_like_for_like);
    tcase_add_test(tc, ablation_rows_and_keys);
    tcase_add_test(tc, bad_options);
    suite_add_tcase(s, tc);
    /* A case of its own, so that CI's plain build can run it alone
     * (CK_RUN_CASE=tutorial): there its chaotic half runs too. */
    tc = tcase_create("tutorial");
    tcase_set_timeout(tc, 120);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, tutorial_switches_reproduce_chapter_06);
    suite_add_tcase(s, tc);
    return s;
}
