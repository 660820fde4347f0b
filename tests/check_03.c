/* check_03.c - chapter 03-forward: the untrained network's outputs. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

static const unsigned seeds[] = {0, 1, 2, 7, 42};

START_TEST(forward_pass_matches_numpy)
{
    unsigned seed = seeds[_i];
    char dir[512], buf[1024], *out;
    out = run_chapter(dir, sizeof dir, "03-forward --seed %u", seed);
    double want[10], got[10], sum = 0.0;
    ck_assert_int_eq(golden(want, 10, seed, "p0"), 10);
    ck_assert_int_eq(parse_list(got, 10, summary_value(buf, sizeof buf, out,
                                                       "p0")), 10);
    for (int k = 0; k < 10; k++) {
        /* numpy's softmax divides exp(z) by the sum; ours subtracts the
         * row maximum first, which changes only the last bits. */
        ck_assert_msg(close_rel(got[k], want[k], TOL_ROUNDING),
                      "p0[%d] %.17g vs numpy %.17g", k, got[k], want[k]);
        sum += got[k];
    }
    ck_assert_double_eq_tol(sum, 1.0, 1e-15);
    ck_assert_double_eq(atof(summary_value(buf, sizeof buf, out,
                                           "prediction0")),
                        golden1(seed, "prediction0"));
    ck_assert_double_eq(atof(summary_value(buf, sizeof buf, out, "label0")),
                        golden1(seed, "label0"));
    double cost0 = atof(summary_value(buf, sizeof buf, out, "cost0"));
    ck_assert(close_rel(cost0, golden1(seed, "cost0"), TOL_ROUNDING));
    ck_assert_str_eq(summary_value(buf, sizeof buf, out, "params_hidden"),
                     "3250");
    ck_assert_str_eq(summary_value(buf, sizeof buf, out, "params_output"),
                     "510");
    chapter_done(out, dir);
}
END_TEST

START_TEST(seed_0_prints_the_tutorials_probabilities)
{
    char dir[512], *out;
    out = run_chapter(dir, sizeof dir, "03-forward");
    /* As the notebook printed them, to 9 significant digits. */
    static const char *printed[] = {"5.41511965e-04", "9.84443254e-01",
                                    "5.08318298e-09",
                                    "prediction for image 0: 8",
                                    "correct label for image 0: 6"};
    for (int i = 0; i < 5; i++)
        ck_assert_msg(strstr(out, printed[i]) != NULL, "missing %s",
                      printed[i]);
    chapter_done(out, dir);
}
END_TEST

Suite *suite_03(void)
{
    Suite *s = suite_create("03");
    TCase *tc = tcase_create("forward");
    tcase_add_loop_test(tc, forward_pass_matches_numpy, 0,
                        (int)(sizeof seeds / sizeof seeds[0]));
    tcase_add_test(tc, seed_0_prints_the_tutorials_probabilities);
    suite_add_tcase(s, tc);
    return s;
}
