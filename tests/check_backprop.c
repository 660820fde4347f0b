/* check_backprop.c - backpropagation against finite differences. */
#include <check.h>
#include <math.h>

#include "backprop.h"
#include "notebook.h"
#include "support.h"

#define DATA_FILE NN_REPO_DIR "/data/digits.csv.gz"
#define ROWS 8
#define GRAD_TOL 1e-6 /* largest relative error the check may show */

static Notebook nb;
static Net grad;
static Work w;
static Matrix X;
static double scaled[ROWS * 64];

static void setup(void)
{
    Error err;
    ck_assert(nb_replay(&nb, DATA_FILE, 0, NB_CELL3, &err) == 0);
    ck_assert(net_init(&grad, 64, 50, 10, ACT_SIGMOID) == 0);
    ck_assert(work_init(&w, &nb.net, ROWS) == 0);
    X = mat_view(nb.train.X.data, ROWS, 64);
}

static void teardown(void)
{
    work_free(&w);
    net_free(&grad);
    nb_free(&nb);
}

/* The tutorial's setting (sum, lambda 0.01) and the mean, for all three
 * activations (their derivatives go through act_backward). */
START_TEST(gradients_agree_with_finite_differences)
{
    static const Activation acts[] = {ACT_SIGMOID, ACT_TANH, ACT_RELU};
    Activation a = acts[_i / 2];
    double scale = _i % 2 ? 1.0 / ROWS : 1.0, biggest;
    nb.net.act = grad.act = a;
    Matrix in = X;
    if (a != ACT_SIGMOID) {
        /* Pixels in [0, 1] and small weights keep the finite differences'
         * h^4 error small; relu's biases of +-2 keep every unit far from
         * the kink at 0, where no derivative exists, while testing both
         * of its branches. */
        for (int i = 0; i < ROWS * 64; i++)
            scaled[i] = X.data[i] / 16.0;
        in = mat_view(scaled, ROWS, 64);
        for (size_t i = 0; i < nb.net.n_params; i++)
            nb.net.params[i] *= 0.1;
        for (int j = 0; a == ACT_RELU && j < 50; j++)
            nb.net.bh[j] = j % 2 ? 2.0 : -2.0;
    }
    double worst = grad_check(&nb.net, &grad, &in, nb.train.labels, scale,
                              0.01, &w, &biggest);
    ck_assert_msg(worst < GRAD_TOL, "%s, scale %g: relative error %g",
                  act_name(a), scale, worst);
    ck_assert_double_gt(biggest, 1e-3); /* not trivially zero */
}
END_TEST

START_TEST(a_wrong_gradient_is_caught)
{
    double biggest;
    ck_assert(grad_check(&nb.net, &grad, &X, nb.train.labels, 1.0, 0.01, &w,
                         &biggest) < GRAD_TOL);
    /* One output-weight gradient 0.1% off. */
    size_t k = 64 * 50 + 50 + 7;
    grad.params[k] *= 1.001;
    ck_assert_double_gt(grad_compare(&nb.net, &grad, &X, nb.train.labels,
                                     1.0, 0.01, &w),
                        GRAD_TOL);
}
END_TEST

START_TEST(the_formulas_2_lambda_is_not_the_codes)
{
    /* The tutorial writes the penalty as lambda sum w^2 (gradient
     * 2 lambda W) but its code adds lambda W: the check tells them apart. */
    net_forward(&w, &nb.net, &X);
    net_backward(&grad, &nb.net, &X, nb.train.labels, &w, 1.0);
    net_add_l2(&grad, &nb.net, 2 * 0.5);
    ck_assert_double_gt(grad_compare(&nb.net, &grad, &X, nb.train.labels,
                                     1.0, 0.5, &w),
                        GRAD_TOL);
}
END_TEST

START_TEST(backward_accumulates_nothing_between_calls)
{
    net_forward(&w, &nb.net, &X);
    net_backward(&grad, &nb.net, &X, nb.train.labels, &w, 1.0);
    double first = grad.params[100];
    net_backward(&grad, &nb.net, &X, nb.train.labels, &w, 1.0);
    ck_assert_double_eq(grad.params[100], first);
}
END_TEST

Suite *suite_backprop(void)
{
    Suite *s = suite_create("backprop");
    TCase *tc = tcase_create("gradients");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, gradients_agree_with_finite_differences, 0, 6);
    tcase_add_test(tc, a_wrong_gradient_is_caught);
    tcase_add_test(tc, the_formulas_2_lambda_is_not_the_codes);
    tcase_add_test(tc, backward_accumulates_nothing_between_calls);
    suite_add_tcase(s, tc);
    return s;
}
