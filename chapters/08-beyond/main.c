/* 08-beyond: closing the gap to scikit-learn, one measured repair at a time.
 *
 * Trains the network the options describe (by default the final recipe)
 * and cell 7's on this seed's split; shows that a step of the tutorial is
 * a step of scikit-learn's SGD; runs the ablation from cell 7 to the final
 * recipe over several seeds; reruns chapter 7's grid with the repaired SGD
 * and with the final recipe; prints scikit-learn's numbers
 * (tests/golden/sklearn.txt) beside ours.  Book: chapter "Closing the gap".
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "kv.h"
#include "notebook.h"
#include "out.h"
#include "recipe.h"
#include "sweep.h"
#include "table.h"

#define MAX_SEEDS 1000
#define N_GRID 6 /* np.logspace(-5, 0, 6), as in chapter 7 */
#define N_CELLS (N_GRID * N_GRID)
#define N_ROWS 10
#define FINAL 7  /* the ablation's row that is the final recipe */

typedef struct {
    const char *name;
    const char *twin; /* scikit-learn's twin in sklearn.txt, or NULL */
    Recipe r;
} Row;

//> recipes
/* The tutorial's cell 7: summed gradients, raw pixels, randn weights,
 * batches drawn with choice, 10 epochs of SGD with eta = lambda = 0.1. */
static Recipe tutorial(void)
{
    Recipe r = {.raw_pixels = true, .init = INIT_RANDN, .act = ACT_SIGMOID,
                .hidden = NB_HIDDEN, .val_fraction = 0.1,
                .fit = {.max_epochs = 10, .batch_size = 100, .eta = 0.1,
                        .lambda = 0.1, .mean_grad = false,
                        .batches = FIT_CHOICE, .optimizer = OPTIM_SGD,
                        .stop = FIT_STOP_NONE, .patience = 10, .tol = 1e-4}};
    return r;
}

/* Rows 1-6 each add one repair to the row above; row 7 is the final
 * recipe; rows 8 and 9 change only its activation. */
static void ablation(Row *rows)
{
    Recipe r = tutorial();
    rows[0] = (Row){"tutorial (cell 7)", NULL, r};
    r.fit.mean_grad = true;
    rows[1] = (Row){"(1) mean gradient", NULL, r};
    r.raw_pixels = false;
    rows[2] = (Row){"(2) pixels / 16", NULL, r};
    r.init = INIT_GLOROT;
    rows[3] = (Row){"(3) Glorot init", NULL, r};
    r.fit.batches = FIT_SHUFFLE;
    rows[4] = (Row){"(4) shuffled epochs", NULL, r};
    r.fit.max_epochs = 200, r.fit.stop = FIT_STOP_VALIDATION;
    rows[5] = (Row){"(5) 200 epochs, early stop", NULL, r};
    r.fit.optimizer = OPTIM_ADAM, r.fit.eta = ADAM_LR;
    r.fit.batch_size = 200, r.fit.lambda = 1e-4, r.fit.stop = FIT_STOP_LOSS;
    rows[6] = (Row){"(6) Adam, sklearn defaults", "defaults", r};
    r.fit.eta = 0.01;
    rows[7] = (Row){"final: (6) with lr 0.01", "final", r};
    r.act = ACT_TANH;
    rows[8] = (Row){"(7) final, tanh", "tanh", r};
    r.act = ACT_RELU;
    rows[9] = (Row){"(7) final, relu", "relu", r};
}
//< recipes

/* ---- like for like ---------------------------------------------------- */

//> one-step
/* From cell 7's network (drawn from the stream at cell 3), one step on its
 * first batch: the tutorial's (summed, eta) and scikit-learn's (mean,
 * lr = eta B), same lambda.  d[0] = the largest change of a parameter,
 * d[1] = the largest difference between the two results. */
