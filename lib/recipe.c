/* recipe.c - one network from start to finish (see recipe.h). */
#include "recipe.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "train.h"

/* The Glorot gain a recipe asks for: init_gain, where 0 counts as 1. */
static double gain_of(const Recipe *r)
{
    return r->init_gain > 0.0 ? r->init_gain : 1.0;
}

/* out = a copy of src (allocated here), pixels divided by 16 unless raw. */
static int copy_data(Dataset *out, const Dataset *src, bool raw)
{
    if (data_alloc(out, src->n) != 0)
        return -1;
    memcpy(out->X.data, src->X.data,
           (size_t)src->n * src->X.cols * sizeof *src->X.data);
    memcpy(out->labels, src->labels, (size_t)src->n * sizeof *src->labels);
    if (!raw)
        data_scale_pixels(out);
    return 0;
}

/* The share of hidden activations over ds that are saturated (recipe.h),
 * from forward passes of up to w->cap rows. */
static double saturation(const Net *net, const Dataset *ds, Work *w)
{
    long flat = 0;
    for (int start = 0; start < ds->n; start += w->cap) {
        int n = ds->n - start < w->cap ? ds->n - start : w->cap;
        Matrix part = mat_view(ds->X.data + (long)start * ds->X.cols, n,
                               ds->X.cols);
        net_forward(w, net, &part);
        for (long i = 0; i < (long)n * net->H; i++) {
            double a = w->A.data[i];
            double slope = net->act == ACT_SIGMOID ? a * (1.0 - a) / 0.25
                           : net->act == ACT_TANH  ? 1.0 - a * a
                                                   : (a > 0.0);
            flat += slope < RECIPE_SATURATED;
        }
    }
    return (double)flat / ((double)ds->n * net->H);
}

/* Draws the weights and trains; train and test are the job's own copies. */
static int train_and_score(RecipeJob *job, const Dataset *train,
                           const Dataset *test, Error *err)
{
    const Recipe *rc = job->recipe;
    Rng r = job->stream;
    if (rc->init != INIT_RANDN)
        rng_seed(&r, job->seed);
    Net net;
    if (net_init(&net, train->X.cols, rc->hidden, DATA_CLASSES, rc->act))
        return err_set(err, "out of memory");
    init_net_gain(&net, rc->init, gain_of(rc), &r);
    Dataset fit = {0}, val = {0}, warped = {0};
    const Dataset *on = train; /* the images, then what fit_run sees */
    int status = 0;
    if (rc->fit.stop == FIT_STOP_VALIDATION) {
        status = fit_split(&fit, &val, train, rc->val_fraction, &r, err);
        on = &fit;
    }
    const Dataset *images = on;
    /* Drawn batches: n / B steps an epoch, none when the validation
     * split left fewer than B images, and a run of no steps is no run. */
    if (status == 0 && rc->fit.batches == FIT_CHOICE &&
        on->n < rc->fit.batch_size)
        status = err_set(err, "--batch-size: %d is more than the %d images "
                         "left to train on after --stop validation holds out "
                         "%d: no step an epoch", rc->fit.batch_size, on->n,
                         val.n);
    if (status == 0 && augment_on(&rc->fit.warp)) {
        status = fit_warp_data(&warped, on, err);
        on = &warped;
    }
    Fitter f;
    int cap = rc->fit.batch_size;
    cap = test->n > cap ? test->n : cap;
    cap = val.n > cap ? val.n : cap;
    if (status == 0 && fitter_init(&f, &net, on->n, cap) != 0)
        status = err_set(err, "out of memory");
    if (status == 0) {
        job->saturated[0] = saturation(&net, images, &f.work);
        fit_run(&net, &f, on, &val, &r, &rc->fit, NULL, NULL, &job->fit);
        job->saturated[1] = saturation(&net, images, &f.work);
        train_evaluate(&net, test, &f.work, &job->cost, &job->accuracy,
                       job->pred);
        fitter_free(&f);
    }
    data_free(&fit);
    data_free(&val);
    data_free(&warped);
    if (status == 0 && job->net)
        *job->net = net; /* the caller owns it now */
    else
        net_free(&net);
    return status;
}

