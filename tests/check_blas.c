/* check_blas.c - the two matrix-product paths agree, and the sweep's
 * results do not depend on the number of OpenMP threads.
 *
 * mat_matmul is cblas_dgemm in a BLAS build (lib/fast/blas.c) and the
 * reference loop in a `make BLAS=none` or `make FAST=0` build;
 * mat_matmul_ref is always the reference loop.  (check_fast.c compares
 * the other fast code with the plain; this suite is its matrix product.)
 *
 * Tolerance.  Both compute each element of C as a sum of k products, in
 * different orders (and the BLAS with fused multiply-adds).  Any order is
 * within gamma_k * sum_p |a_ip b_pj| of the exact sum, with gamma_k about
 * k u and u = DBL_EPSILON / 2 (Higham, Accuracy and Stability of Numerical
 * Algorithms, 2nd ed., section 3.1), so the two are within about
 * k * DBL_EPSILON * sum_p |a_ip b_pj| of each other.  TOL_MATMUL allows
 * (k + 1) * DBL_EPSILON times that magnitude (+1 for the term C already
 * holds when accumulating).  Without a BLAS both are the same loop and
 * must agree bit for bit.
 */
#include <check.h>
#include <float.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <string.h>

#include "mat.h"
#include "notebook.h"
#include "rng.h"
#include "support.h"
#include "sweep.h"

#define TOL_MATMUL(k) (((k) + 1) * DBL_EPSILON)

static int blas_build(void) { return strcmp(mat_backend(), "blas") == 0; }

/* C = op(A) op(B), then C += op(A) op(B), by both paths. */
static void compare_paths(int m, int k, int n, bool ta, bool tb)
{
    Matrix A, B, C1, C2;
    ck_assert_int_eq(mat_init(&A, ta ? k : m, ta ? m : k), 0);
    ck_assert_int_eq(mat_init(&B, tb ? n : k, tb ? k : n), 0);
    ck_assert_int_eq(mat_init(&C1, m, n), 0);
    ck_assert_int_eq(mat_init(&C2, m, n), 0);
    fill_gauss(&A, 11);
    fill_gauss(&B, 12);
    for (int pass = 0; pass < 2; pass++) { /* plain, then accumulate */
        mat_matmul(&C1, &A, ta, &B, tb, pass == 1);
        mat_matmul_ref(&C2, &A, ta, &B, tb, pass == 1);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                double mag = 0.0;
                for (int p = 0; p < k; p++)
                    mag += fabs(op_at(&A, ta, i, p) * op_at(&B, tb, p, j));
                double tol = blas_build() ? TOL_MATMUL(k) * (pass + 1) * mag
                                          : TOL_EXACT;
                ck_assert_msg(fabs(mat_at(&C1, i, j) - mat_at(&C2, i, j)) <=
                                  tol,
                              "%dx%dx%d ta=%d tb=%d pass %d: (%d,%d) "
                              "%.17g vs %.17g, tolerance %.3g",
                              m, k, n, ta, tb, pass, i, j, mat_at(&C1, i, j),
                              mat_at(&C2, i, j), tol);
            }
    }
    mat_free(&A);
    mat_free(&B);
    mat_free(&C1);
    mat_free(&C2);
}

/* m, k, n: the odd shapes, the tutorial's products per step (B = 100,
 * D = 64, H = 50, K = 10), and (3, 100) (100, 50), whose B is too big for
 * the BLAS path's transposed copy (lib/fast/blas.c, SMALL_BT) while (100, 64) (64,
 * 50) fits it; then tall products, which the BLAS path cuts into slices
 * of 128 rows of A (lib/fast/blas.c, ROW_BLOCK): 300 and 257 rows make slices of
 * 128, 128 and a short one, as the full batch's 1437 rows do, once as the
 * rows of C (A B) and once as the sum's length (A^T B). */
static const int shapes[][3] = {
    {1, 1, 1},     {7, 13, 5},    {13, 7, 1},   {100, 64, 50},
    {100, 50, 10}, {50, 100, 10}, {100, 10, 50}, {64, 100, 50},
    {3, 100, 50},  {300, 64, 50}, {64, 300, 50}, {257, 3, 5},
    {5, 257, 3},   {1437, 10, 50}};