static int one_step(double d[2], const Dataset *train, Rng rng)
{
    FitConfig cfg = tutorial().fit;
    Net start = {0}, a = {0}, b = {0};
    Dataset batch = {0};
    FitResult res;
    int idx[100], *perm = malloc((size_t)train->n * sizeof *perm);
    int bad = !perm || net_init(&start, DATA_FEATURES, NB_HIDDEN,
                                DATA_CLASSES, ACT_SIGMOID);
    if (!bad) {
        init_net(&start, INIT_RANDN, &rng); /* cell 7's weights */
        rng_choice_noreplace(&rng, idx, 100, train->n, perm);
        cfg.max_epochs = 1, cfg.batches = FIT_SHUFFLE; /* the one batch */
        bad = data_subset(&batch, train, idx, 100) ||
              fit_copy(&a, &start, &batch, &cfg, rng, &res);
        cfg.mean_grad = true, cfg.eta *= cfg.batch_size;
        bad = bad || fit_copy(&b, &start, &batch, &cfg, rng, &res);
    }
    if (!bad)
        d[0] = net_max_diff(&a, &start), d[1] = net_max_diff(&a, &b);
    net_free(&a), net_free(&b), net_free(&start);
    data_free(&batch);
    free(perm);
    return bad ? -1 : 0;
}
//< one-step

/* ---- the ablation ------------------------------------------------------ */

/* Results per row and seed, (N_ROWS, n) each. */
typedef struct {
    double *acc, *epochs, *sat0, *sat1, *sk;
} Table;

//> ablation
/* Trains every row on every seed's split (nb[i], at cell 3, of seeds[i]),
 * all N_ROWS * n networks in one parallel batch. */
static int run_ablation(Table *t, const Row *rows, const Notebook *nb,
                        const uint32_t *seeds, int n, const KvFile *kv,
                        Error *err)
{
    RecipeJob *jobs = calloc((size_t)N_ROWS * n, sizeof *jobs);
    if (!jobs)
        return err_set(err, "out of memory");
    for (int i = 0; i < N_ROWS * n; i++)
        jobs[i] = (RecipeJob){.recipe = &rows[i / n].r,
                              .train = &nb[i % n].train,
                              .test = &nb[i % n].test,
                              .stream = nb[i % n].rng, .seed = seeds[i % n]};
    int rc = recipe_run_all(jobs, N_ROWS * n, err);
    for (int i = 0; i < N_ROWS * n && rc == 0; i++) {
        char key[64];
        snprintf(key, sizeof key, "%s_accuracy", rows[i / n].twin);
        t->acc[i] = jobs[i].accuracy, t->epochs[i] = jobs[i].fit.epochs;
        t->sat0[i] = jobs[i].saturated[0], t->sat1[i] = jobs[i].saturated[1];
        t->sk[i] = rows[i / n].twin ? kv_get_seed(kv, key, seeds[i % n])
                                    : NAN;
    }
    free(jobs);
    return rc;
}
//< ablation

/* Prints the table (means over the seeds, spread of the accuracy) and
 * writes ablation.tsv, one line per row, and ablation_seeds.tsv, one per
 * row and seed. */
