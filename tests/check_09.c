/* check_09.c - chapter 9 (09-fashion) on small data: a look-alike of
 * Fashion-MNIST the test writes (tests/support.c), and a slice of the real
 * set.  The full run belongs to `make run` and the book. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "fashion_data.h"
#include "fashion_recipe.h"
#include "support.h"

#define FASHION NN_FASHION_DIR

static char data[512];
static void setup(void)
{
    temp_dir(data, sizeof data);
    write_fashion_dir(data, 240, 60, 0);
}
static void teardown(void) { remove_dir(data); }

static double value(const char *out, const char *key)
{
    char buf[64];
    ck_assert_msg(summary_value(buf, sizeof buf, out, key) != NULL,
                  "no %s in:\n%s", key, out);
    return strtod(buf, NULL);
}

/* The split, the summary's keys and every data file, on 240 + 60
 * images: 200 train, 40 validation (a sixth), 60 test. */
START_TEST(small_set_runs_and_writes_everything)
{
    char dir[512], buf[64];
    char *out = run_chapter(dir, sizeof dir, "09-fashion --data %s "
                            "--epochs 3 --hidden 16 --batch-size 20 --eta 0.01 "
                            "--quiet",
                            data);
    ck_assert_double_eq(value(out, "train_rows"), 200);
    ck_assert_double_eq(value(out, "validation_rows"), 40);
    ck_assert_double_eq(value(out, "test_rows"), 60);
    ck_assert_double_eq(value(out, "refit_rows"), 240); /* 200 + 40 */
    ck_assert(strstr(out, "refit on all 240 training images") != NULL);
    ck_assert_double_eq(value(out, "hidden"), 16);
    ck_assert_double_eq(value(out, "batch"), 20);
    ck_assert_double_eq(value(out, "epochs"), 3);
    ck_assert_str_eq(summary_value(buf, sizeof buf, out, "activation"),
                     "relu");
    ck_assert_str_eq(summary_value(buf, sizeof buf, out, "optimizer"),
                     "adam");
    /* The classes are easy: each lights its own two rows. */
    ck_assert_msg(value(out, "accuracy_test") > 0.9, "%s", out);
    ck_assert_msg(value(out, "accuracy_validation") > 0.9, "%s", out);
    ck_assert_double_eq(value(out, "train_seconds"), 0); /* --quiet */
    ck_assert_double_eq(value(out, "refit_seconds"), 0);
    ck_assert(strstr(out, "epoch 1/3") == NULL);          /* no progress */
    ck_assert_int_eq(count_lines(dir, "samples.tsv"), 1 + 10 * 784);
    ck_assert_int_eq(count_lines(dir, "curves.tsv"), 1 + 3);
    ck_assert_int_eq(count_lines(dir, "confusion.tsv"), 1 + 100);
    ck_assert_int_eq(count_lines(dir, "weights.tsv"), 1 + 16 * 784);
    int gallery = count_lines(dir, "misclassified.tsv") - 1;
    ck_assert_int_eq(gallery % 784, 0);
    ck_assert(strstr(out, "Ankle boot") != NULL);
    chapter_done(out, dir);
}
END_TEST

/* A line of out that starts with start, or NULL. */
static const char *line_starting(const char *out, const char *start)
{
    for (const char *l = out; l; l = strchr(l, '\n'), l = l ? l + 1 : l)
        if (strncmp(l, start, strlen(start)) == 0)
            return l;
    return NULL;
}

/* Without --quiet: one progress line per epoch on stderr (plain lines, as
 * stderr is a pipe here) and a clock, for the validated run and then for
 * the refit, whose lines say so and have no validation accuracy. */
