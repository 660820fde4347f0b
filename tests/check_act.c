/* check_act.c - the activations' derivatives by finite differences, the
 * softmax's rows, act_exp against the C library's exp(), and the SIMD
 * versions of the sigmoid and the softmax against their definitions, bit
 * for bit. */
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

/* Each row of the softmax is exactly what its definition computes one
 * element at a time: e^(z_k - max) with act_exp, each divided by the
 * row's sum of them, summed left to right; lse is max + log(sum).  Rows
 * of 3, 10 and 17, so that the SIMD lanes along a row meet rows shorter
 * than a vector, a full vector and a remainder; one row holds a NaN and
 * one +inf.  act_exp is compiled for the baseline processor, act_softmax
 * in SIMD versions (lanes.h), so this also compares the two, NaNs and
 * their signs included (memcmp). */
START_TEST(softmax_is_its_definition_bit_for_bit)
{
    static const int widths[] = {3, 10, 17};
    for (int c = 0; c < 3; c++) {
        enum { ROWS = 7 };
        int K = widths[c];
        double z[ROWS * 17], keep[ROWS * 17], lse[ROWS];
        for (int j = 0; j < ROWS * K; j++)
            z[j] = keep[j] = 40.0 * sin(1.7 * j + c) - (j % 5 == 0) * 700.0;
        z[2 * K + 1] = keep[2 * K + 1] = NAN;
        z[4 * K] = keep[4 * K] = INFINITY;
        Matrix Z = mat_view(z, ROWS, K);
        act_softmax(&Z, lse);
        for (int i = 0; i < ROWS; i++) {
            const double *row = keep + i * K;
            double max = row[0], e[17], sum = 0.0;
            for (int k = 1; k < K; k++)
                if (row[k] > max)
                    max = row[k];
            for (int k = 0; k < K; k++) {
                e[k] = act_exp(row[k] - max);
                sum += e[k];
            }
            for (int k = 0; k < K; k++) {
                double want = e[k] / sum;
                ck_assert_msg(!memcmp(&z[i * K + k], &want, sizeof want),
                              "K %d, (%d, %d): %a, definition %a", K, i, k,
                              z[i * K + k], want);
            }
            double want_lse = max + log(sum);
            ck_assert(!memcmp(&lse[i], &want_lse, sizeof want_lse));
        }
    }
}
END_TEST

/* ---- act_exp ------------------------------------------------------------ */

/* |got - want| in units of want's last place. */
static double ulps(double got, double want)
{
    return fabs(got - want) / (nextafter(want, INFINITY) - want);
}

/* act_exp is within 1 ulp of exp() over its whole finite range: a million
 * evenly spaced points from -708 to 709, moved off the grid by an odd
 * step, and another million in [-1, 1], where most of the tutorial's
 * arguments lie.  Taking one term off act.c's polynomial puts the error
 * near 2^-50, hundreds of ulp. */
START_TEST(exp_within_one_ulp_of_libm)
{
    const int n = 1000000;
    double worst = 0.0, worst_x = 0.0;
    for (int i = 0; i < 2 * n; i++) {
        double x = i < n ? -708.0 + 1417.0 * (i + 0.31830988618) / n
                         : -1.0 + 2.0 * (i - n + 0.5) / n;
        double e = ulps(act_exp(x), exp(x));
        if (e > worst)
            worst = e, worst_x = x;
    }
    ck_assert_msg(worst <= 1.0, "act_exp(%.17g) is %.3g ulp from exp()",
                  worst_x, worst);
}
END_TEST

/* The ends: exact where exp() is exact, 0 below -708, +inf above the
 * range, NaN kept. */
START_TEST(exp_edges)
{
    ck_assert(act_exp(0.0) == 1.0);
    ck_assert(act_exp(-708.5) == 0.0 && act_exp(-1e300) == 0.0);
    ck_assert(act_exp(-INFINITY) == 0.0);
    ck_assert(act_exp(709.5) == INFINITY && act_exp(INFINITY) == INFINITY);
    ck_assert(isnan(act_exp(NAN)));
    ck_assert(act_exp(-708.0) > 0.0 && act_exp(709.0) < INFINITY);
    /* k = round(x / ln 2) reaches 1024 at 1023.5 ln 2 = 709.4361. */
    ck_assert(act_exp(709.436) < INFINITY && act_exp(709.437) == INFINITY);
    ck_assert(act_exp(-0.0) == 1.0);
}
END_TEST

/* act_forward's sigmoid (with act_exp) against act_sigmoid (with exp()),
 * from -750 to 750: within 2 ulp of the result, but for z < -709.436,
 * where act_exp(-z) is +inf and the sigmoid 0 instead of a number below
 * 1e-307; 0 and 1 exactly at the far ends, as the formula gives. */
START_TEST(sigmoid_lanes_match_formula)
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

/* act_forward's sigmoid runs in SIMD versions (lanes.h); act_exp, the
 * same exponential, is compiled for the baseline processor.  The sigmoid
 * must equal 1 / (1 + act_exp(-z)) bit for bit: on ordinary numbers, at
 * the ends of exp's range, and on infinities, zeros and NaNs of both
 * signs (which NaN comes out depends on the order of the operands). */
START_TEST(sigmoid_lanes_equal_the_baseline_bit_for_bit)
{
    enum { N = 2000 };
    static double z[N], keep[N];
    const double special[] = {NAN, -NAN, INFINITY, -INFINITY, 0.0, -0.0,
                              708.0, -708.0, 709.437, -709.437, 745.2,
                              -745.2, 1e-300, -1e-300, 0x1p-1074};
    int n_special = (int)(sizeof special / sizeof special[0]);
    for (int i = 0; i < N; i++)
        keep[i] = z[i] = i < n_special ? special[i]
                                       : 37.0 * sin(0.37 * i) * cos(i);
    Matrix Z = mat_view(z, 1, N);
    act_forward(&Z, ACT_SIGMOID);
    for (int i = 0; i < N; i++) {
        double want = 1.0 / (1.0 + act_exp(-keep[i]));
        ck_assert_msg(!memcmp(&z[i], &want, sizeof want),
                      "sigmoid(%a) = %a, baseline %a", keep[i], z[i], want);
    }
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
    tcase_add_test(tc, softmax_is_its_definition_bit_for_bit);
    tcase_add_test(tc, sigmoid_lanes_equal_the_baseline_bit_for_bit);
    tcase_add_test(tc, exp_within_one_ulp_of_libm);
    tcase_add_test(tc, exp_edges);
    tcase_add_test(tc, sigmoid_lanes_match_formula);
    tcase_add_test(tc, names_round_trip);
    suite_add_tcase(s, tc);
    return s;
}