static int show_ablation(const Cli *cli, const Table *t, const Row *rows,
                         const uint32_t *seeds, int n, Spread *out,
                         Error *err)
{
    double sum[N_ROWS][9], *one = malloc((size_t)N_ROWS * n * 5 * sizeof *one);
    const char *labels[N_ROWS];
    char opts[512];
    if (!one)
        return err_set(err, "out of memory");
    printf("%-27s %6s %6s %6s %6s %6s %5s %5s %7s\n", "step", "mean", "sd",
           "min", "max", "epochs", "sat0", "sat1", "sklearn");
    for (int r = 0; r < N_ROWS; r++) {
        Spread e, s0, s1, k, *a = &out[r];
        recipe_spread(a, t->acc + r * n, n);
        recipe_spread(&e, t->epochs + r * n, n);
        recipe_spread(&s0, t->sat0 + r * n, n);
        recipe_spread(&s1, t->sat1 + r * n, n);
        recipe_spread(&k, t->sk + r * n, n);
        printf("%-27s %6.4f %6.4f %6.4f %6.4f %6.1f %5.2f %5.2f", rows[r].name,
               a->mean, a->sd, a->min, a->max, e.mean, s0.mean, s1.mean);
        if (isnan(k.mean))
            printf("%8s\n", "-");
        else
            printf("%8.4f\n", k.mean);
        double line[9] = {r, a->mean, a->sd, a->min, a->max, e.mean,
                          s0.mean, s1.mean, k.mean};
        memcpy(sum[r], line, sizeof line);
        labels[r] = rows[r].name;
        for (int i = 0; i < n; i++) {
            double *o = one + (r * n + i) * 5, x = t->acc[r * n + i];
            o[0] = r, o[1] = seeds[i], o[2] = x;
            o[3] = t->epochs[r * n + i], o[4] = t->sk[r * n + i];
        }
    }
    printf("(sat0, sat1: share of saturated hidden activations before and "
           "after training)\n\nAny row on one seed: 08-beyond --seed S "
           "--seeds 0 --no-grids and\n");
    for (int r = 0; r < N_ROWS; r++)
        printf("%d: %s\n", r, recipe_options(opts, sizeof opts, &rows[r].r));
    printf("\nThe final recipe, seed by seed (scikit-learn's twin: same "
           "draws):\n");
    for (int i = 0; i < n; i++)
        printf("  seed %3u  ours %.4f  scikit-learn %.4f\n", seeds[i],
               t->acc[FINAL * n + i], t->sk[FINAL * n + i]);
    int rc = table_write(cli->out, "ablation.tsv", "name\tstep\tmean\tsd\t"
                         "min\tmax\tepochs\tsat0\tsat1\tsklearn", labels,
                         &sum[0][0], N_ROWS, 9, err) ||
             table_write(cli->out, "ablation_seeds.tsv", "step\tseed\t"
                         "accuracy\tepochs\tsklearn", NULL, one, N_ROWS * n,
                         5, err);
    free(one);
    return rc ? -1 : 0;
}

/* ---- the grids ----------------------------------------------------------- */

/* Trains base over the eta x lambda grid on one split and prints it beside
 * scikit-learn's twin sk (N_CELLS, then its seconds); writes dir/name with eta, lambda,
 * accuracy, epochs, diverged, sklearn per cell.  got[0] = our best
 * cell, got[1] = how many cells equal scikit-learn's. */
static int show_grid(const char *title, const Recipe *base,
                     const double *grid, const Notebook *nb, Rng cell3,
                     uint32_t seed, const double *sk, const char *dir,
                     const char *name, double got[2], Error *err)
{
    Recipe r[N_CELLS];
    RecipeJob jobs[N_CELLS];
    double acc[N_CELLS], v[N_CELLS][6];
    bool div[N_CELLS];
    for (int c = 0; c < N_CELLS; c++) {
        r[c] = *base;
        r[c].fit.eta = grid[c / N_GRID], r[c].fit.lambda = grid[c % N_GRID];
        jobs[c] = (RecipeJob){.recipe = &r[c], .train = &nb->train,
                              .test = &nb->test, .stream = cell3,
                              .seed = seed};
    }
    if (recipe_run_all(jobs, N_CELLS, err) != 0)
        return -1;
    got[0] = got[1] = 0.0;
    for (int c = 0; c < N_CELLS; c++) {
        acc[c] = jobs[c].accuracy, div[c] = jobs[c].fit.diverged;
        got[0] = fmax(got[0], acc[c]);
        got[1] += acc[c] == sk[c];
        double line[6] = {grid[c / N_GRID], grid[c % N_GRID], acc[c],
                          jobs[c].fit.epochs, div[c], sk[c]};
        memcpy(v[c], line, sizeof line);
    }
    printf("\n%s\nours:\n", title);
    table_grid(stdout, grid, N_GRID, grid, N_GRID, acc, div);
    if (isnan(sk[N_CELLS]))
        printf("scikit-learn:\n");
    else
        printf("scikit-learn (its 36 fits took %.0f s):\n", sk[N_CELLS]);
    table_grid(stdout, grid, N_GRID, grid, N_GRID, sk, NULL);
    return table_write(dir, name, "eta\tlambda\taccuracy\tepochs\tdiverged\t"
                       "sklearn", NULL, &v[0][0], N_CELLS, 6, err);
}