START_TEST(progress_lines_when_not_quiet)
{
    char dir[512];
    char *out = run_chapter(dir, sizeof dir, "09-fashion --data %s "
                            "--epochs 2 --hidden 8 --batch-size 20", data);
    ck_assert_msg(line_starting(out, "epoch 1/2  ") &&
                  line_starting(out, "epoch 2/2  "), "%s", out);
    ck_assert(strstr(out, " images/s  cost ") != NULL);
    ck_assert(strchr(out, '\r') == NULL);
    ck_assert_msg(line_starting(out, "refit epoch 1/2  ") &&
                  line_starting(out, "refit epoch 2/2  "), "%s", out);
    for (const char *l = out; (l = strstr(l, "refit epoch")); l++) {
        char line[256];
        snprintf(line, sizeof line, "%.*s", (int)strcspn(l, "\n"), l);
        ck_assert_msg(strstr(line, "validation") == NULL, "%s", line);
    }
    ck_assert(value(out, "train_seconds") > 0);
    ck_assert(value(out, "epoch_seconds") > 0);
    ck_assert(value(out, "refit_seconds") > 0);
    chapter_done(out, dir);
}
END_TEST

/* --limit 120: 100 training, 20 validation and 60 test images (the test
 * file holds only 60). */
START_TEST(limit_takes_a_slice)
{
    char dir[512];
    char *out = run_chapter(dir, sizeof dir, "09-fashion --data %s "
                            "--limit 120 --epochs 1 --hidden 8 "
                            "--batch-size 10 --quiet", data);
    ck_assert_double_eq(value(out, "train_rows"), 100);
    ck_assert_double_eq(value(out, "validation_rows"), 20);
    ck_assert_double_eq(value(out, "test_rows"), 60);
    ck_assert_double_eq(value(out, "refit_rows"), 120); /* the slice's */
    chapter_done(out, dir);
}
END_TEST

/* A slice of the real data set learns: 2500 training images, two epochs of
 * batches of 50,
 * well above chance (0.1) on the validation images. */
START_TEST(real_slice_learns)
{
    char dir[512];
    char *out = run_chapter(dir, sizeof dir, "09-fashion --data %s "
                            "--limit 3000 --epochs 2 --hidden 32 --batch-size 50 "
                            "--quiet",
                            FASHION);
    ck_assert_double_eq(value(out, "train_rows"), 2500);
    ck_assert_double_eq(value(out, "validation_rows"), 500);
    ck_assert_double_eq(value(out, "test_rows"), 3000);
    ck_assert_msg(value(out, "accuracy_validation") > 0.6, "%s", out);
    ck_assert_msg(value(out, "accuracy_test") > 0.6, "%s", out);
    chapter_done(out, dir);
}
END_TEST

/* Two threads train the same network as one, to the bit: a slice of the
 * real set with H = 128, whose products (100 x 128 x 784 multiply-adds)
 * lib/fast/blas.c cuts into blocks of columns and whose Adam update
 * (101,770 parameters) it shares out; with shifts, so the augmentation
 * runs too.  The CRC covers every trained parameter's bytes. */
START_TEST(two_threads_same_bits)
{
    char dir[2][512], crc[2][64], acc[2][64];
    for (int t = 0; t < 2; t++) {
        char *out = run_chapter(dir[t], sizeof dir[t], "09-fashion --data %s "
                                "--limit 1800 --epochs 2 --hidden 128 "
                                "--shifts 1 --threads %d --quiet",
                                FASHION, t + 1);
        ck_assert(summary_value(crc[t], sizeof crc[t], out, "params_crc32"));
        ck_assert(summary_value(acc[t], sizeof acc[t], out,
                                "accuracy_validation"));
        ck_assert_msg(strtod(acc[t], NULL) > 0.6, "%s", out);
        chapter_done(out, dir[t]);
    }
    ck_assert_str_eq(crc[0], crc[1]);
    ck_assert_str_eq(acc[0], acc[1]);
}
END_TEST

/* ---- the refit ---------------------------------------------------------- */

/* fashion_rejoin puts the held-out images back behind the training images,
 * labels with them: 200 + 40 rows, the first 200 untouched, and every
 * class (the labels cycle 0..9 over the 240 loaded) 24 times again. */
