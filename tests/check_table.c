/* check_table.c - grids and confusion matrices as text, TSV files. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "support.h"
#include "table.h"

static char dir[512];
static void setup(void) { temp_dir(dir, sizeof dir); }
static void teardown(void) { remove_dir(dir); }

/* What fn printed into a temporary file, NUL-ended in buf. */
static void printed(char *buf, size_t size, FILE *f)
{
    rewind(f);
    size_t n = fread(buf, 1, size - 1, f);
    buf[n] = '\0';
    fclose(f);
}

START_TEST(grid_marks_diverged_and_missing)
{
    double rows[2] = {0.1, 1}, cols[2] = {1e-5, 1};
    double acc[4] = {0.5, NAN, 0.25, 0.125};
    bool div[4] = {false, false, true, false};
    char buf[1024];
    FILE *f = tmpfile();
    ck_assert_ptr_nonnull(f);
    table_grid(f, rows, 2, cols, 2, acc, div);
    printed(buf, sizeof buf, f);
    ck_assert_ptr_nonnull(strstr(buf, "   1e-05         1\n"));
    ck_assert_ptr_nonnull(strstr(buf, "     0.1    0.5000         -\n"));
    ck_assert_ptr_nonnull(strstr(buf, "       1  diverged    0.1250\n"));
}
END_TEST

START_TEST(confusion_counts)
{
    int pred[5] = {0, 1, 1, 9, 9}, labels[5] = {0, 1, 7, 9, 9};
    int counts[DATA_CLASSES * DATA_CLASSES];
    table_confusion(counts, 10, pred, labels, 5);
    ck_assert_int_eq(counts[0], 1);
    ck_assert_int_eq(counts[7 * DATA_CLASSES + 1], 1);
    ck_assert_int_eq(counts[9 * DATA_CLASSES + 9], 2);
    int total = 0;
    for (int i = 0; i < DATA_CLASSES * DATA_CLASSES; i++)
        total += counts[i];
    ck_assert_int_eq(total, 5);
    char buf[2048];
    FILE *f = tmpfile();
    ck_assert_ptr_nonnull(f);
    table_confusion_print(f, counts, 10);
    printed(buf, sizeof buf, f);
    ck_assert_ptr_nonnull(strstr(buf, "             9   0   0   0   0   0   "
                                      "0   0   0   0   2\n"));
}
END_TEST

START_TEST(tsv_rows_and_columns_agree)
{
    double v[2][3] = {{1, 0.1, 3}, {2, 0.5, -1}};
    double c0[2] = {1, 2}, c1[2] = {0.1, 0.5}, c2[2] = {3, -1};
    const double *cols[3] = {c0, c1, c2};
    const char *labels[2] = {"first row", "second"};
    Error err;
    OutSet set;
    out_set_init(&set);
    ck_assert_int_eq(table_write(&set, dir, "a.tsv", "x\ty\tz", NULL,
                                 &v[0][0], 2, 3, &err), 0);
    ck_assert_int_eq(table_columns(&set, dir, "b.tsv", "x\ty\tz", cols, 3, 2,
                                   &err), 0);
    ck_assert_int_eq(table_write(&set, dir, "c.tsv", "name\tx\ty\tz", labels,
                                 &v[0][0], 2, 3, &err), 0);
    ck_assert_int_eq(out_set_commit(&set, &err), 0);
    char pa[600], pb[600], pc[600], a[256], b[256], c[256];
    snprintf(pa, sizeof pa, "%s/a.tsv", dir);
    snprintf(pb, sizeof pb, "%s/b.tsv", dir);
    snprintf(pc, sizeof pc, "%s/c.tsv", dir);
    FILE *fa = fopen(pa, "r"), *fb = fopen(pb, "r"), *fc = fopen(pc, "r");
    ck_assert(fa && fb && fc);
    printed(a, sizeof a, fa);
    printed(b, sizeof b, fb);
    printed(c, sizeof c, fc);
    ck_assert_str_eq(a, "x\ty\tz\n1\t0.10000000000000001\t3\n2\t0.5\t-1\n");
    ck_assert_str_eq(a, b);
    ck_assert_ptr_nonnull(strstr(c, "\nfirst row\t1\t"));
    char blocked[600]; /* a directory path through a regular file */
    snprintf(blocked, sizeof blocked, "%s/a.tsv/sub", dir);
    out_set_init(&set);
    ck_assert_int_eq(table_write(&set, blocked, "x.tsv", "x", NULL, &v[0][0],
                                 1, 1, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "a.tsv"));
    ck_assert_int_eq(set.n, 0);
}
END_TEST

Suite *suite_table(void)
{
    Suite *s = suite_create("table");
    TCase *tc = tcase_create("table");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, grid_marks_diverged_and_missing);
    tcase_add_test(tc, confusion_counts);
    tcase_add_test(tc, tsv_rows_and_columns_agree);
    suite_add_tcase(s, tc);
    return s;
}
