/* check_02.c - chapter 02-split reproduces scikit-learn's split. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notebook.h"
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

/* nb_replay_data on the images nb_replay loaded makes the same draws: the
 * same split and the same first network, bit for bit. */
START_TEST(replay_from_memory_is_the_files)
{
    unsigned seed = seeds[_i];
    Notebook a, b;
    Error err;
    ck_assert(nb_replay(&a, NN_REPO_DIR "/data/digits.csv.gz", seed, NB_CELL3,
                        &err) == 0);
    ck_assert_msg(nb_replay_data(&b, &a.all, seed, NB_CELL3, &err) == 0, "%s",
                  err.msg);
    ck_assert_int_eq(b.all.n, a.all.n);
    ck_assert_int_eq(b.test.n, a.test.n);
    ck_assert_int_eq(b.train.n, a.train.n);
    for (int i = 0; i < a.test.n; i++)
        ck_assert_int_eq(b.test_idx[i], a.test_idx[i]);
    for (int i = 0; i < a.train.n; i++)
        ck_assert_int_eq(b.train_idx[i], a.train_idx[i]);
    ck_assert(net_max_diff(&a.net, &b.net) == 0.0);
    ck_assert(rng_gauss(&a.rng) == rng_gauss(&b.rng));
    Dataset none = {0};
    Notebook c;
    ck_assert_int_eq(nb_replay_data(&c, &none, seed, NB_CELL3, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "no images"));
    nb_free(&c);
    nb_free(&b);
    nb_free(&a);
}
END_TEST

Suite *suite_02(void)
{
    Suite *s = suite_create("02");
    TCase *tc = tcase_create("split");
    tcase_add_loop_test(tc, split_matches_scikit_learn, 0,
                        (int)(sizeof seeds / sizeof seeds[0]));
    tcase_add_loop_test(tc, replay_from_memory_is_the_files, 0,
                        (int)(sizeof seeds / sizeof seeds[0]));
    suite_add_tcase(s, tc);
    return s;
}
