/* check_out.c - output files: the confusion matrix and the hidden
 * weights as TSV, and a file that could not be written. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "out.h"
#include "support.h"

static char dir[512];
static void setup(void) { temp_dir(dir, sizeof dir); }
static void teardown(void) { remove_dir(dir); }

/* The whole of dir/name, NUL-ended, into buf. */
static void slurp(char *buf, size_t size, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    size_t n = fread(buf, 1, size - 1, f);
    buf[n] = '\0';
    fclose(f);
}

/* Three classes, five predictions: every pair gets a line, true class
 * outer, and the counts add up to n. */
START_TEST(confusion_counts_every_pair)
{
    int labels[5] = {0, 1, 2, 2, 1}, pred[5] = {0, 2, 2, 2, 1};
    Error err;
    ck_assert_int_eq(out_confusion(pred, labels, 5, 3, dir, "c.tsv", &err),
                     0);
    char buf[512];
    slurp(buf, sizeof buf, "c.tsv");
    ck_assert_str_eq(buf, "true\tpredicted\tcount\n"
                          "0\t0\t1\n0\t1\t0\n0\t2\t0\n"
                          "1\t0\t0\n1\t1\t1\n1\t2\t1\n"
                          "2\t0\t0\n2\t1\t0\n2\t2\t2\n");
}
END_TEST

/* Wh (4, 2) as 2 x 2 images: unit outer, then row and column of each
 * pixel. */
START_TEST(hidden_weights_as_images)
{
    double w[8] = {1, 2, 3, 4, 5, 6, 7, 8}; /* (D = 4, H = 2) row-major */
    Matrix Wh = mat_view(w, 4, 2);
    Error err;
    ck_assert_int_eq(out_hidden_weights(&Wh, 2, dir, "w.tsv", &err), 0);
    char buf[512];
    slurp(buf, sizeof buf, "w.tsv");
    ck_assert_str_eq(buf, "unit\trow\tcol\tweight\n"
                          "0\t0\t0\t1\n0\t0\t1\t3\n0\t1\t0\t5\n0\t1\t1\t7\n"
                          "1\t0\t0\t2\n1\t0\t1\t4\n1\t1\t0\t6\n1\t1\t1\t8\n");
}
END_TEST

/* A directory that cannot be made: an error naming the path, no file. */
START_TEST(unwritable_directory_is_an_error)
{
    int labels[1] = {0}, pred[1] = {0};
    char bad[600];
    Error err;
    snprintf(bad, sizeof bad, "%s/file", dir);
    FILE *f = fopen(bad, "w"); /* a file where a directory should be */
    ck_assert_ptr_nonnull(f);
    fclose(f);
    strcat(bad, "/sub");
    ck_assert_int_eq(out_confusion(pred, labels, 1, 1, bad, "c.tsv", &err),
                     -1);
    ck_assert_ptr_nonnull(strstr(err.msg, dir));
}
END_TEST

/* A file opened in a larger set: its own commit writes nothing, the
 * set's writes it with the others. */
START_TEST(a_file_joins_a_set)
{
    OutSet set;
    OutFile a, b;
    Error err;
    char path[600], buf[64];
    out_set_init(&set);
    ck_assert_int_eq(out_open_in(&a, &set, dir, "a.tsv", &err), 0);
    fputs("a\n", a.f);
    ck_assert_int_eq(out_commit(&a, &err), 0);
    snprintf(path, sizeof path, "%s/a.tsv", dir);
    ck_assert_int_ne(access(path, F_OK), 0); /* not yet */
    ck_assert_int_eq(out_open_in(&b, &set, dir, "b.tsv", &err), 0);
    fputs("b\n", b.f);
    ck_assert_int_eq(out_commit(&b, &err), 0);
    ck_assert_int_eq(set.n, 2);
    ck_assert_int_eq(out_set_commit(&set, &err), 0);
    slurp(buf, sizeof buf, "a.tsv");
    ck_assert_str_eq(buf, "a\n");
    slurp(buf, sizeof buf, "b.tsv");
    ck_assert_str_eq(buf, "b\n");
    /* A file dropped from a set stays in it, dropped with it. */
    out_set_init(&set);
    ck_assert_int_eq(out_open_in(&a, &set, dir, "c.tsv", &err), 0);
    out_abort(&a);
    out_set_free(&set);
    snprintf(path, sizeof path, "%s/c.tsv", dir);
    ck_assert_int_ne(access(path, F_OK), 0);
}
END_TEST

Suite *suite_out(void)
{
    Suite *s = suite_create("out");
    TCase *tc = tcase_create("out");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, confusion_counts_every_pair);
    tcase_add_test(tc, hidden_weights_as_images);
    tcase_add_test(tc, unwritable_directory_is_an_error);
    tcase_add_test(tc, a_file_joins_a_set);
    suite_add_tcase(s, tc);
    return s;
}
