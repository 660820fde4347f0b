/* dp.c - data-parallel minibatch training over MPI ranks (see
 * parallel.h).
 *
 * Every rank holds the whole training set and the same stream, so every
 * rank draws the same minibatch, with no message.  The loop is the
 * library's (train_run); this file gives it the batch's summed gradient
 * (the trainer's BlockSum hook).  The batch's
 * blocks (blocks.h) are shared out: rank r computes blocks [lo_r, hi_r).
 * Then the gradients meet:
 *   exact  each rank computes the largest tree nodes inside its share, all
 *          ranks all-gather those values, and each adds them up the tree
 *          (blocks_combine): the additions of one process, in its order;
 *   plain  each rank computes its rows' gradient in one pass and
 *          MPI_Allreduce sums them, in whatever order the library picks.
 * Every rank then makes the same update with the same sum, whatever the
 * optimiser.
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

int ranks_any(const Ranks *rk, int failed)
{
    int any = 0;
    MPI_Allreduce(&failed, &any, 1, MPI_INT, MPI_MAX, rk->comm);
    return any != 0;
}

void ranks_to_root(double *buf, int len, int owner, int tag,
                   const Ranks *rk)
{
    if (owner == 0)
        return;
    if (rk->rank == owner)
        MPI_Send(buf, len, MPI_DOUBLE, 0, tag, rk->comm);
    else if (rk->rank == 0)
        MPI_Recv(buf, len, MPI_DOUBLE, owner, tag, rk->comm,
                 MPI_STATUS_IGNORE);
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
    Net grad;          /* plain: their gradient */
    BlockNode *nodes;  /* (ranks, cover max) every rank's cover, in order */
    int *counts;       /* (ranks) doubles each rank contributes */
    int *displs;       /* (ranks) where they land in recv */
    int first, mine;   /* this rank's nodes: nodes[first .. first+mine) */
    int total;         /* nodes of all ranks together */
    int lo, hi;        /* this rank's blocks */
    double *send;      /* (mine at most, len) this rank's node values */
    double *recv;      /* (total at most, len) everybody's */
    Reduce reduce;
    const Ranks *rk;
    double comm, work; /* seconds inside the exchange, and outside it */
    int steps;         /* batches summed */
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
}

/* Every rank's share and cover for a batch of nb blocks, which every rank
 * works out alone: a whole batch, or an epoch's shorter last one. */
static void dp_plan(Dp *d, int nb)
{
    const Ranks *rk = d->rk;
    d->total = 0;
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
}

static int dp_init(Dp *d, const Net *net, int B, int b, Reduce reduce,
                   const Ranks *rk)
{
    memset(d, 0, sizeof *d);
    d->reduce = reduce;
    d->rk = rk;
    if (blocks_init(&d->bw, net, B, b) != 0 ||
        work_init(&d->whole, net, B) != 0 ||
        net_init(&d->grad, net->D, net->H, net->K, net->act) != 0)
        return -1;
    size_t max = (size_t)blocks_cover_max(d->bw.nb), len = d->bw.len;
    d->nodes = malloc((size_t)rk->ranks * max * sizeof *d->nodes);
    d->counts = malloc((size_t)rk->ranks * sizeof *d->counts);
    d->displs = malloc((size_t)rk->ranks * sizeof *d->displs);
    if (!d->nodes || !d->counts || !d->displs)
        return -1;
    /* The most nodes any batch of up to nb blocks has this rank send, and
     * all ranks together: room for exactly those (each a whole gradient). */
    int mine = 1, total = 1;
    for (int nb = 1; nb <= d->bw.nb; nb++) {
        dp_plan(d, nb);
        mine = d->mine > mine ? d->mine : mine;
        total = d->total > total ? d->total : total;
    }
    d->send = malloc((size_t)mine * len * sizeof(double));
    d->recv = malloc((size_t)total * len * sizeof(double));
    if (!d->send || !d->recv)
        return -1;
    return 0;
}

/* ---- one batch's sum ---------------------------------------------------- */

/* Plain path, this rank's part: the gradient of its blocks' rows in one
 * pass and their summed cross-entropy, or zeros when it holds no block. */
