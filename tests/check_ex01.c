/* check_ex01.c - chapter 1's exercise: subset (numpy's X[idx], y[idx]).
 *
 * Learner mode (learn/README.md): the case is named after the exercise;
 * a small case first, then the full-size one against the numpy run.
 */
#include <check.h>
#include <string.h>

#include "data.h"
#include "learn.h"
#include "notebook.h"
#include "support.h"

#define DATA_FILE NN_REPO_DIR "/data/digits.csv.gz"

static const Exercise subset = {"subset", "lib/data.c, data_subset",
                                "chapter 1, \"A sample is a row\""};

/* src: 4 images; pixel j of image r is 100 r + j, label 5 + r.  idx picks
 * images 2, 0, 3, so out's first pixels are 200, 0, 300. */
static const int sb_idx[] = {2, 0, 3};

static const int *sb_pick;

/* 1 when row i of out (rows, D) holds row i of src, not row idx[i]. */
static int rows_in_order(const double *got, int rows, int cols)
{
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++)
            if (got[i * cols + j] != 100.0 * i + j)
                return 0;
    return 1;
}

static const char *subset_diagnose(const double *got, const double *want,
                                   int rows, int cols)
{
    (void)want;
    if (cols == DATA_FEATURES && rows_in_order(got, rows, cols))
        return "row i of out holds row i of src: copy row idx[i]";
    if (cols == DATA_FEATURES) {
        /* src->X.data[idx[i] + j]: the row offset idx[i] * D forgotten. */
        int offset = 1;
        for (int i = 0; i < rows && offset; i++)
            for (int j = 0; j < cols; j++) {
                int at = sb_pick[i] + j, r = at / DATA_FEATURES;
                if (got[i * cols + j] != 100.0 * r + at % DATA_FEATURES) {
                    offset = 0;
                    break;
                }
            }
        if (offset)
            return "each row starts idx[i] values into src, not idx[i] "
                   "rows: element (r, j) of a D-column matrix sits at "
                   "r * D + j";
    }
    if (rows == 1 && cols == DATA_CLASSES) {
        int others = 0;
        for (int k = 1; k < cols; k++)
            others += got[k] != 0.0;
        if (got[0] > 0.0 && others == 0)
            return "every label is 0: were the labels copied with the "
                   "pixels?";
    }
    if (cols == 1) {
        int zeros = 1;
        for (int i = 0; i < rows; i++)
            zeros &= got[i] == 0.0;
        if (zeros)
            return "the labels are all 0: were they copied with the pixels?";
    }
    return NULL;
}

START_TEST(subset_small)
{
    Dataset src, out;
    ck_assert(data_alloc(&src, 4, DATA_FEATURES) == 0);
    for (int r = 0; r < 4; r++) {
        for (int j = 0; j < DATA_FEATURES; j++)
            src.X.data[r * DATA_FEATURES + j] = 100.0 * r + j;
        src.labels[r] = 5 + r;
    }
    ck_assert(data_subset(&out, &src, sb_idx, 3) == 0);
    double got[3 * DATA_FEATURES], want[3 * DATA_FEATURES];
    double got_l[3], want_l[3];
    memcpy(got, out.X.data, sizeof got);
    for (int i = 0; i < 3; i++) {
        for (int j = 0; j < DATA_FEATURES; j++)
            want[i * DATA_FEATURES + j] = 100.0 * sb_idx[i] + j;
        got_l[i] = out.labels[i];
        want_l[i] = 5 + sb_idx[i];
    }
    data_free(&src);
    data_free(&out);
    char in[512] = "src: 4 images, pixel j of image r = 100 r + j, label "
                   "5 + r; ";
    ex_fmt_ints(in, sizeof in, "idx", sb_idx, 1, 3);
    ExCase px = {"4 small images", in, "out.X, the pixels"};
    ExCase lb = {"4 small images", in, "out.labels"};
    sb_pick = sb_idx;
    ex_expect(&subset, &px, got, want, 3, DATA_FEATURES, 0.0,
              subset_diagnose);
    ex_expect(&subset, &lb, got_l, want_l, 3, 1, 0.0, subset_diagnose);
}
END_TEST

START_TEST(subset_test_split)
{
    Notebook nb;
    Error err;
    ck_assert_msg(nb_replay(&nb, DATA_FILE, 0, NB_CELL1, &err) == 0, "%s",
                  err.msg);
    /* The test set of numpy's split is all[split_test_idx]. */
    int idx[400];
    double v[400];
    int n = golden(v, 400, 0, "split_test_idx");
    for (int i = 0; i < n; i++)
        idx[i] = (int)v[i];
    Dataset out;
    ck_assert(data_subset(&out, &nb.all, idx, n) == 0);
    double counts[DATA_CLASSES] = {0}, want[DATA_CLASSES];
    for (int i = 0; i < n; i++)
        if (out.labels[i] >= 0 && out.labels[i] < DATA_CLASSES)
            counts[out.labels[i]] += 1;
    golden(want, DATA_CLASSES, 0, "test_label_counts");
    /* And every pixel row is the one of all it came from. */
    double sums[400], want_sums[400];
    for (int i = 0; i < n; i++) {
        sums[i] = want_sums[i] = 0.0;
        for (int j = 0; j < DATA_FEATURES; j++) {
            sums[i] += out.X.data[(long)i * DATA_FEATURES + j] * (j + 1);
            want_sums[i] += nb.all.X.data[(long)idx[i] * DATA_FEATURES + j] *
                            (j + 1);
        }
    }
    data_free(&out);
    nb_free(&nb);
    ExCase c = {"the 360 test images of seed 0's split",
                "all (1797 images), idx = numpy's 360 test indices",
                "images per class among out.labels (numpy)"};
    ex_expect(&subset, &c, counts, want, 1, DATA_CLASSES, 0.0, NULL);
    ExCase p = {"the 360 test images of seed 0's split",
                "all (1797 images), idx = numpy's 360 test indices",
                "sum over j of (j + 1) * out.X[i][j], row by row"};
    ex_expect(&subset, &p, sums, want_sums, n, 1, 0.0, NULL);
}
END_TEST

Suite *suite_ex01(void)
{
    const ExTests cases[] = {{"subset", subset_small, subset_test_split}};
    return ex_suite("ex01", cases, sizeof cases / sizeof cases[0]);
}
