/* check_ex05.c - chapter 5's exercises: delta, backward, l2grad.
 *
 * Learner mode (learn/README.md): one test case per exercise, named after
 * it; a small network worked by hand first, then the gradient check of the
 * notebook's network on ten training images.  The diagnoses work out each
 * catalogued mistake (learn/mistakes/) on the same input.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backprop.h"
#include "learn.h"
#include "notebook.h"
#include "support.h"

#define DATA_FILE NN_REPO_DIR "/data/digits.csv.gz"
#define GRAD_ROWS 10       /* images in the gradient check */
#define GRAD_TOL 1e-6      /* largest relative error it allows */

/* A 2-3-2 network (D = 2, H = 3, K = 2) and 2 images with labels 1, 0. */
static const double bw_x[] = {1, 2, 0, -1};
static const int bw_labels[] = {1, 0};
static const double bw_wh[] = {0.5, -1, 2, 0.25, 0.5, -1};
static const double bw_bh[] = {0.1, -0.2, 0.3};
static const double bw_wo[] = {1, -1, 2, 0.5, -0.5, 1};
static const double bw_bo[] = {0.05, -0.05};
#define BW_PARAMS 17 /* Wh 6, bh 3, Wo 6, bo 2, in net.h's order */

static void small_net(Net *net)
{
    ck_assert(net_init(net, 2, 3, 2, ACT_SIGMOID) == 0);
    memcpy(net->Wh.data, bw_wh, sizeof bw_wh);
    memcpy(net->bh, bw_bh, sizeof bw_bh);
    memcpy(net->Wo.data, bw_wo, sizeof bw_wo);
    memcpy(net->bo, bw_bo, sizeof bw_bo);
}

/* The forward pass by hand: A (2, 3) and P (2, 2). */
static void forward_by_hand(double *A, double *P)
{
    for (int i = 0; i < 2; i++) {
        double zo[2];
        for (int h = 0; h < 3; h++) {
            double z = bw_bh[h];
            for (int d = 0; d < 2; d++)
                z += bw_x[i * 2 + d] * bw_wh[d * 3 + h];
            A[i * 3 + h] = 1.0 / (1.0 + exp(-z));
        }
        for (int k = 0; k < 2; k++) {
            zo[k] = bw_bo[k];
            for (int h = 0; h < 3; h++)
                zo[k] += A[i * 3 + h] * bw_wo[h * 2 + k];
        }
        double m = fmax(zo[0], zo[1]);
        double s = exp(zo[0] - m) + exp(zo[1] - m);
        for (int k = 0; k < 2; k++)
            P[i * 2 + k] = exp(zo[k] - m) / s;
    }
}

/* ---- backward --------------------------------------------------------- */

static const Exercise backward = {"backward", "lib/backprop.c, net_backward",
                                  "chapter 5, \"The four equations\""};

enum { B_NO_DERIV = 1, B_WO_NOT_T = 2, B_NO_BIAS = 4 };

/* The gradient (BW_PARAMS, net.h's order) of the small case by the four
 * equations, with scale s, as the catalogued mistakes would compute it.
 * Bias gradients a mistake never writes keep the 7 the test put there. */
static void backward_by_hand(double *g, double s, int mistake)
{
    double A[6], P[4], dZo[4], dZh[6];
    forward_by_hand(A, P);
    for (int i = 0; i < 2; i++)
        for (int k = 0; k < 2; k++)
            dZo[i * 2 + k] = s * (P[i * 2 + k] - (bw_labels[i] == k));
    for (int i = 0; i < 2; i++)
        for (int h = 0; h < 3; h++) {
            double v = 0.0;
            for (int k = 0; k < 2; k++)
                /* Without the transpose, mat_matmul reads Wo's data
                 * with Wo's own row stride K as if it were (K, H). */
                v += dZo[i * 2 + k] * (mistake & B_WO_NOT_T
                                       ? bw_wo[k * 2 + h]
                                       : bw_wo[h * 2 + k]); /* Wo^T */
            double a = A[i * 3 + h];
            dZh[i * 3 + h] = mistake & B_NO_DERIV ? v : v * a * (1.0 - a);
        }
    double *dWh = g, *dbh = g + 6, *dWo = g + 9, *dbo = g + 15;
    for (int d = 0; d < 2; d++)
        for (int h = 0; h < 3; h++)
            dWh[d * 3 + h] = bw_x[d] * dZh[h] + bw_x[2 + d] * dZh[3 + h];
    for (int h = 0; h < 3; h++)
        dbh[h] = mistake & B_NO_BIAS ? 7.0 : dZh[h] + dZh[3 + h];
    for (int h = 0; h < 3; h++)
        for (int k = 0; k < 2; k++)
            dWo[h * 2 + k] = A[h] * dZo[k] + A[3 + h] * dZo[2 + k];
    for (int k = 0; k < 2; k++)
        dbo[k] = mistake & B_NO_BIAS ? 7.0 : dZo[k] + dZo[2 + k];
}

