/* check_data.c - loading the digits, refusing bad files, the split. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "data.h"
#include "support.h"

#define DATA_FILE NN_REPO_DIR "/data/digits.csv.gz"

static char dir[512];
static void setup(void) { temp_dir(dir, sizeof dir); }
static void teardown(void) { remove_dir(dir); }

/* Writes text (len bytes) to dir/name and returns the path (static). */
static const char *write_file(const char *name, const char *text, size_t len)
{
    static char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    ck_assert(f != NULL);
    ck_assert_uint_eq(fwrite(text, 1, len, f), len);
    fclose(f);
    return path;
}

/* A valid row: 64 pixels of value v and the given label. */
static void make_row(char *buf, int v, int label)
{
    buf[0] = '\0';
    for (int i = 0; i < 64; i++)
        sprintf(buf + strlen(buf), "%d,", v);
    sprintf(buf + strlen(buf), "%d", label);
}

START_TEST(loads_the_real_file)
{
    Dataset ds;
    Error err;
    ck_assert_msg(data_load(&ds, DATA_FILE, &err) == 0, "%s", err.msg);
    ck_assert_int_eq(ds.n, 1797);
    ck_assert_int_eq(ds.X.rows, 1797);
    ck_assert_int_eq(ds.X.cols, 64);
    /* The first image of scikit-learn's load_digits() is a 0 whose first
     * row reads 0 0 5 13 9 1 0 0. */
    ck_assert_int_eq(ds.labels[0], 0);
    ck_assert_double_eq(mat_at(&ds.X, 0, 2), 5.0);
    ck_assert_double_eq(mat_at(&ds.X, 0, 3), 13.0);
    ck_assert_int_eq(ds.labels[1796], 8);
    data_free(&ds);
    data_free(&ds);
}
END_TEST

START_TEST(accepts_crlf_and_no_final_newline)
{
    char row[400], text[1000];
    make_row(row, 16, 9);
    snprintf(text, sizeof text, "%s\r\n%s", row, row);
    Dataset ds;
    Error err;
    const char *path = write_file("ok.csv", text, strlen(text));
    ck_assert_msg(data_load(&ds, path, &err) == 0, "%s", err.msg);
    ck_assert_int_eq(ds.n, 2);
    ck_assert_int_eq(ds.labels[1], 9);
    ck_assert_double_eq(mat_at(&ds.X, 1, 63), 16.0);
    data_free(&ds);
}
END_TEST

/* Each bad file and the words its one-line message must contain. */
static const struct {
    const char *name, *text, *expect;
} bad[] = {
    {"empty.csv", "", "no rows"},
    {"header.csv", "pixel_0,pixel_1\n", ":1: field 1 (pixel) is 'pixel_0'"},
    {"short.csv", "1,2,3\n", ":1: 3 fields; expected 65"},
    {"float.csv", "3.5,", ":1: field 1 (pixel) is '3.5'"},
    {"negative.csv", "-1,", "field 1 (pixel) is '-1'"},
    {"seventeen.csv", "17,", "field 1 (pixel) is 17; expected 0..16"},
    {"label10.csv", "LABEL10", "field 65 (label) is 10; expected 0..9"},
    {"long.csv", "LONGROW", ":1: 66 fields; expected 65"},
    {"second.csv", "SECONDBAD", ":2: field 1 (pixel) is 'x'"},
};

START_TEST(refuses_bad_files)
{
    char text[1000], row[400];
    const char *t = bad[_i].text;
    if (strcmp(t, "LABEL10") == 0) {
        make_row(text, 1, 10);
    } else if (strcmp(t, "LONGROW") == 0) {
        make_row(text, 1, 1);
        strcat(text, ",1");
    } else if (strcmp(t, "SECONDBAD") == 0) {
        make_row(row, 1, 1);
        snprintf(text, sizeof text, "%s\nx\n", row);
    } else {
        snprintf(text, sizeof text, "%s", t);
    }
    const char *path = write_file(bad[_i].name, text, strlen(text));
    Dataset ds;
    Error err;
    ck_assert_int_eq(data_load(&ds, path, &err), -1);
    ck_assert_msg(strstr(err.msg, bad[_i].expect) != NULL,
                  "message '%s' lacks '%s'", err.msg, bad[_i].expect);
    ck_assert_msg(strstr(err.msg, bad[_i].name) != NULL,
                  "message '%s' does not name the file", err.msg);
    ck_assert_ptr_null(strchr(err.msg, '\n'));
}
END_TEST

