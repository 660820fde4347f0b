/* check_09.c - chapter 9 (09-fashion) on small data: a look-alike of
 * Fashion-MNIST the test writes (tests/support.c), and a slice of the real
 * set.  The full run belongs to `make run` and the book. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Without --quiet: one progress line per epoch on stderr (plain lines, as
 * stderr is a pipe here) and a clock. */
START_TEST(progress_lines_when_not_quiet)
{
    char dir[512];
    char *out = run_chapter(dir, sizeof dir, "09-fashion --data %s "
                            "--epochs 2 --hidden 8 --batch-size 20", data);
    ck_assert_msg(strstr(out, "epoch 1/2  ") && strstr(out, "epoch 2/2  "),
                  "%s", out);
    ck_assert(strstr(out, " images/s  cost ") != NULL);
    ck_assert(strchr(out, '\r') == NULL);
    ck_assert(value(out, "train_seconds") > 0);
    ck_assert(value(out, "epoch_seconds") > 0);
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
    suite_add_tcase(s, tc);
    return s;
}