START_TEST(rejoin_puts_the_validation_images_back)
{
    Fashion f;
    Rng r;
    Error err;
    rng_seed(&r, 0);
    ck_assert_msg(fashion_load(&f, data, 0, 20, &r, &err) == 0, "%s",
                  err.msg);
    ck_assert_int_eq(f.train.n, 200);
    ck_assert_int_eq(f.val.n, 40);
    size_t D = (size_t)f.train.X.cols, kept = 200 * D * sizeof(double);
    double *before = malloc(kept);
    ck_assert_ptr_nonnull(before);
    memcpy(before, f.train.X.data, kept);
    fashion_rejoin(&f);
    ck_assert_int_eq(f.train.n, 240);
    ck_assert_int_eq(f.train.X.rows, 240);
    ck_assert_int_eq(f.val.n, 40); /* still there, for nothing else */
    ck_assert(memcmp(before, f.train.X.data, kept) == 0);
    ck_assert(memcmp(f.train.X.data + 200 * D, f.val.X.data,
                     40 * D * sizeof(double)) == 0);
    int per_class[DATA_CLASSES] = {0};
    for (int i = 0; i < 240; i++) {
        if (i >= 200)
            ck_assert_int_eq(f.train.labels[i], f.val.labels[i - 200]);
        per_class[f.train.labels[i]]++;
    }
    for (int c = 0; c < DATA_CLASSES; c++)
        ck_assert_int_eq(per_class[c], 24);
    free(before);
    fashion_free(&f);
}
END_TEST

/* With shifts the images are moved afresh each epoch; undo puts back the
 * loaded pixels, bit for bit, before the refit makes its own copy. */
START_TEST(augment_undo_restores_the_loaded_images)
{
    Fashion f;
    Rng r, a;
    Error err;
    FashionRecipe rc = fashion_recipe();
    rc.flips = rc.shifts = 1;
    rng_seed(&r, 0);
    rng_seed(&a, 1);
    ck_assert(fashion_load(&f, data, 0, 20, &r, &err) == 0);
    size_t bytes = (size_t)f.train.n * f.train.X.cols * sizeof(double);
    double *loaded = malloc(bytes);
    ck_assert_ptr_nonnull(loaded);
    memcpy(loaded, f.train.X.data, bytes);
    FashionAugment aug;
    ck_assert(fashion_augment_init(&aug, &f.train, f.side, &rc, &err) == 0);
    fashion_augment(&aug, &f.train, &a);
    fashion_augment(&aug, &f.train, &a);
    ck_assert(memcmp(loaded, f.train.X.data, bytes) != 0); /* moved */
    fashion_augment_undo(&aug, &f.train);
    ck_assert(memcmp(loaded, f.train.X.data, bytes) == 0);
    fashion_augment_free(&aug);
    free(loaded);
    fashion_free(&f);
}
END_TEST

#define R_ARGS "--hidden 16 --epochs 3 --batch-size 20 --quiet"

/* Chapter 9's training done here with the library, as main.c does it with
 * R_ARGS and seed 0: the CRC-32 of the trained parameters' bytes.  The
 * validated run (refit false): Glorot's start drawn after the hold-out,
 * 200 images, the best epoch on the 40 validation images kept.  The refit:
 * the same start (the stream as it was after the hold-out), all 240
 * images, every epoch, the last kept. */
