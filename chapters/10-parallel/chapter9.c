/* chapter9.c - chapter 9's network and data on MPI ranks (see
 * parallel.h): every rank loads the same IDX files and holds out the same
 * validation images, so every rank holds the same data and the same
 * stream, as with the digits.  The network, its start, its training
 * settings and its augmentation are chapter 9's own (fashion_recipe.h);
 * only the gradient's sum is shared out (dp.c).  The sweep trains a few
 * of chapter 9's candidates, each as `09-fashion` would alone.
 */
#include "parallel.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The Progress hook's arrays: loss, val_cost, val_acc, secs, cpu. */
#define CURVES 5

static int alloc_progress(Ch9 *c, int epochs)
{
    c->curves = malloc((size_t)CURVES * epochs * sizeof *c->curves);
    if (!c->curves)
        return -1;
    Progress *p = &c->progress;
    memset(p, 0, sizeof *p);
    p->epochs = epochs;
    p->rows = c->f.train.n;
    p->quiet = true; /* no clock, no progress line: rank 0 prints */
    p->loss = c->curves;
    p->val_cost = c->curves + epochs;
    p->val_acc = c->curves + 2 * (size_t)epochs;
    p->secs = c->curves + 3 * (size_t)epochs;
    p->cpu = c->curves + 4 * (size_t)epochs;
    p->train = &c->f.train;
    p->augment = fashion_augment_on(&c->aug) ? &c->aug : NULL;
    rng_seed(&p->augment_rng, c->seed ^ FASHION_AUGMENT_SEED);
    return 0;
}

int ch9_load(Ch9 *c, const char *dir, long limit, const FashionRecipe *rc,
             uint32_t seed, Error *err)
{
    memset(c, 0, sizeof *c);
    c->rc = *rc;
    c->seed = seed;
    rng_seed(&c->rng, seed);
    if (fashion_load(&c->f, dir, limit, rc->batch, &c->rng, err) != 0)
        return -1;
    if (fashion_augment_init(&c->aug, &c->f.train, c->f.side, rc, err) != 0)
        goto fail;
    if (alloc_progress(c, rc->epochs) != 0) {
        err_set(err, "out of memory");
        goto fail;
    }
    return 0;
fail:
    ch9_free(c);
    return -1;
}

void ch9_problem(Problem *pb, Ch9 *c, int block)
{
    memset(pb, 0, sizeof *pb);
    pb->title = "chapter 9's network";
    pb->D = c->f.train.X.cols;
    pb->H = c->rc.hidden;
    pb->act = c->rc.act;
    pb->init = fashion_init_glorot;
    pb->rng = &c->rng;
    fashion_train_config(&pb->cfg, &c->rc);
    pb->cfg.grad_block = block;
    pb->data.train = &c->f.train;
    pb->data.val = &c->f.val;
    pb->test = &c->f.test;
    pb->cap = FASHION_EVAL_ROWS;
    pb->hook = progress_on_epoch;
    pb->ctx = &c->progress;
}

void ch9_before_training(Ch9 *c)
{
    Progress *p = &c->progress;
    if (p->augment) /* for epoch 1, as chapter 9 */
        fashion_augment(p->augment, p->train, &p->augment_rng);
}

void ch9_free(Ch9 *c)
{
    fashion_augment_free(&c->aug);
    fashion_free(&c->f);
    free(c->curves);
    c->curves = NULL;
}

/* ---- the sweep ---------------------------------------------------------- */

/* A candidate travels as doubles: its results in this order. */
enum { F_VAL_ACC, F_VAL_COST, F_BEST, F_EPOCHS, F_DIVERGED, F_CRC, F_LEN };

/* Trains candidate k as chapter 9 alone would: the stream as it stood
 * after the validation split, chapter 9's start and settings, fresh
 * copies of the training images when they are augmented (the
 * augmentation's state is only read). */
static int train_candidate(FCell *cell, const Ch9 *base, Dataset *images,
                           Error *err)
{
    Ch9 c = *base; /* the data shared, the stream and recipe copied */
    c.rc.hidden = cell->hidden;
    c.rc.lambda = cell->lambda;
    c.curves = NULL;
    Net net = {0};
    Trainer t = {0};
    int status = -1;
    if (fashion_augment_on(&base->aug)) { /* chapter 9 augments in place */
        memcpy(images->X.data, base->f.train.X.data,
               (size_t)images->n * images->X.cols * sizeof(double));
        c.f.train.X = images->X;
    }
    if (alloc_progress(&c, c.rc.epochs) != 0 ||
        net_init(&net, c.f.train.X.cols, c.rc.hidden, DATA_CLASSES,
                 c.rc.act) != 0 ||
        trainer_init(&t, &net, c.f.train.n, fashion_eval_rows(&c.rc)) != 0) {
        err_set(err, "sweep: out of memory");
        goto out;
    }
    TrainConfig cfg;
    fashion_train_config(&cfg, &c.rc);
    TrainData data = {.train = &c.f.train, .val = &c.f.val};
    TrainResult res;
    fashion_init_glorot(&net, &c.rng);
    ch9_before_training(&c);
    status = train_run(&net, &t, &data, &c.rng, &cfg, progress_on_epoch,
                       &c.progress, &res, err);
    if (status != 0)
        goto out;
    cell->val_accuracy = res.val_accuracy;
    cell->val_cost = res.val_cost;
    cell->best_epoch = res.best_epoch;
    cell->epochs = res.epochs;
    cell->diverged = res.diverged;
    cell->crc = params_crc(net.params, net.n_params);
out:
    trainer_free(&t);
    net_free(&net);
    free(c.curves);
    return status;
}

static void pack(double *buf, const FCell *c)
{
    buf[F_VAL_ACC] = c->val_accuracy;
    buf[F_VAL_COST] = c->val_cost;
    buf[F_BEST] = c->best_epoch;
    buf[F_EPOCHS] = c->epochs;
    buf[F_DIVERGED] = c->diverged;
    buf[F_CRC] = c->crc;
}

static void unpack(FCell *c, const double *buf)
{
    c->val_accuracy = buf[F_VAL_ACC];
    c->val_cost = buf[F_VAL_COST];
    c->best_epoch = (int)buf[F_BEST];
    c->epochs = (int)buf[F_EPOCHS];
    c->diverged = buf[F_DIVERGED] != 0.0;
    c->crc = (uint32_t)buf[F_CRC];
}

//> fsweep
int ch9_sweep(FCell *cells, int n, const Ch9 *c, const Ranks *rk,
              Error *err)
{
    Dataset images = {0};
    int failed = 0;
    if (fashion_augment_on(&c->aug) &&
        data_alloc(&images, c->f.train.n, c->f.train.X.cols) != 0)
        failed = err_set(err, "sweep: out of memory");
    for (int k = 0; k < n && !failed; k++) {
        cells[k].rank = k % rk->ranks;
        if (cells[k].rank == rk->rank)
            failed = train_candidate(&cells[k], c, &images, err);
    }
    data_free(&images);
    return failed;
}

void ch9_collect(FCell *cells, int n, const Ranks *rk)
{
    for (int k = 0; k < n; k++) {
        double buf[F_LEN];
        int owner = k % rk->ranks;
        if (rk->rank == owner)
            pack(buf, &cells[k]);
        ranks_to_root(buf, F_LEN, owner, k, rk);
        if (rk->rank == 0) {
            unpack(&cells[k], buf);
            cells[k].rank = owner;
        }
    }
}
//< fsweep
