/* learn.h - grading a learner's exercise (learner mode, learn/README.md).
 *
 * The exercise suites (tests/check_exNN.c) call the functions whose bodies
 * a learner writes (between EXERCISE BEGIN/END markers in the sources) on a
 * small case worked by hand, then on a full-size case with golden values.
 * When a value is wrong, ex_expect fails the running test with a report a
 * learner can act on:
 *
 *   exercise xent (lib/loss.c, loss_xent): wrong on a 2x3 case worked by hand
 *     input:    Zo (2, 3) = [[1, 2, 3], [0, 0, 0]], labels = [2, 0]
 *     value:    the cost, shape (1), first wrong at [0]
 *     got:      1.4076059644443801
 *     expected: 0.70380298222219005
 *     hint:     every value is 2 times too large: ...
 *     read:     chapter 4, "The cross-entropy"
 *
 * The hint comes from the suite's own diagnosis of the numbers (a known
 * mistake), else from generic ones (the stub still in place, a value that
 * is not finite, one factor or a flipped sign throughout, a transpose).
 */
#ifndef NN_TEST_LEARN_H
#define NN_TEST_LEARN_H

#include <check.h>
#include <stddef.h>

typedef struct {
    const char *name;    /* as in learn/exercises.tsv */
    const char *where;   /* "lib/loss.c, loss_xent" */
    const char *section; /* "chapter 4, \"The cross-entropy\"" */
} Exercise;

/* A case: what the test fed in, shown to the learner. */
typedef struct {
    const char *title; /* "a 2x3 case worked by hand" */
    const char *input; /* the input, printed (ex_fmt helps) */
    const char *value; /* what is compared: "the cost" */
} ExCase;

/* A diagnosis of a wrong result got against want (rows x cols, row-major):
 * returns a hint naming a likely mistake, or NULL. */
typedef const char *(*ExDiagnose)(const double *got, const double *want,
                                  int rows, int cols);

/* Compares got with want (rows x cols): each value must be within tol
 * relative to the larger magnitude, or within tol absolute below 1.  On the
 * first value that is not, fails the running test with the report above;
 * diagnose (may be NULL) is asked before the generic diagnoses. */
void ex_expect(const Exercise *ex, const ExCase *c, const double *got,
               const double *want, int rows, int cols, double tol,
               ExDiagnose diagnose);

/* ex_expect for a result computed in place: before holds the values the
 * call started from, and a result equal to them is reported as the stub
 * still in place. */
void ex_expect_changed(const Exercise *ex, const ExCase *c,
                       const double *before, const double *got,
                       const double *want, int rows, int cols, double tol,
                       ExDiagnose diagnose);

/* The same for integers, compared exactly. */
void ex_expect_ints(const Exercise *ex, const ExCase *c, const int *got,
                    const int *want, int rows, int cols, ExDiagnose diagnose);

/* Appends "name (rows, cols) = [[...], ...]" (at most 6 values a row and
 * 4 rows shown) to buf (size bytes, NUL-ended); returns buf. */
char *ex_fmt(char *buf, size_t size, const char *name, const double *v,
             int rows, int cols);

/* The same for integers. */
char *ex_fmt_ints(char *buf, size_t size, const char *name, const int *v,
                  int rows, int cols);

/* The single factor f with got = f want for every value, when there is
 * one (within 1e-9 relative, and want not all 0); else 0. */
double ex_factor(const double *got, const double *want, int n);

/* 1 when got and alt (n values) agree within 1e-12 relative to the larger
 * magnitude (absolute below 1), as a diagnosis compares a result with a
 * known mistake worked by hand; else 0. */
int ex_all_near(const double *got, const double *alt, int n);

/* A hint from printf-style arguments, kept in a static buffer (each test
 * runs in its own process, or one after the other). */
const char *ex_hint(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* Timeout of each exercise test, in seconds: an endless loop in a
 * learner's code is reported as a timeout of that test. */
#define EX_TIMEOUT 10

/* One test case of an exercise suite: its name, the test on a case worked
 * by hand, and the full-size test (NULL when there is none). */
typedef struct {
    const char *name;
    const TTest *small, *full;
} ExTests;

/* The suite called name with one test case per entry of cases (n of them),
 * each with the EX_TIMEOUT timeout. */
Suite *ex_suite(const char *name, const ExTests *cases, size_t n);

#endif
