/* ablation.c - rows of recipes on several seeds (see ablation.h). */
#include "ablation.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "notebook.h"
#include "table.h"

//> recipes
/* The tutorial's cell 7: summed gradients, raw pixels, randn weights,
 * batches drawn with choice, 10 epochs of SGD with eta = lambda = 0.1. */
Recipe ablation_tutorial(void)
{
    Recipe r = {.raw_pixels = true, .init = INIT_RANDN, .act = ACT_SIGMOID,
                .hidden = NB_HIDDEN, .val_fraction = 0.1,
                .fit = {.max_epochs = 10, .batch_size = 100, .eta = 0.1,
                        .lambda = 0.1, .mean_grad = false,
                        .batches = BATCH_CHOICE, .optimizer = OPTIM_SGD,
                        .stop = STOP_NONE, .patience = 10, .tol = 1e-4}};
    return r;
}

/* Rows 1-6 each add one repair to the row above; row 7 raises Adam's
 * learning rate; rows 8 and 9 change only its activation; row 10, the
 * final recipe, adds warped copies of the images and a cosine schedule. */
void ablation_rows(AblationRow *rows)
{
    Recipe r = ablation_tutorial();
    rows[0] = (AblationRow){"tutorial (cell 7)", NULL, r};
    r.fit.mean_grad = true;
    rows[1] = (AblationRow){"mean gradient", NULL, r};
    r.raw_pixels = false;
    rows[2] = (AblationRow){"pixels / 16", NULL, r};
    r.init = INIT_GLOROT;
    rows[3] = (AblationRow){"Glorot init", NULL, r};
    r.fit.batches = BATCH_SHUFFLE;
    rows[4] = (AblationRow){"shuffled epochs", NULL, r};
    r.fit.max_epochs = 200, r.fit.stop = STOP_VALIDATION;
    rows[5] = (AblationRow){"200 epochs, early stop", NULL, r};
    r.fit.optimizer = OPTIM_ADAM, r.fit.eta = ADAM_LR;
    r.fit.batch_size = 200, r.fit.lambda = 1e-4, r.fit.stop = STOP_LOSS;
    rows[6] = (AblationRow){"Adam, sklearn defaults", "defaults", r};
    r.fit.eta = 0.01;
    rows[7] = (AblationRow){"Adam, lr 0.01", "twin", r};
    Recipe twin = r;
    r.act = ACT_TANH;
    rows[8] = (AblationRow){"row 7 with tanh", "tanh", r};
    r.act = ACT_RELU;
    rows[9] = (AblationRow){"row 7 with relu", "relu", r};
    r = twin;
    r.fit.warp = RECIPE_WARP, r.fit.schedule = RATE_COSINE;
    r.fit.eta = 0.03, r.fit.max_epochs = 300, r.fit.stop = STOP_NONE;
    r.init_gain = sqrt(6.0); /* bounds sqrt(12 / (fan_in + fan_out)) */
    rows[10] = (AblationRow){"warps, cosine, 300 epochs", NULL, r};
}
//< recipes

/* Fills the columns from the finished jobs (row r, seed i at r * n + i). */
static void collect(Ablation *a, const AblationRow *rows,
                    const RecipeJob *jobs, const KvFile *kv)
{
    int n = a->seeds;
    for (int k = 0; k < a->rows * n; k++) {
        const AblationRow *row = &rows[k / n];
        char key[128];
        snprintf(key, sizeof key, "%s_accuracy", row->twin ? row->twin : "");
        a->col[ABL_ACCURACY][k] = jobs[k].accuracy;
        a->col[ABL_EPOCHS][k] = jobs[k].fit.epochs;
        a->col[ABL_SAT0][k] = jobs[k].saturated[0];
        a->col[ABL_SAT1][k] = jobs[k].saturated[1];
        a->col[ABL_SKLEARN][k] = row->twin
                                     ? kv_get_seed(kv, key, a->seed[k % n])
                                     : NAN;
    }
}

/* Replays every seed's notebook to cell 3 and trains every row on it. */
static int train_all(Ablation *a, const AblationRow *rows, Notebook *nb,
                     const Dataset *data, const KvFile *kv, Error *err)
{
    int n = a->seeds, total = a->rows * n, rc = 0;
    for (int i = 0; rc == 0 && i < n; i++) {
        rc = nb_replay_data(&nb[i], data, a->seed[i], NB_CELL3, err);
        data_free(&nb[i].all); /* only the split is needed: half the memory */
    }
    RecipeJob *jobs = rc == 0 ? calloc((size_t)total, sizeof *jobs) : NULL;
    if (rc == 0 && !jobs)
        rc = err_set(err, "out of memory");
    for (int k = 0; rc == 0 && k < total; k++)
        jobs[k] = (RecipeJob){.recipe = &rows[k / n].recipe,
                              .train = &nb[k % n].train,
                              .test = &nb[k % n].test,
                              .stream = nb[k % n].rng,
                              .seed = a->seed[k % n]};
    if (rc == 0)
        rc = recipe_run_all(jobs, total, err);
    if (rc == 0)
        collect(a, rows, jobs, kv);
    free(jobs);
    return rc;
}

