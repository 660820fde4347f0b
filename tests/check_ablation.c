/* check_ablation.c - rows x seeds: the columns, the twins, the files. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ablation.h"
#include "support.h"

#define DATA_FILE NN_REPO_DIR "/data/digits.csv.gz"

static char dir[512];
static void setup(void) { temp_dir(dir, sizeof dir); }
static void teardown(void) { remove_dir(dir); }

static Recipe quick(Activation act)
{
    Recipe r = {.raw_pixels = false, .init = INIT_GLOROT, .act = act,
                .hidden = 10, .val_fraction = 0.1,
                .fit = {.max_epochs = 2, .batch_size = 100, .eta = 0.01,
                        .lambda = 1e-4, .mean_grad = true,
                        .batches = BATCH_SHUFFLE, .optimizer = OPTIM_ADAM,
                        .stop = STOP_NONE, .patience = 10, .tol = 1e-4}};
    return r;
}

static int lines_of(const char *name)
{
    char path[600], line[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "%s missing", path);
    int n = 0;
    while (fgets(line, sizeof line, f))
        n++;
    fclose(f);
    return n;
}

START_TEST(two_rows_three_seeds)
{
    AblationRow rows[2] = {{"sigmoid", NULL, quick(ACT_SIGMOID)},
                           {"tanh", "twin", quick(ACT_TANH)}};
    char ref[600];
    snprintf(ref, sizeof ref, "%s/ref.txt", dir);
    FILE *f = fopen(ref, "w");
    ck_assert_ptr_nonnull(f);
    fputs("seeds\t6,5,4\ntwin_accuracy\t0.25,0.5,0.75\n", f);
    fclose(f);
    KvFile kv;
    Error err;
    ck_assert_int_eq(kv_load(&kv, ref, &err), 0);
    Ablation a;
    Dataset data;
    ck_assert_int_eq(data_load(&data, DATA_FILE, &err), 0);
    ck_assert_msg(ablation_run(&a, rows, 2, &data, 4, 3, &kv, &err) == 0,
                  "%s", err.msg);
    data_free(&data);
    ck_assert_int_eq(a.rows, 2);
    ck_assert_int_eq(a.seeds, 3);
    ck_assert_uint_eq(a.seed[2], 6);
    for (int k = 0; k < 6; k++) {
        ck_assert(a.col[ABL_ACCURACY][k] > 0.3); /* two epochs learn */
        ck_assert_double_eq(a.col[ABL_EPOCHS][k], 2);
    }
    ck_assert(isnan(a.col[ABL_SKLEARN][0]));      /* no twin */
    ck_assert_double_eq(a.col[ABL_SKLEARN][3], 0.75); /* seed 4 */
    ck_assert_double_eq(a.col[ABL_SKLEARN][5], 0.25); /* seed 6 */
    Spread s = ablation_spread(&a, 1, ABL_SKLEARN);
    ck_assert_double_eq(s.mean, 0.5);
    OutSet set;
    out_set_init(&set);
    ck_assert_int_eq(ablation_write(&set, &a, rows, dir, &err), 0);
    char path[600]; /* nothing on the disk before the commit */
    snprintf(path, sizeof path, "%s/ablation.tsv", dir);
    ck_assert_int_ne(access(path, F_OK), 0);
    ck_assert_int_eq(out_set_commit(&set, &err), 0);
    ck_assert_int_eq(lines_of("ablation.tsv"), 1 + 2);
    ck_assert_int_eq(lines_of("ablation_seeds.tsv"), 1 + 6);
    ablation_free(&a);
    ablation_free(&a);
    kv_free(&kv);
}
END_TEST

START_TEST(too_few_images_are_refused)
{
    AblationRow rows[1] = {{"one", NULL, quick(ACT_RELU)}};
    KvFile kv = {0};
    Ablation a;
    Dataset one;
    Error err;
    ck_assert_int_eq(data_alloc(&one, 1, 64), 0);
    ck_assert_int_eq(ablation_run(&a, rows, 1, &one, 0, 2, &kv, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "too few to split"));
    ck_assert_ptr_null(a.seed); /* nothing left to free */
    data_free(&one);
}
END_TEST

Suite *suite_ablation(void)
{
    Suite *s = suite_create("ablation");
    TCase *tc = tcase_create("ablation");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, two_rows_three_seeds);
    tcase_add_test(tc, too_few_images_are_refused);
    suite_add_tcase(s, tc);
    return s;
}