static void plain_part(double *out, Dp *d, const Net *net, const Matrix *X,
                       const int *labels)
{
    int first = d->lo * d->bw.b;
    int last = d->hi * d->bw.b < X->rows ? d->hi * d->bw.b : X->rows;
    if (last <= first) {
        memset(out, 0, d->bw.len * sizeof *out);
        return;
    }
    Matrix part = mat_view(X->data + (size_t)first * X->cols, last - first,
                           X->cols);
    net_forward(&d->whole, net, &part);
    double cost = loss_xent(&d->whole.Zo, d->whole.lse, labels + first);
    net_backward(&d->grad, net, &part, labels + first, &d->whole, 1.0);
    memcpy(out, d->grad.params, net->n_params * sizeof *out);
    out[net->n_params] = cost * (last - first);
}

//> exact
/* The batch's summed gradient and cost into node, the same bits on every
 * rank and for any number of ranks: this rank's nodes of the tree, every
 * rank's nodes to every rank, the tree above them.  Returns the seconds
 * spent in the all-gather. */
static double exact_sum(double *node, Dp *d, const Net *net, const Matrix *X,
                        const int *labels, int nb)
{
    size_t len = d->bw.len;
    for (int k = 0; k < d->mine; k++)
        blocks_node_sum(d->send + k * len, net, X, labels,
                        d->nodes[d->first + k], 1.0, &d->bw);
    double t0 = MPI_Wtime();
    MPI_Allgatherv(d->send, d->counts[d->rk->rank], MPI_DOUBLE, d->recv,
                   d->counts, d->displs, MPI_DOUBLE, d->rk->comm);
    double t1 = MPI_Wtime();
    int cover_ok = blocks_combine(node, d->nodes, d->recv, d->total, nb,
                                  &d->bw) == 0;
    assert(cover_ok); /* dp_plan's covers tile the blocks */
    (void)cover_ok;
    return t1 - t0;
}
//< exact

//> plain
/* The same sum by MPI_Allreduce: its bits depend on the number of ranks
 * and on the order the library adds in.  Returns the seconds inside it. */
static double plain_sum(double *node, Dp *d, const Net *net, const Matrix *X,
                        const int *labels)
{
    plain_part(d->send, d, net, X, labels);
    double t0 = MPI_Wtime();
    MPI_Allreduce(d->send, node, (int)d->bw.len, MPI_DOUBLE, MPI_SUM,
                  d->rk->comm);
    return MPI_Wtime() - t0;
}
//< plain

//> hook
/* The trainer's BlockSum (train.h): train_run asks it for each batch's
 * summed gradient and cost, then makes its step, the same on every rank. */
static void dp_sum(void *ctx, double *node, const Net *net, const Matrix *X,
                   const int *labels)
{
    Dp *d = ctx;
    double t0 = MPI_Wtime(), comm;
    int nb = blocks_count(X->rows, d->bw.b);
    dp_plan(d, nb);
    if (d->reduce == REDUCE_EXACT)
        comm = exact_sum(node, d, net, X, labels, nb);
    else
        comm = plain_sum(node, d, net, X, labels);
    d->comm += comm;
    d->work += MPI_Wtime() - t0 - comm;
    d->steps++;
}
//< hook

int dp_train(Net *net, const TrainData *data, Rng *r, const TrainConfig *cfg,
             int cap, Reduce reduce, const Ranks *rk, TrainHook hook,
             void *ctx, TrainResult *st, DpTimes *times, Error *err)
{
    int B = cfg->batch_size, b = cfg->grad_block, status = 0;
    int rows = data->warped ? data->warped->n : data->train->n;
    Trainer t;
    Dp d;
    assert(b > 0);
    int failed = trainer_init(&t, net, rows, cap > B ? cap : B) != 0;
    failed = failed || trainer_init_blocks(&t, net, B, b) != 0;
    failed = dp_init(&d, net, B, b, reduce, rk) != 0 || failed;
    memset(times, 0, sizeof *times);
    if (ranks_any(rk, failed)) {
        status = err_set(err, "out of memory");
        goto out;
    }
    dp_plan(&d, d.bw.nb); /* a whole batch's exchange, for the record */
    times->nodes = reduce == REDUCE_EXACT ? d.total : 1;
    times->step_bytes = (double)times->nodes * d.bw.len * sizeof(double);
    t.sum = dp_sum;
    t.sum_ctx = &d;
    MPI_Barrier(rk->comm);
    double start = MPI_Wtime();
    //> run
    status = train_run(net, &t, data, r, cfg, hook, ctx, st, err);
    //< run
    times->seconds = MPI_Wtime() - start;
    times->comm_seconds = d.comm;
    times->steps = d.steps;
    MPI_Reduce(&d.work, &times->work_seconds, 1, MPI_DOUBLE, MPI_SUM, 0,
               rk->comm);
out:
    dp_free(&d);
    trainer_free(&t);
    return status;
}
