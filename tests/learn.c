/* learn.c - grading a learner's exercise (see learn.h). */
#include "learn.h"

#include <check.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *ex_hint(const char *fmt, ...)
{
    static char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return buf;
}

double ex_factor(const double *got, const double *want, int n)
{
    double f = 0.0;
    for (int i = 0; i < n; i++) {
        if (want[i] == 0.0) {
            if (got[i] != 0.0)
                return 0.0;
            continue;
        }
        double r = got[i] / want[i];
        if (f == 0.0)
            f = r;
        else if (!(fabs(r - f) <= 1e-9 * fabs(f)))
            return 0.0;
    }
    return f;
}

/* Appends printf-style text to buf (size bytes) after what it holds. */
static void append(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void append(char *buf, size_t size, const char *fmt, ...)
{
    size_t len = strlen(buf);
    if (len + 1 >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + len, size - len, fmt, ap);
    va_end(ap);
}

static char *fmt_values(char *buf, size_t size, const char *name,
                        const double *d, const int *k, int rows, int cols)
{
    append(buf, size, "%s (%d, %d) = [", name, rows, cols);
    for (int i = 0; i < rows && i < 4; i++) {
        append(buf, size, "%s[", i ? ", " : "");
        for (int j = 0; j < cols && j < 6; j++) {
            long at = (long)i * cols + j;
            if (d)
                append(buf, size, "%s%.6g", j ? ", " : "", d[at]);
            else
                append(buf, size, "%s%d", j ? ", " : "", k[at]);
        }
        append(buf, size, "%s]", cols > 6 ? ", ..." : "");
    }
    append(buf, size, "%s]", rows > 4 ? ", ..." : "");
    return buf;
}

char *ex_fmt(char *buf, size_t size, const char *name, const double *v,
             int rows, int cols)
{
    return fmt_values(buf, size, name, v, NULL, rows, cols);
}

char *ex_fmt_ints(char *buf, size_t size, const char *name, const int *v,
                  int rows, int cols)
{
    return fmt_values(buf, size, name, NULL, v, rows, cols);
}

/* The generic diagnoses, tried after the exercise's own. */
static const char *generic(const double *before, const double *got,
                           const double *want, int rows, int cols)
{
    int n = rows * cols, zeros = 0, same = before != NULL;
    for (int i = 0; i < n && same; i++)
        same = got[i] == before[i];
    if (same)
        return "the values came back as they went in: is the stub still in "
               "place?";
    for (int i = 0; i < n; i++) {
        if (!isfinite(got[i]))
            return ex_hint("value [%d] is %g: an overflow (exp of a large "
                           "number?) or a division by zero", i, got[i]);
        zeros += got[i] == 0.0;
    }
    if (zeros == n)
        return "every value is 0: is the stub still in place?";
    double f = ex_factor(got, want, n);
    if (f == -1.0)
        return "every value has the wrong sign";
    if (f != 0.0 && f != 1.0)
        return ex_hint("every value is %.6g times the expected one: a "
                       "missing or extra factor (a mean against a sum, "
                       "a scale, a learning rate)?", f);
    if (rows == cols && rows > 1) {
        int transposed = 1;
        for (int i = 0; i < rows && transposed; i++)
            for (int j = 0; j < cols; j++)
                if (fabs(got[i * cols + j] - want[j * cols + i]) >
                    1e-9 * fabs(want[j * cols + i])) {
                    transposed = 0;
                    break;
                }
        if (transposed)
            return "the result is the expected one transposed: rows and "
                   "columns swapped";
    }
    return NULL;
}

static int differs(double got, double want, double tol)
{
    if (isnan(got) || isnan(want))
        return !(isnan(got) && isnan(want));
    double scale = fmax(1.0, fmax(fabs(got), fabs(want)));
    return !(fabs(got - want) <= tol * scale);
}

static void report(const Exercise *ex, const ExCase *c, int at, int rows,
                   int cols, const char *got, const char *want,
                   const char *hint)
{
    char msg[4096] = "";
    append(msg, sizeof msg, "exercise %s (%s): wrong on %s\n", ex->name,
           ex->where, c->title);
    append(msg, sizeof msg, "    input:    %s\n", c->input);
    append(msg, sizeof msg, "    value:    %s, shape (%d, %d), first wrong "
           "at [%d, %d]\n", c->value, rows, cols, at / cols, at % cols);
    append(msg, sizeof msg, "    got:      %s\n", got);
    append(msg, sizeof msg, "    expected: %s\n", want);
    if (hint)
        append(msg, sizeof msg, "    hint:     %s\n", hint);
    append(msg, sizeof msg, "    read:     %s", ex->section);
    ck_abort_msg("%s", msg);
}

void ex_expect(const Exercise *ex, const ExCase *c, const double *got,
               const double *want, int rows, int cols, double tol,
               ExDiagnose diagnose)
{
    ex_expect_changed(ex, c, NULL, got, want, rows, cols, tol, diagnose);
}

void ex_expect_changed(const Exercise *ex, const ExCase *c,
                       const double *before, const double *got,
                       const double *want, int rows, int cols, double tol,
                       ExDiagnose diagnose)
{
    int n = rows * cols;
    for (int i = 0; i < n; i++) {
        if (!differs(got[i], want[i], tol))
            continue;
        const char *hint = diagnose ? diagnose(got, want, rows, cols) : NULL;
        if (!hint)
            hint = generic(before, got, want, rows, cols);
        char g[64], w[64];
        snprintf(g, sizeof g, "%.17g", got[i]);
        snprintf(w, sizeof w, "%.17g", want[i]);
        report(ex, c, i, rows, cols, g, w, hint);
    }
}

void ex_expect_ints(const Exercise *ex, const ExCase *c, const int *got,
                    const int *want, int rows, int cols, ExDiagnose diagnose)
{
    int n = rows * cols;
    for (int i = 0; i < n; i++) {
        if (got[i] == want[i])
            continue;
        double *g = malloc((size_t)n * sizeof *g);
        double *w = malloc((size_t)n * sizeof *w);
        ck_assert(g != NULL && w != NULL);
        for (int j = 0; j < n; j++) {
            g[j] = got[j];
            w[j] = want[j];
        }
        const char *hint = diagnose ? diagnose(g, w, rows, cols) : NULL;
        if (!hint)
            hint = generic(NULL, g, w, rows, cols);
        free(g);
        free(w);
        char gs[32], ws[32];
        snprintf(gs, sizeof gs, "%d", got[i]);
        snprintf(ws, sizeof ws, "%d", want[i]);
        report(ex, c, i, rows, cols, gs, ws, hint);
    }
}

Suite *ex_suite(const char *name, const ExTests *cases, size_t n)
{
    Suite *s = suite_create(name);
    for (size_t i = 0; i < n; i++) {
        TCase *tc = tcase_create(cases[i].name);
        tcase_set_timeout(tc, EX_TIMEOUT);
        tcase_add_test(tc, cases[i].small);
        if (cases[i].full)
            tcase_add_test(tc, cases[i].full);
        suite_add_tcase(s, tc);
    }
    return s;
}

int ex_all_near(const double *got, const double *alt, int n)
{
    for (int i = 0; i < n; i++) {
        double s = fmax(1.0, fmax(fabs(got[i]), fabs(alt[i])));
        if (!(fabs(got[i] - alt[i]) <= 1e-12 * s))
            return 0;
    }
    return 1;
}
