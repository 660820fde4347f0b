/* check_optim.c - one SGD step and two Adam steps against hand-computed
 * values. */
#include <check.h>
#include <math.h>

#include "optim.h"
#include "support.h"

#define TOL_STEP 1e-15 /* absolute: a few roundings of numbers near 1 */

/* A 1-1-1 network: Wh, bh, Wo, bo, four parameters. */
static void tiny(Net *net, Net *grad)
{
    ck_assert_int_eq(net_init(net, 1, 1, 1, ACT_SIGMOID), 0);
    ck_assert_int_eq(net_init(grad, 1, 1, 1, ACT_SIGMOID), 0);
    ck_assert_uint_eq(net->n_params, 4);
}

START_TEST(sgd_step)
{
    Net net, grad;
    tiny(&net, &grad);
    double p[4] = {1.0, -2.0, 0.5, 0.0}, g[4] = {0.5, 0.25, -4.0, 0.0};
    for (int i = 0; i < 4; i++)
        net.params[i] = p[i], grad.params[i] = g[i];
    optim_sgd(&net, &grad, 0.1);
    /* p - 0.1 g: 0.95, -2.025, 0.9, 0 */
    ck_assert_double_eq_tol(net.params[0], 0.95, TOL_STEP);
    ck_assert_double_eq_tol(net.params[1], -2.025, TOL_STEP);
    ck_assert_double_eq_tol(net.params[2], 0.9, TOL_STEP);
    ck_assert_double_eq(net.params[3], 0.0);
    net_free(&net);
    net_free(&grad);
}
END_TEST

/* p = 1, scikit-learn's defaults (lr 1e-3, betas 0.9 and 0.999, eps
 * 1e-8), gradient 0.5 and then -2:
 *   t = 1: m = 0.1 * 0.5 = 0.05, v = 0.001 * 0.25 = 0.00025,
 *          lr_1 = 1e-3 sqrt(0.001) / 0.1 = 3.16227766e-4,
 *          p = 1 - lr_1 * 0.05 / (0.0158113883 + 1e-8)
 *            = 1 - 1e-3 (1 - 6.3e-7) = 0.99900000063245...
 *          (Adam's first step is lr times the sign of g, whatever |g|.)
 *   t = 2: m = 0.9 * 0.05 + 0.1 * (-2) = -0.155,
 *          v = 0.999 * 0.00025 + 0.001 * 4 = 0.00424975,
 *          lr_2 = 1e-3 sqrt(1 - 0.999^2) / (1 - 0.9^2) = 2.35316725e-4,
 *          p = 0.9990000006 + lr_2 * 0.155 / (0.0651901... + 1e-8)
 *            = 0.99955950404...
 * The 17-digit values were worked out with Python's float arithmetic in
 * the same order. */
START_TEST(adam_two_steps)
{
    Net net, grad;
    tiny(&net, &grad);
    Adam a;
    ck_assert_int_eq(adam_init(&a, net.n_params, ADAM_LR, ADAM_BETA1,
                               ADAM_BETA2, ADAM_EPS), 0);
    net.params[0] = 1.0, grad.params[0] = 0.5;
    optim_adam(&net, &grad, &a);
    ck_assert_int_eq(a.t, 1);
    ck_assert_double_eq_tol(a.m[0], 0.05, TOL_STEP);
    ck_assert_double_eq_tol(a.v[0], 0.00025, TOL_STEP);
    ck_assert_double_eq_tol(net.params[0], 0.9990000006324551, TOL_STEP);
    ck_assert_double_eq(net.params[1], 0.0); /* g = 0 moves nothing */
    grad.params[0] = -2.0;
    optim_adam(&net, &grad, &a);
    ck_assert_double_eq_tol(a.m[0], -0.155, TOL_STEP);
    ck_assert_double_eq_tol(a.v[0], 0.00424975, TOL_STEP);
    ck_assert_double_eq_tol(net.params[0], 0.9995595040406665, TOL_STEP);
    adam_reset(&a);
    ck_assert_int_eq(a.t, 0);
    ck_assert_double_eq(a.m[0], 0.0);
    ck_assert_double_eq(a.v[0], 0.0);
    adam_free(&a);
    adam_free(&a); /* twice is harmless */
    net_free(&net);
    net_free(&grad);
}
END_TEST

/* Adam's step hardly depends on the gradient's scale: the same step for
 * g and 1000 g (up to eps), which is why summing instead of averaging
 * the gradient matters little to it. */
START_TEST(adam_ignores_scale)
{
    Net n1, n2, grad;
    tiny(&n1, &grad);
    ck_assert_int_eq(net_init(&n2, 1, 1, 1, ACT_SIGMOID), 0);
    Adam a1, a2;
    ck_assert_int_eq(adam_init(&a1, 4, 0.01, 0.9, 0.999, 1e-8), 0);
    ck_assert_int_eq(adam_init(&a2, 4, 0.01, 0.9, 0.999, 1e-8), 0);
    for (int s = 0; s < 5; s++) {
        for (int i = 0; i < 4; i++)
            grad.params[i] = (i + 1) * (s % 2 ? -0.3 : 0.7);
        optim_adam(&n1, &grad, &a1);
        for (int i = 0; i < 4; i++)
            grad.params[i] *= 1000.0;
        optim_adam(&n2, &grad, &a2);
    }
    ck_assert(net_max_diff(&n1, &n2) < 1e-8);
    ck_assert(fabs(n1.params[0]) > 1e-3); /* and it did move */
    adam_free(&a1), adam_free(&a2);
    net_free(&n1), net_free(&n2), net_free(&grad);
}
END_TEST

START_TEST(names)
{
    Optimizer o;
    ck_assert_int_eq(optim_parse(&o, "adam"), 0);
    ck_assert_int_eq(o, OPTIM_ADAM);
    ck_assert_str_eq(optim_name(OPTIM_SGD), "sgd");
    ck_assert_int_eq(optim_parse(&o, "Adam"), -1);
    ck_assert_int_eq(optim_parse(&o, ""), -1);
}
END_TEST

Suite *suite_optim(void)
{
    Suite *s = suite_create("optim");
    TCase *tc = tcase_create("optim");
    tcase_add_test(tc, sgd_step);
    tcase_add_test(tc, adam_two_steps);
    tcase_add_test(tc, adam_ignores_scale);
    tcase_add_test(tc, names);
    suite_add_tcase(s, tc);
    return s;
}