START_TEST(paths_agree_in_every_layout)
{
    const int *s = shapes[_i];
    for (int t = 0; t < 4; t++)
        compare_paths(s[0], s[1], s[2], t & 1, t & 2);
}
END_TEST

/* Without accumulate, whatever C held is ignored, even NaN: a diverged
 * network's buffers must not leak into the next product. */
START_TEST(old_contents_ignored)
{
    Matrix A, B, C;
    ck_assert_int_eq(mat_init(&A, 300, 4), 0); /* sliced as A^T B */
    ck_assert_int_eq(mat_init(&B, 300, 2), 0);
    ck_assert_int_eq(mat_init(&C, 4, 2), 0);
    fill_gauss(&A, 1);
    fill_gauss(&B, 2);
    for (int t = 0; t < 2; t++) { /* A[0:3] B[0:4], then A^T B */
        Matrix A3 = mat_view(A.data, 3, 4), B4 = mat_view(B.data, 4, 2);
        Matrix C3 = mat_view(C.data, t ? 4 : 3, 2);
        for (int i = 0; i < 8; i++)
            C.data[i] = NAN;
        if (t == 0)
            mat_matmul(&C3, &A3, false, &B4, false, false);
        else
            mat_matmul(&C3, &A, true, &B, false, false);
        for (int i = 0; i < C3.rows * 2; i++)
            ck_assert_msg(isfinite(C.data[i]), "t %d: C[%d] = %g", t, i,
                          C.data[i]);
    }
    mat_free(&A);
    mat_free(&B);
    mat_free(&C);
}
END_TEST

/* ---- the sweep with 1 and 2 threads ------------------------------------- */

#define GRID_ETA 4   /* 1e-3 ... 1: slow, learning and chaotic cells */
#define GRID_LAMBDA 2
#define GRID_CELLS (GRID_ETA * GRID_LAMBDA)

/* Runs a small sweep (2 epochs) of seed 0's notebook with `threads`
 * OpenMP threads; cells and the stream afterwards into the arguments. */
static void small_sweep(SweepCell *cells, Rng *after, const Notebook *nb,
                        int threads)
{
    double etas[GRID_ETA] = {1e-3, 1e-2, 1e-1, 1.0};
    double lambdas[GRID_LAMBDA] = {1e-5, 1e-1};
    TrainConfig cfg = train_cell7();
    cfg.max_epochs = 2;
    Error err;
    *after = nb->rng;
    omp_set_num_threads(threads);
    ck_assert_int_eq(omp_get_max_threads(), threads);
    ck_assert_msg(sweep_run(cells, etas, GRID_ETA, lambdas, GRID_LAMBDA,
                            NB_HIDDEN, &nb->train, &nb->test, after, &cfg,
                            &err) == 0,
                  "%s", err.msg);
}

START_TEST(sweep_same_with_1_and_2_threads)
{
    Notebook nb;
    Error err;
    char path[600];
    snprintf(path, sizeof path, "%s/data/digits.csv.gz", NN_REPO_DIR);
    ck_assert_msg(nb_replay(&nb, path, 0, NB_CELL7, &err) == 0, "%s",
                  err.msg);
    SweepCell one[GRID_CELLS], two[GRID_CELLS];
    Rng after1, after2;
    int saved = omp_get_max_threads();
    small_sweep(one, &after1, &nb, 1);
    small_sweep(two, &after2, &nb, 2);
    omp_set_num_threads(saved);
    for (int c = 0; c < GRID_CELLS; c++) {
        ck_assert_int_eq(one[c].status.diverged, two[c].status.diverged);
        ck_assert_int_eq(one[c].status.diverged_epoch, two[c].status.diverged_epoch);
        ck_assert_int_eq(one[c].status.diverged_step, two[c].status.diverged_step);
        if (!one[c].status.diverged) /* bit for bit */
            ck_assert_msg(one[c].accuracy == two[c].accuracy &&
                              one[c].status.cost == two[c].status.cost,
                          "cell %d: %.17g %.17g vs %.17g %.17g", c,
                          one[c].accuracy, one[c].status.cost,
                          two[c].accuracy, two[c].status.cost);
        ck_assert_int_eq(memcmp(one[c].pred, two[c].pred,
                                (size_t)nb.test.n * sizeof *one[c].pred),
                         0);
    }
    /* A network that learnt something, so the predictions compared are
     * not all the same class. */
    ck_assert_double_gt(one[GRID_LAMBDA].accuracy, 0.3);
    ck_assert_int_eq(memcmp(&after1, &after2, sizeof after1), 0);
    sweep_free(one, GRID_CELLS);
    sweep_free(two, GRID_CELLS);
    nb_free(&nb);
}
END_TEST

