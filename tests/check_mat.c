/* check_mat.c - the matrix product against a direct sum, every layout. */
#include <check.h>
#include <math.h>

#include "mat.h"
#include "rng.h"
#include "support.h"

static void check_product(int m, int k, int n, bool ta, bool tb)
{
    Matrix A, B, C;
    ck_assert_int_eq(mat_init(&A, ta ? k : m, ta ? m : k), 0);
    ck_assert_int_eq(mat_init(&B, tb ? n : k, tb ? k : n), 0);
    ck_assert_int_eq(mat_init(&C, m, n), 0);
    fill_gauss(&A, 1);
    fill_gauss(&B, 2);
    for (int pass = 0; pass < 2; pass++) { /* plain, then accumulate */
        mat_matmul(&C, &A, ta, &B, tb, pass == 1);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                double want = 0.0, mag = 0.0;
                for (int p = 0; p < k; p++) {
                    want += op_at(&A, ta, i, p) * op_at(&B, tb, p, j);
                    mag += fabs(op_at(&A, ta, i, p) * op_at(&B, tb, p, j));
                }
                want *= pass + 1;
                ck_assert_double_eq_tol(mat_at(&C, i, j), want,
                                        1e-13 * (mag + 1.0) * (pass + 1));
            }
    }
    mat_free(&A);
    mat_free(&B);
    mat_free(&C);
}

static const int shapes[][3] = {{1, 1, 1}, {7, 13, 5}, {100, 64, 50},
                                {3, 1, 9}, {50, 100, 10}};

START_TEST(products_in_every_layout)
{
    const int *s = shapes[_i];
    for (int t = 0; t < 4; t++)
        check_product(s[0], s[1], s[2], t & 1, t & 2);
}
END_TEST

START_TEST(helpers)
{
    Matrix m;
    ck_assert_int_eq(mat_init(&m, 2, 3), 0);
    double bias[3] = {1, 2, 3}, sums[3];
    mat_add_row(&m, bias);
    mat_add_row(&m, bias);
    mat_col_sums(sums, &m);
    ck_assert_double_eq(sums[0], 4.0);
    ck_assert_double_eq(sums[2], 12.0);
    ck_assert_int_eq(mat_row_argmax(&m, 1), 2);
    m.data[4] = 6.0; /* a tie with (1, 2): the first wins, as in numpy */
    ck_assert_int_eq(mat_row_argmax(&m, 1), 1);
    m.data[3] = NAN;
    ck_assert_int_eq(mat_row_argmax(&m, 1), 0);
    mat_free(&m);
    mat_free(&m); /* freeing twice is harmless */
    mat_free(NULL);
}
END_TEST

/* Gathering rows (2, 0, 2) of a (3, 11) matrix copies them in that order,
 * a row taken twice included, and writes nothing past them. */
START_TEST(gather_rows)
{
    double src[3 * 11], dst[4 * 11];
    for (int j = 0; j < 3 * 11; j++)
        src[j] = j + 0.5;
    for (int j = 0; j < 4 * 11; j++)
        dst[j] = -1.0;
    Matrix S = mat_view(src, 3, 11), G = mat_view(dst, 4, 11);
    int idx[3] = {2, 0, 2};
    mat_gather_rows(&G, &S, idx, 3);
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 11; j++)
            ck_assert(dst[i * 11 + j] == src[idx[i] * 11 + j]);
    for (int j = 3 * 11; j < 4 * 11; j++)
        ck_assert(dst[j] == -1.0);
}
END_TEST

Suite *suite_mat(void)
{
    Suite *s = suite_create("mat");
    TCase *tc = tcase_create("matmul");
    tcase_add_loop_test(tc, products_in_every_layout, 0,
                        (int)(sizeof shapes / sizeof shapes[0]));
    tcase_add_test(tc, helpers);
    tcase_add_test(tc, gather_rows);
    suite_add_tcase(s, tc);
    return s;
}