/* ---- the sections ---------------------------------------------------- */

/* The numbers the summary line reports. */
typedef struct {
    double final, tutorial, epochs; /* this seed's two networks */
    double step[2], sk_step[2];     /* one_step, ours and scikit-learn's */
    Spread rows[N_ROWS];            /* the ablation, over the seeds */
    double sk_final;                /* scikit-learn's twin of the final
                                     * recipe, mean over the seeds */
    double grid[2][2];              /* the two grids: best cell, cells
                                     * equal to scikit-learn's */
    double cell10;                  /* cells of the notebook's cell 10
                                     * that scikit-learn reproduced */
} Summary;

/* The network of the options and cell 7's on this seed; the former's
 * confusion matrix, printed and written to confusion.tsv. */
static int show_final(const Cli *cli, const Recipe *rc, const Notebook *nb,
                      Summary *s, Error *err)
{
    enum { KK = DATA_CLASSES * DATA_CLASSES };
    Recipe tut = tutorial();
    Net net = {0};
    int *pred = malloc((size_t)nb->test.n * sizeof *pred), counts[KK];
    RecipeJob jobs[2] = {
        {.recipe = rc, .train = &nb->train, .test = &nb->test,
         .stream = nb->rng, .seed = cli->seed, .pred = pred, .net = &net},
        {.recipe = &tut, .train = &nb->train, .test = &nb->test,
         .stream = nb->rng, .seed = cli->seed}};
    if (!pred)
        return err_set(err, "out of memory");
    if (recipe_run_all(jobs, 2, err) != 0) {
        free(pred);
        return -1;
    }
    char opts[512];
    double v[KK][3];
    s->final = jobs[0].accuracy, s->tutorial = jobs[1].accuracy;
    s->epochs = jobs[0].fit.epochs;
    printf("== Seed %u: the recipe of the options ==\n%s\n", cli->seed,
           recipe_options(opts, sizeof opts, rc));
    printf("%d epochs%s, test accuracy %.4f (cost %.4f)\n",
           jobs[0].fit.epochs, jobs[0].fit.diverged ? " (diverged)" : "",
           s->final, jobs[0].cost);
    printf("the tutorial's cell 7 on the same split: %.4f\n\n", s->tutorial);
    table_confusion(counts, pred, nb->test.labels, nb->test.n);
    table_confusion_print(stdout, counts);
    for (int c = 0; c < KK; c++)
        v[c][0] = c / DATA_CLASSES, v[c][1] = c % DATA_CLASSES,
        v[c][2] = counts[c];
    free(pred);
    int bad = table_write(cli->out, "confusion.tsv", "true\tpredicted\t"
                          "count", NULL, &v[0][0], KK, 3, err) ||
              out_hidden_weights(&net.Wh, DATA_SIDE, cli->out,
                                 "hidden_weights.tsv", err);
    net_free(&net);
    return bad ? -1 : 0;
}

/* One step of the tutorial against one of scikit-learn's SGD; with grids,
 * the tutorial's grid (chapter 7's), scikit-learn's SGD grid mapped to it,
 * and the Adam grid the notebook actually ran (its cell 10), which leaves
 * nb at the end of cell 9. */