static double bw_got[BW_PARAMS]; /* the whole gradient under diagnosis */

static const char *backward_diagnose(const double *got, const double *want,
                                     int rows, int cols)
{
    (void)got;
    (void)want;
    (void)rows;
    (void)cols;
    static const struct {
        int mistake;
        const char *hint;
    } known[] = {
        {B_NO_DERIV, "as if dZh = dZo Wo^T without the sigmoid's derivative "
                     "A (1 - A)"},
        {B_WO_NOT_T, "as if Wo were not transposed in dZo Wo^T"},
        {B_NO_BIAS, "the bias gradients keep what grad held (7 here): write "
                    "the column sums of dZh and dZo into them"},
    };
    for (size_t m = 0; m < sizeof known / sizeof known[0]; m++) {
        double alt[BW_PARAMS];
        backward_by_hand(alt, 1.0, known[m].mistake);
        if (ex_all_near(bw_got, alt, BW_PARAMS))
            return known[m].hint;
    }
    return NULL;
}

START_TEST(backward_small)
{
    Net net, grad;
    Work w;
    small_net(&net);
    ck_assert(net_init(&grad, 2, 3, 2, ACT_SIGMOID) == 0);
    ck_assert(work_init(&w, &net, 2) == 0);
    /* The forward pass's results, by hand, so that only net_backward is
     * graded here. */
    w.A.rows = w.P.rows = w.Zo.rows = 2;
    forward_by_hand(w.A.data, w.P.data);
    for (size_t i = 0; i < grad.n_params; i++)
        grad.params[i] = 7.0;
    Matrix X = {.rows = 2, .cols = 2, .data = (double *)bw_x};
    net_backward(&grad, &net, &X, bw_labels, &w, 1.0);
    double got[BW_PARAMS], want[BW_PARAMS];
    memcpy(got, grad.params, sizeof got);
    backward_by_hand(want, 1.0, 0);
    work_free(&w);
    net_free(&grad);
    net_free(&net);
    char in[1024] = "";
    ex_fmt(in, sizeof in, "X", bw_x, 2, 2);
    strcat(in, ", ");
    ex_fmt_ints(in, sizeof in, "labels", bw_labels, 1, 2);
    strcat(in, ", ");
    ex_fmt(in, sizeof in, "Wh", bw_wh, 2, 3);
    strcat(in, ", ");
    ex_fmt(in, sizeof in, "Wo", bw_wo, 3, 2);
    strcat(in, ", sigmoid, scale 1, grad filled with 7s");
    static const struct {
        const char *value;
        int at, rows, cols;
    } blocks[] = {{"dWh = X^T dZh", 0, 2, 3},
                  {"dbh = column sums of dZh", 6, 1, 3},
                  {"dWo = A^T dZo", 9, 3, 2},
                  {"dbo = column sums of dZo", 15, 1, 2}};
    memcpy(bw_got, got, sizeof got);
    double sevens[BW_PARAMS];
    for (int i = 0; i < BW_PARAMS; i++)
        sevens[i] = 7.0;
    for (size_t b = 0; b < sizeof blocks / sizeof blocks[0]; b++) {
        ExCase c = {"a 2-3-2 network on 2 images", in, blocks[b].value};
        ex_expect_changed(&backward, &c, sevens, got + blocks[b].at,
                          want + blocks[b].at, blocks[b].rows,
                          blocks[b].cols, 1e-12, backward_diagnose);
    }
}
END_TEST

/* The notebook's first network of seed 0 and its first GRAD_ROWS training
 * images. */
