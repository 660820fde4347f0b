/* check_exmatmul.c - the extra exercise of appendix "Matrix
 * multiplication": matmul, the triple loop of mat_matmul_ref.
 *
 * Learner mode (learn/README.md): small products worked by hand (plain,
 * transposed, accumulated), then a larger one against a sum written out
 * here.  The diagnoses work out the catalogued mistakes (learn/mistakes/).
 */
#include <check.h>
#include <math.h>
#include <string.h>

#include "learn.h"
#include "mat.h"
#include "support.h"

static const Exercise matmul = {"matmul", "lib/mat.c, mat_matmul_ref",
                                "appendix \"Matrix multiplication\""};

/* A (2, 3) and B (3, 2); At and Bt hold the same matrices transposed, so
 * op(At) = A when trans_a is set. */
static const double mm_a[] = {1, 2, 3, 4, 5, 6};
static const double mm_at[] = {1, 4, 2, 5, 3, 6};
static const double mm_b[] = {7, 8, 9, 10, 11, 12};
static const double mm_bt[] = {7, 9, 11, 8, 10, 12};
/* A B = [[1*7 + 2*9 + 3*11, 1*8 + 2*10 + 3*12], [4*7 + 5*9 + 6*11, ...]] */
static const double mm_ab[] = {58, 64, 139, 154};

enum { M_NO_ACC, M_NO_ZERO, M_NO_TRANS_A, M_SHORT_K };
static int mm_case; /* 0 plain, 1 trans_a, 2 trans_b, 3 accumulate */

/* What each mistake gives on case mm_case, C starting as 7s. */
static void mistaken(double *c, int mistake)
{
    for (int i = 0; i < 4; i++) {
        int r = i / 2, j = i % 2;
        double s = 0.0;
        int k = mistake == M_SHORT_K ? 2 : 3;
        for (int p = 0; p < k; p++) {
            double a = mm_case == 1 && mistake == M_NO_TRANS_A
                           ? mm_at[r * 3 + p] /* At read as if it were A */
                           : mm_a[r * 3 + p];
            s += a * mm_b[p * 2 + j];
        }
        int keep = (mistake == M_NO_ZERO) || (mm_case == 3 &&
                                              mistake != M_NO_ACC);
        c[i] = (keep ? 7.0 : 0.0) + s;
    }
}

static const char *matmul_diagnose(const double *got, const double *want,
                                   int rows, int cols)
{
    (void)want;
    if (rows * cols != 4)
        return NULL;
    static const struct {
        int mistake;
        const char *hint;
    } known[] = {
        {M_NO_ACC, "C's old values were dropped although accumulate is "
                   "set: C = C + op(A) op(B)"},
        {M_NO_ZERO, "C's old values were kept (7 here): without "
                    "accumulate, each sum starts from 0"},
        {M_NO_TRANS_A, "trans_a was ignored: element (i, p) of op(A) is "
                       "A[p][i] when it is set"},
        {M_SHORT_K, "the sums run over too few terms: the inner length is "
                    "op(A)'s columns, op(B)'s rows"},
    };
    for (size_t m = 0; m < sizeof known / sizeof known[0]; m++) {
        double alt[4];
        mistaken(alt, known[m].mistake);
        if (ex_all_near(got, alt, 4))
            return known[m].hint;
    }
    return NULL;
}

START_TEST(matmul_small)
{
    static const struct {
        const double *a, *b;
        int a_rows, a_cols, b_rows, b_cols;
        bool ta, tb, acc;
        const char *input;
    } cases[] = {
        {mm_a, mm_b, 2, 3, 3, 2, false, false, false,
         "A (2, 3) = [[1, 2, 3], [4, 5, 6]], B (3, 2) = [[7, 8], [9, 10], "
         "[11, 12]], C filled with 7s"},
        {mm_at, mm_b, 3, 2, 3, 2, true, false, false,
         "A (3, 2) = [[1, 4], [2, 5], [3, 6]] with trans_a, B as above, C "
         "filled with 7s"},
        {mm_a, mm_bt, 2, 3, 2, 3, false, true, false,
         "A as above, B (2, 3) = [[7, 9, 11], [8, 10, 12]] with trans_b, C "
         "filled with 7s"},
        {mm_a, mm_b, 2, 3, 3, 2, false, false, true,
         "A, B as in the first case, C filled with 7s, accumulate"},
    };
    for (int t = 0; t < 4; t++) {
        double c[4] = {7, 7, 7, 7}, want[4];
        Matrix A = {cases[t].a_rows, cases[t].a_cols, (double *)cases[t].a};
        Matrix B = {cases[t].b_rows, cases[t].b_cols, (double *)cases[t].b};
        Matrix C = {2, 2, c};
        mat_matmul_ref(&C, &A, cases[t].ta, &B, cases[t].tb, cases[t].acc);
        for (int i = 0; i < 4; i++)
            want[i] = mm_ab[i] + (cases[t].acc ? 7.0 : 0.0);
        ExCase ec = {"a 2x3 by 3x2 product worked by hand", cases[t].input,
                     "C"};
        mm_case = t;
        static const double sevens[4] = {7, 7, 7, 7};
        ex_expect_changed(&matmul, &ec, sevens, c, want, 2, 2, 1e-14,
                          matmul_diagnose);
    }
}
END_TEST

START_TEST(matmul_larger)
{
    enum { M = 37, K = 29, N = 23 };
    Matrix A, B, C;
    ck_assert(mat_init(&A, K, M) == 0 && mat_init(&B, K, N) == 0 &&
              mat_init(&C, M, N) == 0);
    fill_gauss(&A, 1);
    fill_gauss(&B, 2);
    static double want[M * N];
    for (int i = 0; i < M; i++)
        for (int j = 0; j < N; j++) {
            double s = 0.0;
            for (int p = 0; p < K; p++)
                s += A.data[p * M + i] * B.data[p * N + j];
            want[i * N + j] = s;
        }
    mat_matmul_ref(&C, &A, true, &B, false, false); /* A^T B */
    static double got[M * N];
    memcpy(got, C.data, sizeof got);
    mat_free(&A);
    mat_free(&B);
    mat_free(&C);
    ExCase c = {"A^T B with Gaussian entries",
                "A (29, 37) with trans_a, B (29, 23)", "C (37, 23)"};
    ex_expect(&matmul, &c, got, want, M, N, 1e-12, NULL);
}
END_TEST

Suite *suite_exmatmul(void)
{
    const ExTests cases[] = {{"matmul", matmul_small, matmul_larger}};
    return ex_suite("exmatmul", cases, sizeof cases / sizeof cases[0]);
}
