/* check_ex03.c - chapter 3's exercises: sigmoid, softmax, forward.
 *
 * Learner mode (learn/README.md): one test case per exercise, named after
 * it; a small case worked by hand first, then the full-size one against
 * the numpy run.  The diagnoses work out each catalogued mistake
 * (learn/mistakes/) on the same input and name the one that matches.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "act.h"
#include "learn.h"
#include "net.h"
#include "notebook.h"
#include "support.h"

#define DATA_FILE NN_REPO_DIR "/data/digits.csv.gz"

/* 1 when got[i] is within 1e-12 (relative, or absolute below 1) of
 * f(i) for all n values. */
/* ---- sigmoid ---------------------------------------------------------- */

static const Exercise sigmoid = {"sigmoid",
                                 "lib/act.c, act_forward's sigmoid",
                                 "chapter 3, \"One unit\""};

/* 1 / (1 + e^-z) for z = 0, 1, -1, 2, -2, 40, -800, 800: at -800, e^800 is
 * +inf and the sigmoid is exactly 0; at 800 it is exactly 1. */
static const double sg_z[] = {0, 1, -1, 2, -2, 40, -800, 800};
static const double sg_want[] = {0.5, 0.7310585786300049,
                                 0.2689414213699951, 0.88079707797788231,
                                 0.11920292202211755, 1, 0, 1};
#define SG_N 8

static const char *sigmoid_diagnose(const double *got, const double *want,
                                    int rows, int cols)
{
    (void)rows;
    (void)cols;
    double alt[SG_N];
    for (int i = 0; i < SG_N; i++)
        alt[i] = 1.0 - want[i];
    if (ex_all_near(got, alt, SG_N))
        return "1 - sigmoid(z), which is sigmoid(-z): the minus sign in "
               "exp(-z) is missing (or one too many)";
    for (int i = 0; i < SG_N; i++)
        alt[i] = 1.0 + exp(-sg_z[i]);
    if (ex_all_near(got, alt, SG_N - 2))
        return "1 + exp(-z): 1.0 / 1.0 + exp(-z) divides before it adds; "
               "put the denominator in parentheses";
    for (int i = 0; i < SG_N; i++)
        if (isnan(got[i]))
            return ex_hint("NaN at z = %g: exp(z) / (1 + exp(z)) is inf / "
                           "inf there, an overflow; 1 / (1 + exp(-z)) "
                           "stays finite", sg_z[i]);
    return NULL;
}

START_TEST(sigmoid_small)
{
    double z[SG_N];
    memcpy(z, sg_z, sizeof z);
    Matrix Z = {.rows = 2, .cols = 4, .data = z};
    act_forward(&Z, ACT_SIGMOID);
    char in[256] = "";
    ex_fmt(in, sizeof in, "Z", sg_z, 2, 4);
    ExCase c = {"8 values worked by hand, two of them huge", in,
                "act_forward(Z, ACT_SIGMOID)"};
    ex_expect_changed(&sigmoid, &c, sg_z, z, sg_want, 2, 4, 1e-14,
                      sigmoid_diagnose);
}
END_TEST

START_TEST(sigmoid_grid)
{
    /* z from -30 to 30 in steps of 0.25, against exp() of the C library:
     * the formula, not a table. */
    enum { N = 241 };
    double z[N], want[N];
    for (int i = 0; i < N; i++) {
        z[i] = -30.0 + 0.25 * i;
        want[i] = 1.0 / (1.0 + exp(-z[i]));
    }
    Matrix Z = {.rows = 1, .cols = N, .data = z};
    act_forward(&Z, ACT_SIGMOID);
    ExCase c = {"241 values from -30 to 30", "Z (1, 241) = [[-30, -29.75, "
                "..., 30]]", "act_forward(Z, ACT_SIGMOID)"};
    ex_expect(&sigmoid, &c, z, want, 1, N, 1e-14, NULL);
}
END_TEST

/* ---- softmax ---------------------------------------------------------- */

static const Exercise softmax = {"softmax", "lib/act.c, act_softmax",
                                 "chapter 3, \"A safer softmax\""};

/* Row 0: e^1, e^2, e^3 over their sum, lse = log(e + e^2 + e^3); row 1 is
 * 1000 + (0, 0, 1): e^0, e^0, e^1 over 2 + e, and lse = 1000 + log(2 + e).
 * Without the row maximum subtracted, e^1000 overflows. */