static void notebook_net(Notebook *nb, Net *grad, Work *w, Matrix *X)
{
    Error err;
    ck_assert_msg(nb_replay(nb, DATA_FILE, 0, NB_CELL3, &err) == 0, "%s",
                  err.msg);
    ck_assert(net_init(grad, nb->net.D, nb->net.H, nb->net.K,
                       nb->net.act) == 0);
    ck_assert(work_init(w, &nb->net, GRAD_ROWS) == 0);
    *X = mat_view(nb->train.X.data, GRAD_ROWS, nb->train.X.cols);
}

/* The gradient check with lambda; fails with the report when its error is
 * over GRAD_TOL or the gradient is all 0. */
static void gradient_check(const Exercise *ex, double lambda)
{
    Notebook nb;
    Net grad;
    Work w;
    Matrix X;
    notebook_net(&nb, &grad, &w, &X);
    double largest = 0.0;
    double err = grad_check(&nb.net, &grad, &X, nb.train.labels, 1.0, lambda,
                            &w, &largest);
    net_free(&grad);
    work_free(&w);
    nb_free(&nb);
    char in[256];
    snprintf(in, sizeof in, "the notebook's network of seed 0, its first %d "
             "training images, scale 1, lambda %g", GRAD_ROWS, lambda);
    ExCase c = {"the gradient check of section \"Checking the gradient\"",
                in, "largest relative error against finite differences"};
    double zero = 0.0;
    ex_expect(ex, &c, &err, &zero, 1, 1, GRAD_TOL, NULL);
    ExCase g = {"the gradient check", in,
                "largest |component| of the gradient (must not be 0)"};
    double floor = largest > 0.0 ? largest : 1.0;
    ex_expect(ex, &g, &largest, &floor, 1, 1, 0.0, NULL);
}

START_TEST(backward_gradcheck)
{
    gradient_check(&backward, 0.0);
}
END_TEST

/* ---- delta ------------------------------------------------------------ */

static const Exercise delta = {"delta", "lib/backprop.c, net_output_delta",
                               "chapter 5, \"The four equations\""};

/* P (2, 3) with labels 2, 0 and scale 0.5: dZo = 0.5 (P - Y). */
static const double dl_p[] = {0.2, 0.3, 0.5, 0.6, 0.3, 0.1};
static const int dl_labels[] = {2, 0};
static const double dl_want[] = {0.1, 0.15, -0.25, -0.2, 0.15, 0.05};
#define DL_SCALE 0.5

static const char *delta_diagnose(const double *got, const double *want,
                                  int rows, int cols)
{
    (void)want;
    if (rows * cols != 6)
        return NULL;
    double no_scale[6], label_value[6];
    for (int i = 0; i < 2; i++)
        for (int k = 0; k < 3; k++) {
            int at = i * 3 + k;
            no_scale[at] = dl_p[at] - (k == dl_labels[i]);
            label_value[at] = DL_SCALE * (dl_p[at] - dl_labels[i]);
        }
    if (ex_all_near(got, no_scale, 6))
        return "P - Y without the scale s: dZo = s (P - Y)";
    if (ex_all_near(got, label_value, 6))
        return "the label itself was subtracted: Y is its one-hot row, 1 "
               "at the label's column and 0 elsewhere";
    return NULL;
}

START_TEST(delta_small)
{
    double d[6] = {7, 7, 7, 7, 7, 7};
    static const double sevens[6] = {7, 7, 7, 7, 7, 7};
    Matrix dZo = {.rows = 2, .cols = 3, .data = d};
    Matrix P = {.rows = 2, .cols = 3, .data = (double *)dl_p};
    net_output_delta(&dZo, &P, dl_labels, DL_SCALE);
    char in[512] = "";
    ex_fmt(in, sizeof in, "P", dl_p, 2, 3);
    strcat(in, ", ");
    ex_fmt_ints(in, sizeof in, "labels", dl_labels, 1, 2);
    strcat(in, ", scale 0.5, dZo filled with 7s");
    ExCase c = {"a 2x3 case worked by hand", in, "dZo = s (P - Y)"};
    ex_expect_changed(&delta, &c, sevens, d, dl_want, 2, 3, 1e-15,
                      delta_diagnose);
}
END_TEST