int ablation_run(Ablation *a, const AblationRow *rows, int n_rows,
                 const Dataset *data, uint32_t seed0, int n_seeds,
                 const KvFile *kv, Error *err)
{
    memset(a, 0, sizeof *a);
    a->rows = n_rows, a->seeds = n_seeds;
    a->seed = malloc((size_t)n_seeds * sizeof *a->seed);
    Notebook *nb = calloc((size_t)n_seeds, sizeof *nb);
    double *all = malloc((size_t)ABL_COLS * n_rows * n_seeds * sizeof *all);
    int rc = a->seed && nb && all ? 0 : err_set(err, "out of memory");
    for (int c = 0; rc == 0 && c < ABL_COLS; c++)
        a->col[c] = all + (size_t)c * n_rows * n_seeds;
    for (int i = 0; rc == 0 && i < n_seeds; i++)
        a->seed[i] = seed0 + (uint32_t)i;
    if (rc == 0)
        rc = train_all(a, rows, nb, data, kv, err);
    for (int i = 0; nb && i < n_seeds; i++)
        nb_free(&nb[i]);
    free(nb);
    if (rc != 0) {
        free(all);
        a->col[0] = NULL;
        ablation_free(a);
    }
    return rc;
}

void ablation_free(Ablation *a)
{
    free(a->seed);
    free(a->col[0]); /* all columns share one allocation */
    memset(a, 0, sizeof *a);
}

Spread ablation_spread(const Ablation *a, int r, int c)
{
    Spread s;
    recipe_spread(&s, a->col[c] + (size_t)r * a->seeds, a->seeds);
    return s;
}

void ablation_print(FILE *f, const Ablation *a, const AblationRow *rows)
{
    fprintf(f, "%-27s %6s %6s %6s %6s %6s %5s %5s %7s\n", "step", "mean",
            "sd", "min", "max", "epochs", "sat0", "sat1", "sklearn");
    for (int r = 0; r < a->rows; r++) {
        Spread acc = ablation_spread(a, r, ABL_ACCURACY);
        double sk = ablation_spread(a, r, ABL_SKLEARN).mean;
        fprintf(f, "%-27s %6.4f %6.4f %6.4f %6.4f %6.1f %5.2f %5.2f",
                rows[r].name, acc.mean, acc.sd, acc.min, acc.max,
                ablation_spread(a, r, ABL_EPOCHS).mean,
                ablation_spread(a, r, ABL_SAT0).mean,
                ablation_spread(a, r, ABL_SAT1).mean);
        if (isnan(sk))
            fprintf(f, "%8s\n", "-");
        else
            fprintf(f, "%8.4f\n", sk);
    }
}

int ablation_write(OutSet *set, const Ablation *a, const AblationRow *rows,
                   const char *dir, Error *err)
{
    int n = a->seeds;
    double *sum = malloc((size_t)a->rows * 9 * sizeof *sum);
    double *one = malloc((size_t)a->rows * n * 5 * sizeof *one);
    const char **names = malloc((size_t)a->rows * sizeof *names);
    int rc = sum && one && names ? 0 : err_set(err, "out of memory");
    for (int r = 0; rc == 0 && r < a->rows; r++) {
        Spread acc = ablation_spread(a, r, ABL_ACCURACY);
        double *s = sum + r * 9;
        s[0] = r, s[1] = acc.mean, s[2] = acc.sd, s[3] = acc.min;
        s[4] = acc.max;
        for (int c = ABL_EPOCHS; c < ABL_COLS; c++)
            s[4 + c] = ablation_spread(a, r, c).mean;
        names[r] = rows[r].name;
        for (int i = 0; i < n; i++) {
            double *o = one + (r * n + i) * 5;
            int k = r * n + i;
            o[0] = r, o[1] = a->seed[i], o[2] = a->col[ABL_ACCURACY][k];
            o[3] = a->col[ABL_EPOCHS][k], o[4] = a->col[ABL_SKLEARN][k];
        }
    }
    if (rc == 0)
        rc = table_write(set, dir, "ablation.tsv", "name\tstep\tmean\tsd\t"
                         "min\tmax\tepochs\tsat0\tsat1\tsklearn", names,
                         sum, a->rows, 9, err) ||
             table_write(set, dir, "ablation_seeds.tsv", "step\tseed\t"
                         "accuracy\tepochs\tsklearn", NULL, one,
                         a->rows * n, 5, err)
                 ? -1 : 0;
    free(sum), free(one), free(names);
    return rc;
}
