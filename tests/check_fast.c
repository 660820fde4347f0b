/* check_fast.c - the default build's fast code (lib/fast/) against the
 * plain code the book teaches (lib/), on the same work.
 *
 * A FAST=1 build holds both: lib/fast/'s versions under the public names,
 * and lib/'s plain ones renamed plain_* (mk/fast.mk compiles them again
 * for this runner); a FAST=0 build has no fast code and leaves this suite
 * out.  The two must give the same bits everywhere but in two places:
 *   - the sigmoid and the softmax, whose exponential is exp_lanes
 *     (lib/fast/exp_lanes.c), within 1 ulp of the C library's exp(): the
 *     sigmoid within TOL_SIGMOID_ULP (3) ulp of the plain one, each
 *     softmax probability within TOL_SOFTMAX_ULP (4) ulp and lse within
 *     2, except where an exponent is below -708 (exp_lanes gives 0
 *     there, exp() a number under 3e-308: both below 1e-300);
 *   - the matrix product through the BLAS, another summation order,
 *     which check_blas.c holds to its stated bound against
 *     mat_matmul_ref, the triple loop;
 *   - the sum of squares of 65536 values or more, summed in pieces and
 *     lanes (lib/fast/loss_lanes.c), within a bound of the plain sum.
 * Also here: exp_lanes itself, and the SIMD versions against the same
 * formula compiled for the baseline processor, bit for bit. */
#include <check.h>
#include <float.h>
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "act.h"
#include "backprop.h"
#include "fast/exp_lanes.h"
#include "loss.h"
#include "mat.h"
#include "net.h"
#include "optim.h"
#include "rng.h"
#include "support.h"

/* The bounds, from exp_lanes being within 1 ulp of exp(): a relative
 * difference below 2^-52.  The sigmoid 1 / (1 + e) keeps that relative
 * size, which is up to 2 ulp of a result low in its binade, plus one
 * rounding of the sum and the division: 3 ulp (measured: 3, at z = -37.06,
 * on 200001 points from -700 to 700).  A probability e_k / sum has e_k's
 * difference and the sum's, a weighted mean of its terms': 4 ulp
 * (measured: 2). */
#define TOL_SIGMOID_ULP 3.0
#define TOL_SOFTMAX_ULP 4.0

/* lib/'s plain versions, renamed (mk/fast.mk, TWINS_*). */
void plain_act_forward(Matrix *Z, Activation f);
void plain_act_backward(Matrix *dA, const Matrix *A, Activation f);
void plain_act_softmax(Matrix *Z, double *lse);
void plain_net_output_delta(Matrix *dZo, const Matrix *P,
                            const int *labels, double scale);
void plain_net_add_l2(Net *grad, const Net *net, double lambda);
void plain_net_grad_mean(Net *grad, double n);
double plain_loss_sum_squares(const double *w, long n);
void plain_optim_sgd(Net *net, const Net *grad, double eta);
void plain_optim_adam(Net *net, const Net *grad, Adam *a);
void plain_rng_permutation(Rng *r, int *out, int n);
void plain_rng_skip_permutation(Rng *r, int n);
void plain_mat_add_row(Matrix *m, const double *v);
void plain_mat_col_sums(double *out, const Matrix *m);
void plain_mat_gather_rows(Matrix *dst, const Matrix *src, const int *idx,
                           int n);

static int same_bits(const double *a, const double *b, long n)
{
    return memcmp(a, b, (size_t)n * sizeof *a) == 0;
}

/* n values with a spread of signs and sizes, some far out. */
static void fill(double *x, long n, double scale, int salt)
{
    for (long i = 0; i < n; i++)
        x[i] = scale * sin(0.37 * i + salt) * cos(1.3 * i);
}

/* ---- act_exp ------------------------------------------------------------ */

/* |got - want| in units of want's last place. */
static double ulps(double got, double want)
{
    return fabs(got - want) / (nextafter(want, INFINITY) - want);
}

