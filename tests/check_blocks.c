/* check_blocks.c - the fixed tree of blocks (lib/blocks.h): the shares
 * and covers tile the blocks, combining any ranks' covers gives the single
 * process's bits, and the tree's sum is the batch's gradient up to
 * rounding. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "backprop.h"
#include "blocks.h"
#include "loss.h"
#include "support.h"

#define D 64
#define H 50
#define K 10
#define B 100
#define MAX_RANKS 16

START_TEST(count_rounds_up)
{
    ck_assert_int_eq(blocks_count(100, 10), 10);
    ck_assert_int_eq(blocks_count(100, 7), 15);
    ck_assert_int_eq(blocks_count(100, 100), 1);
    ck_assert_int_eq(blocks_count(100, 1000), 1);
    ck_assert_int_eq(blocks_count(1, 1), 1);
}
END_TEST

/* Shares are contiguous, in rank order, cover every block once, and
 * differ in size by at most one; each cover tiles its share with nodes
 * of the tree, at most blocks_cover_max of them. */
START_TEST(shares_and_covers_tile_the_blocks)
{
    int nb = _i;
    BlockNode nodes[64];
    ck_assert_int_le(blocks_cover_max(nb), 64);
    for (int P = 1; P <= MAX_RANKS; P++) {
        int next = 0, small = nb, large = 0;
        for (int r = 0; r < P; r++) {
            int lo, hi;
            blocks_share(nb, r, P, &lo, &hi);
            ck_assert_int_eq(lo, next);
            next = hi;
            small = hi - lo < small ? hi - lo : small;
            large = hi - lo > large ? hi - lo : large;
            int n = blocks_cover(nodes, nb, lo, hi);
            ck_assert_int_le(n, blocks_cover_max(nb));
            int at = lo;
            for (int k = 0; k < n; k++) {
                ck_assert_int_eq(nodes[k].lo, at);
                ck_assert_int_gt(nodes[k].hi, nodes[k].lo);
                at = nodes[k].hi;
                /* a node of the tree: found by halving from the root */
                int a = 0, b = nb;
                while (a != nodes[k].lo || b != nodes[k].hi) {
                    ck_assert_msg(b - a > 1, "[%d, %d) is not a node",
                                  nodes[k].lo, nodes[k].hi);
                    int mid = a + (b - a) / 2;
                    if (nodes[k].lo >= mid)
                        a = mid;
                    else
                        b = mid;
                }
            }
            ck_assert_int_eq(at, hi);
        }
        ck_assert_int_eq(next, nb);
        ck_assert_int_le(large - small, 1);
    }
}
END_TEST

/* A network and a batch of Gaussian numbers, and blocks of b rows. */
static Net net;
static Matrix X;
static int labels[B];

static void setup(void)
{
    ck_assert_int_eq(net_init(&net, D, H, K, ACT_SIGMOID), 0);
    Matrix p = mat_view(net.params, 1, (int)net.n_params);
    fill_gauss(&p, 3);
    ck_assert_int_eq(mat_init(&X, B, D), 0);
    fill_gauss(&X, 4);
    for (int i = 0; i < B; i++)
        labels[i] = (i * 7) % K;
}

static void teardown(void)
{
    net_free(&net);
    mat_free(&X);
}

/* For every number of ranks, the covers' values combined give the root's
 * value as one process computes it, bit for bit: for a whole batch of B
 * rows (loop 1..12: b) and for a shorter one of 61 rows, such as an
 * epoch's last, in a BlockWork made for B (loop 13..24: b = loop - 12). */
