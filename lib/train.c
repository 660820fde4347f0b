/* train.c - the training loop (see train.h). */
#include "train.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "backprop.h"
#include "loss.h"
#include "names.h"

static const char *const batch_names[] = {"choice", "shuffle"};
static const char *const stop_names[] = {"none", "validation", "loss"};
static const char *const schedule_names[] = {"constant", "cosine"};

const char *train_batches_name(Batches b) { return batch_names[b]; }

const char *train_stop_name(Stopping s) { return stop_names[s]; }

const char *train_schedule_name(Schedule s) { return schedule_names[s]; }

int train_batches_parse(Batches *b, const char *name)
{
    int i = names_find(batch_names, NAMES_COUNT(batch_names), name);
    if (i >= 0)
        *b = (Batches)i;
    return i >= 0 ? 0 : -1;
}

int train_stop_parse(Stopping *s, const char *name)
{
    int i = names_find(stop_names, NAMES_COUNT(stop_names), name);
    if (i >= 0)
        *s = (Stopping)i;
    return i >= 0 ? 0 : -1;
}

int train_schedule_parse(Schedule *s, const char *name)
{
    int i = names_find(schedule_names, NAMES_COUNT(schedule_names), name);
    if (i >= 0)
        *s = (Schedule)i;
    return i >= 0 ? 0 : -1;
}

//> cell7
TrainConfig train_cell7(void)
{
    TrainConfig cfg = {.max_epochs = 10, .batch_size = 100, .eta = 0.1,
                       .lambda = 0.1, .mean_grad = false,
                       .batches = BATCH_CHOICE, .optimizer = OPTIM_SGD,
                       .stop = STOP_NONE, .patience = 10, .tol = 1e-4,
                       .schedule = RATE_CONSTANT};
    return cfg;
}
//< cell7

