/* check_kernels.c - the speed appendix's matrix products (bench/kernels.h).
 *
 * The appendix says that the textbook loop, the i-p-j loop and the blocked
 * loop add each element's products in the same order as mat_matmul_ref,
 * so they agree with it bit for bit; and that the tuned kernel computes
 * each element as one chain of fused multiply-adds, p = 0, 1, ..., k - 1,
 * from 0, whatever the SIMD width it runs with.  Both claims are checked
 * bit for bit (memcmp, so that -0 and +0 differ), on shapes that cross
 * the blocked loop's 64 x 64 tiles and the tuned kernel's panels (56, 12
 * or 6 columns, 64 rows of op(B)) and register blocks, in all four
 * layouts.
 * Every version of the tuned kernel that the processor runs is checked
 * (x86-64-v4 with eight lanes, x86-64-v3 with four, the baseline with
 * two; under valgrind, which has no AVX-512, the last two).
 */
#include <check.h>
#include <math.h>
#include <string.h>

#include "kernels.h"
#include "mat.h"
#include "support.h"

static const int squares[] = {1, 2, 7, 63, 64, 65, 130};

START_TEST(loops_agree_with_the_reference_bit_for_bit)
{
    int n = squares[_i];
    Matrix A, B, C, R;
    ck_assert_int_eq(mat_init(&A, n, n), 0);
    ck_assert_int_eq(mat_init(&B, n, n), 0);
    ck_assert_int_eq(mat_init(&C, n, n), 0);
    ck_assert_int_eq(mat_init(&R, n, n), 0);
    fill_gauss(&A, 21);
    fill_gauss(&B, 22);
    mat_matmul_ref(&R, &A, false, &B, false, false);
    void (*kern[])(double *, const double *, const double *, int) = {
        kern_naive, kern_ipj, kern_blocked};
    for (int k = 0; k < 3; k++) {
        for (int i = 0; i < n * n; i++)
            C.data[i] = NAN; /* what C held must not matter */
        kern[k](C.data, A.data, B.data, n);
        ck_assert_msg(memcmp(C.data, R.data, (size_t)n * n * sizeof *C.data)
                          == 0,
                      "kernel %d, n = %d", k, n);
    }
    mat_free(&A);
    mat_free(&B);
    mat_free(&C);
    mat_free(&R);
}
END_TEST

/* m, k, n: one element; fewer columns than a vector; for eight lanes,
 * every panel width from 1 to 7 vectors with a partial last vector, and
 * 57 and 120 columns (two and three panels of 56); for four and two
 * lanes, panels of 12 and 6 columns, full and partial, several to a row;
 * k of 0, 64 (one panel of rows) and 65, 130 (two and three); m not a
 * multiple of the register blocks (8, 6, 5, 4, 3 rows), and 19 rows of
 * one full vector; and the tutorial's products. */
static const int shapes[][3] = {
    {1, 1, 1},      {3, 5, 7},      {9, 3, 13},     {17, 11, 20},
    {11, 9, 31},    {13, 70, 38},   {10, 4, 47},    {7, 12, 55},
    {5, 8, 57},     {4, 130, 120},  {6, 0, 9},      {25, 64, 56},
    {19, 65, 50},   {19, 70, 8},    {100, 64, 50},  {100, 50, 10},
    {50, 100, 10},  {100, 10, 50},  {64, 100, 50}};

#define GUARD 8 /* NaNs after C, which no kernel may overwrite */

/* C = op(A) op(B) by version v of the tuned kernel, into C, whose NaNs it
 * must all replace. */
static void run_tuned(int v, Matrix *C, const Matrix *A, bool ta,
                      const Matrix *B, bool tb)
{
    for (int i = 0; i < C->rows * C->cols + GUARD; i++)
        C->data[i] = NAN;
    kern_tuned_version_mat(v, C, A, ta, B, tb);
    for (int i = 0; i < GUARD; i++)
        ck_assert_msg(isnan(C->data[C->rows * C->cols + i]),
                      "wrote past C (%d, %d)", C->rows, C->cols);
}

START_TEST(tuned_is_one_fma_chain_per_element)
{
    int m = shapes[_i][0], k = shapes[_i][1], n = shapes[_i][2];
    for (int t = 0; t < 4 * kern_tuned_versions(); t++) {
        bool ta = t & 1, tb = t & 2;
        int v = t / 4;
        Matrix A, B, C;
        ck_assert_int_eq(mat_init(&A, ta ? k : m, ta ? m : k), 0);
        ck_assert_int_eq(mat_init(&B, tb ? n : k, tb ? k : n), 0);
        ck_assert_int_eq(mat_init(&C, m * n + GUARD, 1), 0);
        C.rows = m;
        C.cols = n;
        fill_gauss(&A, 31);
        fill_gauss(&B, 32);
        /* Zeros of both signs, as in the digits' blank pixels: row 0 of
         * op(A) is +0, every third element of B is -0, so some chains
         * must end in +0 (and starting a chain from -0 would show). */
        for (int p = 0; p < k; p++)
            A.data[ta ? (long)p * A.cols : p] = 0.0;
        for (int i = 0; i < B.rows * B.cols; i += 3)
            B.data[i] = -0.0;
        run_tuned(v, &C, &A, ta, &B, tb);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                double s = 0.0;
                for (int p = 0; p < k; p++)
                    s = fma(op_at(&A, ta, i, p), op_at(&B, tb, p, j), s);
                double got = mat_at(&C, i, j);
                ck_assert_msg(memcmp(&got, &s, sizeof s) == 0,
                              "%dx%dx%d ta=%d tb=%d %s: (%d,%d) "
                              "%.17g, expected %.17g",
                              m, k, n, ta, tb, kern_tuned_version_name(v),
                              i, j, got, s);
            }
        mat_free(&A);
        mat_free(&B);
        mat_free(&C);
    }
}
END_TEST

Suite *suite_kernels(void)
{
    Suite *s = suite_create("kernels");
    TCase *tc = tcase_create("kernels");
    tcase_add_loop_test(tc, loops_agree_with_the_reference_bit_for_bit, 0,
                        (int)(sizeof squares / sizeof squares[0]));
    tcase_add_loop_test(tc, tuned_is_one_fma_chain_per_element, 0,
                        (int)(sizeof shapes / sizeof shapes[0]));
    suite_add_tcase(s, tc);
    return s;
}
