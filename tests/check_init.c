/* check_init.c - Glorot's bounds and draws, numpy's uniform, the order. */
#include <check.h>
#include <math.h>

#include "init.h"
#include "support.h"

START_TEST(bounds)
{
    /* sqrt(2 / (64 + 50)) and sqrt(2 / 60) for the sigmoid; 6 for the
     * others. */
    ck_assert_double_eq_tol(init_glorot_bound(64, 50, ACT_SIGMOID),
                            0.13245323570650439, 1e-16);
    ck_assert_double_eq_tol(init_glorot_bound(50, 10, ACT_SIGMOID),
                            0.18257418583505536, 1e-16);
    ck_assert_double_eq_tol(init_glorot_bound(64, 50, ACT_TANH),
                            sqrt(6.0 / 114.0), 1e-16);
    ck_assert_double_eq_tol(init_glorot_bound(64, 50, ACT_RELU),
                            sqrt(6.0 / 114.0), 1e-16);
}
END_TEST

/* Wh (D, H), bh, Wo (H, K), bo in that order, each numpy's
 * uniform(-b, b) = -b + 2b u with u = random_sample(): the first value
 * of seed 0 from the golden file's random_sample_first5. */
START_TEST(draws_are_numpys_uniform_in_scikit_learns_order)
{
    Net net;
    Rng r, check;
    double u[5];
    ck_assert_int_eq(net_init(&net, 64, 50, 10, ACT_SIGMOID), 0);
    rng_seed(&r, 0);
    init_net(&net, INIT_GLOROT, &r);
    ck_assert_int_eq(golden(u, 5, 0, "random_sample_first5"), 5);
    double bh = init_glorot_bound(64, 50, ACT_SIGMOID);
    double bo = init_glorot_bound(50, 10, ACT_SIGMOID);
    ck_assert_double_eq(net.Wh.data[0], -bh + (bh - -bh) * u[0]);
    ck_assert_double_eq(net.Wh.data[1], -bh + (bh - -bh) * u[1]);
    rng_seed(&check, 0);
    for (int i = 0; i < 64 * 50; i++)
        (void)rng_double(&check);
    ck_assert_double_eq(net.bh[0], -bh + 2 * bh * rng_double(&check));
    for (int i = 1; i < 50; i++)
        (void)rng_double(&check);
    ck_assert_double_eq(net.Wo.data[0], -bo + 2 * bo * rng_double(&check));
    for (size_t i = 0; i < net.n_params; i++) {
        double b = i < 64 * 50 + 50 ? bh : bo;
        ck_assert(net.params[i] >= -b && net.params[i] < b);
    }
    net_free(&net);
}
END_TEST

/* Two 64-50-10 sigmoid networks to fill, and two streams seeded alike. */
static void two_of_each(Net *a, Net *b, Rng *r1, Rng *r2, uint32_t seed)
{
    ck_assert_int_eq(net_init(a, 64, 50, 10, ACT_SIGMOID), 0);
    ck_assert_int_eq(net_init(b, 64, 50, 10, ACT_SIGMOID), 0);
    rng_seed(r1, seed);
    rng_seed(r2, seed);
}

/* A gain widens the interval, draw for draw: the same uniforms, each
 * weight and bias gain times the gain-1 one (to rounding). */
START_TEST(gain_scales_the_same_draws)
{
    Net a, b;
    Rng r1, r2;
    two_of_each(&a, &b, &r1, &r2, 4);
    init_net(&a, INIT_GLOROT, &r1);
    init_net_gain(&b, INIT_GLOROT, 2.5, &r2);
    double largest = 0.0;
    for (size_t i = 0; i < a.n_params; i++) {
        ck_assert_double_eq_tol(b.params[i], 2.5 * a.params[i], 1e-15);
        largest = fmax(largest, fabs(b.params[i]));
    }
    ck_assert(largest > 2.0 * init_glorot_bound(50, 10, ACT_SIGMOID));
    ck_assert(largest <= 2.5 * init_glorot_bound(50, 10, ACT_SIGMOID));
    net_free(&a);
    net_free(&b);
}
END_TEST

START_TEST(randn_is_the_tutorials)
{
    Net a, b;
    Rng r1, r2;
    two_of_each(&a, &b, &r1, &r2, 7);
    init_net(&a, INIT_RANDN, &r1);
    net_init_tutorial(&b, &r2);
    ck_assert_double_eq(net_max_diff(&a, &b), 0.0);
    ck_assert_double_eq(a.bh[3], 0.01);
    net_free(&a), net_free(&b);
}
END_TEST

START_TEST(names_round_trip)
{
    Init s;
    ck_assert_int_eq(init_parse(&s, "glorot"), 0);
    ck_assert_int_eq(s, INIT_GLOROT);
    ck_assert_str_eq(init_name(INIT_RANDN), "randn");
    ck_assert_int_eq(init_parse(&s, "xavier"), -1);
}
END_TEST

Suite *suite_init(void)
{
    Suite *s = suite_create("init");
    TCase *tc = tcase_create("init");
    tcase_add_test(tc, bounds);
    tcase_add_test(tc, draws_are_numpys_uniform_in_scikit_learns_order);
    tcase_add_test(tc, gain_scales_the_same_draws);
    tcase_add_test(tc, randn_is_the_tutorials);
    tcase_add_test(tc, names_round_trip);
    suite_add_tcase(s, tc);
    return s;
}
