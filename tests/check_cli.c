/* check_cli.c - every chapter answers bad options the same clear way. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "support.h"

/* Each bad command line and a fragment its one-line message must hold. */
static const struct {
    const char *args, *expect;
} bad[] = {
    {"--seed -3", "--seed: expected an integer 0..4294967295, got '-3'"},
    {"--seed x", "--seed: expected an integer"},
    {"--seed 4294967296", "--seed: expected an integer"},
    {"--seed 99999999999999999999", "--seed: expected an integer"},
    {"--seed", "--seed: expected a value"},
    {"--bogus", "unknown option '--bogus'"},
    {"stray", "unexpected argument 'stray'"},
    {"--data /nonexistent/digits.csv", "/nonexistent/digits.csv: No such"},
    {"--data=", "--data: expected a non-empty value"},
};
#define N_BAD (int)(sizeof bad / sizeof bad[0])

/* Chapter programs in NN_BIN_DIR (names starting with two digits). */
static int chapters(char names[][256], int max)
{
    DIR *d = opendir(NN_BIN_DIR);
    ck_assert_ptr_nonnull(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < max)
        if (e->d_name[0] >= '0' && e->d_name[0] <= '9' &&
            e->d_name[1] >= '0' && e->d_name[1] <= '9')
            snprintf(names[n++], 256, "%s", e->d_name);
    closedir(d);
    return n;
}

START_TEST(bad_options_give_one_line_and_status_2)
{
    char names[32][256], cmd[16384], dir[512], out_dir[600], *out;
    int n = chapters(names, 32);
    ck_assert_int_ge(n, 7);
    temp_dir(dir, sizeof dir);
    snprintf(out_dir, sizeof out_dir, "%s/out", dir);
    for (int c = 0; c < n; c++) {
        snprintf(cmd, sizeof cmd, "%s --out %s %s", names[c], out_dir,
                 bad[_i].args);
        int status = run_program(&out, cmd);
        ck_assert_msg(status == 2, "%s: status %d", cmd, status);
        char *nl = strchr(out, '\n');
        ck_assert_msg(nl != NULL && nl[1] == '\0', "%s: not one line: %s",
                      cmd, out);
        ck_assert_msg(strncmp(out, names[c], strlen(names[c])) == 0,
                      "%s: message does not name the program: %s", cmd, out);
        ck_assert_msg(strstr(out, bad[_i].expect) != NULL,
                      "%s: '%s' lacks '%s'", cmd, out, bad[_i].expect);
        struct stat st;
        ck_assert_msg(stat(out_dir, &st) != 0, "%s wrote %s", cmd, out_dir);
        free(out);
    }
    remove_dir(dir);
}
END_TEST

START_TEST(help_exits_0)
{
    char names[32][256], cmd[16384], *out;
    int n = chapters(names, 32);
    for (int c = 0; c < n; c++) {
        snprintf(cmd, sizeof cmd, "%s --help", names[c]);
        ck_assert_int_eq(run_program(&out, cmd), 0);
        ck_assert_ptr_nonnull(strstr(out, "--seed N"));
        free(out);
    }
}
END_TEST

Suite *suite_cli(void)
{
    Suite *s = suite_create("cli");
    TCase *tc = tcase_create("options");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, bad_options_give_one_line_and_status_2, 0, N_BAD);
    tcase_add_test(tc, help_exits_0);
    suite_add_tcase(s, tc);
    return s;
}
