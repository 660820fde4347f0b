/* check_teach.c - tools/teach: the worked example of chapter 5 and the
 * data of the book's teaching figures.
 *
 * The worked example's numbers are printed by the library's forward and
 * backward passes.  Here every one of them is computed again by scalar
 * arithmetic, written the way the book derives it with the chain rule, and
 * every gradient once more by a central difference of the loss. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

#define PRINTED 1e-5 /* the program prints 5 decimals */

/* The example, as tools/teach/main.c defines it. */
static const double X[2] = {1.0, 0.5};
static const double WH[2][2] = {{0.5, -0.5}, {0.25, 1.0}}; /* (D, H) */
static const double WO[2][2] = {{1.0, -1.0}, {-0.5, 0.5}}; /* (H, K) */
static const double Y[2] = {1.0, 0.0};

static double sigmoid(double z) { return 1.0 / (1.0 + exp(-z)); }

/* The loss of the example with weights wh, wo (biases 0); fills a, p. */
static double loss(const double wh[2][2], const double wo[2][2], double a[2],
                   double p[2])
{
    double zo[2];
    for (int j = 0; j < 2; j++)
        a[j] = sigmoid(X[0] * wh[0][j] + X[1] * wh[1][j]);
    for (int k = 0; k < 2; k++)
        zo[k] = a[0] * wo[0][k] + a[1] * wo[1][k];
    double s = exp(zo[0]) + exp(zo[1]);
    for (int k = 0; k < 2; k++)
        p[k] = exp(zo[k]) / s;
    return -log(p[0]);
}

/* The n numbers printed after `label` on its line of out. */
static void printed(double *v, int n, const char *out, const char *label)
{
    const char *at = strstr(out, label);
    ck_assert_msg(at != NULL, "teach printed no line '%s'", label);
    at += strlen(label);
    for (int i = 0; i < n; i++) {
        char *end;
        v[i] = strtod(at, &end);
        ck_assert_msg(end != at, "no number %d after '%s'", i, label);
        at = end;
    }
}

static void expect(const char *out, const char *label, double v0, double v1,
                   int n)
{
    double v[2];
    printed(v, n, out, label);
    ck_assert_msg(fabs(v[0] - v0) <= PRINTED, "%s: %.5f, expected %.5f",
                  label, v[0], v0);
    if (n > 1)
        ck_assert_msg(fabs(v[1] - v1) <= PRINTED, "%s: %.5f, expected %.5f",
                      label, v[1], v1);
}

START_TEST(worked_example_follows_the_chain_rule)
{
    char dir[512];
    char *out = run_chapter(dir, sizeof dir, "teach --epochs 1");
    double a[2], p[2];
    double L = loss(WH, WO, a, p);
    expect(out, "a = sigmoid(z_h)", a[0], a[1], 2);
    expect(out, "p = softmax(z_o)", p[0], p[1], 2);
    expect(out, "L = -ln p_1", L, 0, 1);
    /* The chain rule, one link at a time. */
    double d_o[2] = {p[0] - Y[0], p[1] - Y[1]};
    expect(out, "Delta_o = p - y", d_o[0], d_o[1], 2);
    expect(out, "a^T Delta_o, row 1", a[0] * d_o[0], a[0] * d_o[1], 2);
    expect(out, "row 2", a[1] * d_o[0], a[1] * d_o[1], 2);
    double back[2], d_h[2];
    for (int j = 0; j < 2; j++) {
        back[j] = d_o[0] * WO[j][0] + d_o[1] * WO[j][1];
        d_h[j] = back[j] * a[j] * (1 - a[j]);
    }
    expect(out, "Delta_o W_o^T ", back[0], back[1], 2);
    expect(out, "Delta_h = (Delta_o W_o^T)*a(1-a)", d_h[0], d_h[1], 2);
    expect(out, "x^T Delta_h, row 1", X[0] * d_h[0], X[0] * d_h[1], 2);
    /* Every weight gradient against a central difference of the loss. */
    const double h = 1e-6;
    double g[2][2][2];
    printed(g[0][0], 2, out, "dL/dW_h = x^T Delta_h, row 1");
    printed(g[0][1], 2, strstr(out, "dL/dW_h"), "row 2");
    printed(g[1][0], 2, out, "dL/dW_o = a^T Delta_o, row 1");
    printed(g[1][1], 2, strstr(out, "dL/dW_o"), "row 2");
    for (int layer = 0; layer < 2; layer++)
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++) {
                double wh[2][2], wo[2][2];
                memcpy(wh, WH, sizeof wh);
                memcpy(wo, WO, sizeof wo);
                double *w = layer == 0 ? &wh[i][j] : &wo[i][j];
                *w += h;
                double up = loss(wh, wo, a, p);
                *w -= 2 * h;
                double down = loss(wh, wo, a, p);
                double fd = (up - down) / (2 * h);
                ck_assert_msg(fabs(g[layer][i][j] - fd) <= PRINTED,
                              "layer %d weight (%d, %d): printed %.5f, "
                              "difference quotient %.7f", layer, i, j,
                              g[layer][i][j], fd);
                ck_assert(fabs(fd) > 1e-3); /* not trivially 0 */
            }
    chapter_done(out, dir);
}
END_TEST