static unsigned long reference_crc(bool refit)
{
    FashionRecipe rc = fashion_recipe();
    rc.hidden = 16, rc.epochs = 3, rc.batch = 20;
    Fashion f;
    Rng r;
    Error err;
    Net net = {0};
    Trainer t;
    TrainConfig cfg;
    TrainResult res;
    rng_seed(&r, 0);
    ck_assert(fashion_load(&f, data, 0, rc.batch, &r, &err) == 0);
    if (refit)
        fashion_rejoin(&f);
    ck_assert(net_init(&net, f.train.X.cols, rc.hidden, DATA_CLASSES,
                       rc.act) == 0);
    fashion_init_glorot(&net, &r);
    fashion_train_config(&cfg, &rc);
    if (refit)
        cfg.stop = STOP_NONE;
    TrainData d = {.train = &f.train, .val = refit ? NULL : &f.val};
    ck_assert(trainer_init(&t, &net, f.train.n, fashion_eval_rows(&rc)) == 0);
    ck_assert(train_run(&net, &t, &d, &r, &cfg, NULL, NULL, &res, &err) == 0);
    ck_assert_int_eq(res.epochs, 3);
    unsigned long crc = crc32(0L, (const unsigned char *)net.params,
                              (uInt)(net.n_params * sizeof *net.params));
    trainer_free(&t);
    net_free(&net);
    fashion_free(&f);
    return crc;
}

/* The network scored on the test images is the refit's: the same recipe
 * from the same start on all 240 training images.  --no-refit scores the
 * validated run's, as chapter 9 did before it refitted.  The two differ. */
START_TEST(the_test_images_score_the_refit)
{
    char dir[2][512];
    unsigned long want[2] = {reference_crc(true), reference_crc(false)};
    ck_assert(want[0] != want[1]);
    for (int k = 0; k < 2; k++) {
        char *out = run_chapter(dir[k], sizeof dir[k], "09-fashion --data "
                                "%s " R_ARGS "%s", data,
                                k ? " --no-refit" : "");
        ck_assert_msg((unsigned long)value(out, "params_crc32") == want[k],
                      "%s: expected params_crc32=%lu\n%s",
                      k ? "--no-refit" : "refit", want[k], out);
        ck_assert_double_eq(value(out, "refit_rows"), k ? 0 : 240);
        ck_assert_double_eq(value(out, "train_rows"), 200);
        if (k) /* no refit: no line about one */
            ck_assert(strstr(out, "refit on all") == NULL);
        chapter_done(out, dir[k]);
    }
}
END_TEST

/* Same seed, same bytes: two runs with the refit, mirrored and shifted
 * images (so the images are put back and augmented afresh between the
 * runs) print the same and write the same files; another seed differs. */
START_TEST(refit_runs_are_deterministic)
{
    char dir[3][512];
    char *out[3];
    const char *files[] = {"curves.tsv", "confusion.tsv", "weights.tsv",
                           "misclassified.tsv"};
    for (int k = 0; k < 3; k++)
        out[k] = run_chapter(dir[k], sizeof dir[k], "09-fashion --data %s "
                             "--flips 1 --shifts 1 --seed %d " R_ARGS, data,
                             k == 2);
    ck_assert_str_eq(out[0], out[1]);
    ck_assert_str_ne(out[0], out[2]);
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char *a = read_whole(dir[0], files[i], NULL);
        char *b = read_whole(dir[1], files[i], NULL);
        ck_assert_msg(strcmp(a, b) == 0, "%s differs", files[i]);
        free(a);
        free(b);
    }
    for (int k = 0; k < 3; k++)
        chapter_done(out[k], dir[k]);
}
END_TEST

Suite *suite_09(void)
{
    Suite *s = suite_create("09");
    TCase *tc = tcase_create("fashion");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, small_set_runs_and_writes_everything);
    tcase_add_test(tc, progress_lines_when_not_quiet);
    tcase_add_test(tc, limit_takes_a_slice);
    tcase_add_test(tc, real_slice_learns);
    tcase_add_test(tc, two_threads_same_bits);
    tcase_add_test(tc, rejoin_puts_the_validation_images_back);
    tcase_add_test(tc, augment_undo_restores_the_loaded_images);
    tcase_add_test(tc, the_test_images_score_the_refit);
    tcase_add_test(tc, refit_runs_are_deterministic);
    suite_add_tcase(s, tc);
    return s;
}
