/* check_act.c - the activations' derivatives by finite differences, the
 * softmax's rows, the sigmoid against its formula.  (check_fast.c tests
 * the default build's SIMD versions against lib/act.c's plain ones.) */
#include <check.h>
#include <float.h>
#include <math.h>
#include <string.h>

#include "act.h"
#include "support.h"

#define N_POINTS 9
#define TOL_FD 1e-9 /* central difference, h = 1e-5: error ~ h^2 f''' */

/* Points that avoid relu's kink at 0 by more than h. */
static const double points[N_POINTS] = {-6.0, -2.5, -1.0, -0.3, 0.2, 0.7,
                                        1.5, 3.0, 8.0};
static const Activation acts[] = {ACT_SIGMOID, ACT_TANH, ACT_RELU};

static double f_at(Activation f, double z)
{
    Matrix m = mat_view(&z, 1, 1);
    act_forward(&m, f);
    return z;
}

/* act_backward with dA = 1 gives f'(z) through a = f(z); compare it with
 * (f(z + h) - f(z - h)) / 2h. */
START_TEST(derivative_matches_finite_difference)
{
    Activation f = acts[_i];
    const double h = 1e-5;
    double largest = 0.0;
    for (int p = 0; p < N_POINTS; p++) {
        double z = points[p], a = f_at(f, z), d = 1.0;
        Matrix A = mat_view(&a, 1, 1), dA = mat_view(&d, 1, 1);
        act_backward(&dA, &A, f);
        double fd = (f_at(f, z + h) - f_at(f, z - h)) / (2 * h);
        ck_assert_msg(fabs(d - fd) <= TOL_FD, "%s at %g: %.17g, finite "
                      "difference %.17g", act_name(f), z, d, fd);
        largest = fmax(largest, fabs(d));
    }
    ck_assert(largest > 0.1); /* not trivially zero */
}
END_TEST

/* The backward pass scales the incoming gradient elementwise. */
START_TEST(backward_scales_the_incoming_gradient)
{
    Activation f = acts[_i];
    double z[3] = {-0.5, 0.25, 2.0}, a[3], d[3] = {2.0, -3.0, 0.5}, one[3];
    for (int i = 0; i < 3; i++)
        a[i] = f_at(f, z[i]), one[i] = 1.0;
    Matrix A = mat_view(a, 1, 3), dA = mat_view(d, 1, 3),
           dOne = mat_view(one, 1, 3);
    act_backward(&dA, &A, f);
    act_backward(&dOne, &A, f);
    double in[3] = {2.0, -3.0, 0.5};
    for (int i = 0; i < 3; i++)
        ck_assert_double_eq_tol(d[i], in[i] * one[i], 1e-15);
}
END_TEST

START_TEST(softmax_rows_sum_to_one)
{
    double z[4][5] = {{0, 0, 0, 0, 0},
                      {1, 2, 3, 4, 5},
                      {-1000, 0, 1000, 999, 3},
                      {-745, -745.5, -800, -1e4, -746}};
    double lse[4];
    Matrix Z = mat_view(&z[0][0], 4, 5);
    act_softmax(&Z, lse);
    for (int i = 0; i < 4; i++) {
        double sum = 0.0;
        for (int k = 0; k < 5; k++) {
            ck_assert(z[i][k] >= 0.0 && z[i][k] <= 1.0);
            sum += z[i][k];
        }
        ck_assert_double_eq_tol(sum, 1.0, 1e-15);
        ck_assert(isfinite(lse[i]));
    }
    ck_assert_double_eq_tol(z[0][3], 0.2, 1e-16);
    ck_assert_double_eq_tol(lse[0], log(5.0), 1e-15);
    ck_assert_double_eq_tol(lse[2], 1000.0 + log(1.0 + exp(-1.0)), 1e-12);
}
END_TEST

/* |got - want| in units of want's last place. */
static double ulps(double got, double want)
{
    return fabs(got - want) / (nextafter(want, INFINITY) - want);
}

/* act_forward's sigmoid against act_sigmoid (with exp()), from -750 to
 * 750: the same in a FAST=0 build, and within 2 ulp of it in the default
 * build, whose exponential is lib/fast/exp_lanes.c's, but for z < -709.436,
 * where that gives e^-z = +inf and the sigmoid 0 instead of a number below
 * 1e-307; 0 and 1 exactly at the far ends, as the formula gives. */
START_TEST(sigmoid_matches_formula)
{
    enum { N = 100001 };
    static double z[N];
    for (int i = 0; i < N; i++)
        z[i] = -750.0 + 1500.0 * i / (N - 1);
    Matrix Z = mat_view(z, 1, N);
    act_forward(&Z, ACT_SIGMOID);
    for (int i = 0; i < N; i++) {
        double x = -750.0 + 1500.0 * i / (N - 1), want = act_sigmoid(x);
        ck_assert_msg(want < 1e-307 ? z[i] < 1e-307 : ulps(z[i], want) <= 2.0,
                      "sigmoid(%.17g) = %.17g, formula %.17g", x, z[i], want);
    }
    ck_assert(z[0] == 0.0 && z[N - 1] == 1.0);
}
END_TEST

START_TEST(names_round_trip)
{
    for (int i = 0; i < 3; i++) {
        Activation f;
        ck_assert_int_eq(act_parse(&f, act_name(acts[i])), 0);
        ck_assert_int_eq(f, acts[i]);
    }
    Activation f;
    ck_assert_int_eq(act_parse(&f, "softmax"), -1);
}
END_TEST

Suite *suite_act(void)
{
    Suite *s = suite_create("act");
    TCase *tc = tcase_create("act");
    tcase_add_loop_test(tc, derivative_matches_finite_difference, 0, 3);
    tcase_add_loop_test(tc, backward_scales_the_incoming_gradient, 0, 3);
    tcase_add_test(tc, softmax_rows_sum_to_one);
    tcase_add_test(tc, sigmoid_matches_formula);
    tcase_add_test(tc, names_round_trip);
    suite_add_tcase(s, tc);
    return s;
}
