/* check_05.c - chapter 05-backprop: gradient check and the first steps. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "support.h"

#define STEPS 5 /* the costs stay reproducible this long (chapter 5) */

static const unsigned seeds[] = {0, 42};

START_TEST(gradients_and_first_steps_match_numpy)
{
    unsigned seed = seeds[_i];
    char dir[512], buf[128], path[600], line[256], *out;
    out = run_chapter(dir, sizeof dir, "05-backprop --seed %u --steps %d",
                      seed, STEPS);
    double gc = atof(summary_value(buf, sizeof buf, out, "gradcheck"));
    ck_assert_double_lt(gc, 1e-6);
    ck_assert_double_eq(atof(summary_value(buf, sizeof buf, out,
                                           "accuracy_before")),
                        golden1(seed, "fullbatch_accuracy_before"));
    /* cost.tsv: the cost before each step, against numpy's. */
    double want[STEPS + 1];
    ck_assert_int_eq(golden(want, STEPS + 1, seed, "fullbatch_cost"),
                     STEPS + 1);
    snprintf(path, sizeof path, "%s/cost.tsv", dir);
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_nonnull(fgets(line, sizeof line, f)); /* header */
    for (int s = 0; s <= STEPS; s++) {
        int step;
        double cost;
        ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
        ck_assert_int_eq(sscanf(line, "%d %lf", &step, &cost), 2);
        ck_assert_int_eq(step, s);
        ck_assert_msg(close_rel(cost, want[s], 1e-9),
                      "step %d cost %.17g, numpy %.17g", s, cost, want[s]);
    }
    fclose(f);
    chapter_done(out, dir);
}
END_TEST

START_TEST(seed_0_accuracy_before_is_the_tutorials)
{
    char dir[512], buf[128], *out;
    out = run_chapter(dir, sizeof dir, "05-backprop --steps 1");
    ck_assert_str_eq(summary_value(buf, sizeof buf, out, "accuracy_before"),
                     "0.1440501043841336");
    chapter_done(out, dir);
}
END_TEST

Suite *suite_05(void)
{
    Suite *s = suite_create("05");
    TCase *tc = tcase_create("backprop");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, gradients_and_first_steps_match_numpy, 0,
                        (int)(sizeof seeds / sizeof seeds[0]));
    tcase_add_test(tc, seed_0_accuracy_before_is_the_tutorials);
    suite_add_tcase(s, tc);
    return s;
}