static int show_like_for_like(const Cli *cli, Notebook *nb,
                              const double *grid, bool grids,
                              const KvFile *kv, Summary *s, Error *err)
{
    char key[64];
    if (one_step(s->step, &nb->train, nb->rng) != 0)
        return err_set(err, "out of memory");
    snprintf(key, sizeof key, "step.%u", cli->seed);
    kv_get_all(kv, key, s->sk_step, 2);
    printf("\n== Like for like ==\nOne step from cell 7's network on its "
           "first batch of 100:\n  tutorial      p -= eta (sum g + lambda "
           "W)       eta 0.1, lambda 0.1\n  scikit-learn  p -= lr (sum g + "
           "alpha W) / B   lr = 100 eta = 10, alpha 0.1\n");
    printf("largest change of a parameter %10.4g (scikit-learn: %.4g)\n"
           "largest difference of the two %10.4g (scikit-learn: %.4g)\n",
           s->step[0], s->sk_step[0], s->step[1], s->sk_step[1]);
    if (!grids)
        return 0;
    SweepCell cells[N_CELLS];
    SgdConfig cfg = nb_cell7_config();
    if (nb_advance(nb, NB_CELL7, err) != 0 ||
        sweep_run(cells, grid, N_GRID, grid, N_GRID, NB_HIDDEN, &nb->train,
                  &nb->test, &nb->rng, &cfg, err) != 0)
        return -1;
    double g[3][N_CELLS], v[N_CELLS][6];
    bool div[N_CELLS];
    snprintf(key, sizeof key, "sgd_grid.%u", cli->seed);
    kv_get_all(kv, key, g[1], N_CELLS);
    snprintf(key, sizeof key, "tutorial_grid.%u", cli->seed);
    kv_get_all(kv, key, g[2], N_CELLS);
    for (int c = 0; c < N_CELLS; c++) {
        g[0][c] = cells[c].accuracy, div[c] = cells[c].status.diverged;
        double line[6] = {grid[c / N_GRID], grid[c % N_GRID], g[0][c],
                          div[c], g[1][c], g[2][c]};
        memcpy(v[c], line, sizeof line);
    }
    sweep_free(cells, N_CELLS);
    snprintf(key, sizeof key, "tutorial_grid_matches_notebook.%u", cli->seed);
    kv_get_all(kv, key, &s->cell10, 1);
    printf("\nTest accuracy, rows eta, columns lambda, in the tutorial's "
           "units.\nOurs, the tutorial's SGD (chapter 7):\n");
    table_grid(stdout, grid, N_GRID, grid, N_GRID, g[0], div);
    printf("scikit-learn's SGD, lr = 100 eta, alpha = lambda, 10 epochs "
           "(- : it refused\nnon-finite weights):\n");
    table_grid(stdout, grid, N_GRID, grid, N_GRID, g[1], NULL);
    printf("scikit-learn's default solver, Adam, lr = eta, at most 100 "
           "epochs: the\nnotebook's cell 10, replayed on its own stream:\n");
    table_grid(stdout, grid, N_GRID, grid, N_GRID, g[2], NULL);
    if (!isnan(s->cell10))
        printf("(%.0f of these 36 equal what the notebook printed)\n",
               s->cell10);
    return table_write(cli->out, "tutorial_grid.tsv", "eta\tlambda\t"
                       "accuracy\tdiverged\tsklearn_sgd\tsklearn_adam", NULL,
                       &v[0][0], N_CELLS, 6, err);
}

/* The ablation over n seeds from cli->seed on, each on its own notebook
 * split. */