/* C = op(A) op(B) of every kind the training takes (A B, A^T B summed in
 * slices, A B^T), large enough to be cut into pieces, once cut along C's
 * rows (N < M) and once along its columns (N > M): the same bytes on one
 * thread and on two, each piece in its place (near the reference loop),
 * and (the not-trivial guard) not all zero. */
static void same_bits_on_two_threads(int M, int K, int N)
{
    Matrix A, At, B, Bt, C[2][3], R;
    int threads = omp_get_max_threads(); /* put back at the end */
    Rng r;
    rng_seed(&r, 9);
    ck_assert(mat_init(&A, M, K) == 0 && mat_init(&At, K, M) == 0 &&
              mat_init(&B, K, N) == 0 && mat_init(&Bt, N, K) == 0 &&
              mat_init(&R, M, N) == 0);
    rng_gauss_fill(&r, A.data, (size_t)M * K);
    rng_gauss_fill(&r, At.data, (size_t)K * M);
    rng_gauss_fill(&r, B.data, (size_t)K * N);
    rng_gauss_fill(&r, Bt.data, (size_t)N * K);
    for (int t = 0; t < 2; t++) {
        omp_set_num_threads(t + 1);
        for (int k = 0; k < 3; k++)
            ck_assert(mat_init(&C[t][k], M, N) == 0);
        mat_matmul(&C[t][0], &A, false, &B, false, false);
        mat_matmul(&C[t][1], &At, true, &B, false, false); /* sum over K */
        mat_matmul(&C[t][2], &A, false, &Bt, true, false);
    }
    omp_set_num_threads(threads);
    for (int k = 0; k < 3; k++) {
        ck_assert_msg(memcmp(C[0][k].data, C[1][k].data,
                             (size_t)M * N * sizeof(double)) == 0,
                      "%dx%dx%d: product %d differs between one thread and "
                      "two", M, K, N, k);
        mat_matmul_ref(&R, k == 1 ? &At : &A, k == 1, k == 2 ? &Bt : &B,
                       k == 2, false);
        double biggest = 0.0, off = 0.0;
        for (long i = 0; i < (long)M * N; i++) {
            if (C[0][k].data[i] > biggest)
                biggest = C[0][k].data[i];
            if (fabs(C[0][k].data[i] - R.data[i]) > off)
                off = fabs(C[0][k].data[i] - R.data[i]);
        }
        ck_assert(biggest > 1.0);
        ck_assert_msg(off < 1e-9, "%dx%dx%d: product %d is %g from the "
                      "reference loop", M, K, N, k, off);
        mat_free(&C[0][k]);
        mat_free(&C[1][k]);
    }
    mat_free(&A), mat_free(&At), mat_free(&B), mat_free(&Bt), mat_free(&R);
}

START_TEST(matmul_same_bits_on_two_threads)
{
    same_bits_on_two_threads(200, 784, 130); /* cut along C's rows */
    same_bits_on_two_threads(100, 784, 300); /* cut along its columns */
}
END_TEST

Suite *suite_blas(void)
{
    Suite *s = suite_create("blas");
    TCase *tc = tcase_create("paths");
    tcase_set_timeout(tc, 60); /* the 1437-row products under ASan or load */
    tcase_add_loop_test(tc, paths_agree_in_every_layout, 0,
                        (int)(sizeof shapes / sizeof shapes[0]));
    tcase_add_test(tc, old_contents_ignored);
    suite_add_tcase(s, tc);
    TCase *th = tcase_create("threads");
    tcase_set_timeout(th, 60);
    tcase_add_test(th, sweep_same_with_1_and_2_threads);
    tcase_add_test(th, matmul_same_bits_on_two_threads);
    suite_add_tcase(s, th);
    return s;
}
