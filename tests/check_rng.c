/* check_rng.c - the random stream draws what numpy draws, bit for bit. */
#include <check.h>
#include <stdlib.h>

#include "rng.h"
#include "support.h"

static const unsigned seeds[] = {0, 1, 2, 7, 42};
#define N_SEEDS (int)(sizeof seeds / sizeof seeds[0])

START_TEST(first_outputs_of_seed_0)
{
    /* The reference sequence rng.h documents. */
    Rng r;
    rng_seed(&r, 0);
    ck_assert_uint_eq(rng_next32(&r), 2357136044u);
    ck_assert_uint_eq(rng_next32(&r), 2546248239u);
    ck_assert_uint_eq(rng_next32(&r), 3071714933u);
    rng_seed(&r, 0);
    ck_assert_double_eq(rng_gauss(&r), 1.764052345967664);
}
END_TEST

START_TEST(raw_outputs_match_numpy)
{
    unsigned seed = seeds[_i];
    double want[10];
    ck_assert_int_eq(golden(want, 10, seed, "mt32_first10"), 10);
    Rng r;
    rng_seed(&r, seed);
    for (int i = 0; i < 10; i++)
        ck_assert_uint_eq(rng_next32(&r), (uint32_t)want[i]);
}
END_TEST

START_TEST(doubles_and_gaussians_match_numpy)
{
    unsigned seed = seeds[_i];
    double want[10];
    Rng r;
    ck_assert_int_eq(golden(want, 5, seed, "random_sample_first5"), 5);
    rng_seed(&r, seed);
    for (int i = 0; i < 5; i++)
        ck_assert_double_eq(rng_double(&r), want[i]);
    ck_assert_int_eq(golden(want, 10, seed, "randn_first10"), 10);
    rng_seed(&r, seed);
    for (int i = 0; i < 10; i++)
        ck_assert_double_eq(rng_gauss(&r), want[i]);
}
END_TEST

START_TEST(seeding_clears_the_gaussian_cache)
{
    Rng r;
    rng_seed(&r, 3);
    (void)rng_gauss(&r); /* leaves the partner cached */
    ck_assert_int_eq(r.has_gauss, 1);
    rng_seed(&r, 3);
    ck_assert_int_eq(r.has_gauss, 0);
    Rng fresh;
    rng_seed(&fresh, 3);
    ck_assert_double_eq(rng_gauss(&r), rng_gauss(&fresh));
}
END_TEST

START_TEST(interval_of_zero_draws_nothing)
{
    Rng a, b;
    rng_seed(&a, 5);
    rng_seed(&b, 5);
    ck_assert_uint_eq(rng_interval(&a, 0), 0);
    ck_assert_uint_eq(rng_next32(&a), rng_next32(&b));
}
END_TEST

START_TEST(interval_stays_in_range)
{
    Rng r;
    rng_seed(&r, 9);
    static const uint32_t maxes[] = {1, 2, 3, 7, 1000, 1796, 65536,
                                     2147483649u, 4294967294u};
    for (int m = 0; m < (int)(sizeof maxes / sizeof maxes[0]); m++)
        for (int i = 0; i < 200; i++)
            ck_assert_uint_le(rng_interval(&r, maxes[m]), maxes[m]);
}
END_TEST

START_TEST(permutation_is_a_permutation)
{
    Rng r;
    rng_seed(&r, 11);
    int perm[1437], seen[1437] = {0};
    rng_permutation(&r, perm, 1437);
    for (int i = 0; i < 1437; i++) {
        ck_assert_int_ge(perm[i], 0);
        ck_assert_int_lt(perm[i], 1437);
        seen[perm[i]]++;
    }
    for (int i = 0; i < 1437; i++)
        ck_assert_int_eq(seen[i], 1);
}
END_TEST

/* The permutation (lib/rng.c, or lib/fast/shuffle.c in the default
 * build) makes the draws and swaps of the textbook loop, one rng_interval
 * per i, and leaves the stream at the same place: for every
 * n up to 70 (the masks' powers of two and the small cases), around 1024
 * and the tutorial's 1437, and from stream positions that make the state
 * run out part way through (a twist inside a band of i). */
START_TEST(shuffle_matches_the_textbook_loop)
{
    static const int big[] = {1023, 1024, 1025, 1437, 1797};
    for (int c = 0; c < 70 + 5; c++) {
        int n = c < 70 ? c + 1 : big[c - 70];
        Rng a, b;
        rng_seed(&a, 5 + c);
        for (int skip = 0; skip < 600 + c; skip++)
            (void)rng_next32(&a);
        b = a;
        int got[1797], want[1797];
        rng_permutation(&a, got, n);
        for (int i = 0; i < n; i++)
            want[i] = i;
        for (int i = n - 1; i >= 1; i--) {
            int j = (int)rng_interval(&b, (uint32_t)i);
            int t = want[i];
            want[i] = want[j];
            want[j] = t;
        }
        for (int i = 0; i < n; i++)
            ck_assert_msg(got[i] == want[i], "n %d: [%d] %d, textbook %d",
                          n, i, got[i], want[i]);
        ck_assert_int_eq(a.pos, b.pos);
        ck_assert_uint_eq(rng_next32(&a), rng_next32(&b));
    }
}
END_TEST

START_TEST(skip_permutation_makes_the_same_draws)
{
    Rng a, b;
    int perm[300];
    rng_seed(&a, 4);
    rng_seed(&b, 4);
    rng_permutation(&a, perm, 300);
    rng_skip_permutation(&b, 300);
    ck_assert_int_eq(a.pos, b.pos);
    ck_assert_uint_eq(rng_next32(&a), rng_next32(&b));
}
END_TEST

Suite *suite_rng(void)
{
    Suite *s = suite_create("rng");
    TCase *tc = tcase_create("stream");
    tcase_add_test(tc, first_outputs_of_seed_0);
    tcase_add_loop_test(tc, raw_outputs_match_numpy, 0, N_SEEDS);
    tcase_add_loop_test(tc, doubles_and_gaussians_match_numpy, 0, N_SEEDS);
    tcase_add_test(tc, seeding_clears_the_gaussian_cache);
    tcase_add_test(tc, interval_of_zero_draws_nothing);
    tcase_add_test(tc, interval_stays_in_range);
    tcase_add_test(tc, permutation_is_a_permutation);
    tcase_add_test(tc, shuffle_matches_the_textbook_loop);
    tcase_add_test(tc, skip_permutation_makes_the_same_draws);
    suite_add_tcase(s, tc);
    return s;
}