/* act_exp is within 1 ulp of exp() over its whole finite range: a million
 * evenly spaced points from -708 to 709, moved off the grid by an odd
 * step, and another million in [-1, 1], where most of the tutorial's
 * arguments lie.  Taking one term off exp_lanes.c's polynomial puts the error
 * near 2^-50, hundreds of ulp. */
START_TEST(exp_within_one_ulp_of_libm)
{
    const int n = 1000000;
    double worst = 0.0, worst_x = 0.0;
    for (int i = 0; i < 2 * n; i++) {
        double x = i < n ? -708.0 + 1417.0 * (i + 0.31830988618) / n
                         : -1.0 + 2.0 * (i - n + 0.5) / n;
        double e = ulps(act_exp(x), exp(x));
        if (e > worst)
            worst = e, worst_x = x;
    }
    ck_assert_msg(worst <= 1.0, "act_exp(%.17g) is %.3g ulp from exp()",
                  worst_x, worst);
}
END_TEST

/* The ends: exact where exp() is exact, 0 below -708, +inf above the
 * range, NaN kept. */
START_TEST(exp_edges)
{
    ck_assert(act_exp(0.0) == 1.0);
    ck_assert(act_exp(-708.5) == 0.0 && act_exp(-1e300) == 0.0);
    ck_assert(act_exp(-INFINITY) == 0.0);
    ck_assert(act_exp(709.5) == INFINITY && act_exp(INFINITY) == INFINITY);
    ck_assert(isnan(act_exp(NAN)));
    ck_assert(act_exp(-708.0) > 0.0 && act_exp(709.0) < INFINITY);
    /* k = round(x / ln 2) reaches 1024 at 1023.5 ln 2 = 709.4361. */
    ck_assert(act_exp(709.436) < INFINITY && act_exp(709.437) == INFINITY);
    ck_assert(act_exp(-0.0) == 1.0);
}
END_TEST


/* act_forward's sigmoid runs in SIMD versions (lib/fast/lanes.h);
 * act_exp, the same exponential, is compiled for the baseline processor.
 * The sigmoid must equal 1 / (1 + act_exp(-z)) bit for bit: on ordinary numbers, at
 * the ends of exp's range, and on infinities, zeros and NaNs of both
 * signs (which NaN comes out depends on the order of the operands). */
START_TEST(sigmoid_lanes_equal_the_baseline_bit_for_bit)
{
    enum { N = 2000 };
    static double z[N], keep[N];
    const double special[] = {NAN, -NAN, INFINITY, -INFINITY, 0.0, -0.0,
                              708.0, -708.0, 709.437, -709.437, 745.2,
                              -745.2, 1e-300, -1e-300, 0x1p-1074};
    int n_special = (int)(sizeof special / sizeof special[0]);
    for (int i = 0; i < N; i++)
        keep[i] = z[i] = i < n_special ? special[i]
                                       : 37.0 * sin(0.37 * i) * cos(i);
    Matrix Z = mat_view(z, 1, N);
    act_forward(&Z, ACT_SIGMOID);
    for (int i = 0; i < N; i++) {
        double want = 1.0 / (1.0 + act_exp(-keep[i]));
        ck_assert_msg(!memcmp(&z[i], &want, sizeof want),
                      "sigmoid(%a) = %a, baseline %a", keep[i], z[i], want);
    }
}
END_TEST


/* Each row of the softmax is exactly what its definition computes one
 * element at a time: e^(z_k - max) with act_exp, each divided by the
 * row's sum of them, summed left to right; lse is max + log(sum).  Rows
 * of 3, 10 and 17, so that the SIMD lanes along a row meet rows shorter
 * than a vector, a full vector and a remainder; one row holds a NaN and
 * one +inf.  act_exp is compiled for the baseline processor, act_softmax
 * in SIMD versions (lib/fast/lanes.h), so this also compares the two,
 * NaNs and their signs included (memcmp). */
