/* blocks.h - a batch's gradient as a fixed tree of fixed blocks.
 *
 * A batch of B rows is cut into nb = ceil(B / b) blocks of b rows, in the
 * batch's order (the last block may be shorter).  Each block's gradient is
 * computed alone, by the forward and backward passes of net.h and
 * backprop.h on its rows, and the blocks are added over a fixed binary
 * tree:
 *
 *   node [lo, hi) = node [lo, mid) + node [mid, hi),  mid = lo + (hi-lo)/2
 *
 * whose leaves are the single blocks.  Which additions happen, and in
 * which order, depends on B and b alone.  So whoever computes a node - one
 * process walking the whole tree, or one of P processes that each hold a
 * contiguous share of the blocks and compute the largest nodes inside it
 * (blocks_cover) - gets the same bits, and combining those nodes
 * (blocks_combine) gives the root the single process computed (book,
 * chapter "Training on many machines").
 *
 * A node's value is a flat array of n_params + 1 doubles: the summed
 * gradient in net.h's order (Wh, bh, Wo, bo) scaled as net_backward
 * scales it, then the summed cross-entropy of its rows (the batch's cost
 * times its share of rows), which travels with the gradient so that every
 * process sees the same cost and the same divergence.
 */
#ifndef NN_BLOCKS_H
#define NN_BLOCKS_H

#include "net.h"

/* A node of the tree: the blocks lo..hi-1. */
typedef struct {
    int lo, hi;
} BlockNode;

/* Buffers for computing nodes, allocated once: a gradient, per-block work
 * space of b rows, and one node value for each level of the tree. */
typedef struct {
    Net grad;      /* one block's gradient */
    Work work;     /* forward and backward passes, cap = b */
    double *stack; /* (levels, n_params + 1) right-hand nodes on the way */
    int levels;    /* the tree's depth + 1 */
    int b, nb;     /* rows per block, blocks per batch */
    size_t len;    /* n_params + 1, the length of a node's value */
} BlockWork;

/* The number of blocks of b rows in a batch of B: ceil(B / b), b >= 1. */
int blocks_count(int B, int b);

/* The blocks of rank `rank` out of P: [*lo, *hi), contiguous, in rank
 * order, sizes differing by at most one (empty when P > nb). */
void blocks_share(int nb, int rank, int P, int *lo, int *hi);

/* The largest nodes of the tree over nb blocks that lie inside [a, b),
 * left to right: they cover [a, b) exactly.  Writes them to out (room for
 * blocks_cover_max(nb)) and returns their number (0 when a == b). */
int blocks_cover(BlockNode *out, int nb, int a, int b);

/* Room blocks_cover may need for nb blocks: 2 * levels. */
int blocks_cover_max(int nb);

/* Allocates a BlockWork for net and batches of up to B rows cut into
 * blocks of b rows (1 <= b, 1 <= B).  Returns 0, or -1 when memory runs out (bw is
 * then empty; blocks_free accepts it). */
int blocks_init(BlockWork *bw, const Net *net, int B, int b);

/* Releases a BlockWork; NULL or an empty one is a no-op. */
void blocks_free(BlockWork *bw);

/* The value of node for the batch X (n, D), n <= B, with labels (n): the
 * tree over its blocks_count(n, b) blocks gives the node's sum
 * of each block's gradient of s * sum_i L_i (s = scale), then their
 * summed cross-entropy, into out (bw->len).
 * Uses bw's buffers. */
void blocks_node_sum(double *out, const Net *net, const Matrix *X,
                     const int *labels, BlockNode node, double scale,
                     BlockWork *bw);

/* The root's value, for a batch of nb blocks (nb <= bw->nb: a shorter
 * batch, such as an epoch's last, has fewer), from the values of a cover
 * of [0, nb): nodes (n, left to right, together covering every block
 * once, each a node of the tree over nb) and their values (n, bw->len)
 * back to back.  Makes the additions the tree makes above those nodes, in
 * its order, into out (bw->len).  Returns 0, or -1 when the nodes are not
 * such a cover. */
int blocks_combine(double *out, const BlockNode *nodes, const double *values,
                   int n, int nb, BlockWork *bw);

#endif
