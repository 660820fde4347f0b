/* recipe.c - one network from start to finish (see recipe.h). */
#include "recipe.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "train.h"

double recipe_gain(const Recipe *r)
{
    return r->init_gain > 0.0 ? r->init_gain : 1.0;
}

/* out = a copy of src (allocated here), pixels divided by 16 unless raw. */
static int copy_data(Dataset *out, const Dataset *src, bool raw)
{
    if (data_alloc(out, src->n, src->X.cols) != 0)
        return -1;
    memcpy(out->X.data, src->X.data,
           (size_t)src->n * src->X.cols * sizeof *src->X.data);
    memcpy(out->labels, src->labels, (size_t)src->n * sizeof *src->labels);
    if (!raw)
        data_scale_pixels(out);
    return 0;
}

/* The share of hidden activations over ds that are saturated (act.h),
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
            flat += act_saturated(net->act, w->A.data[i]);
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
    init_net_gain(&net, rc->init, recipe_gain(rc), &r);
    Dataset fit = {0}, val = {0}, warped = {0};
    TrainData data = {.train = train};
    int status = 0;
    if (rc->fit.stop == STOP_VALIDATION) {
        status = train_split_val(&fit, &val, train, rc->val_fraction, &r,
                                 err);
        data.train = &fit;
        data.val = &val;
    }
    if (status == 0 && augment_on(&rc->fit.warp)) {
        status = train_warp_alloc(&warped, data.train, err);
        data.warped = &warped;
    }
    Trainer t;
    int cap = rc->fit.batch_size;
    cap = test->n > cap ? test->n : cap;
    cap = val.n > cap ? val.n : cap;
    int rows = data.warped ? warped.n : data.train->n;
    if (status == 0 && trainer_init(&t, &net, rows, cap) != 0)
        status = err_set(err, "out of memory");
    if (status == 0) {
        job->saturated[0] = saturation(&net, data.train, &t.work);
        status = train_run(&net, &t, &data, &r, &rc->fit, NULL, NULL,
                           &job->fit, err);
        if (status == 0) {
            job->saturated[1] = saturation(&net, data.train, &t.work);
            train_evaluate(&net, test, &t.work, &job->cost, &job->accuracy,
                           job->pred);
        }
        trainer_free(&t);
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

void recipe_shortest(char *out, size_t size, double x)
{
    for (int digits = 1; digits <= 17; digits++) {
        snprintf(out, size, "%.*g", digits, x);
        if (strtod(out, NULL) == x)
            return;
    }
}

char *recipe_options(char *buf, size_t size, const Recipe *r)
{
    const TrainConfig *c = &r->fit;
    char eta[32], lambda[32], gain[32];
    recipe_shortest(eta, sizeof eta, c->eta);
    recipe_shortest(lambda, sizeof lambda, c->lambda);
    recipe_shortest(gain, sizeof gain, recipe_gain(r));
    snprintf(buf, size, "%s%s%s--init %s --init-gain %s --batches %s "
             "--optimizer %s "
             "--activation %s --epochs %d --eta %s --lambda %s "
             "--batch-size %d --stop %s --patience %d --schedule %s",
             c->mean_grad ? "" : "--sum-gradients ",
             r->raw_pixels ? "--raw-pixels " : "",
             augment_on(&c->warp) ? "" : "--no-warps ", init_name(r->init),
             gain, train_batches_name(c->batches), optim_name(c->optimizer),
             act_name(r->act), c->max_epochs, eta, lambda,
             c->batch_size, train_stop_name(c->stop), c->patience,
             train_schedule_name(c->schedule));
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