START_TEST(softmax_is_its_definition_bit_for_bit)
{
    static const int widths[] = {3, 10, 17};
    for (int c = 0; c < 3; c++) {
        enum { ROWS = 7 };
        int K = widths[c];
        double z[ROWS * 17], keep[ROWS * 17], lse[ROWS];
        for (int j = 0; j < ROWS * K; j++)
            z[j] = keep[j] = 40.0 * sin(1.7 * j + c) - (j % 5 == 0) * 700.0;
        z[2 * K + 1] = keep[2 * K + 1] = NAN;
        z[4 * K] = keep[4 * K] = INFINITY;
        Matrix Z = mat_view(z, ROWS, K);
        act_softmax(&Z, lse);
        for (int i = 0; i < ROWS; i++) {
            const double *row = keep + i * K;
            double max = row[0], e[17], sum = 0.0;
            for (int k = 1; k < K; k++)
                if (row[k] > max)
                    max = row[k];
            for (int k = 0; k < K; k++) {
                e[k] = act_exp(row[k] - max);
                sum += e[k];
            }
            for (int k = 0; k < K; k++) {
                double want = e[k] / sum;
                ck_assert_msg(!memcmp(&z[i * K + k], &want, sizeof want),
                              "K %d, (%d, %d): %a, definition %a", K, i, k,
                              z[i * K + k], want);
            }
            double want_lse = max + log(sum);
            ck_assert(!memcmp(&lse[i], &want_lse, sizeof want_lse));
        }
    }
}
END_TEST


/* ---- plain against fast, the same work ---------------------------------- */

/* The sigmoid within TOL_SIGMOID_ULP ulp of the plain one, from -700 to
 * 700 (where both are numbers); tanh and relu the same bits. */
START_TEST(activations_forward)
{
    enum { N = 200001 };
    static double fast[N], plain[N];
    for (int f = 0; f < 3; f++) {
        for (int i = 0; i < N; i++) /* off the grid of whole numbers */
            fast[i] = plain[i] = -700.0 + 1400.0 * i / (N - 1) + 0.0123;
        Matrix F = mat_view(fast, 1, N), P = mat_view(plain, 1, N);
        act_forward(&F, (Activation)f);
        plain_act_forward(&P, (Activation)f);
        if (f != ACT_SIGMOID) {
            ck_assert(same_bits(fast, plain, N));
            continue;
        }
        double worst = 0.0;
        int at = 0;
        for (int i = 0; i < N; i++)
            if (ulps(fast[i], plain[i]) > worst)
                worst = ulps(fast[i], plain[i]), at = i;
        ck_assert_msg(worst <= TOL_SIGMOID_ULP, "sigmoid(%.17g): %.3g ulp",
                      -700.0 + 1400.0 * at / (N - 1) + 0.0123, worst);
    }
}
END_TEST

/* The derivatives: the same bits, for all three activations. */
START_TEST(activations_backward)
{
    enum { N = 1003 };
    static double a[N], fast[N], plain[N];
    for (int f = 0; f < 3; f++) {
        fill(a, N, f == ACT_RELU ? 3.0 : 0.999, f);
        fill(fast, N, 2.5, f + 7);
        memcpy(plain, fast, sizeof fast);
        Matrix A = mat_view(a, 1, N), F = mat_view(fast, 1, N),
               P = mat_view(plain, 1, N);
        act_backward(&F, &A, (Activation)f);
        plain_act_backward(&P, &A, (Activation)f);
        ck_assert(same_bits(fast, plain, N));
    }
}
END_TEST

/* The softmax on the tutorial's shape, (1437, 10), logits up to +-60 and
 * some 700 below the rest: within TOL_SOFTMAX_ULP ulp (both under 1e-300
 * where e^x is below -708), lse within 2 ulp. */
