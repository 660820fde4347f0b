/* check_02.c - chapter 02-split reproduces scikit-learn's split. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "support.h"

static const unsigned seeds[] = {0, 1, 2, 7, 42};

/* The summary list key equals the golden list gkey. */
static void same_list(const char *out, const char *key, unsigned seed,
                      const char *gkey)
{
    char buf[512];
    double want[10], got[10];
    const char *v = summary_value(buf, sizeof buf, out, key);
    ck_assert_msg(v != NULL, "summary lacks %s", key);
    int n = golden(want, 10, seed, gkey);
    ck_assert_int_eq(parse_list(got, 10, v), n);
    for (int i = 0; i < n; i++)
        ck_assert_double_eq(got[i], want[i]);
}

START_TEST(split_matches_scikit_learn)
{
    unsigned seed = seeds[_i];
    char dir[512], buf[64], *out;
    out = run_chapter(dir, sizeof dir, "02-split --seed %u", seed);
    ck_assert_str_eq(summary_value(buf, sizeof buf, out, "train"), "1437");
    ck_assert_str_eq(summary_value(buf, sizeof buf, out, "test"), "360");
    same_list(out, "train_labels", seed, "train_labels_first10");
    same_list(out, "test_labels", seed, "test_labels_first10");
    same_list(out, "numpy_split_intact", seed, "numpy_split_pairs_intact_all");
    same_list(out, "numpy_split_right", seed,
              "numpy_split_labels_correct_all");
    chapter_done(out, dir);
}
END_TEST

Suite *suite_02(void)
{
    Suite *s = suite_create("02");
    TCase *tc = tcase_create("split");
    tcase_add_loop_test(tc, split_matches_scikit_learn, 0,
                        (int)(sizeof seeds / sizeof seeds[0]));
    suite_add_tcase(s, tc);
    return s;
}
