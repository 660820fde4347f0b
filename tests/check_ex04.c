/* check_ex04.c - chapter 4's exercises: onehot, xent, accuracy.
 *
 * Learner mode (learn/README.md): each exercise is one test case named
 * after it, first on a case small enough to work by hand, then on the
 * full-size case against golden values from the numpy run.  The
 * diagnoses recognise the mistakes catalogued in learn/mistakes/ by
 * working each one out on the same input.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "learn.h"
#include "loss.h"
#include "notebook.h"
#include "support.h"

#define DATA_FILE NN_REPO_DIR "/data/digits.csv.gz"

/* ---- onehot ----------------------------------------------------------- */

static const Exercise onehot = {"onehot", "lib/data.c, data_onehot",
                                "chapter 4, \"Labels as vectors\""};

/* Labels (3) 2, 0, 1 as rows of Y (3, 4), which starts full of 7s so that
 * entries never written show. */
static const int oh_labels[] = {2, 0, 1};
static const double oh_want[] = {0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0};

static const char *onehot_diagnose(const double *got, const double *want,
                                   int rows, int cols)
{
    int sevens = 0, shifted = 1, swapped = 1;
    for (int i = 0; i < rows; i++)
        for (int k = 0; k < cols; k++) {
            double g = got[i * cols + k];
            sevens += g == 7.0;
            int lab = (int)(oh_labels[i]);
            shifted &= g == (k == lab + 1 ? 1.0 : 0.0);
        }
    /* Y[k * n + i]: the layout of a matrix stored column by column. */
    double alt[12];
    for (int i = 0; i < rows; i++)
        for (int k = 0; k < cols; k++)
            alt[k * rows + i] = oh_labels[i] == k ? 1.0 : 0.0;
    for (int j = 0; j < rows * cols; j++)
        swapped &= got[j] == alt[j];
    (void)want;
    if (sevens > 0)
        return "some entries still hold what Y held before (7 here): set "
               "every entry of the row, the 0s as well as the 1";
    if (shifted)
        return "each 1 sits one column to the right: labels count from 0, "
               "so label k goes in column k";
    if (swapped)
        return "Y was filled column by column (index k * n + i): a row-"
               "major matrix keeps element (i, k) at i * K + k";
    return NULL;
}

START_TEST(onehot_small)
{
    double y[12];
    for (int j = 0; j < 12; j++)
        y[j] = 7.0;
    Matrix Y = {.rows = 3, .cols = 4, .data = y};
    data_onehot(&Y, oh_labels, 3);
    char in[256] = "";
    ex_fmt_ints(in, sizeof in, "labels", oh_labels, 1, 3);
    strcat(in, ", Y (3, 4) filled with 7s");
    ExCase c = {"a 3x4 case worked by hand", in, "Y"};
    ex_expect(&onehot, &c, y, oh_want, 3, 4, 0.0, onehot_diagnose);
}
END_TEST

START_TEST(onehot_train_labels)
{
    Notebook nb;
    Error err;
    ck_assert_msg(nb_replay(&nb, DATA_FILE, 0, NB_CELL2, &err) == 0, "%s",
                  err.msg);
    int n = nb.train.n;
    Matrix Y;
    ck_assert(mat_init(&Y, n, DATA_CLASSES) == 0);
    data_onehot(&Y, nb.train.labels, n);
    /* Column sums of the one-hot rows count each class. */
    double got[DATA_CLASSES] = {0}, want[DATA_CLASSES];
    for (int i = 0; i < n; i++)
        for (int k = 0; k < DATA_CLASSES; k++)
            got[k] += Y.data[(long)i * DATA_CLASSES + k];
    ck_assert_int_eq(golden(want, DATA_CLASSES, 0, "train_label_counts"),
                     DATA_CLASSES);
    mat_free(&Y);
    nb_free(&nb);
    ExCase c = {"the 1437 training labels of seed 0",
                "train.labels (1437) of the tutorial's split, Y (1437, 10)",
                "the column sums of Y, images per class (numpy)"};
    ex_expect(&onehot, &c, got, want, 1, DATA_CLASSES, 0.0, NULL);
}
END_TEST

/* ---- xent ------------------------------------------------------------- */

static const Exercise xent = {"xent", "lib/loss.c, loss_xent",
                              "chapter 4, \"The cross-entropy\""};

/* Logits Zo (2, 3) and labels: lse = log(e + e^2 + e^3) = 3.40760596...
 * and log 3 = 1.09861228..., so the cost is
 * ((3.40760596 - 3) + (1.09861229 - 0)) / 2 = 0.75310912655624496. */
static const double xe_z[] = {1, 2, 3, 0, 0, 0};
static const double xe_lse[] = {3.4076059644443801, 1.0986122886681098};
static const int xe_labels[] = {2, 0};
static const double xe_want = 0.75310912655624496;

static int xe_rows = 2, xe_cols = 3; /* the case being diagnosed */

