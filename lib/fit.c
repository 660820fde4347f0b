/* fit.c - the configurable training loop (see fit.h). */
#include "fit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "backprop.h"
#include "loss.h"
#include "train.h"

static const char *const batch_names[] = {"choice", "shuffle"};
static const char *const stop_names[] = {"none", "validation", "loss"};
static const char *const schedule_names[] = {"constant", "cosine"};

const char *fit_batches_name(Batches b) { return batch_names[b]; }

const char *fit_stop_name(Stopping s) { return stop_names[s]; }

const char *fit_schedule_name(Schedule s) { return schedule_names[s]; }

/* Index of name in names (n of them), or -1. */
static int find_name(const char *const *names, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(name, names[i]) == 0)
            return i;
    return -1;
}

int fit_batches_parse(Batches *b, const char *name)
{
    int i = find_name(batch_names, 2, name);
    if (i >= 0)
        *b = (Batches)i;
    return i >= 0 ? 0 : -1;
}

int fit_stop_parse(Stopping *s, const char *name)
{
    int i = find_name(stop_names, 3, name);
    if (i >= 0)
        *s = (Stopping)i;
    return i >= 0 ? 0 : -1;
}

int fit_schedule_parse(Schedule *s, const char *name)
{
    int i = find_name(schedule_names, 2, name);
    if (i >= 0)
        *s = (Schedule)i;
    return i >= 0 ? 0 : -1;
}

int fitter_init(Fitter *f, const Net *net, int n, int cap)
{
    memset(f, 0, sizeof *f);
    f->n = n;
    f->order = malloc((size_t)n * sizeof *f->order);
    f->perm = malloc((size_t)n * sizeof *f->perm);
    if (!f->order || !f->perm ||
        net_init(&f->grad, net->D, net->H, net->K, net->act) ||
        net_init(&f->best, net->D, net->H, net->K, net->act) ||
        adam_init(&f->adam, net->n_params, ADAM_LR, ADAM_BETA1, ADAM_BETA2,
                  ADAM_EPS) ||
        work_init(&f->work, net, cap)) {
        fitter_free(f);
        return -1;
    }
    return 0;
}

void fitter_free(Fitter *f)
{
    if (!f)
        return;
    net_free(&f->grad);
    net_free(&f->best);
    adam_free(&f->adam);
    work_free(&f->work);
    free(f->order);
    free(f->perm);
    memset(f, 0, sizeof *f);
}

bool fit_better(double cost, double accuracy, double best_cost,
                double best_accuracy)
{
    return accuracy > best_accuracy ||
           (accuracy == best_accuracy && cost < best_cost);
}

/* ---- one step ------------------------------------------------------- */

/* Forward, check, backward, L2, (divide by B), update, on the batch X
 * (b, D), adding the batch's scikit-learn loss times b to f->loss_sum.
 * Returns false, leaving net untouched, when the batch cost is not
 * finite. */
static bool step(Net *net, Fitter *f, const Matrix *X, const int *labels,
                 const FitConfig *cfg, double lr)
{
    Work *w = &f->work;
    net_forward(w, net, X);
    double c = loss_xent(&w->Zo, w->lse, labels);
    if (!isfinite(c))
        return false;
    double l2 = loss_sum_squares(net->Wh.data, (long)net->D * net->H) +
                loss_sum_squares(net->Wo.data, (long)net->H * net->K);
    f->loss_sum += (c + 0.5 * cfg->lambda * l2 / X->rows) * X->rows;
    net_backward(&f->grad, net, X, labels, w, 1.0);
    if (cfg->lambda > 0.0) /* as the tutorial: `if self.lmbd > 0.0` */
        net_add_l2(&f->grad, net, cfg->lambda);
    if (cfg->mean_grad) /* (sum + lambda W) / B, scikit-learn's order */
        for (size_t i = 0; i < f->grad.n_params; i++)
            f->grad.params[i] /= X->rows;
    if (cfg->optimizer == OPTIM_ADAM) {
        f->adam.lr = lr;
        optim_adam(net, &f->grad, &f->adam);
    } else {
        optim_sgd(net, &f->grad, lr);
    }
    return true;
}

