/* check_04.c - chapter 04-loss: the untrained network's costs. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "support.h"

static const unsigned seeds[] = {0, 1, 2, 7, 42};

START_TEST(costs_match_numpy)
{
    unsigned seed = seeds[_i];
    char dir[512], buf[128], *out;
    out = run_chapter(dir, sizeof dir, "04-loss --seed %u", seed);
    static const char *same[][2] = {{"cost_train", "cost_train"},
                                    {"cost_test", "cost_test"},
                                    {"l2_sum_w2", "l2_sum_w2"}};
    for (int i = 0; i < 3; i++) {
        const char *v = summary_value(buf, sizeof buf, out, same[i][0]);
        ck_assert_msg(v != NULL, "summary lacks %s", same[i][0]);
        double want = golden1(seed, same[i][1]);
        ck_assert_msg(close_rel(atof(v), want, TOL_ROUNDING),
                      "%s = %s, numpy %.17g", same[i][0], v, want);
    }
    /* Accuracies are counts over 360 or 1437: exactly numpy's. */
    ck_assert_double_eq(atof(summary_value(buf, sizeof buf, out,
                                           "accuracy_test")),
                        golden1(seed, "accuracy_test"));
    ck_assert_double_eq(atof(summary_value(buf, sizeof buf, out,
                                           "accuracy_train")),
                        golden1(seed, "accuracy_train"));
    /* The tutorial's binary form adds positive terms: it is larger. */
    ck_assert_double_gt(atof(summary_value(buf, sizeof buf, out,
                                           "binary_cost_train")),
                        golden1(seed, "cost_train"));
    chapter_done(out, dir);
}
END_TEST

Suite *suite_04(void)
{
    Suite *s = suite_create("04");
    TCase *tc = tcase_create("loss");
    tcase_add_loop_test(tc, costs_match_numpy, 0,
                        (int)(sizeof seeds / sizeof seeds[0]));
    suite_add_tcase(s, tc);
    return s;
}