int recipe_run(RecipeJob *job, Error *err)
{
    const Recipe *rc = job->recipe;
    if (rc->fit.batch_size > job->train->n)
        return err_set(err, "batches of %d are more than the %d training "
                       "images", rc->fit.batch_size, job->train->n);
    Dataset train, test;
    if (copy_data(&train, job->train, rc->raw_pixels) != 0)
        return err_set(err, "out of memory");
    if (copy_data(&test, job->test, rc->raw_pixels) != 0) {
        data_free(&train);
        return err_set(err, "out of memory");
    }
    int status = train_and_score(job, &train, &test, err);
    data_free(&train);
    data_free(&test);
    return status;
}

int recipe_run_all(RecipeJob *jobs, int n, Error *err)
{
    int first = n; /* the lowest failing job, n if none */
#pragma omp parallel for schedule(dynamic, 1)
    for (int i = 0; i < n; i++) {
        Error e;
        if (recipe_run(&jobs[i], &e) != 0) {
#pragma omp critical(recipe_first_failure)
            if (i < first) {
                first = i;
                if (err)
                    *err = e;
            }
        }
    }
    return first < n ? -1 : 0;
}

/* The shortest %g form of x that reads back as x. */
static void shortest(char *out, size_t size, double x)
{
    for (int digits = 1; digits <= 17; digits++) {
        snprintf(out, size, "%.*g", digits, x);
        if (strtod(out, NULL) == x)
            return;
    }
}

char *recipe_options(char *buf, size_t size, const Recipe *r)
{
    const FitConfig *c = &r->fit;
    char eta[32], lambda[32], gain[32];
    shortest(eta, sizeof eta, c->eta);
    shortest(lambda, sizeof lambda, c->lambda);
    shortest(gain, sizeof gain, gain_of(r));
    snprintf(buf, size, "%s%s%s--init %s --init-gain %s --batches %s "
             "--optimizer %s "
             "--activation %s --epochs %d --eta %s --lambda %s "
             "--batch-size %d --stop %s --patience %d --schedule %s",
             c->mean_grad ? "" : "--sum-gradients ",
             r->raw_pixels ? "--raw-pixels " : "",
             augment_on(&c->warp) ? "" : "--no-warps ", init_name(r->init),
             gain, fit_batches_name(c->batches), optim_name(c->optimizer),
             act_name(r->act), c->max_epochs, eta, lambda,
             c->batch_size, fit_stop_name(c->stop), c->patience,
             fit_schedule_name(c->schedule));
    return buf;
}

void recipe_print_options(FILE *f, const char *prefix, const Recipe *r)
{
    char buf[512];
    const char *opts = recipe_options(buf, sizeof buf, r);
    int col = fprintf(f, "%s", prefix);
    while (*opts) {
        const char *sp = strstr(opts + 1, " --");
        int len = sp ? (int)(sp - opts) : (int)strlen(opts);
        if (col + len > 72 && col > 8) {
            fprintf(f, " \\\n   ");
            col = 4;
        }
        col += fprintf(f, "%.*s", len, opts);
        opts += len;
    }
    fputc('\n', f);
}