int trainer_init(Trainer *t, const Net *net, int n, int cap)
{
    memset(t, 0, sizeof *t);
    t->n = n;
    t->order = malloc((size_t)n * sizeof *t->order);
    t->perm = malloc((size_t)n * sizeof *t->perm);
    if (!t->order || !t->perm ||
        net_init(&t->grad, net->D, net->H, net->K, net->act) ||
        net_init(&t->best, net->D, net->H, net->K, net->act) ||
        adam_init(&t->adam, net->n_params, ADAM_LR, ADAM_BETA1, ADAM_BETA2,
                  ADAM_EPS) ||
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
    net_free(&t->best);
    adam_free(&t->adam);
    work_free(&t->work);
    free(t->order);
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

bool train_better(double cost, double accuracy, double best_cost,
                  double best_accuracy)
{
    return accuracy > best_accuracy ||
           (accuracy == best_accuracy && cost < best_cost);
}

/* ---- one step ------------------------------------------------------- */

/* Forward, check, backward, L2, (divide by B), update, on the batch X
 * (b, D), adding the batch's scikit-learn loss times b to t->loss_sum.
 * Returns false, leaving net untouched, when the batch cost is not
 * finite; otherwise *cost is the batch's mean cross-entropy. */
static bool step(Net *net, Trainer *t, const Matrix *X, const int *labels,
                 const TrainConfig *cfg, double lr, double *cost)
{
    Work *w = &t->work;
    double c;
    if (cfg->grad_block > 0) { /* the fixed tree of blocks (blocks.h) */
        BlockNode root = {0, blocks_count(X->rows, cfg->grad_block)};
        if (t->sum)
            t->sum(t->sum_ctx, t->node, net, X, labels);
        else
            blocks_node_sum(t->node, net, X, labels, root, 1.0, &t->blocks);
        c = t->node[net->n_params] / X->rows;
    } else {
        net_forward(w, net, X);
        c = loss_xent(&w->Zo, w->lse, labels);
    }
    if (!isfinite(c))
        return false;
    *cost = c;
    double l2 = loss_sum_squares(net->Wh.data, (long)net->D * net->H) +
                loss_sum_squares(net->Wo.data, (long)net->H * net->K);
    t->loss_sum += (c + 0.5 * cfg->lambda * l2 / X->rows) * X->rows;
    if (cfg->grad_block > 0)
        memcpy(t->grad.params, t->node, net->n_params * sizeof *t->node);
    else
        net_backward(&t->grad, net, X, labels, w, 1.0);
    if (cfg->lambda > 0.0) /* as the tutorial: `if self.lmbd > 0.0` */
        net_add_l2(&t->grad, net, cfg->lambda);
    if (cfg->mean_grad) /* (sum + lambda W) / B, scikit-learn's order */
        net_grad_mean(&t->grad, X->rows);
    if (cfg->optimizer == OPTIM_ADAM) {
        t->adam.lr = lr;
        optim_adam(net, &t->grad, &t->adam);
    } else {
        optim_sgd(net, &t->grad, lr);
    }
    return true;
}

double train_rate(const TrainConfig *cfg, int e, int s, int S)
{
    if (cfg->schedule == RATE_CONSTANT)
        return cfg->eta;
    double t = (e - 1 + (double)(s - 1) / S) / cfg->max_epochs;
    return cfg->eta * 0.5 * (1.0 + cos(acos(-1.0) * t));
}

static void mark_diverged(TrainResult *res, int epoch, int step)
{
    res->diverged = true;
    res->diverged_epoch = epoch;
    res->diverged_step = step;
}

/* Gathers rows idx[0..b-1] of on into the work batch and steps; marks the
 * run diverged at epoch e, step s when the step fails. */
static void step_rows(Net *net, Trainer *t, const Dataset *on,
                      const int *idx, int b, const TrainConfig *cfg,
                      double lr, int e, int s, TrainResult *res)
{
    Work *w = &t->work;
    Matrix Xb = mat_view(w->Xb.data, b, on->X.cols);
    mat_gather_rows(&Xb, &on->X, idx, b);
    for (int i = 0; i < b; i++)
        w->yb[i] = on->labels[idx[i]];
    if (!step(net, t, &Xb, w->yb, cfg, lr, &res->cost))
        mark_diverged(res, e, s);
}

/* ---- one epoch ------------------------------------------------------ */

/* The tutorial's epoch: n / B steps of B rows drawn without replacement
 * (or taken from batches, the run's pre-drawn ones).  The draws go on
 * after a divergence; the arithmetic does not. */
static void epoch_choice(Net *net, Trainer *t, const Dataset *on, Rng *r,
                         const int *batches, const TrainConfig *cfg, int e,
                         TrainResult *res)
{
    int B = cfg->batch_size, steps = on->n / B;
    for (int s = 1; s <= steps; s++) {
        const int *idx = t->work.idx;
        if (batches)
            idx = batches + ((long)(e - 1) * steps + s - 1) * B;
        else
            rng_choice_noreplace(r, t->work.idx, B, on->n, t->perm);
        if (!res->diverged)
            step_rows(net, t, on, idx, B, cfg, train_rate(cfg, e, s, steps),
                      e, s, res);
    }
}

/* scikit-learn's epoch: order = order[permutation(n)], then consecutive
 * batches of B, the last one shorter. */
static void epoch_shuffle(Net *net, Trainer *t, const Dataset *on, Rng *r,
                          const TrainConfig *cfg, int e, TrainResult *res)
{
    int n = on->n, B = cfg->batch_size;
    rng_permutation(r, t->perm, n);
    for (int i = 0; i < n; i++)
        t->perm[i] = t->order[t->perm[i]];
    memcpy(t->order, t->perm, (size_t)n * sizeof *t->order);
    int steps = (n + B - 1) / B;
    for (int start = 0, s = 1; start < n && !res->diverged;
         start += B, s++) {
        int b = n - start < B ? n - start : B;
        step_rows(net, t, on, t->order + start, b, cfg,
                  train_rate(cfg, e, s, steps), e, s, res);
    }
}

static bool params_finite(const Net *net)
{
    for (size_t i = 0; i < net->n_params; i++)
        if (!isfinite(net->params[i]))
            return false;
    return true;
}

/* ---- stopping ------------------------------------------------------- */

/* Where a stopping rule stands between epochs. */
typedef struct {
    double best_cost, best_accuracy; /* STOP_VALIDATION */
    double best_loss;                /* STOP_LOSS */
    int flat;                        /* STOP_LOSS: flat epochs in a row */
} StopState;

/* Updates the rule after epoch e; returns true when training should stop.
 * Keeps the best parameters in t->best (STOP_VALIDATION). */
static bool should_stop(StopState *s, const TrainConfig *cfg, int e,
                        const Net *net, Trainer *t, double cost, double acc,
                        TrainResult *res)
{
    if (cfg->stop == STOP_VALIDATION) {
        if (train_better(cost, acc, s->best_cost, s->best_accuracy)) {
            s->best_cost = cost;
            s->best_accuracy = acc;
            res->best_epoch = e;
            net_copy(&t->best, net);
            return false;
        }
        return e - res->best_epoch >= cfg->patience;
    }
    if (cfg->stop == STOP_LOSS) { /* scikit-learn's order of tests */
        s->flat = res->loss > s->best_loss - cfg->tol ? s->flat + 1 : 0;
        if (res->loss < s->best_loss)
            s->best_loss = res->loss;
        return s->flat > cfg->patience;
    }
    return false;
}

/* ---- the run -------------------------------------------------------- */

/* The rows a run trains on (data->warped with warps), or NULL with a
 * message when data does not fit cfg and t. */
static const Dataset *rows_of(const TrainData *data, const Trainer *t,
                              const TrainConfig *cfg, Error *err)
{
    const Dataset *on = data->train;
    if (augment_on(&cfg->warp)) {
        on = data->warped;
        if (!on || on->n != 2 * data->train->n ||
            on->X.cols != data->train->X.cols) {
            err_set(err, "warps need a buffer of twice the %d training "
                    "rows (train_warp_alloc)", data->train->n);
            return NULL;
        }
    }
    /* choice draws B distinct rows; shuffle's last batch may be short */
    if (cfg->batch_size < 1 ||
        (cfg->batches == BATCH_CHOICE && cfg->batch_size > on->n)) {
        err_set(err, "--batch-size: batches of %d do not fit the %d rows "
                "trained on%s", cfg->batch_size, on->n,
                cfg->stop == STOP_VALIDATION ? " (after the validation split)"
                                             : "");
        return NULL;
    }
    if (cfg->stop == STOP_VALIDATION && (!data->val || data->val->n < 1)) {
        err_set(err, "early stopping needs validation rows");
        return NULL;
    }
    if (t->n < on->n || t->work.cap < cfg->batch_size) {
        err_set(err, "the trainer was made for fewer rows");
        return NULL;
    }
    if (cfg->grad_block > 0 &&
        (!t->node || t->blocks.b != cfg->grad_block ||
         t->blocks.nb < blocks_count(cfg->batch_size, cfg->grad_block))) {
        err_set(err, "gradient blocks of %d rows need a trainer prepared "
                "for them (trainer_init_blocks)", cfg->grad_block);
        return NULL;
    }
    return on;
}

/* Every original (the first half of warped) warped afresh into the
 * second half. */
static void warp_epoch(Dataset *warped, const Warp *warp, Rng *r)
{
    int m = warped->n / 2, D = warped->X.cols;
    int side = (int)lround(sqrt((double)D));
    Matrix originals = mat_view(warped->X.data, m, D);
    Matrix warps = mat_view(warped->X.data + (long)m * D, m, D);
    augment_rows(&warps, &originals, side, warp, r);
}

int train_run(Net *net, Trainer *t, const TrainData *data, Rng *r,
              const TrainConfig *cfg, TrainHook hook, void *ctx,
              TrainResult *res, Error *err)
{
    const Dataset *on = rows_of(data, t, cfg, err);
    if (!on)
        return -1;
    bool on_val = cfg->stop == STOP_VALIDATION;
    StopState s = {INFINITY, -1.0, INFINITY, 0};
    memset(res, 0, sizeof *res);
    res->loss = res->val_cost = res->val_accuracy = NAN;
    for (int i = 0; i < on->n; i++)
        t->order[i] = i;
    adam_reset(&t->adam);
    t->adam.lr = cfg->eta;
    net_copy(&t->best, net);
    res->warped = augment_on(&cfg->warp);
    for (int e = 1; e <= cfg->max_epochs; e++) {
        t->loss_sum = 0.0;
        if (res->warped)
            warp_epoch(data->warped, &cfg->warp, r);
        if (cfg->batches == BATCH_CHOICE)
            epoch_choice(net, t, on, r, data->batches, cfg, e, res);
        else
            epoch_shuffle(net, t, on, r, cfg, e, res);
        if (!res->diverged && !params_finite(net))
            mark_diverged(res, e, on->n / cfg->batch_size);
        double cost = NAN, acc = NAN;
        if (!res->diverged) {
            res->epochs = e;
            res->loss = t->loss_sum / on->n;
            if (on_val)
                train_evaluate(net, data->val, &t->work, &cost, &acc, NULL);
        }
        if (hook)
            hook(ctx, e, net, res->loss, cost, acc);
        bool keep_drawing = cfg->batches == BATCH_CHOICE &&
                            cfg->stop == STOP_NONE;
        if (res->diverged ? !keep_drawing
                          : should_stop(&s, cfg, e, net, t, cost, acc, res))
            break;
    }
    if (on_val) {
        net_copy(net, &t->best);
        res->val_cost = s.best_cost;
        res->val_accuracy = s.best_accuracy;
    } else {
        res->best_epoch = res->epochs;
    }
    return 0;
}

int train_copy(Net *out, const Net *start, const Dataset *train,
               const TrainConfig *cfg, Rng r, TrainResult *res, Error *err)
{
    Trainer t;
    TrainData data = {.train = train};
    if (net_init(out, start->D, start->H, start->K, start->act) != 0)
        return err_set(err, "out of memory");
    if (trainer_init(&t, start, train->n, cfg->batch_size) != 0) {
        net_free(out);
        return err_set(err, "out of memory");
    }
    net_copy(out, start);
    int status = train_run(out, &t, &data, &r, cfg, NULL, NULL, res, err);
    trainer_free(&t);
    if (status != 0)
        net_free(out);
    return status;
}

void train_full_batch(Net *net, Trainer *t, const Dataset *train, int steps,
                      double eta, double lambda, double *cost,
                      TrainResult *res)
{
    TrainConfig cfg = train_cell7();
    cfg.eta = eta;
    cfg.lambda = lambda;
    memset(res, 0, sizeof *res);
    for (int s = 0; cost && s <= steps; s++)
        cost[s] = NAN; /* what a diverged run leaves unfilled */
    for (int s = 1; s <= steps; s++) {
        double c;
        if (!step(net, t, &train->X, train->labels, &cfg, eta, &c)) {
            mark_diverged(res, 1, s);
            break;
        }
        res->cost = c;
        if (cost)
            cost[s - 1] = c;
    }
    if (cost && !res->diverged) {
        double acc;
        train_evaluate(net, train, &t->work, &cost[steps], &acc, NULL);
    }
}

/* ---- the stream without the arithmetic ------------------------------- */

int train_check_steps(int epochs, int batch_size, int n, Error *err)
{
    if (batch_size > n)
        return err_set(err, "--batch-size: %d is more than the %d training "
                       "images", batch_size, n);
    long long steps = (long long)epochs * (n / batch_size);
    if (steps > INT_MAX)
        return err_set(err, "--epochs %d of %d steps (--batch-size %d, %d "
                       "training images) make %lld steps; at most %d",
                       epochs, n / batch_size, batch_size, n, steps,
                       INT_MAX);
    return 0;
}

void train_skip_draws(Rng *r, int n, const TrainConfig *cfg)
{
    for (int e = 0; e < cfg->max_epochs; e++) /* e x steps may pass INT_MAX */
        for (int s = 0; s < n / cfg->batch_size; s++)
            rng_skip_permutation(r, n);
}

void train_draw_batches(int *batches, Rng *r, int n, const TrainConfig *cfg,
                        int *perm)
{
    /* EXERCISE BEGIN minibatch */
    int B = cfg->batch_size, steps = cfg->max_epochs * (n / B);
    for (int s = 0; s < steps; s++)
        rng_choice_noreplace(r, batches + (long)s * B, B, n, perm);
    /* EXERCISE END minibatch */
}

/* ---- data for the loop ----------------------------------------------- */

int train_warp_alloc(Dataset *out, const Dataset *src, Error *err)
{
    int D = src->X.cols, side = (int)lround(sqrt((double)D));
    memset(out, 0, sizeof *out);
    if (side * side != D)
        return err_set(err, "warps need square images, not %d pixels", D);
    if (data_alloc(out, 2 * src->n, D) != 0)
        return err_set(err, "out of memory");
    size_t pixels = (size_t)src->n * D;
    memcpy(out->X.data, src->X.data, pixels * sizeof *src->X.data);
    for (int i = 0; i < 2 * src->n; i++)
        out->labels[i] = src->labels[i % src->n];
    return 0;
}

int train_split_val(Dataset *fit, Dataset *val, const Dataset *src,
                    double fraction, Rng *r, Error *err)
{
    int n_val = (int)ceil(fraction * src->n), n_fit = src->n - n_val;
    memset(fit, 0, sizeof *fit);
    memset(val, 0, sizeof *val);
    if (n_val < 1 || n_fit < 1)
        return err_set(err, "a validation fraction of %g of %d images "
                       "leaves a part empty", fraction, src->n);
    int *perm = malloc((size_t)src->n * sizeof *perm);
    if (!perm)
        return err_set(err, "out of memory");
    rng_permutation(r, perm, src->n);
    int status = 0;
    if (data_subset(val, src, perm, n_val) != 0 ||
        data_subset(fit, src, perm + n_val, n_fit) != 0) {
        data_free(fit);
        data_free(val);
        status = err_set(err, "out of memory");
    }
    free(perm);
    return status;
}

/* ---- scoring ---------------------------------------------------------- */

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