START_TEST(softmax)
{
    enum { N = 1437, K = 10 };
    static double fast[N * K], plain[N * K], lse_f[N], lse_p[N];
    fill(fast, N * K, 60.0, 3);
    for (long j = 0; j < N * K; j += 7)
        fast[j] -= 700.0;
    memcpy(plain, fast, sizeof fast);
    Matrix F = mat_view(fast, N, K), P = mat_view(plain, N, K);
    act_softmax(&F, lse_f);
    plain_act_softmax(&P, lse_p);
    double worst = 0.0;
    for (long j = 0; j < N * K; j++) {
        if (fast[j] < 1e-300 && plain[j] < 1e-300)
            continue;
        double u = ulps(fast[j], plain[j]);
        worst = u > worst ? u : worst;
    }
    ck_assert_msg(worst <= TOL_SOFTMAX_ULP, "softmax: %.3g ulp", worst);
    for (int i = 0; i < N; i++)
        ck_assert_msg(ulps(lse_f[i], lse_p[i]) <= 2.0, "lse %d: %a, %a", i,
                      lse_f[i], lse_p[i]);
}
END_TEST

/* s (P - Y): the same bits. */
START_TEST(output_delta)
{
    enum { N = 101, K = 10 };
    static double p[N * K], fast[N * K], plain[N * K];
    int labels[N];
    fill(p, N * K, 1.0, 5);
    for (int i = 0; i < N; i++)
        labels[i] = (i * 7) % K;
    Matrix P = mat_view(p, N, K), F = mat_view(fast, N, K),
           Q = mat_view(plain, N, K);
    net_output_delta(&F, &P, labels, 1.0 / 3.0);
    plain_net_output_delta(&Q, &P, labels, 1.0 / 3.0);
    ck_assert(same_bits(fast, plain, N * K));
}
END_TEST

/* Bias, column sums and row gathering: the same bits. */
START_TEST(matrix_loops)
{
    enum { R = 37, C = 13, G = 20 };
    static double m[R * C], fast[R * C], plain[R * C], v[C], sf[C], sp[C];
    int idx[G];
    fill(m, R * C, 5.0, 1);
    fill(v, C, 3.0, 2);
    for (int i = 0; i < G; i++)
        idx[i] = (i * 11) % R;
    memcpy(fast, m, sizeof m);
    memcpy(plain, m, sizeof m);
    Matrix F = mat_view(fast, R, C), P = mat_view(plain, R, C);
    mat_add_row(&F, v);
    plain_mat_add_row(&P, v);
    ck_assert(same_bits(fast, plain, R * C));
    mat_col_sums(sf, &F);
    plain_mat_col_sums(sp, &P);
    ck_assert(same_bits(sf, sp, C));
    Matrix M = mat_view(m, R, C);
    mat_gather_rows(&F, &M, idx, G);
    plain_mat_gather_rows(&P, &M, idx, G);
    ck_assert(same_bits(fast, plain, R * C));
}
END_TEST

/* The L2 term, an SGD step and three Adam steps on a 64-50-10 network:
 * the same bits. */
START_TEST(updates)
{
    Net net, fast, plain, grad, grad2;
    Adam af, ap;
    ck_assert_int_eq(net_init(&net, 64, 50, 10, ACT_SIGMOID), 0);
    ck_assert_int_eq(net_init(&fast, 64, 50, 10, ACT_SIGMOID), 0);
    ck_assert_int_eq(net_init(&plain, 64, 50, 10, ACT_SIGMOID), 0);
    ck_assert_int_eq(net_init(&grad, 64, 50, 10, ACT_SIGMOID), 0);
    ck_assert_int_eq(net_init(&grad2, 64, 50, 10, ACT_SIGMOID), 0);
    ck_assert_int_eq(adam_init(&af, net.n_params, 1e-3, 0.9, 0.999, 1e-8), 0);
    ck_assert_int_eq(adam_init(&ap, net.n_params, 1e-3, 0.9, 0.999, 1e-8), 0);
    fill(net.params, (long)net.n_params, 0.3, 4);
    fill(grad.params, (long)grad.n_params, 0.05, 9);
    net_copy(&grad2, &grad);
    net_add_l2(&grad, &net, 1e-3);
    plain_net_add_l2(&grad2, &net, 1e-3);
    ck_assert(same_bits(grad.params, grad2.params, (long)net.n_params));
    net_grad_mean(&grad, 7.0);
    plain_net_grad_mean(&grad2, 7.0);
    ck_assert(same_bits(grad.params, grad2.params, (long)net.n_params));
    net_copy(&fast, &net);
    net_copy(&plain, &net);
    optim_sgd(&fast, &grad, 0.1);
    plain_optim_sgd(&plain, &grad, 0.1);
    ck_assert(same_bits(fast.params, plain.params, (long)net.n_params));
    for (int t = 0; t < 3; t++) {
        optim_adam(&fast, &grad, &af);
        plain_optim_adam(&plain, &grad, &ap);
    }
    ck_assert(same_bits(fast.params, plain.params, (long)net.n_params));
    ck_assert(same_bits(af.v, ap.v, (long)net.n_params));
    adam_free(&af);
    adam_free(&ap);
    net_free(&net);
    net_free(&fast);
    net_free(&plain);
    net_free(&grad);
    net_free(&grad2);
}
END_TEST

