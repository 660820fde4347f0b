/* train.c - the tutorial's training loops (see train.h). */
#include "train.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backprop.h"
#include "loss.h"
#include "optim.h"

int train_check_batch(int batch_size, int n, Error *err)
{
    if (batch_size > n)
        return err_set(err, "--batch-size: %d is more than the %d training "
                       "images", batch_size, n);
    return 0;
}

void train_report(const TrainStatus *st)
{
    if (st->diverged)
        printf("diverged at epoch %d, step %d: the cost became NaN or "
               "infinite, so the\nnetwork's numbers after that point mean "
               "nothing and are not reported\n", st->epoch, st->step);
}

int trainer_init(Trainer *t, const Net *net, int n, int cap)
{
    memset(t, 0, sizeof *t);
    t->n = n;
    t->perm = malloc((size_t)n * sizeof *t->perm);
    if (!t->perm || net_init(&t->grad, net->D, net->H, net->K, net->act) ||
        work_init(&t->work, net, cap)) {
        trainer_free(t);
        return -1;
    }
    return 0;
}

void trainer_free(Trainer *t)
{
    if (!t)
        return;
    net_free(&t->grad);
    work_free(&t->work);
    free(t->perm);
    blocks_free(&t->blocks);
    free(t->node);
    memset(t, 0, sizeof *t);
}

int trainer_init_blocks(Trainer *t, const Net *net, int B, int b)
{
    t->node = malloc((net->n_params + 1) * sizeof *t->node);
    if (!t->node || blocks_init(&t->blocks, net, B, b) != 0)
        return -1;
    return 0;
}

static bool params_finite(const Net *net)
{
    for (size_t i = 0; i < net->n_params; i++)
        if (!isfinite(net->params[i]))
            return false;
    return true;
}

/* One step on the batch X (n, D): forward, check, backward, L2, update,
 * the gradient in one pass or, when `blocks`, as the fixed tree of blocks
 * (blocks.h) that trainer_init_blocks prepared.  Returns false, leaving
 * net untouched, when the batch cost is not finite. */
static bool step(Net *net, Trainer *t, const Matrix *X, const int *labels,
                 double eta, double lambda, double scale, bool blocks,
                 double *cost)
{
    Work *w = &t->work;
    double c;
    if (blocks) {
        BlockNode root = {0, t->blocks.nb};
        blocks_node_sum(t->node, net, X, labels, root, scale, &t->blocks);
        c = t->node[net->n_params] / X->rows;
    } else {
        net_forward(w, net, X);
        c = loss_xent(&w->Zo, w->lse, labels);
    }
    if (!isfinite(c))
        return false;
    *cost = c;
    if (blocks)
        memcpy(t->grad.params, t->node, net->n_params * sizeof *t->node);
    else
        net_backward(&t->grad, net, X, labels, w, scale);
    if (lambda > 0.0) /* as the tutorial: `if self.lmbd > 0.0` */
        net_add_l2(&t->grad, net, lambda);
    optim_sgd(net, &t->grad, eta);
    return true;
}

static void mark_diverged(TrainStatus *st, int epoch, int step)
{
    st->diverged = true;
    st->epoch = epoch;
    st->step = step;
}

/* train_sgd's loop.  The batch of step k (from 0) is batches + k B when
 * batches is not NULL; otherwise it is drawn from r, first thing in the
 * step, and always (see train.h). */
static void sgd_loop(Net *net, Trainer *t, const Dataset *train, Rng *r,
                     const int *batches, const SgdConfig *cfg,
                     EpochHook hook, void *ctx, TrainStatus *st)
{
    int B = cfg->batch_size, iterations = train->n / B;
    Work *w = &t->work;
    Matrix Xb = mat_view(w->Xb.data, B, train->X.cols);
    double scale = cfg->mean_grad ? 1.0 / B : 1.0;
    bool blocks = cfg->grad_block > 0;
    assert(!blocks || (t->node && t->blocks.b == cfg->grad_block &&
                       t->blocks.nb == blocks_count(B, cfg->grad_block)));
    memset(st, 0, sizeof *st);
    for (int e = 1; e <= cfg->epochs; e++) {
        for (int s = 1; s <= iterations; s++) {
            const int *idx = w->idx;
            if (batches)
                idx = batches + ((long)(e - 1) * iterations + s - 1) * B;
            else
                rng_choice_noreplace(r, w->idx, B, train->n, t->perm);
            if (st->diverged)
                continue;
            mat_gather_rows(&Xb, &train->X, idx, B);
            for (int i = 0; i < B; i++)
                w->yb[i] = train->labels[idx[i]];
            if (!step(net, t, &Xb, w->yb, cfg->eta, cfg->lambda, scale,
                      blocks, &st->cost))
                mark_diverged(st, e, s);
        }
        if (!st->diverged && !params_finite(net))
            mark_diverged(st, e, iterations);
        if (hook)
            hook(ctx, e, net);
    }
}

void train_sgd(Net *net, Trainer *t, const Dataset *train, Rng *r,
               const SgdConfig *cfg, EpochHook hook, void *ctx,
               TrainStatus *st)
{
    sgd_loop(net, t, train, r, NULL, cfg, hook, ctx, st);
}

void train_draw_batches(int *batches, Rng *r, int n, const SgdConfig *cfg,
                        int *perm)
{
    int B = cfg->batch_size, steps = cfg->epochs * (n / B);
    for (int s = 0; s < steps; s++)
        rng_choice_noreplace(r, batches + (long)s * B, B, n, perm);
}

void train_sgd_batches(Net *net, Trainer *t, const Dataset *train,
                       const int *batches, const SgdConfig *cfg,
                       EpochHook hook, void *ctx, TrainStatus *st)
{
    sgd_loop(net, t, train, NULL, batches, cfg, hook, ctx, st);
}

void train_skip_draws(Rng *r, int n, const SgdConfig *cfg)
{
    int steps = cfg->epochs * (n / cfg->batch_size);
    for (int s = 0; s < steps; s++)
        rng_skip_permutation(r, n);
}

void train_full_batch(Net *net, Trainer *t, const Dataset *train, int steps,
                      double eta, double lambda, double *cost,
                      TrainStatus *st)
{
    memset(st, 0, sizeof *st);
    for (int s = 0; cost && s <= steps; s++)
        cost[s] = NAN; /* what a diverged run leaves unfilled */
    for (int s = 1; s <= steps; s++) {
        double c;
        if (!step(net, t, &train->X, train->labels, eta, lambda, 1.0, false,
                  &c)) {
            mark_diverged(st, 1, s);
            break;
        }
        st->cost = c;
        if (cost)
            cost[s - 1] = c;
    }
    if (cost && !st->diverged) {
        double acc;
        train_evaluate(net, train, &t->work, &cost[steps], &acc, NULL);
    }
}

void train_evaluate(const Net *net, const Dataset *ds, Work *w,
                    double *cost, double *accuracy, int *pred)
{
    double total = 0.0;
    int right = 0;
    for (int start = 0; start < ds->n; start += w->cap) {
        int n = ds->n - start < w->cap ? ds->n - start : w->cap;
        Matrix part = mat_view(ds->X.data + (long)start * ds->X.cols, n,
                               ds->X.cols);
        const int *y = ds->labels + start;
        net_forward(w, net, &part);
        total += n * loss_xent(&w->Zo, w->lse, y);
        for (int i = 0; i < n; i++) {
            int p = mat_row_argmax(&w->P, i);
            right += p == y[i];
            if (pred)
                pred[start + i] = p;
        }
    }
    *cost = total / ds->n;
    *accuracy = (double)right / ds->n;
}
