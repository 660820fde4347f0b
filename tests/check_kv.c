/* check_kv.c - key<TAB>list reference files. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "kv.h"
#include "support.h"

static char dir[512], path[600];

static void setup(void)
{
    temp_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/ref.txt", dir);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("# a comment\tthat looks like a line\n"
          "seeds\t3,1,2\n"
          "acc\t0.5,0.25,nan\n"
          "accuracy\t7\n"
          "bad\t1,x\n"
          "grid.1\t1e-05,2.5\n", f);
    fclose(f);
}

static void teardown(void) { remove_dir(dir); }

START_TEST(reads_lists_and_seeds)
{
    KvFile kv;
    Error err;
    double v[4];
    ck_assert_int_eq(kv_load(&kv, path, &err), 0);
    ck_assert_int_eq(kv_get(&kv, "acc", v, 4), 3);
    ck_assert_double_eq(v[1], 0.25);
    ck_assert(isnan(v[2]));
    ck_assert_int_eq(kv_get(&kv, "accuracy", v, 4), 1); /* not a prefix */
    ck_assert_double_eq(v[0], 7.0);
    ck_assert_int_eq(kv_get(&kv, "acc", v, 1), 3); /* counts past max */
    ck_assert_int_eq(kv_get(&kv, "# a comment", v, 4), -1);
    ck_assert_int_eq(kv_get(&kv, "bad", v, 4), -1);
    ck_assert_int_eq(kv_get(&kv, "missing", v, 4), -1);
    kv_get_all(&kv, "grid.1", v, 2);
    ck_assert_double_eq(v[0], 1e-5);
    kv_get_all(&kv, "grid.1", v, 3); /* wrong count: all NaN */
    ck_assert(isnan(v[0]) && isnan(v[2]));
    ck_assert_double_eq(kv_get_seed(&kv, "acc", 1), 0.25);
    ck_assert(isnan(kv_get_seed(&kv, "acc", 5)));
    ck_assert(isnan(kv_get_seed(&kv, "accuracy", 3))); /* 1 value, 3 seeds */
    kv_free(&kv);
    kv_free(&kv);
}
END_TEST

START_TEST(missing_file_is_named)
{
    KvFile kv;
    Error err;
    ck_assert_int_eq(kv_load(&kv, "/nonexistent/ref.txt", &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "/nonexistent/ref.txt"));
    double v;
    ck_assert_int_eq(kv_get(&kv, "seeds", &v, 1), -1); /* empty is safe */
}
END_TEST

Suite *suite_kv(void)
{
    Suite *s = suite_create("kv");
    TCase *tc = tcase_create("kv");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, reads_lists_and_seeds);
    tcase_add_test(tc, missing_file_is_named);
    suite_add_tcase(s, tc);
    return s;
}
