/* check_07.c - chapter 07-sweep: the 18 reproducible cells, exactly. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

static const unsigned seeds[] = {0, 42};

START_TEST(robust_cells_match_numpy)
{
    unsigned seed = seeds[_i];
    char dir[512], path[600], line[512], *out;
    out = run_chapter(dir, sizeof dir, "07-sweep --seed %u", seed);
    double eta[36], lambda[36], acc[36];
    ck_assert_int_eq(golden(eta, 36, seed, "sweep_eta"), 36);
    ck_assert_int_eq(golden(lambda, 36, seed, "sweep_lambda"), 36);
    ck_assert_int_eq(golden(acc, 36, seed, "sweep_accuracy"), 36);
    snprintf(path, sizeof path, "%s/sweep.tsv", dir);
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
    ck_assert_str_eq(strtok(line, "\t"), "eta"); /* the promised header */
    ck_assert_str_eq(strtok(NULL, "\t"), "lambda");
    ck_assert_str_eq(strtok(NULL, "\t\n"), "accuracy");
    for (int c = 0; c < 36; c++) {
        double e, l, a;
        ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
        ck_assert_int_eq(sscanf(line, "%lf %lf %lf", &e, &l, &a), 3);
        ck_assert(close_rel(e, eta[c], 1e-15));
        ck_assert(close_rel(l, lambda[c], 1e-15));
        if (eta[c] <= 1e-3) /* eta >= 1e-2 is chaotic (chapter 5) */
            ck_assert_msg(a == acc[c], "cell %d: %.17g, numpy %.17g", c, a,
                          acc[c]);
        else
            ck_assert(a >= 0.0 && a <= 1.0);
    }
    fclose(f);
    chapter_done(out, dir);
}
END_TEST

START_TEST(seed_0_first_cells_are_the_tutorials)
{
    char dir[512], *out;
    out = run_chapter(dir, sizeof dir, "07-sweep");
    /* Rows eta = 1e-5 and 1e-3 as the notebook printed them (4 places). */
    ck_assert_ptr_nonnull(strstr(out, "0.1778    0.0889    0.1250    "
                                      "0.0528    0.1028    0.0639"));
    ck_assert_ptr_nonnull(strstr(out, "0.6083    0.6028    0.6222    "
                                      "0.6361    0.5750    0.5972"));
    ck_assert_ptr_nonnull(strstr(out, "28/360 = 0.0778"));
    chapter_done(out, dir);
}
END_TEST

Suite *suite_07(void)
{
    Suite *s = suite_create("07");
    TCase *tc = tcase_create("sweep");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, robust_cells_match_numpy, 0,
                        (int)(sizeof seeds / sizeof seeds[0]));
    tcase_add_test(tc, seed_0_first_cells_are_the_tutorials);
    suite_add_tcase(s, tc);
    return s;
}