/* The network that learns does learn, and the files the figures read
 * have the rows they should. */
START_TEST(learns_and_writes_its_files)
{
    char dir[512], buf[128];
    char *out = run_chapter(dir, sizeof dir, "teach --epochs 5");
    double before = atof(summary_value(buf, sizeof buf, out,
                                       "accuracy_test_before"));
    double after = atof(summary_value(buf, sizeof buf, out, "accuracy_test"));
    ck_assert_msg(before < 0.3 && after > 0.8,
                  "accuracy %.3f before, %.3f after 5 epochs", before, after);
    int wrong = atoi(summary_value(buf, sizeof buf, out, "wrong"));
    int test = atoi(summary_value(buf, sizeof buf, out, "test"));
    int train = atoi(summary_value(buf, sizeof buf, out, "train"));
    ck_assert_int_eq(wrong, (int)lround((1 - after) * test));
    ck_assert_int_eq(count_lines(dir, "epochs.tsv"), 1 + 6);
    ck_assert_int_eq(count_lines(dir, "softmax.tsv"), 1 + 10);
    ck_assert_int_eq(count_lines(dir, "wrong.tsv"), 1 + 64 * wrong);
    ck_assert_int_eq(count_lines(dir, "split.tsv"), 1 + train + test);
    chapter_done(out, dir);
}
END_TEST

/* schedule.tsv: the final recipe's rate in each epoch falls from its eta
 * along half a cosine: eta in epoch 1, eta / 2 at mid-run, never rising,
 * and every epoch's last step below its first. */
START_TEST(writes_the_final_schedule)
{
    char dir[512], buf[128], path[600];
    char *out = run_chapter(dir, sizeof dir, "teach --epochs 1");
    double eta = atof(summary_value(buf, sizeof buf, out, "final_eta"));
    int E = atoi(summary_value(buf, sizeof buf, out, "final_epochs"));
    ck_assert(eta > 0 && E >= 2 && E % 2 == 0);
    ck_assert_int_eq(count_lines(dir, "schedule.tsv"), 1 + E);
    snprintf(path, sizeof path, "%s/schedule.tsv", dir);
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    ck_assert(fgets(buf, sizeof buf, f) != NULL); /* the header */
    double prev = INFINITY;
    for (int e = 1; e <= E; e++) {
        int got;
        double first, last;
        ck_assert_int_eq(fscanf(f, "%d %lf %lf", &got, &first, &last), 3);
        ck_assert_int_eq(got, e);
        ck_assert(last < first && first <= prev && last > 0);
        if (e == 1)
            ck_assert_double_eq_tol(first, eta, 1e-15);
        if (e == E / 2 + 1)
            ck_assert_double_eq_tol(first, eta / 2, 1e-12);
        prev = last;
    }
    fclose(f);
    chapter_done(out, dir);
}
END_TEST

START_TEST(refuses_a_bad_option)
{
    char *out;
    ck_assert_int_eq(run_program(&out, "teach --epochs 0 --out /nonexistent"),
                     2);
    ck_assert_ptr_nonnull(strstr(out, "--epochs"));
    free(out);
}
END_TEST

Suite *suite_teach(void)
{
    Suite *s = suite_create("teach");
    TCase *tc = tcase_create("teach");
    tcase_add_test(tc, worked_example_follows_the_chain_rule);
    tcase_add_test(tc, learns_and_writes_its_files);
    tcase_add_test(tc, writes_the_final_schedule);
    tcase_add_test(tc, refuses_a_bad_option);
    suite_add_tcase(s, tc);
    return s;
}
