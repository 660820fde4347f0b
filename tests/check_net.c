/* check_net.c - the network: layout, the tutorial's weights, forward. */
#include <check.h>
#include <math.h>

#include "loss.h"
#include "notebook.h"
#include "support.h"

#define DATA_FILE NN_REPO_DIR "/data/digits.csv.gz"

static const unsigned seeds[] = {0, 1, 2, 7, 42};

START_TEST(parameters_are_one_buffer)
{
    Net net;
    ck_assert_int_eq(net_init(&net, 64, 50, 10, ACT_SIGMOID), 0);
    ck_assert_uint_eq(net.n_params, (64 + 1) * 50 + (50 + 1) * 10);
    ck_assert_ptr_eq(net.Wh.data, net.params);
    ck_assert_ptr_eq(net.bh, net.params + 64 * 50);
    ck_assert_ptr_eq(net.Wo.data, net.bh + 50);
    ck_assert_ptr_eq(net.bo, net.Wo.data + 50 * 10);
    ck_assert_ptr_eq(net.bo + 10, net.params + net.n_params);
    net_free(&net);
    net_free(&net);
}
END_TEST

/* Cell 3's randn weights, all 3700 of them, bit for bit. */
START_TEST(tutorial_weights_match_numpy)
{
    unsigned seed = seeds[_i];
    Notebook nb;
    Error err;
    ck_assert_msg(nb_replay(&nb, DATA_FILE, seed, NB_CELL3, &err) == 0, "%s",
                  err.msg);
    static double want[3200];
    ck_assert_int_eq(golden(want, 3200, seed, "hidden_weights"), 3200);
    for (int i = 0; i < 3200; i++)
        ck_assert_double_eq(nb.net.Wh.data[i], want[i]);
    ck_assert_int_eq(golden(want, 500, seed, "output_weights"), 500);
    for (int i = 0; i < 500; i++)
        ck_assert_double_eq(nb.net.Wo.data[i], want[i]);
    ck_assert_double_eq(nb.net.bh[49], 0.01);
    ck_assert_double_eq(nb.net.bo[0], 0.01);
    ck_assert_int_eq(nb.rng.has_gauss, 0); /* 3700 is even: cache empty */
    nb_free(&nb);
}
END_TEST

START_TEST(forward_rows_are_distributions)
{
    Notebook nb;
    Error err;
    ck_assert(nb_replay(&nb, DATA_FILE, 0, NB_CELL3, &err) == 0);
    Work w;
    ck_assert_int_eq(work_init(&w, &nb.net, 100), 0);
    Matrix X = mat_view(nb.test.X.data, 100, 64);
    net_forward(&w, &nb.net, &X);
    ck_assert_int_eq(w.P.rows, 100);
    ck_assert_int_eq(w.P.cols, 10);
    for (int i = 0; i < 100; i++) {
        double sum = 0.0;
        for (int k = 0; k < 10; k++) {
            ck_assert(mat_at(&w.P, i, k) >= 0.0);
            sum += mat_at(&w.P, i, k);
        }
        ck_assert_double_eq_tol(sum, 1.0, 1e-14);
        for (int j = 0; j < 50; j++) /* sigmoid outputs */
            ck_assert(mat_at(&w.A, i, j) >= 0.0 && mat_at(&w.A, i, j) <= 1.0);
    }
    int pred[360];
    net_predict(pred, &nb.net, &nb.test.X, &w); /* in pieces of 100 */
    ck_assert_double_eq(loss_accuracy(pred, nb.test.labels, 360),
                        golden1(0, "accuracy_test"));
    work_free(&w);
    nb_free(&nb);
}
END_TEST

START_TEST(softmax_survives_huge_logits)
{
    /* exp(1000) overflows a double; subtracting the row maximum first
     * keeps every exponent <= 0. */
    double z[3][3] = {{1000, 0, -1000}, {-1000, -1000, -1000},
                      {1000, 1000, 999}};
    Matrix Z = mat_view(&z[0][0], 3, 3);
    double lse[3];
    act_softmax(&Z, lse);
    ck_assert_double_eq(z[0][0], 1.0);
    ck_assert_double_eq(z[0][2], 0.0);
    ck_assert_double_eq_tol(z[1][0], 1.0 / 3.0, 1e-15);
    ck_assert_double_eq_tol(lse[0], 1000.0, 1e-12);
    ck_assert_double_eq_tol(lse[1], -1000.0 + log(3.0), 1e-12);
    for (int i = 0; i < 3; i++)
        ck_assert(isfinite(lse[i]));
}
END_TEST

Suite *suite_net(void)
{
    Suite *s = suite_create("net");
    TCase *tc = tcase_create("net");
    tcase_add_test(tc, parameters_are_one_buffer);
    tcase_add_loop_test(tc, tutorial_weights_match_numpy, 0,
                        (int)(sizeof seeds / sizeof seeds[0]));
    tcase_add_test(tc, forward_rows_are_distributions);
    tcase_add_test(tc, softmax_survives_huge_logits);
    suite_add_tcase(s, tc);
    return s;
}