static int ablation_section(const Cli *cli, const Row *rows, int n,
                            const KvFile *kv, Summary *s, Error *err)
{
    Notebook *nb = calloc((size_t)n, sizeof *nb);
    uint32_t *seeds = malloc((size_t)n * sizeof *seeds);
    double *all = malloc((size_t)N_ROWS * n * 5 * sizeof *all);
    Table t = {all, all + N_ROWS * n, all + 2 * N_ROWS * n,
               all + 3 * N_ROWS * n, all + 4 * N_ROWS * n};
    int rc = nb && seeds && all ? 0 : err_set(err, "out of memory");
    for (int i = 0; rc == 0 && i < n; i++) {
        seeds[i] = cli->seed + (uint32_t)i;
        rc = nb_replay(&nb[i], cli->data, seeds[i], NB_CELL3, err);
    }
    if (rc == 0)
        rc = run_ablation(&t, rows, nb, seeds, n, kv, err);
    if (rc == 0) {
        printf("\n== Ablation: test accuracy over seeds %u to %u ==\n",
               seeds[0], seeds[n - 1]);
        rc = show_ablation(cli, &t, rows, seeds, n, s->rows, err);
        Spread k;
        recipe_spread(&k, t.sk + FINAL * n, n);
        s->sk_final = k.mean;
    }
    for (int i = 0; nb && i < n; i++)
        nb_free(&nb[i]);
    free(nb), free(seeds), free(all);
    return rc;
}

/* Chapter 7's grid again, with at most 100 epochs as the notebook's cell
 * 10: the SGD of rows (1)-(4) stopped on the training loss, and the final
 * recipe, each beside scikit-learn's twin. */
static int grids_section(const Cli *cli, const Recipe *final,
                         const Notebook *nb, Rng cell3, const double *grid,
                         const KvFile *kv, Summary *s, Error *err)
{
    Recipe adam = *final, sgd = *final;
    adam.fit.max_epochs = sgd.fit.max_epochs = 100;
    sgd.fit.optimizer = OPTIM_SGD, sgd.fit.batch_size = 100;
    double sk[2][N_CELLS + 1];
    const char *names[2] = {"sgd_fixed_grid", "adam_grid"};
    for (int i = 0; i < 2; i++) {
        char key[64];
        snprintf(key, sizeof key, "%s.%u", names[i], cli->seed);
        kv_get_all(kv, key, sk[i], N_CELLS);
        snprintf(key, sizeof key, "%s_seconds.%u", names[i], cli->seed);
        kv_get_all(kv, key, &sk[i][N_CELLS], 1);
    }
    printf("\n== The grid again, repaired (lr = eta, mean gradient) ==\n");
    return show_grid("SGD with repairs (1)-(4), stopped on the training "
                     "loss:", &sgd, grid, nb, cell3, cli->seed, sk[0],
                     cli->out, "grid_sgd.tsv", s->grid[0], err) ||
                   show_grid("The final recipe (Adam):", &adam, grid, nb,
                             cell3, cli->seed, sk[1], cli->out,
                             "grid_adam.tsv", s->grid[1], err)
               ? -1 : 0;
}

/* ---- main ---------------------------------------------------------------- */

typedef struct {
    int n_seeds;        /* ablation seeds, from --seed on; 0: none */
    bool grids;         /* run the two repaired grids */
    bool timing;        /* wall time of each section on stderr */
    const char *sk;     /* scikit-learn's numbers */
    bool sk_required;   /* --sklearn was given: a missing file is an error */
} Plan;

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

static void print_summary(const Summary *s, const Plan *p)
{
    printf("\n");
    summary_begin();
    summary_double("accuracy_final", s->final);
    summary_double("accuracy_tutorial", s->tutorial);
    summary_double("epochs_final", s->epochs);
    summary_doubles("step", s->step, 2);
    summary_doubles("step_sklearn", s->sk_step, 2);
    if (p->n_seeds > 0) {
        double mean[N_ROWS];
        for (int r = 0; r < N_ROWS; r++)
            mean[r] = s->rows[r].mean;
        summary_int("seeds", p->n_seeds);
        summary_doubles("ablation_mean", mean, N_ROWS);
        summary_double("final_mean", s->rows[FINAL].mean);
        summary_double("final_min", s->rows[FINAL].min);
        summary_double("sklearn_final_mean", s->sk_final);
    }
    if (p->grids) {
        summary_doubles("grid_sgd", s->grid[0], 2);
        summary_doubles("grid_adam", s->grid[1], 2);
        summary_double("cell10_matches", s->cell10);
    }
    summary_end();
}