double fit_rate(const FitConfig *cfg, int e, int s, int S)
{
    if (cfg->schedule == FIT_CONSTANT)
        return cfg->eta;
    double t = (e - 1 + (double)(s - 1) / S) / cfg->max_epochs;
    return cfg->eta * 0.5 * (1.0 + cos(acos(-1.0) * t));
}

/* Gathers rows idx[0..b-1] of train into the work batch and steps. */
static bool step_rows(Net *net, Fitter *f, const Dataset *train,
                      const int *idx, int b, const FitConfig *cfg, double lr)
{
    Work *w = &f->work;
    Matrix Xb = mat_view(w->Xb.data, b, train->X.cols);
    mat_gather_rows(&Xb, &train->X, idx, b);
    for (int i = 0; i < b; i++)
        w->yb[i] = train->labels[idx[i]];
    return step(net, f, &Xb, w->yb, cfg, lr);
}

static void mark_diverged(FitResult *res, int epoch, int step)
{
    res->diverged = true;
    res->diverged_epoch = epoch;
    res->diverged_step = step;
}

/* ---- one epoch ------------------------------------------------------ */

/* The tutorial's epoch: n / B steps of B rows drawn without replacement. */
static void epoch_choice(Net *net, Fitter *f, const Dataset *train, Rng *r,
                         const FitConfig *cfg, int e, FitResult *res)
{
    int B = cfg->batch_size, steps = train->n / B;
    for (int s = 1; s <= steps; s++) {
        rng_choice_noreplace(r, f->work.idx, B, train->n, f->perm);
        if (!res->diverged &&
            !step_rows(net, f, train, f->work.idx, B, cfg,
                       fit_rate(cfg, e, s, steps)))
            mark_diverged(res, e, s);
    }
}

/* scikit-learn's epoch: order = order[permutation(n)], then consecutive
 * batches of B, the last one shorter. */
