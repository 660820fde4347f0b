/* check_01.c - chapter 01-data prints the notebook's shapes and draws. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

static const unsigned seeds[] = {0, 1, 2, 7, 42};

/* Runs 01-data for seed into a temp dir; checks its summary with golden. */
START_TEST(summary_matches_numpy)
{
    unsigned seed = seeds[_i];
    char dir[512], buf[256], *out;
    out = run_chapter(dir, sizeof dir, "01-data --seed %u", seed);
    ck_assert_str_eq(summary_value(buf, sizeof buf, out, "samples"), "1797");
    ck_assert_str_eq(summary_value(buf, sizeof buf, out, "features"), "64");
    double want[5], got[5];
    ck_assert_int_eq(golden(want, 5, seed, "shown"), 5);
    ck_assert_int_eq(parse_list(got, 5, summary_value(buf, sizeof buf, out,
                                                      "shown")), 5);
    for (int i = 0; i < 5; i++)
        ck_assert_double_eq(got[i], want[i]);
    ck_assert_int_eq(golden(want, 5, seed, "shown_labels"), 5);
    ck_assert_int_eq(parse_list(got, 5, summary_value(buf, sizeof buf, out,
                                                      "shown_labels")), 5);
    for (int i = 0; i < 5; i++)
        ck_assert_double_eq(got[i], want[i]);
    ck_assert_ptr_nonnull(strstr(out, "X = (n_inputs, n_features) = "
                                      "(1797, 64)"));
    /* The figure's data: 5 images x 64 pixels after a header line. */
    ck_assert_int_eq(count_lines(dir, "shown.tsv"), 1 + 5 * 64);
    chapter_done(out, dir);
}
END_TEST

START_TEST(seed_0_is_the_tutorials)
{
    char dir[512], buf[256], *out;
    out = run_chapter(dir, sizeof dir, "01-data");
    ck_assert_str_eq(summary_value(buf, sizeof buf, out, "shown"),
                     "684,559,1653,1216,835");
    chapter_done(out, dir);
}
END_TEST

Suite *suite_01(void)
{
    Suite *s = suite_create("01");
    TCase *tc = tcase_create("data");
    tcase_add_loop_test(tc, summary_matches_numpy, 0,
                        (int)(sizeof seeds / sizeof seeds[0]));
    tcase_add_test(tc, seed_0_is_the_tutorials);
    suite_add_tcase(s, tc);
    return s;
}