static const double sm_z[] = {1, 2, 3, 1000, 1000, 1001};
static const double sm_want[] = {0.090030573170380462, 0.24472847105479767,
                                 0.6652409557748219, 0.21194155761708547,
                                 0.21194155761708547, 0.57611688476582912};
static const double sm_lse[] = {3.4076059644443801, 1001.551444713932};

static const char *softmax_diagnose(const double *got, const double *want,
                                    int rows, int cols)
{
    (void)want;
    if (rows == 2 && cols == 3) {
        if (ex_all_near(got, sm_want, 3) && !isfinite(got[3]))
            return "row 1 (logits near 1000) is not finite: exp(1000) "
                   "overflows; subtract the row maximum before exp";
        /* Each column made to sum to 1 instead of each row. */
        double alt[6];
        for (int j = 0; j < 3; j++) {
            double m = fmax(sm_z[j], sm_z[3 + j]);
            double a = exp(sm_z[j] - m), b = exp(sm_z[3 + j] - m);
            alt[j] = a / (a + b);
            alt[3 + j] = b / (a + b);
        }
        if (ex_all_near(got, alt, 6))
            return "each column sums to 1, not each row: the sum runs over "
                   "the wrong axis";
    }
    if (rows == 1 && cols == 2) {
        double alt[2] = {sm_lse[0] - 3.0, sm_lse[1] - 1001.0};
        if (ex_all_near(got, alt, 2))
            return "lse lacks the row maximum: log sum_j e^z_j = m + log "
                   "sum_j e^(z_j - m)";
    }
    return NULL;
}

START_TEST(softmax_small)
{
    double z[6], lse[2] = {7, 7};
    static const double lse_before[2] = {7, 7};
    memcpy(z, sm_z, sizeof z);
    Matrix Z = {.rows = 2, .cols = 3, .data = z};
    act_softmax(&Z, lse);
    char in[256] = "";
    ex_fmt(in, sizeof in, "Z", sm_z, 2, 3);
    ExCase p = {"a 2x3 case worked by hand", in, "P, Z after the call"};
    ExCase l = {"a 2x3 case worked by hand", in, "lse (filled with 7s)"};
    ex_expect_changed(&softmax, &p, sm_z, z, sm_want, 2, 3, 1e-14,
                      softmax_diagnose);
    ex_expect_changed(&softmax, &l, lse_before, lse, sm_lse, 1, 2, 1e-14,
                      softmax_diagnose);
}
END_TEST

/* ---- forward ---------------------------------------------------------- */

static const Exercise forward = {"forward", "lib/net.c, net_forward",
                                 "chapter 3, \"All images at once\""};

/* A 2-3-2 network on 2 images, by the formulas of net.h, with parts of it
 * left out as the catalogued mistakes leave them out. */
enum { F_NO_BH = 1, F_NO_ACT = 2, F_NO_BO = 4 };
static const double fw_x[] = {1, 2, 0, -1};
static const double fw_wh[] = {0.5, -1, 2, 0.25, 0.5, -1};
static const double fw_bh[] = {0.1, -0.2, 0.3};
static const double fw_wo[] = {1, -1, 2, 0.5, -0.5, 1};
static const double fw_bo[] = {0.05, -0.05};

static void forward_by_hand(double *A, double *Zo, double *P, int leave_out)
{
    for (int i = 0; i < 2; i++) {
        for (int h = 0; h < 3; h++) {
            double z = leave_out & F_NO_BH ? 0.0 : fw_bh[h];
            for (int d = 0; d < 2; d++)
                z += fw_x[i * 2 + d] * fw_wh[d * 3 + h];
            A[i * 3 + h] = leave_out & F_NO_ACT ? z : 1.0 / (1.0 + exp(-z));
        }
        for (int k = 0; k < 2; k++) {
            double z = leave_out & F_NO_BO ? 0.0 : fw_bo[k];
            for (int h = 0; h < 3; h++)
                z += A[i * 3 + h] * fw_wo[h * 2 + k];
            Zo[i * 2 + k] = z;
        }
        double m = fmax(Zo[i * 2], Zo[i * 2 + 1]);
        double s = exp(Zo[i * 2] - m) + exp(Zo[i * 2 + 1] - m);
        for (int k = 0; k < 2; k++)
            P[i * 2 + k] = exp(Zo[i * 2 + k] - m) / s;
    }
}

static int fw_what; /* the value compared: 0 A, 1 Zo, 2 P */

