/* check_06.c - chapter 06-sgd: the notebook's minibatches, the run. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notebook.h"
#include "support.h"

#define DATA_FILE NN_REPO_DIR "/data/digits.csv.gz"

static const unsigned seeds[] = {0, 1, 2, 7, 42};

/* Cell 7's network draws its weights, then its minibatches: the first
 * three batches must be numpy's, index for index. */
START_TEST(minibatches_match_numpy)
{
    unsigned seed = seeds[_i];
    Notebook nb;
    Error err;
    ck_assert_msg(nb_replay(&nb, DATA_FILE, seed, NB_CELL3, &err) == 0,
                  "%s", err.msg);
    double want[300];
    ck_assert_int_eq(golden(want, 300, seed, "sgd_first_batches"), 300);
    for (int i = 0; i < 3700; i++)
        (void)rng_gauss(&nb.rng);
    int batch[100], perm[1437];
    for (int b = 0; b < 3; b++) {
        rng_choice_noreplace(&nb.rng, batch, 100, nb.train.n, perm);
        for (int i = 0; i < 100; i++)
            ck_assert_int_eq(batch[i], (int)want[100 * b + i]);
    }
    nb_free(&nb);
}
END_TEST

START_TEST(runs_and_writes_its_epochs)
{
    char dir[512], buf[128], path[600], line[512], *out;
    out = run_chapter(dir, sizeof dir, "06-sgd --epochs 3");
    double acc = atof(summary_value(buf, sizeof buf, out, "accuracy_test"));
    ck_assert(acc >= 0.0 && acc <= 1.0);
    ck_assert_int_eq(count_lines(dir, "epochs.tsv"), 1 + 3);
    /* Epoch 1's costs, 14 steps in, are still numpy's to about 1e-6
     * (chaos has not set in yet; tests/golden/README.md). */
    snprintf(path, sizeof path, "%s/epochs.tsv", dir);
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_nonnull(fgets(line, sizeof line, f)); /* header */
    ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
    fclose(f);
    int epoch;
    double cost_train, acc_train, cost_test;
    ck_assert_int_eq(sscanf(line, "%d %lf %lf %lf", &epoch, &cost_train,
                            &acc_train, &cost_test), 4);
    ck_assert_int_eq(epoch, 1);
    ck_assert_msg(close_rel(cost_train, golden1(0, "sgd_epoch_cost_train"),
                            1e-4), "epoch 1 cost %.17g", cost_train);
    ck_assert(close_rel(cost_test, golden1(0, "sgd_epoch_cost_test"), 1e-4));
    chapter_done(out, dir);
}
END_TEST

START_TEST(refuses_a_batch_larger_than_the_data)
{
    char cmd[256], *out;
    snprintf(cmd, sizeof cmd, "06-sgd --batch-size 5000 --out /nonexistent");
    ck_assert_int_eq(run_program(&out, cmd), 2);
    ck_assert_ptr_nonnull(strstr(out, "--batch-size"));
    free(out);
}
END_TEST

Suite *suite_06(void)
{
    Suite *s = suite_create("06");
    TCase *tc = tcase_create("sgd");
    tcase_add_loop_test(tc, minibatches_match_numpy, 0,
                        (int)(sizeof seeds / sizeof seeds[0]));
    tcase_add_test(tc, runs_and_writes_its_epochs);
    tcase_add_test(tc, refuses_a_batch_larger_than_the_data);
    suite_add_tcase(s, tc);
    return s;
}