static const char *xent_diagnose(const double *got, const double *want,
                                 int rows, int cols)
{
    (void)rows;
    (void)cols;
    double f = got[0] / want[0];
    if (fabs(f - xe_rows) < 1e-9 * xe_rows)
        return ex_hint("%d times too large: the sum over the %d rows, not "
                       "the mean", xe_rows, xe_rows);
    if (fabs(f * xe_cols / xe_rows - 1.0) < 1e-9)
        return ex_hint("divided by the %d columns (classes), not the %d "
                       "rows (images)", xe_cols, xe_rows);
    if (fabs(f + 1.0) < 1e-9)
        return "the wrong sign: the cost is lse[i] - z_y, which is never "
               "negative";
    if (xe_rows == 2) {
        /* Row i's label looked up in row 0: Zo[labels[i]] for Zo[i][..]. */
        double alt = ((xe_lse[0] - xe_z[2]) + (xe_lse[1] - xe_z[0])) / 2;
        if (fabs(got[0] - alt) < 1e-12)
            return "row i's logit was read from row 0: element (i, k) of a "
                   "K-column matrix sits at i*K + k";
    }
    return NULL;
}

START_TEST(xent_small)
{
    Matrix Zo = {.rows = 2, .cols = 3, .data = (double *)xe_z};
    double got = loss_xent(&Zo, xe_lse, xe_labels);
    char in[512] = "";
    ex_fmt(in, sizeof in, "Zo", xe_z, 2, 3);
    strcat(in, ", ");
    ex_fmt(in, sizeof in, "lse", xe_lse, 1, 2);
    strcat(in, ", ");
    ex_fmt_ints(in, sizeof in, "labels", xe_labels, 1, 2);
    ExCase c = {"a 2x3 case worked by hand", in, "the cost"};
    xe_rows = 2;
    xe_cols = 3;
    ex_expect(&xent, &c, &got, &xe_want, 1, 1, 1e-14, xent_diagnose);
}
END_TEST

/* The untrained network of seed 0 on the 1437 training images. */
static void forward_train(Notebook *nb, Work *w)
{
    Error err;
    ck_assert_msg(nb_replay(nb, DATA_FILE, 0, NB_CELL3, &err) == 0, "%s",
                  err.msg);
    ck_assert(work_init(w, &nb->net, nb->train.n) == 0);
    net_forward(w, &nb->net, &nb->train.X);
}

START_TEST(xent_train)
{
    Notebook nb;
    Work w;
    forward_train(&nb, &w);
    double got = loss_xent(&w.Zo, w.lse, nb.train.labels);
    double want = golden1(0, "cost_train");
    xe_rows = nb.train.n;
    xe_cols = nb.net.K;
    work_free(&w);
    nb_free(&nb);
    ExCase c = {"the untrained network of seed 0 on the training set",
                "Zo (1437, 10) and lse (1437) from net_forward, the 1437 "
                "training labels",
                "the cost (numpy)"};
    ex_expect(&xent, &c, &got, &want, 1, 1, TOL_ROUNDING, xent_diagnose);
}
END_TEST

/* ---- accuracy --------------------------------------------------------- */

static const Exercise accuracy = {"accuracy", "lib/loss.c, loss_accuracy",
                                  "chapter 4, \"Why not just count "
                                  "mistakes\""};

static int acc_n = 4;

static const char *accuracy_diagnose(const double *got, const double *want,
                                     int rows, int cols)
{
    (void)rows;
    (void)cols;
    if (got[0] == 0.0 && want[0] > 0.0 && want[0] < 1.0)
        return "0: is the stub still in place?  If not, an int divided by "
               "an int rounds down in C: convert the count to double "
               "before dividing";
    if (fabs(got[0] - (1.0 - want[0])) < 1e-12)
        return "1 minus the expected value: the fraction of mistakes, not "
               "of right answers";
    if (fabs(got[0] - want[0] * acc_n) < 1e-9 * acc_n)
        return ex_hint("the count of right answers, not the fraction: "
                       "divide by n = %d", acc_n);
    return NULL;
}

START_TEST(accuracy_small)
{
    static const int pred[] = {1, 2, 3, 4}, labels[] = {1, 2, 0, 4};
    double got = loss_accuracy(pred, labels, 4), want = 0.75;
    char in[256] = "";
    ex_fmt_ints(in, sizeof in, "pred", pred, 1, 4);
    strcat(in, ", ");
    ex_fmt_ints(in, sizeof in, "labels", labels, 1, 4);
    ExCase c = {"4 predictions worked by hand", in, "the accuracy"};
    acc_n = 4;
    ex_expect(&accuracy, &c, &got, &want, 1, 1, 0.0, accuracy_diagnose);
}
END_TEST

START_TEST(accuracy_train)
{
    Notebook nb;
    Work w;
    forward_train(&nb, &w);
    int n = nb.train.n, *pred = malloc((size_t)n * sizeof *pred);
    ck_assert(pred != NULL);
    net_predict(pred, &nb.net, &nb.train.X, &w);
    double got = loss_accuracy(pred, nb.train.labels, n);
    double want = golden1(0, "accuracy_train");
    acc_n = n;
    free(pred);
    work_free(&w);
    nb_free(&nb);
    ExCase c = {"the untrained network of seed 0 on the training set",
                "its 1437 predictions and the 1437 training labels",
                "the accuracy (numpy)"};
    ex_expect(&accuracy, &c, &got, &want, 1, 1, 0.0, accuracy_diagnose);
}
END_TEST

Suite *suite_ex04(void)
{
    const ExTests cases[] = {{"onehot", onehot_small, onehot_train_labels},
                             {"xent", xent_small, xent_train},
                             {"accuracy", accuracy_small, accuracy_train}};
    return ex_suite("ex04", cases, sizeof cases / sizeof cases[0]);
}