/* A gather of 200 rows of 784 (a chapter 9 minibatch), which threads
 * share out: the plain copy's bytes on one thread and on two. */
START_TEST(large_gather_on_threads)
{
    enum { ROWS = 1000, D = 784, G = 200 };
    Matrix M, F, P;
    int idx[G], threads = omp_get_max_threads(); /* put back at the end */
    ck_assert(mat_init(&M, ROWS, D) == 0 && mat_init(&F, G, D) == 0 &&
              mat_init(&P, G, D) == 0);
    fill(M.data, (long)ROWS * D, 1.0, 3);
    for (int i = 0; i < G; i++)
        idx[i] = (i * 379 + 11) % ROWS;
    plain_mat_gather_rows(&P, &M, idx, G);
    for (int t = 1; t <= 2; t++) {
        omp_set_num_threads(t);
        memset(F.data, 0, (size_t)G * D * sizeof *F.data);
        mat_gather_rows(&F, &M, idx, G);
        ck_assert_msg(same_bits(F.data, P.data, (long)G * D),
                      "gather on %d thread(s) differs from the plain copy",
                      t);
    }
    omp_set_num_threads(threads);
    mat_free(&M), mat_free(&F), mat_free(&P);
}
END_TEST

/* The same on a 784-100-10 network, whose 79,510 parameters are updated
 * in pieces shared out among threads, on one thread and on two: the same
 * bits as the plain loops.  Its sum of squares (78,400 first-layer
 * weights) is summed in pieces and lanes: the same bits on one thread and
 * on two, and within 64 ulp of the plain sum of positive terms (each of
 * the two sums is within n ulp of the exact one in the worst case, far
 * less in practice; measured: 11 ulp apart, the pieces' sum 0.8 ulp from
 * the exact one and the plain loop's 10); below 65,536 values, the plain
 * bits. */