/* Everything main promises, in order; returns the exit status. */
static int run(const Cli *cli, const Row *rows, const Recipe *rc,
               const Plan *p)
{
    Error err;
    KvFile kv = {0};
    Notebook nb;
    Summary s = {0};
    double grid[N_GRID], t[5]; /* np.logspace(-5, 0, 6) */
    for (int i = 0; i < N_GRID; i++)
        grid[i] = pow(10.0, i - 5);
    if (kv_load(&kv, p->sk, &err) != 0 && p->sk_required)
        return cli_fail(cli, &err);
    if (nb_replay(&nb, cli->data, cli->seed, NB_CELL3, &err) != 0) {
        kv_free(&kv);
        return cli_fail(cli, &err);
    }
    Rng cell3 = nb.rng;
    t[0] = seconds();
    int bad = show_final(cli, rc, &nb, &s, &err);
    t[1] = seconds();
    bad = bad || show_like_for_like(cli, &nb, grid, p->grids, &kv, &s, &err);
    t[2] = seconds();
    bad = bad || (p->n_seeds > 0 &&
                  ablation_section(cli, rows, p->n_seeds, &kv, &s, &err));
    t[3] = seconds();
    bad = bad || (p->grids && grids_section(cli, &rows[FINAL].r, &nb, cell3,
                                            grid, &kv, &s, &err));
    t[4] = seconds();
    if (!bad)
        print_summary(&s, p);
    if (p->timing)
        fprintf(stderr, "08-beyond: seconds: final %.2f, like for like %.2f"
                ", ablation %.2f, grids %.2f\n", t[1] - t[0], t[2] - t[1],
                t[3] - t[2], t[4] - t[3]);
    nb_free(&nb);
    kv_free(&kv);
    return bad ? cli_fail(cli, &err) : 0;
}

int main(int argc, char **argv)
{
    Cli cli = {.program = "08-beyond",
               .purpose = "From the tutorial's network to scikit-learn's "
                          "accuracy, one repair at a time."};
    Row rows[N_ROWS];
    ablation(rows);
    Recipe rc = rows[FINAL].r; /* changed by the options below */
    RecipeCli rcli;
    int no_grids = 0, timing = 0;
    Plan plan = {.n_seeds = 10, .sk = NN_REPO_DIR "/tests/golden/sklearn.txt"};
    const char *sk_default = plan.sk;
    CliOption opts[4 + RECIPE_N_OPTIONS] = {
        {"--seeds", OPT_INT, &plan.n_seeds, 0, MAX_SEEDS,
         "ablation over seeds --seed, --seed + 1, ... (10; 0: none)"},
        {"--no-grids", OPT_FLAG, &no_grids, 0, 0, "skip the three grids"},
        {"--sklearn", OPT_STRING, &plan.sk, 0, 0,
         "scikit-learn's numbers (tests/golden/sklearn.txt)"},
        {"--time", OPT_FLAG, &timing, 0, 0, "seconds per section, stderr"}};
    recipe_cli_options(opts + 4, &rc, &rcli); /* defaults: the final recipe */
    Error err;
    int status = cli_parse(&cli, argc, argv, opts, 4 + RECIPE_N_OPTIONS,
                           stdout, &err);
    if (status != 0)
        return status > 0 ? 0 : cli_fail(&cli, &err);
    if (recipe_cli_apply(&rc, &rcli, &err) != 0)
        return cli_fail(&cli, &err);
    plan.grids = !no_grids, plan.timing = timing;
    plan.sk_required = plan.sk != sk_default;
    return run(&cli, rows, &rc, &plan);
}