void recipe_cli_options(CliOption *opts, Recipe *r, RecipeCli *c)
{
    static const char *const name[6] = {"--init", "--batches",
                                        "--optimizer", "--activation",
                                        "--stop", "--schedule"};
    static const char *const choices[6] = {
        "randn | glorot", "choice | shuffle", "sgd | adam",
        "sigmoid | tanh | relu", "none | validation | loss",
        "constant | cosine"};
    FitConfig *f = &r->fit;
    c->sum = !f->mean_grad, c->raw = r->raw_pixels;
    c->no_warps = !augment_on(&f->warp);
    c->names[0] = init_name(r->init), c->names[1] = fit_batches_name(f->batches);
    c->names[2] = optim_name(f->optimizer), c->names[3] = act_name(r->act);
    c->names[4] = fit_stop_name(f->stop);
    c->names[5] = fit_schedule_name(f->schedule);
    opts[0] = (CliOption){"--sum-gradients", OPT_FLAG, &c->sum, 0, 0,
                          "sum the gradient over a batch (or: mean)"};
    opts[1] = (CliOption){"--raw-pixels", OPT_FLAG, &c->raw, 0, 0,
                          "feed the pixels 0..16 (or: / 16)"};
    opts[2] = (CliOption){"--no-warps", OPT_FLAG, &c->no_warps, 0, 0,
                          "train on the images alone (or: and on a fresh "
                          "warp of each, every epoch)"};
    for (int i = 0; i < 6; i++) {
        snprintf(c->help[i], sizeof c->help[i], "%s (%s)", choices[i],
                 c->names[i]);
        opts[3 + i] = (CliOption){name[i], OPT_STRING, &c->names[i], 0, 0,
                                  c->help[i]};
    }
    char eta[32], lambda[32];
    shortest(eta, sizeof eta, f->eta);
    shortest(lambda, sizeof lambda, f->lambda);
    snprintf(c->help[6], 64, "most epochs (%d)", f->max_epochs);
    snprintf(c->help[7], 64, "learning rate (%s)", eta);
    snprintf(c->help[8], 64, "L2 strength (%s)", lambda);
    snprintf(c->help[9], 64, "images per step (%d)", f->batch_size);
    snprintf(c->help[10], 64, "flat epochs a stop rule allows (%d)",
             f->patience);
    r->init_gain = gain_of(r); /* the option's default, 1 rather than 0 */
    char gain[32];
    shortest(gain, sizeof gain, r->init_gain);
    snprintf(c->help[11], 64, "glorot's bounds times this (%s)", gain);
    opts[9] = (CliOption){"--epochs", OPT_INT, &f->max_epochs, 1, 100000,
                          c->help[6]};
    opts[10] = (CliOption){"--eta", OPT_DOUBLE, &f->eta, 0, 1e6, c->help[7]};
    opts[11] = (CliOption){"--lambda", OPT_DOUBLE, &f->lambda, 0, 1e6,
                           c->help[8]};
    opts[12] = (CliOption){"--batch-size", OPT_INT, &f->batch_size, 1,
                           DATA_MAX_ROWS, c->help[9]};
    opts[13] = (CliOption){"--patience", OPT_INT, &f->patience, 1, 100000,
                           c->help[10]};
    opts[14] = (CliOption){"--init-gain", OPT_DOUBLE, &r->init_gain, 1e-3,
                           1e3, c->help[11]};
}

int recipe_cli_apply(Recipe *r, const RecipeCli *c, Error *err)
{
    static const char *const name[6] = {"--init", "--batches",
                                        "--optimizer", "--activation",
                                        "--stop", "--schedule"};
    FitConfig *f = &r->fit;
    int bad[6] = {init_parse(&r->init, c->names[0]),
                  fit_batches_parse(&f->batches, c->names[1]),
                  optim_parse(&f->optimizer, c->names[2]),
                  act_parse(&r->act, c->names[3]),
                  fit_stop_parse(&f->stop, c->names[4]),
                  fit_schedule_parse(&f->schedule, c->names[5])};
    for (int i = 0; i < 6; i++)
        if (bad[i])
            return err_set(err, "%s: expected one of the names --help "
                           "lists, got '%.40s'", name[i], c->names[i]);
    f->mean_grad = !c->sum, r->raw_pixels = c->raw;
    if (c->no_warps)
        f->warp = (Warp){0.0, 0.0, 0.0, 0.0};
    return 0;
}

int recipe_grid(RecipeJob *jobs, Recipe *recipes, const Recipe *base,
                const double *etas, int n_eta, const double *lambdas,
                int n_lambda, const RecipeJob *proto, Error *err)
{
    for (int c = 0; c < n_eta * n_lambda; c++) {
        recipes[c] = *base;
        recipes[c].fit.eta = etas[c / n_lambda];
        recipes[c].fit.lambda = lambdas[c % n_lambda];
        jobs[c] = (RecipeJob){.recipe = &recipes[c], .train = proto->train,
                              .test = proto->test, .stream = proto->stream,
                              .seed = proto->seed};
    }
    return recipe_run_all(jobs, n_eta * n_lambda, err);
}

void recipe_spread(Spread *s, const double *x, int n)
{
    double sum = 0.0, sq = 0.0;
    s->min = s->max = x[0];
    for (int i = 0; i < n; i++) {
        sum += x[i];
        s->min = x[i] < s->min ? x[i] : s->min;
        s->max = x[i] > s->max ? x[i] : s->max;
    }
    s->mean = sum / n;
    for (int i = 0; i < n; i++)
        sq += (x[i] - s->mean) * (x[i] - s->mean);
    s->sd = n > 1 ? sqrt(sq / (n - 1)) : 0.0;
}