START_TEST(large_updates_on_threads)
{
    Net net, fast, plain, grad, grad2;
    Adam af, ap;
    int threads = omp_get_max_threads(); /* put back at the end */
    ck_assert_int_eq(net_init(&net, 784, 100, 10, ACT_RELU), 0);
    ck_assert_int_eq(net_init(&plain, 784, 100, 10, ACT_RELU), 0);
    ck_assert_int_eq(net_init(&grad, 784, 100, 10, ACT_RELU), 0);
    ck_assert_int_eq(net_init(&grad2, 784, 100, 10, ACT_RELU), 0);
    ck_assert_int_eq(adam_init(&ap, net.n_params, 1e-3, 0.9, 0.999, 1e-8), 0);
    fill(net.params, (long)net.n_params, 0.3, 5);
    fill(grad.params, (long)grad.n_params, 0.05, 8);
    long nw = (long)net.D * net.H;
    double sums[2];
    net_copy(&grad2, &grad);
    net_copy(&plain, &net);
    plain_net_add_l2(&grad2, &net, 1e-3);
    plain_net_grad_mean(&grad2, 100.0);
    for (int t = 0; t < 3; t++)
        plain_optim_adam(&plain, &grad2, &ap);
    for (int th = 1; th <= 2; th++) {
        omp_set_num_threads(th);
        ck_assert_int_eq(net_init(&fast, 784, 100, 10, ACT_RELU), 0);
        ck_assert_int_eq(adam_init(&af, net.n_params, 1e-3, 0.9, 0.999,
                                   1e-8), 0);
        Net g;
        ck_assert_int_eq(net_init(&g, 784, 100, 10, ACT_RELU), 0);
        net_copy(&g, &grad);
        net_copy(&fast, &net);
        net_add_l2(&g, &net, 1e-3);
        net_grad_mean(&g, 100.0);
        ck_assert_msg(same_bits(g.params, grad2.params, (long)g.n_params),
                      "L2 and mean on %d thread(s) differ from the plain "
                      "loops", th);
        for (int t = 0; t < 3; t++)
            optim_adam(&fast, &g, &af);
        ck_assert_msg(same_bits(fast.params, plain.params,
                                (long)net.n_params),
                      "Adam on %d thread(s) differs from the plain loop", th);
        sums[th - 1] = loss_sum_squares(net.Wh.data, nw);
        adam_free(&af);
        net_free(&fast);
        net_free(&g);
    }
    omp_set_num_threads(threads);
    double want = plain_loss_sum_squares(net.Wh.data, nw);
    ck_assert_msg(sums[0] == sums[1], "sum of squares: %.17g on one thread, "
                  "%.17g on two", sums[0], sums[1]);
    ck_assert_msg(fabs(sums[0] - want) <= 64 * DBL_EPSILON * want,
                  "sum of squares %.17g, plain %.17g", sums[0], want);
    ck_assert(want > 1.0);
    ck_assert(loss_sum_squares(net.Wh.data, 65535) ==
              plain_loss_sum_squares(net.Wh.data, 65535));
    adam_free(&ap);
    net_free(&net);
    net_free(&plain);
    net_free(&grad);
    net_free(&grad2);
}
END_TEST

/* Permutations of n = 0, 1, 2, 5, 623..625 (around the state's size),
 * 1437 and 5000 (several twists), one after another from one stream,
 * and a skipped one between: the same permutations, and the same stream
 * afterwards (the next draw, and the whole state). */
START_TEST(permutations)
{
    static const int sizes[] = {0, 1, 2, 5, 623, 624, 625, 1437, 5000};
    static int fast[5000], plain[5000];
    Rng rf, rp;
    rng_seed(&rf, 7);
    rng_seed(&rp, 7);
    (void)rng_next32(&rf); /* start mid-state */
    (void)rng_next32(&rp);
    for (size_t c = 0; c < sizeof sizes / sizeof sizes[0]; c++) {
        int n = sizes[c];
        rng_permutation(&rf, fast, n);
        plain_rng_permutation(&rp, plain, n);
        ck_assert_msg(!memcmp(fast, plain, (size_t)n * sizeof *fast),
                      "permutation of %d", n);
        rng_skip_permutation(&rf, n + 3);
        plain_rng_skip_permutation(&rp, n + 3);
        ck_assert_int_eq(rf.pos, rp.pos);
        ck_assert(!memcmp(rf.key, rp.key, sizeof rf.key));
    }
    ck_assert_uint_eq(rng_next32(&rf), rng_next32(&rp));
}
END_TEST

Suite *suite_fast(void)
{
    Suite *s = suite_create("fast");
    TCase *tc = tcase_create("fast");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, exp_within_one_ulp_of_libm);
    tcase_add_test(tc, exp_edges);
    tcase_add_test(tc, sigmoid_lanes_equal_the_baseline_bit_for_bit);
    tcase_add_test(tc, softmax_is_its_definition_bit_for_bit);
    tcase_add_test(tc, activations_forward);
    tcase_add_test(tc, activations_backward);
    tcase_add_test(tc, softmax);
    tcase_add_test(tc, output_delta);
    tcase_add_test(tc, matrix_loops);
    tcase_add_test(tc, updates);
    tcase_add_test(tc, large_updates_on_threads);
    tcase_add_test(tc, large_gather_on_threads);
    tcase_add_test(tc, permutations);
    suite_add_tcase(s, tc);
    return s;
}
