/* dp.c - data-parallel minibatch SGD over MPI ranks (see parallel.h).
 *
 * Every rank holds the whole training set and the notebook's stream, so
 * every rank draws the same minibatch, with no message.  The batch's
 * blocks (blocks.h) are shared out: rank r computes blocks [lo_r, hi_r).
 * Then the gradients meet:
 *   exact  each rank computes the largest tree nodes inside its share, all
 *          ranks all-gather those values, and each adds them up the tree
 *          (blocks_combine): the additions of one process, in its order;
 *   plain  each rank computes its rows' gradient in one pass and
 *          MPI_Allreduce sums them, in whatever order the library picks.
 * Every rank then makes the same update with the same sum.
 */
#include "parallel.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "backprop.h"
#include "blocks.h"
#include "loss.h"
#include "optim.h"

int ranks_any(const Ranks *rk, int failed)
{
    int any = 0;
    MPI_Allreduce(&failed, &any, 1, MPI_INT, MPI_MAX, rk->comm);
    return any != 0;
}

uint32_t params_crc(const double *p, size_t n)
{
    const unsigned char *bytes = (const unsigned char *)p;
    uLong crc = crc32(0L, Z_NULL, 0);
    size_t len = n * sizeof *p;
    for (size_t at = 0; at < len; at += 1u << 30) {
        size_t part = len - at < (1u << 30) ? len - at : (1u << 30);
        crc = crc32(crc, bytes + at, (uInt)part);
    }
    return (uint32_t)crc;
}

/* ---- the buffers, allocated once ---------------------------------------- */

typedef struct {
    BlockWork bw;
    Work whole;        /* plain: this rank's rows in one pass, cap = B */
    Net grad;          /* the combined gradient */
    BlockNode *nodes;  /* (total) every rank's cover, rank by rank */
    int *counts;       /* (ranks) doubles each rank contributes */
    int *displs;       /* (ranks) where they land in recv */
    int first, mine;   /* this rank's nodes: nodes[first .. first+mine) */
    int total;         /* nodes of all ranks together */
    int lo, hi;        /* this rank's blocks */
    double *send;      /* (max(mine, 1), len) this rank's node values */
    double *recv;      /* (total, len) everybody's, exact path */
    double *node;      /* (len) the batch's sum */
    Matrix Xb;         /* (B, D) the batch */
    int *yb, *idx, *perm; /* (B), (B), (n) */
} Dp;

static void dp_free(Dp *d)
{
    blocks_free(&d->bw);
    work_free(&d->whole);
    net_free(&d->grad);
    free(d->nodes);
    free(d->counts);
    free(d->displs);
    free(d->send);
    free(d->recv);
    free(d->node);
    mat_free(&d->Xb);
    free(d->yb);
    free(d->idx);
    free(d->perm);
}

/* Every rank's share and cover, which every rank can work out alone. */
static int dp_plan(Dp *d, const Ranks *rk)
{
    int nb = d->bw.nb, max = blocks_cover_max(nb);
    d->nodes = malloc((size_t)rk->ranks * max * sizeof *d->nodes);
    d->counts = malloc((size_t)rk->ranks * sizeof *d->counts);
    d->displs = malloc((size_t)rk->ranks * sizeof *d->displs);
    if (!d->nodes || !d->counts || !d->displs)
        return -1;
    for (int q = 0; q < rk->ranks; q++) {
        int lo, hi;
        blocks_share(nb, q, rk->ranks, &lo, &hi);
        int n = blocks_cover(d->nodes + d->total, nb, lo, hi);
        if (q == rk->rank) {
            d->first = d->total;
            d->mine = n;
            d->lo = lo;
            d->hi = hi;
        }
        d->counts[q] = n * (int)d->bw.len;
        d->displs[q] = d->total * (int)d->bw.len;
        d->total += n;
    }
    return 0;
}

static int dp_init(Dp *d, const Net *net, int n, int B, int b,
                   const Ranks *rk)
{
    memset(d, 0, sizeof *d);
    if (blocks_init(&d->bw, net, B, b) != 0 || dp_plan(d, rk) != 0 ||
        work_init(&d->whole, net, B) != 0 ||
        net_init(&d->grad, net->D, net->H, net->K, net->act) != 0 ||
        mat_init(&d->Xb, B, net->D) != 0)
        return -1;
    size_t len = d->bw.len;
    d->send = malloc((size_t)(d->mine > 0 ? d->mine : 1) * len * sizeof(double));
    d->recv = malloc((size_t)d->total * len * sizeof(double));
    d->node = malloc(len * sizeof(double));
    d->yb = malloc((size_t)B * sizeof *d->yb);
    d->idx = malloc((size_t)B * sizeof *d->idx);
    d->perm = malloc((size_t)n * sizeof *d->perm);
    if (!d->send || !d->recv || !d->node || !d->yb || !d->idx || !d->perm)
        return -1;
    return 0;
}

/* ---- one step ----------------------------------------------------------- */

/* Plain path, this rank's part: the gradient of its rows in one pass and
 * their summed cross-entropy, or zeros when it holds no block. */