START_TEST(refuses_nul_missing_and_directory)
{
    Dataset ds;
    Error err;
    const char *path = write_file("nul.csv", "1,\0,2\n", 6);
    ck_assert_int_eq(data_load(&ds, path, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "NUL byte"));
    ck_assert_int_eq(data_load(&ds, "/nonexistent/digits.csv", &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "No such file"));
    ck_assert_int_eq(data_load(&ds, dir, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "is a directory"));
}
END_TEST

START_TEST(refuses_damaged_gzip)
{
    /* The real file cut in half, and gzip's magic followed by garbage. */
    FILE *f = fopen(DATA_FILE, "rb");
    ck_assert(f != NULL);
    static char buf[1 << 17];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    Dataset ds;
    Error err;
    const char *path = write_file("half.csv.gz", buf, n / 2);
    ck_assert_int_eq(data_load(&ds, path, &err), -1);
    ck_assert_msg(strstr(err.msg, "half.csv.gz") != NULL, "%s", err.msg);
    static const char garbage[] = "\x1f\x8b\x08\x00garbage garbage garbage";
    path = write_file("garbage.gz", garbage, sizeof garbage - 1);
    ck_assert_int_eq(data_load(&ds, path, &err), -1);
    ck_assert_msg(strstr(err.msg, "garbage.gz") != NULL, "%s", err.msg);
}
END_TEST

static const unsigned seeds[] = {0, 1, 2, 7, 42};

START_TEST(split_matches_scikit_learn)
{
    unsigned seed = seeds[_i];
    Dataset all, train, test;
    Error err;
    ck_assert(data_load(&all, DATA_FILE, &err) == 0);
    Rng r;
    int shown[5], train_idx[1437], test_idx[360];
    rng_seed(&r, seed);
    rng_choice(&r, shown, 5, all.n); /* cell 1 comes first */
    double want[1437];
    ck_assert_int_eq(golden(want, 5, seed, "shown"), 5);
    for (int i = 0; i < 5; i++)
        ck_assert_int_eq(shown[i], (int)want[i]);
    ck_assert(data_split(&train, &test, train_idx, test_idx, &all, &r,
                         &err) == 0);
    ck_assert_int_eq(train.n, 1437);
    ck_assert_int_eq(test.n, 360);
    ck_assert_int_eq(golden(want, 360, seed, "split_test_idx"), 360);
    for (int i = 0; i < 360; i++)
        ck_assert_int_eq(test_idx[i], (int)want[i]);
    ck_assert_int_eq(golden(want, 1437, seed, "split_train_idx"), 1437);
    for (int i = 0; i < 1437; i++) {
        ck_assert_int_eq(train_idx[i], (int)want[i]);
        ck_assert_int_eq(train.labels[i], all.labels[train_idx[i]]);
        ck_assert_double_eq(mat_at(&train.X, i, 37),
                            mat_at(&all.X, train_idx[i], 37));
    }
    data_free(&all);
    data_free(&train);
    data_free(&test);
}
END_TEST

START_TEST(split_sizes_round_like_python)
{
    int tr, te;
    data_split_sizes(1797, &tr, &te);
    ck_assert_int_eq(tr, 1437);
    ck_assert_int_eq(te, 360);
    data_split_sizes(10, &tr, &te);
    ck_assert_int_eq(tr, 8);
    ck_assert_int_eq(te, 2);
}
END_TEST

START_TEST(onehot_rows)
{
    int labels[3] = {5, 0, 9};
    Matrix Y;
    ck_assert_int_eq(mat_init(&Y, 3, 10), 0);
    data_onehot(&Y, labels, 3);
    for (int i = 0; i < 3; i++) {
        double sum = 0.0;
        for (int k = 0; k < 10; k++)
            sum += mat_at(&Y, i, k);
        ck_assert_double_eq(sum, 1.0);
        ck_assert_double_eq(mat_at(&Y, i, labels[i]), 1.0);
    }
    mat_free(&Y);
}
END_TEST

Suite *suite_data(void)
{
    Suite *s = suite_create("data");
    TCase *tc = tcase_create("load");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, loads_the_real_file);
    tcase_add_test(tc, accepts_crlf_and_no_final_newline);
    tcase_add_loop_test(tc, refuses_bad_files, 0,
                        (int)(sizeof bad / sizeof bad[0]));
    tcase_add_test(tc, refuses_nul_missing_and_directory);
    tcase_add_test(tc, refuses_damaged_gzip);
    suite_add_tcase(s, tc);
    TCase *split = tcase_create("split");
    tcase_add_loop_test(split, split_matches_scikit_learn, 0,
                        (int)(sizeof seeds / sizeof seeds[0]));
    tcase_add_test(split, split_sizes_round_like_python);
    tcase_add_test(split, onehot_rows);
    suite_add_tcase(s, split);
    return s;
}