START_TEST(delta_gradcheck)
{
    gradient_check(&delta, 0.0);
}
END_TEST

/* ---- l2grad ----------------------------------------------------------- */

static const Exercise l2grad = {"l2grad", "lib/backprop.c, net_add_l2",
                                "chapter 5, \"The four equations\""};

enum { L_TWICE = 1, L_BIASES = 2, L_ASSIGN = 4, L_NO_WO = 8 };
#define L2_LAMBDA 0.5

/* grad (filled with g_i = i / 10) after adding lambda W, as each mistake
 * would do it. */
static void l2_by_hand(double *g, int mistake)
{
    static const double *w[] = {bw_wh, bw_bh, bw_wo, bw_bo};
    static const int at[] = {0, 6, 9, 15}, len[] = {6, 3, 6, 2};
    double f = mistake & L_TWICE ? 2.0 * L2_LAMBDA : L2_LAMBDA;
    for (int i = 0; i < BW_PARAMS; i++)
        g[i] = 0.1 * i;
    for (int b = 0; b < 4; b++) {
        int bias = b == 1 || b == 3;
        if ((bias && !(mistake & L_BIASES)) || (b == 2 && mistake & L_NO_WO))
            continue;
        for (int i = 0; i < len[b]; i++)
            g[at[b] + i] = (mistake & L_ASSIGN ? 0.0 : g[at[b] + i]) +
                           f * w[b][i];
    }
}

static double l2_got[BW_PARAMS];

static const char *l2grad_diagnose(const double *got, const double *want,
                                   int rows, int cols)
{
    (void)got;
    (void)want;
    (void)rows;
    (void)cols;
    static const struct {
        int mistake;
        const char *hint;
    } known[] = {
        {L_TWICE, "2 lambda W was added: the tutorial's code adds lambda W, "
                  "the gradient of (lambda / 2) sum W^2"},
        {L_BIASES, "the biases were penalised too: only Wh and Wo are"},
        {L_ASSIGN, "grad = lambda W replaced the gradient: add to it (+=)"},
        {L_NO_WO, "only Wh got its term: Wo needs lambda Wo as well"},
    };
    for (size_t m = 0; m < sizeof known / sizeof known[0]; m++) {
        double alt[BW_PARAMS];
        l2_by_hand(alt, known[m].mistake);
        if (ex_all_near(l2_got, alt, BW_PARAMS))
            return known[m].hint;
    }
    return NULL;
}

START_TEST(l2grad_small)
{
    Net net, grad;
    small_net(&net);
    ck_assert(net_init(&grad, 2, 3, 2, ACT_SIGMOID) == 0);
    for (int i = 0; i < BW_PARAMS; i++)
        grad.params[i] = 0.1 * i;
    net_add_l2(&grad, &net, L2_LAMBDA);
    double got[BW_PARAMS], want[BW_PARAMS];
    memcpy(got, grad.params, sizeof got);
    l2_by_hand(want, 0);
    net_free(&grad);
    net_free(&net);
    char in[1024] = "";
    ex_fmt(in, sizeof in, "Wh", bw_wh, 2, 3);
    strcat(in, ", ");
    ex_fmt(in, sizeof in, "Wo", bw_wo, 3, 2);
    strcat(in, ", biases 0.1 -0.2 0.3 and 0.05 -0.05, grad params 0, 0.1, "
               "0.2, ..., lambda 0.5");
    ExCase c = {"a 2-3-2 network", in,
                "grad's 17 parameters (Wh, bh, Wo, bo) after the call"};
    memcpy(l2_got, got, sizeof got);
    double before[BW_PARAMS];
    for (int i = 0; i < BW_PARAMS; i++)
        before[i] = 0.1 * i;
    ex_expect_changed(&l2grad, &c, before, got, want, 1, BW_PARAMS, 1e-12,
                      l2grad_diagnose);
}
END_TEST

START_TEST(l2grad_gradcheck)
{
    gradient_check(&l2grad, 0.1);
}
END_TEST

Suite *suite_ex05(void)
{
    const ExTests cases[] = {{"delta", delta_small, delta_gradcheck},
                             {"backward", backward_small, backward_gradcheck},
                             {"l2grad", l2grad_small, l2grad_gradcheck}};
    return ex_suite("ex05", cases, sizeof cases / sizeof cases[0]);
}