static void plain_part(double *out, Dp *d, const Net *net, double scale)
{
    int first = d->lo * d->bw.b;
    int last = d->hi * d->bw.b < d->Xb.rows ? d->hi * d->bw.b : d->Xb.rows;
    if (last <= first) {
        memset(out, 0, d->bw.len * sizeof *out);
        return;
    }
    Matrix part = mat_view(d->Xb.data + (size_t)first * d->Xb.cols,
                           last - first, d->Xb.cols);
    net_forward(&d->whole, net, &part);
    double cost = loss_xent(&d->whole.Zo, d->whole.lse, d->yb + first);
    net_backward(&d->grad, net, &part, d->yb + first, &d->whole, scale);
    memcpy(out, d->grad.params, net->n_params * sizeof *out);
    out[net->n_params] = cost * (last - first);
}

//> exact
/* The batch's summed gradient and cost into d->node, the same bits on
 * every rank and for any number of ranks.  Returns the seconds spent in
 * the all-gather. */
static double exact_sum(Dp *d, const Net *net, double scale,
                        const Ranks *rk)
{
    size_t len = d->bw.len;
    for (int k = 0; k < d->mine; k++)
        blocks_node_sum(d->send + k * len, net, &d->Xb, d->yb,
                        d->nodes[d->first + k], scale, &d->bw);
    double t0 = MPI_Wtime();
    MPI_Allgatherv(d->send, d->counts[rk->rank], MPI_DOUBLE, d->recv,
                   d->counts, d->displs, MPI_DOUBLE, rk->comm);
    double t1 = MPI_Wtime();
    int cover_ok = blocks_combine(d->node, d->nodes, d->recv, d->total,
                                  &d->bw) == 0;
    assert(cover_ok); /* dp_plan's covers tile the blocks */
    (void)cover_ok;
    return t1 - t0;
}
//< exact

//> plain
/* The same sum by MPI_Allreduce: its bits depend on the number of ranks
 * and on the order the library adds in.  Returns the seconds inside it. */
static double plain_sum(Dp *d, const Net *net, double scale,
                        const Ranks *rk)
{
    plain_part(d->send, d, net, scale);
    double t0 = MPI_Wtime();
    MPI_Allreduce(d->send, d->node, (int)d->bw.len, MPI_DOUBLE, MPI_SUM,
                  rk->comm);
    return MPI_Wtime() - t0;
}
//< plain

static bool params_finite(const Net *net)
{
    for (size_t i = 0; i < net->n_params; i++)
        if (!isfinite(net->params[i]))
            return false;
    return true;
}

static void mark(TrainResult *st, int epoch, int step)
{
    st->diverged = true;
    st->diverged_epoch = epoch;
    st->diverged_step = step;
}

int dp_train(Net *net, const Dataset *train, Rng *r, const TrainConfig *cfg,
             int b, Reduce reduce, const Ranks *rk, TrainResult *st,
             DpTimes *times, Error *err)
{
    int B = cfg->batch_size, iterations = train->n / B;
    double scale = 1.0; /* summed; mean_grad divides after the L2 term */
    Dp d;
    int failed = dp_init(&d, net, train->n, B, b, rk) != 0;
    if (ranks_any(rk, failed)) {
        dp_free(&d);
        return err_set(err, "out of memory");
    }
    memset(st, 0, sizeof *st);
    memset(times, 0, sizeof *times);
    times->nodes = reduce == REDUCE_EXACT ? d.total : 1;
    times->step_bytes = (double)times->nodes * d.bw.len * sizeof(double);
    double work = 0.0;
    MPI_Barrier(rk->comm);
    double start = MPI_Wtime();
    //> loop
    for (int e = 1; e <= cfg->max_epochs; e++) {
        for (int s = 1; s <= iterations; s++) {
            rng_choice_noreplace(r, d.idx, B, train->n, d.perm);
            if (st->diverged)
                continue;
            double t0 = MPI_Wtime(), comm;
            mat_gather_rows(&d.Xb, &train->X, d.idx, B);
            for (int i = 0; i < B; i++)
                d.yb[i] = train->labels[d.idx[i]];
            if (reduce == REDUCE_EXACT)
                comm = exact_sum(&d, net, scale, rk);
            else
                comm = plain_sum(&d, net, scale, rk);
            double cost = d.node[net->n_params] / B;
            if (!isfinite(cost)) {
                mark(st, e, s);
                continue;
            }
            st->cost = cost;
            memcpy(d.grad.params, d.node, net->n_params * sizeof *d.node);
            if (cfg->lambda > 0.0)
                net_add_l2(&d.grad, net, cfg->lambda);
            if (cfg->mean_grad) /* (sum + lambda W) / B, as train_run */
                for (size_t i = 0; i < d.grad.n_params; i++)
                    d.grad.params[i] /= B;
            optim_sgd(net, &d.grad, cfg->eta);
            times->comm_seconds += comm;
            work += MPI_Wtime() - t0 - comm;
            times->steps++;
        }
        if (!st->diverged && !params_finite(net))
            mark(st, e, iterations);
        if (!st->diverged)
            st->epochs = e;
    }
    //< loop
    times->seconds = MPI_Wtime() - start;
    MPI_Reduce(&work, &times->work_seconds, 1, MPI_DOUBLE, MPI_SUM, 0,
               rk->comm);
    dp_free(&d);
    return 0;
}
