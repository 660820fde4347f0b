/* blocks.c - a batch's gradient as a fixed tree of fixed blocks (see
 * blocks.h). */
#include "blocks.h"

#include <stdlib.h>
#include <string.h>

#include "backprop.h"
#include "loss.h"

int blocks_count(int B, int b)
{
    return B / b + (B % b != 0);
}

void blocks_share(int nb, int rank, int P, int *lo, int *hi)
{
    *lo = (int)((long)nb * rank / P);
    *hi = (int)((long)nb * (rank + 1) / P);
}

/* Levels of the tree over nb blocks: the root's, and one more each time
 * the larger half, ceil(n / 2), is split again, down to single blocks. */
static int tree_levels(int nb)
{
    int levels = 1;
    for (int n = nb; n > 1; n = n / 2 + n % 2)
        levels++;
    return levels;
}

int blocks_cover_max(int nb)
{
    return 2 * tree_levels(nb);
}

/* Appends to out[n..] the largest nodes under [lo, hi) inside [a, b). */
static int cover(BlockNode *out, int n, int lo, int hi, int a, int b)
{
    if (b <= lo || hi <= a)
        return n;
    if (a <= lo && hi <= b) {
        out[n].lo = lo;
        out[n].hi = hi;
        return n + 1;
    }
    int mid = lo + (hi - lo) / 2;
    n = cover(out, n, lo, mid, a, b);
    return cover(out, n, mid, hi, a, b);
}

int blocks_cover(BlockNode *out, int nb, int a, int b)
{
    return a < b ? cover(out, 0, 0, nb, a, b) : 0;
}

int blocks_init(BlockWork *bw, const Net *net, int B, int b)
{
    memset(bw, 0, sizeof *bw);
    bw->b = b;
    bw->nb = blocks_count(B, b);
    bw->levels = tree_levels(bw->nb);
    bw->len = net->n_params + 1;
    bw->stack = malloc((size_t)bw->levels * bw->len * sizeof *bw->stack);
    if (!bw->stack ||
        net_init(&bw->grad, net->D, net->H, net->K, net->act) != 0 ||
        work_init(&bw->work, net, b) != 0) {
        blocks_free(bw);
        return -1;
    }
    return 0;
}

void blocks_free(BlockWork *bw)
{
    if (!bw)
        return;
    net_free(&bw->grad);
    work_free(&bw->work);
    free(bw->stack);
    memset(bw, 0, sizeof *bw);
}

/* One block's value: its gradient, then its rows' summed cross-entropy. */
static void leaf(double *out, const Net *net, const Matrix *X,
                 const int *labels, int block, double scale, BlockWork *bw)
{
    int first = block * bw->b;
    int rows = X->rows - first < bw->b ? X->rows - first : bw->b;
    Matrix part = mat_view(X->data + (size_t)first * X->cols, rows, X->cols);
    net_forward(&bw->work, net, &part);
    double cost = loss_xent(&bw->work.Zo, bw->work.lse, labels + first);
    net_backward(&bw->grad, net, &part, labels + first, &bw->work, scale);
    memcpy(out, bw->grad.params, net->n_params * sizeof *out);
    out[net->n_params] = cost * rows;
}

static void add(double *out, const double *v, size_t len)
{
    for (size_t i = 0; i < len; i++)
        out[i] += v[i];
}

/* node [lo, hi) at depth `level`: its left half into out, its right half
 * into the level's slot of the stack, then out += right. */
static void node_sum(double *out, const Net *net, const Matrix *X,
                     const int *labels, int lo, int hi, int level,
                     double scale, BlockWork *bw)
{
    if (hi - lo == 1) {
        leaf(out, net, X, labels, lo, scale, bw);
        return;
    }
    int mid = lo + (hi - lo) / 2;
    double *right = bw->stack + (size_t)level * bw->len;
    node_sum(out, net, X, labels, lo, mid, level + 1, scale, bw);
    node_sum(right, net, X, labels, mid, hi, level + 1, scale, bw);
    add(out, right, bw->len);
}

void blocks_node_sum(double *out, const Net *net, const Matrix *X,
                     const int *labels, BlockNode node, double scale,
                     BlockWork *bw)
{
    /* The node's depth in the tree over this batch's blocks, so that it
     * uses the stack below it. */
    int level = 0, lo = 0, hi = blocks_count(X->rows, bw->b);
    while (lo != node.lo || hi != node.hi) {
        int mid = lo + (hi - lo) / 2;
        if (node.lo >= mid)
            lo = mid;
        else
            hi = mid;
        level++;
    }
    node_sum(out, net, X, labels, node.lo, node.hi, level, scale, bw);
}

/* The tree's sum over [lo, hi), taking given nodes (*k onwards) as they
 * come: a given node is copied, any other is split and added. */
static int combine(double *out, int lo, int hi, int level,
                   const BlockNode *nodes, const double *values, int n,
                   int *k, BlockWork *bw)
{
    if (*k < n && nodes[*k].lo == lo && nodes[*k].hi == hi) {
        memcpy(out, values + (size_t)*k * bw->len, bw->len * sizeof *out);
        ++*k;
        return 0;
    }
    if (hi - lo == 1 || *k >= n)
        return -1; /* a block no given node holds */
    int mid = lo + (hi - lo) / 2;
    double *right = bw->stack + (size_t)level * bw->len;
    if (combine(out, lo, mid, level + 1, nodes, values, n, k, bw) != 0 ||
        combine(right, mid, hi, level + 1, nodes, values, n, k, bw) != 0)
        return -1;
    add(out, right, bw->len);
    return 0;
}

int blocks_combine(double *out, const BlockNode *nodes, const double *values,
                   int n, int nb, BlockWork *bw)
{
    int k = 0;
    if (nb < 1 || nb > bw->nb ||
        combine(out, 0, nb, 0, nodes, values, n, &k, bw) != 0 || k != n)
        return -1;
    return 0;
}