static const char *forward_diagnose(const double *got, const double *want,
                                    int rows, int cols)
{
    (void)want;
    if (rows != 2)
        return NULL;
    static const struct {
        int leave_out;
        const char *hint;
    } known[] = {
        {F_NO_BH, "as if the hidden bias bh were never added"},
        {F_NO_ACT, "as if the hidden layer had no activation: A = Zh"},
        {F_NO_BO, "as if the output bias bo were never added"},
    };
    for (size_t m = 0; m < sizeof known / sizeof known[0]; m++) {
        double A[6], Zo[4], P[4];
        forward_by_hand(A, Zo, P, known[m].leave_out);
        const double *alt = fw_what == 0 ? A : fw_what == 1 ? Zo : P;
        if (ex_all_near(got, alt, rows * cols))
            return known[m].hint;
    }
    double A[6], Zo[4], P[4];
    forward_by_hand(A, Zo, P, 0);
    if (fw_what == 1 && ex_all_near(got, P, 4))
        return "Zo holds the probabilities: the softmax ran on Zo in "
               "place; copy Zo into P and run it on P";
    return NULL;
}

START_TEST(forward_small)
{
    Net net;
    Work w;
    ck_assert(net_init(&net, 2, 3, 2, ACT_SIGMOID) == 0);
    memcpy(net.Wh.data, fw_wh, sizeof fw_wh);
    memcpy(net.bh, fw_bh, sizeof fw_bh);
    memcpy(net.Wo.data, fw_wo, sizeof fw_wo);
    memcpy(net.bo, fw_bo, sizeof fw_bo);
    ck_assert(work_init(&w, &net, 2) == 0);
    Matrix X = {.rows = 2, .cols = 2, .data = (double *)fw_x};
    net_forward(&w, &net, &X);
    double A[6], Zo[4], P[4], gA[6], gZo[4], gP[4];
    forward_by_hand(A, Zo, P, 0);
    memcpy(gA, w.A.data, sizeof gA);
    memcpy(gZo, w.Zo.data, sizeof gZo);
    memcpy(gP, w.P.data, sizeof gP);
    work_free(&w);
    net_free(&net);
    char in[1024] = "";
    ex_fmt(in, sizeof in, "X", fw_x, 2, 2);
    strcat(in, ", ");
    ex_fmt(in, sizeof in, "Wh", fw_wh, 2, 3);
    strcat(in, ", ");
    ex_fmt(in, sizeof in, "bh", fw_bh, 1, 3);
    strcat(in, ", ");
    ex_fmt(in, sizeof in, "Wo", fw_wo, 3, 2);
    strcat(in, ", ");
    ex_fmt(in, sizeof in, "bo", fw_bo, 1, 2);
    strcat(in, ", sigmoid");
    ExCase ca = {"a 2-3-2 network on 2 images", in, "w->A, f(X Wh + bh)"};
    ExCase cz = {"a 2-3-2 network on 2 images", in, "w->Zo, A Wo + bo"};
    ExCase cp = {"a 2-3-2 network on 2 images", in, "w->P, softmax(Zo)"};
    fw_what = 0;
    ex_expect(&forward, &ca, gA, A, 2, 3, 1e-12, forward_diagnose);
    fw_what = 1;
    ex_expect(&forward, &cz, gZo, Zo, 2, 2, 1e-12, forward_diagnose);
    fw_what = 2;
    ex_expect(&forward, &cp, gP, P, 2, 2, 1e-12, forward_diagnose);
}
END_TEST

START_TEST(forward_numpy)
{
    Notebook nb;
    Error err;
    Work w;
    ck_assert_msg(nb_replay(&nb, DATA_FILE, 0, NB_CELL3, &err) == 0, "%s",
                  err.msg);
    ck_assert(work_init(&w, &nb.net, nb.train.n) == 0);
    net_forward(&w, &nb.net, &nb.train.X);
    double got[10], want[10];
    memcpy(got, w.P.data, sizeof got);
    golden(want, 10, 0, "p0");
    work_free(&w);
    nb_free(&nb);
    ExCase c = {"the untrained network of seed 0",
                "the 1437 training images, the notebook's weights",
                "row 0 of w->P (numpy's probabilities for image 0)"};
    ex_expect(&forward, &c, got, want, 1, 10, TOL_ROUNDING, NULL);
}
END_TEST

Suite *suite_ex03(void)
{
    const ExTests cases[] = {{"sigmoid", sigmoid_small, sigmoid_grid},
                             {"softmax", softmax_small, NULL},
                             {"forward", forward_small, forward_numpy}};
    return ex_suite("ex03", cases, sizeof cases / sizeof cases[0]);
}