START_TEST(combining_any_covers_gives_the_root)
{
    int b = _i <= 12 ? _i : _i - 12, rows = _i <= 12 ? B : 61;
    BlockWork bw;
    ck_assert_int_eq(blocks_init(&bw, &net, B, b), 0);
    Matrix Xr = mat_view(X.data, rows, D);
    int nb = blocks_count(rows, b), max = blocks_cover_max(bw.nb);
    double *root = malloc(bw.len * sizeof *root);
    double *out = malloc(bw.len * sizeof *out);
    BlockNode *nodes = malloc((size_t)MAX_RANKS * max * sizeof *nodes);
    double *values = malloc((size_t)MAX_RANKS * max * bw.len *
                            sizeof *values);
    ck_assert(root && out && nodes && values);
    BlockNode all = {0, nb};
    blocks_node_sum(root, &net, &Xr, labels, all, 1.0, &bw);
    for (int P = 1; P <= MAX_RANKS; P++) {
        int n = 0;
        for (int r = 0; r < P; r++) {
            int lo, hi;
            blocks_share(nb, r, P, &lo, &hi);
            n += blocks_cover(nodes + n, nb, lo, hi);
        }
        for (int k = 0; k < n; k++)
            blocks_node_sum(values + (size_t)k * bw.len, &net, &Xr, labels,
                            nodes[k], 1.0, &bw);
        ck_assert_int_eq(blocks_combine(out, nodes, values, n, nb, &bw), 0);
        ck_assert_msg(memcmp(out, root, bw.len * sizeof *out) == 0,
                      "b = %d, %d rows, %d ranks: not the root's bits", b,
                      rows, P);
    }
    free(root);
    free(out);
    free(nodes);
    free(values);
    blocks_free(&bw);
}
END_TEST

/* The tree's sum is the batch's gradient and summed cost up to rounding,
 * and a set of nodes that misses a block is refused. */
START_TEST(the_tree_sums_the_batch)
{
    BlockWork bw;
    Net grad;
    Work w;
    ck_assert_int_eq(blocks_init(&bw, &net, B, 7), 0);
    ck_assert_int_eq(net_init(&grad, D, H, K, ACT_SIGMOID), 0);
    ck_assert_int_eq(work_init(&w, &net, B), 0);
    double *root = malloc(bw.len * sizeof *root);
    ck_assert_ptr_nonnull(root);
    BlockNode all = {0, bw.nb};
    blocks_node_sum(root, &net, &X, labels, all, 1.0, &bw);
    net_forward(&w, &net, &X);
    double cost = B * loss_xent(&w.Zo, w.lse, labels);
    net_backward(&grad, &net, &X, labels, &w, 1.0);
    double largest = 0.0;
    for (size_t i = 0; i < net.n_params; i++) {
        ck_assert_msg(fabs(root[i] - grad.params[i]) <=
                          TOL_ROUNDING * (1.0 + fabs(grad.params[i])),
                      "parameter %zu: %.17g and %.17g", i, root[i],
                      grad.params[i]);
        largest = fmax(largest, fabs(grad.params[i]));
    }
    ck_assert(largest > 0.1); /* not a trivially zero gradient */
    ck_assert(close_rel(root[net.n_params], cost, TOL_ROUNDING));
    /* blocks 0-6 and 8-14: block 7 is missing */
    BlockNode gap[2] = {{0, 7}, {8, 15}};
    double *values = calloc(2 * bw.len, sizeof *values);
    ck_assert_ptr_nonnull(values);
    ck_assert_int_eq(blocks_combine(root, gap, values, 2, bw.nb, &bw), -1);
    /* a tree larger than the BlockWork was made for */
    BlockNode whole = {0, bw.nb + 1};
    ck_assert_int_eq(blocks_combine(root, &whole, values, 1, bw.nb + 1, &bw),
                     -1);
    free(values);
    free(root);
    work_free(&w);
    net_free(&grad);
    blocks_free(&bw);
}
END_TEST

Suite *suite_blocks(void)
{
    Suite *s = suite_create("blocks");
    TCase *tc = tcase_create("tree");
    tcase_add_test(tc, count_rounds_up);
    tcase_add_loop_test(tc, shares_and_covers_tile_the_blocks, 1, 40);
    suite_add_tcase(s, tc);
    TCase *sum = tcase_create("sums");
    tcase_add_checked_fixture(sum, setup, teardown);
    tcase_add_loop_test(sum, combining_any_covers_gives_the_root, 1, 25);
    tcase_add_test(sum, the_tree_sums_the_batch);
    suite_add_tcase(s, sum);
    return s;
}
