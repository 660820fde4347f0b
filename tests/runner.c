/* runner.c - runs the Check suites named on the command line, or all.
 *
 * Every tests/check_NAME.c defines `Suite *suite_NAME(void)`; the Makefile
 * lists them in suites.inc.  An unknown suite name is an error, and so is a
 * run in which no test ran: a misspelt name must never pass silently.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SUITE(name) Suite *suite_##name(void);
#include "suites.inc"
#undef SUITE

static const struct {
    const char *name;
    Suite *(*make)(void);
} suites[] = {
#define SUITE(name) {#name, suite_##name},
#include "suites.inc"
#undef SUITE
};

#define N_SUITES (int)(sizeof suites / sizeof suites[0])

/* A test marked E ended without reaching a verdict: Check says whether
 * it crashed (a signal) or ran past its time limit.  Say what that usually
 * means, once, after the list; the other tests ran all the same, each in
 * its own process (learner mode relies on that). */
static void explain_errors(SRunner *sr)
{
    int crashed = 0, timed_out = 0;
    TestResult **results = srunner_results(sr);
    for (int i = 0; i < srunner_ntests_run(sr); i++) {
        if (tr_rtype(results[i]) != CK_ERROR)
            continue;
        const char *msg = tr_msg(results[i]);
        if (strstr(msg, "timeout"))
            timed_out++;
        else if (strstr(msg, "signal"))
            crashed++;
    }
    free(results);
    if (crashed)
        printf("note: %d test(s) crashed (E ... Received signal): most often "
               "a read or write outside an array, or a NULL pointer\n",
               crashed);
    if (timed_out)
        printf("note: %d test(s) ran past their time limit (E ... Test "
               "timeout expired): most often a loop that never ends\n",
               timed_out);
}

int main(int argc, char **argv)
{
    SRunner *sr = NULL;
    for (int i = 0; i < N_SUITES; i++) {
        int wanted = argc == 1;
        for (int a = 1; a < argc; a++)
            wanted |= strcmp(argv[a], suites[i].name) == 0;
        if (!wanted)
            continue;
        if (sr)
            srunner_add_suite(sr, suites[i].make());
        else
            sr = srunner_create(suites[i].make());
    }
    for (int a = 1; a < argc; a++) {
        int known = 0;
        for (int i = 0; i < N_SUITES; i++)
            known |= strcmp(argv[a], suites[i].name) == 0;
        if (!known) {
            fprintf(stderr, "runner: no suite named '%s'\n", argv[a]);
            if (sr)
                srunner_free(sr);
            return 2;
        }
    }
    if (!sr) {
        fprintf(stderr, "runner: no suites\n");
        return 2;
    }
    srunner_run_all(sr, CK_NORMAL);
    int run = srunner_ntests_run(sr), failed = srunner_ntests_failed(sr);
    explain_errors(sr);
    srunner_free(sr);
    if (run == 0) {
        fprintf(stderr, "runner: no test ran\n");
        return 1;
    }
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