static void epoch_shuffle(Net *net, Fitter *f, const Dataset *train, Rng *r,
                          const FitConfig *cfg, int e, FitResult *res)
{
    int n = train->n, B = cfg->batch_size;
    rng_permutation(r, f->perm, n);
    for (int i = 0; i < n; i++)
        f->perm[i] = f->order[f->perm[i]];
    memcpy(f->order, f->perm, (size_t)n * sizeof *f->order);
    int steps = (n + B - 1) / B;
    for (int start = 0, s = 1; start < n && !res->diverged;
         start += B, s++) {
        int b = n - start < B ? n - start : B;
        if (!step_rows(net, f, train, f->order + start, b, cfg,
                       fit_rate(cfg, e, s, steps)))
            mark_diverged(res, e, s);
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
    double best_cost, best_accuracy; /* FIT_STOP_VALIDATION */
    double best_loss;                /* FIT_STOP_LOSS */
    int flat;                        /* FIT_STOP_LOSS: flat epochs in a row */
} StopState;

/* Updates the rule after epoch e; returns true when training should stop.
 * Keeps the best parameters in f->best (FIT_STOP_VALIDATION). */
static bool should_stop(StopState *s, const FitConfig *cfg, int e,
                        const Net *net, Fitter *f, double cost, double acc,
                        FitResult *res)
{
    if (cfg->stop == FIT_STOP_VALIDATION) {
        if (fit_better(cost, acc, s->best_cost, s->best_accuracy)) {
            s->best_cost = cost;
            s->best_accuracy = acc;
            res->best_epoch = e;
            net_copy(&f->best, net);
            return false;
        }
        return e - res->best_epoch >= cfg->patience;
    }
    if (cfg->stop == FIT_STOP_LOSS) { /* scikit-learn's order of tests */
        s->flat = res->loss > s->best_loss - cfg->tol ? s->flat + 1 : 0;
        if (res->loss < s->best_loss)
            s->best_loss = res->loss;
        return s->flat > cfg->patience;
    }
    return false;
}

/* ---- the run -------------------------------------------------------- */

/* Is train laid out as fit_warp_data makes it (fit.h)? */
static bool warp_layout(const Dataset *train)
{
    int m = train->n / 2;
    if (train->n % 2 != 0 || m < 1 || train->X.cols != DATA_FEATURES)
        return false;
    for (int i = 0; i < m; i++)
        if (train->labels[m + i] != train->labels[i])
            return false;
    return true;
}

void fit_run(Net *net, Fitter *f, const Dataset *train, const Dataset *val,
             Rng *r, const FitConfig *cfg, FitHook hook, void *ctx,
             FitResult *res)
{
    bool on_val = cfg->stop == FIT_STOP_VALIDATION;
    StopState s = {INFINITY, -1.0, INFINITY, 0};
    memset(res, 0, sizeof *res);
    res->loss = res->val_cost = res->val_accuracy = NAN;
    for (int i = 0; i < train->n; i++)
        f->order[i] = i;
    adam_reset(&f->adam);
    f->adam.lr = cfg->eta;
    net_copy(&f->best, net);
    int m = train->n / 2;
    res->warped = augment_on(&cfg->warp) && warp_layout(train);
    Matrix originals = mat_view(train->X.data, m, train->X.cols);
    Matrix warps = mat_view(train->X.data + (long)m * train->X.cols, m,
                            train->X.cols);
    for (int e = 1; e <= cfg->max_epochs; e++) {
        f->loss_sum = 0.0;
        if (res->warped)
            augment_rows(&warps, &originals, DATA_SIDE, &cfg->warp, r);
        if (cfg->batches == FIT_CHOICE)
            epoch_choice(net, f, train, r, cfg, e, res);
        else
            epoch_shuffle(net, f, train, r, cfg, e, res);
        if (!res->diverged && !params_finite(net))
            mark_diverged(res, e, train->n / cfg->batch_size);
        double cost = NAN, acc = NAN;
        if (!res->diverged) {
            res->epochs = e;
            res->loss = f->loss_sum / train->n;
            if (on_val)
                train_evaluate(net, val, &f->work, &cost, &acc, NULL);
        }
        if (hook)
            hook(ctx, e, net, res->loss, cost, acc);
        bool keep_drawing = cfg->batches == FIT_CHOICE &&
                            cfg->stop == FIT_STOP_NONE;
        if (res->diverged ? !keep_drawing
                          : should_stop(&s, cfg, e, net, f, cost, acc, res))
            break;
    }
    if (on_val) {
        net_copy(net, &f->best);
        res->val_cost = s.best_cost;
        res->val_accuracy = s.best_accuracy;
    } else {
        res->best_epoch = res->epochs;
    }
}

int fit_copy(Net *out, const Net *start, const Dataset *train,
             const FitConfig *cfg, Rng r, FitResult *res)
{
    Fitter f;
    if (net_init(out, start->D, start->H, start->K, start->act) != 0)
        return -1;
    if (fitter_init(&f, start, train->n, cfg->batch_size) != 0) {
        net_free(out);
        return -1;
    }
    net_copy(out, start);
    fit_run(out, &f, train, NULL, &r, cfg, NULL, NULL, res);
    fitter_free(&f);
    return 0;
}

int fit_warp_data(Dataset *out, const Dataset *src, Error *err)
{
    if (src->X.cols != DATA_FEATURES)
        return err_set(err, "warps need %d x %d images, not %d pixels",
                       DATA_SIDE, DATA_SIDE, src->X.cols);
    if (data_alloc(out, 2 * src->n) != 0)
        return err_set(err, "out of memory");
    size_t pixels = (size_t)src->n * src->X.cols;
    memcpy(out->X.data, src->X.data, pixels * sizeof *src->X.data);
    for (int i = 0; i < 2 * src->n; i++)
        out->labels[i] = src->labels[i % src->n];
    return 0;
}

/* ---- the validation split ------------------------------------------- */

int fit_split(Dataset *fit, Dataset *val, const Dataset *src,
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
