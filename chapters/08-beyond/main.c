/* 08-beyond: closing the gap to scikit-learn, one measured repair at a time.
 *
 * Trains the network the options describe (by default the final recipe)
 * and cell 7's on this seed's split; shows that a step of the tutorial is
 * a step of scikit-learn's SGD; runs the ablation from cell 7 to the final
 * recipe over several seeds; reruns chapter 7's grid with the repaired SGD
 * and with the final recipe; prints scikit-learn's numbers
 * (tests/golden/sklearn.txt) beside ours.  Book: chapter "Closing the gap".
 * --save FILE keeps the network of the options (lib/netio.h), for
 * tools/predict and the HTML book's draw-a-digit widget.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ablation.h"
#include "cli.h"
#include "kv.h"
#include "netio.h"
#include "notebook.h"
#include "out.h"
#include "sweep.h"
#include "table.h"

#define MAX_SEEDS 100
#define N_GRID 6 /* np.logspace(-5, 0, 6), as in chapter 7 */
#define N_CELLS (N_GRID * N_GRID)

/* ---- like for like ---------------------------------------------------- */

//> one-step
/* From cell 7's network (drawn from the stream at cell 3), one step on its
 * first batch: the tutorial's (summed, eta) and scikit-learn's (mean,
 * lr = eta B), same lambda.  d[0] = the largest change of a parameter,
 * d[1] = the largest difference between the two results. */
static int one_step(double d[2], const Dataset *train, Rng rng)
{
    FitConfig cfg = ablation_tutorial().fit;
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

/* ---- the sections ------------------------------------------------------ */

/* What the summary line reports. */
typedef struct {
    double final, tutorial, epochs; /* this seed's two networks */
    double step[2], sk_step[2];     /* one_step, ours and scikit-learn's */
    double mean[ABLATION_ROWS];            /* the ablation's mean accuracies */
    double final_min, sk_twin_mean; /* the final row's worst seed, and
                                     * row 7's twin's mean */
    double grid[3][2];              /* repaired grids: best cell, cells
                                     * equal to scikit-learn's (no twin
                                     * for the final recipe's grid) */
    double cell10;                  /* cells of the notebook's cell 10 the
                                     * reference reproduced */
} Summary;

/* One step of the tutorial against one of scikit-learn's SGD (one_step),
 * with the reference's numbers for the same step. */
static int show_one_step(const Cli *cli, const Notebook *nb,
                         const KvFile *kv, Summary *s, Error *err)
{
    if (one_step(s->step, &nb->train, nb->rng) != 0)
        return err_set(err, "out of memory");
    kv_get_seeded(kv, "step", cli->seed, s->sk_step, 2);
    printf("\n== Like for like ==\nOne step from cell 7's network on its "
           "first batch of 100:\n  tutorial      p -= eta (sum g + lambda "
           "W)       eta 0.1, lambda 0.1\n  scikit-learn  p -= lr (sum g + "
           "alpha W) / B   lr = 100 eta = 10, alpha 0.1\n");
    printf("largest change of a parameter %10.4g (scikit-learn: %.4g)\n"
           "largest difference of the two %10.4g (scikit-learn: %.4g)\n",
           s->step[0], s->sk_step[0], s->step[1], s->sk_step[1]);
    return 0;
}

/* The grid's axes per cell, eta[c] and lambda[c], for the TSV files. */
typedef struct {
    double values[N_GRID], eta[N_CELLS], lambda[N_CELLS];
} Grid;

/* The network of the options and cell 7's, on this seed; the former's
 * confusion matrix and hidden weights, printed and written, and the
 * network saved to save (lib/netio.h) when that is not NULL. */
static int show_final(const Cli *cli, const Recipe *rc, const Notebook *nb,
                      const char *save, Summary *s, Error *err)
{
    enum { KK = DATA_CLASSES * DATA_CLASSES };
    Recipe tut = ablation_tutorial();
    Net net = {0};
    int *pred = malloc((size_t)nb->test.n * sizeof *pred), counts[KK];
    RecipeJob jobs[2] = {
        {.recipe = rc, .train = &nb->train, .test = &nb->test,
         .stream = nb->rng, .seed = cli->seed, .pred = pred, .net = &net},
        {.recipe = &tut, .train = &nb->train, .test = &nb->test,
         .stream = nb->rng, .seed = cli->seed}};
    if (!pred || recipe_run_all(jobs, 2, err) != 0) {
        free(pred);
        return pred ? -1 : err_set(err, "out of memory");
    }
    double v[KK][3];
    s->final = jobs[0].accuracy, s->tutorial = jobs[1].accuracy;
    s->epochs = jobs[0].fit.epochs;
    printf("== Seed %u: the recipe of the options ==\n", cli->seed);
    recipe_print_options(stdout, "", rc);
    printf("%d epochs%s, test accuracy %.4f (cost %.4f)\nthe tutorial's "
           "cell 7 on the same split: %.4f\n\n", jobs[0].fit.epochs,
           jobs[0].fit.diverged ? " (diverged)" : "", s->final, jobs[0].cost,
           s->tutorial);
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
    /* The network was fed pixels / 16 unless the recipe keeps them raw. */
    if (!bad && save)
        bad = netio_save(&net, rc->raw_pixels ? 1.0 : 1.0 / DATA_MAX_PIXEL,
                         save, err) != 0;
    net_free(&net);
    return bad ? -1 : 0;
}

/* The tutorial's grid (chapter 7's) beside scikit-learn's SGD mapped to it
 * and the Adam grid the notebook ran (its cell 10).  Leaves nb at the end
 * of cell 9. */
static int show_tutorial_grid(const Cli *cli, Notebook *nb, const Grid *g,
                              const KvFile *kv, Summary *s, Error *err)
{
    SweepCell cells[N_CELLS];
    SgdConfig cfg = nb_cell7_config();
    if (nb_advance(nb, NB_CELL7, err) != 0 ||
        sweep_run(cells, g->values, N_GRID, g->values, N_GRID, NB_HIDDEN,
                  &nb->train, &nb->test, &nb->rng, &cfg, err) != 0)
        return -1;
    double acc[N_CELLS], dv[N_CELLS], sgd[N_CELLS], adam[N_CELLS];
    bool div[N_CELLS];
    for (int c = 0; c < N_CELLS; c++) {
        acc[c] = cells[c].accuracy, div[c] = cells[c].status.diverged;
        dv[c] = div[c];
    }
    sweep_free(cells, N_CELLS);
    kv_get_seeded(kv, "sgd_grid", cli->seed, sgd, N_CELLS);
    kv_get_seeded(kv, "tutorial_grid", cli->seed, adam, N_CELLS);
    kv_get_seeded(kv, "tutorial_grid_matches_notebook", cli->seed,
                  &s->cell10, 1);
    printf("\nTest accuracy, rows eta, columns lambda, in the tutorial's "
           "units.\nOurs, the tutorial's SGD (chapter 7):\n");
    table_grid(stdout, g->values, N_GRID, g->values, N_GRID, acc, div);
    printf("scikit-learn's SGD, lr = 100 eta, alpha = lambda, 10 epochs "
           "(- : it refused\nnon-finite weights):\n");
    table_grid(stdout, g->values, N_GRID, g->values, N_GRID, sgd, NULL);
    printf("scikit-learn's default solver, Adam, lr = eta, at most 100 "
           "epochs: the\nnotebook's cell 10, replayed on its own stream:\n");
    table_grid(stdout, g->values, N_GRID, g->values, N_GRID, adam, NULL);
    if (!isnan(s->cell10))
        printf("(%.0f of these 36 equal what the notebook printed)\n",
               s->cell10);
    const double *cols[6] = {g->eta, g->lambda, acc, dv, sgd, adam};
    return table_columns(cli->out, "tutorial_grid.tsv", "eta\tlambda\t"
                         "accuracy\tdiverged\tsklearn_sgd\tsklearn_adam", cols,
                         6, N_CELLS, err);
}

/* Trains base over the grid on this seed's split and prints it beside
 * scikit-learn's twin `twin` from the reference; writes dir/name (eta,
 * lambda, accuracy, epochs, diverged, sklearn).  got[0] = our best cell,
 * got[1] = how many cells equal scikit-learn's. */
static int show_grid(const char *title, const Recipe *base, const Grid *g,
                     const RecipeJob *proto, const KvFile *kv,
                     const char *twin, const char *dir, const char *name,
                     double got[2], Error *err)
{
    Recipe r[N_CELLS];
    RecipeJob jobs[N_CELLS];
    double acc[N_CELLS], ep[N_CELLS], dv[N_CELLS], sk[N_CELLS], secs;
    bool div[N_CELLS];
    char key[64];
    if (recipe_grid(jobs, r, base, g->values, N_GRID, g->values, N_GRID,
                    proto, err) != 0)
        return -1;
    for (int c = 0; c < N_CELLS; c++)
        sk[c] = NAN;
    secs = NAN;
    if (twin) {
        kv_get_seeded(kv, twin, proto->seed, sk, N_CELLS);
        snprintf(key, sizeof key, "%s_seconds", twin);
        kv_get_seeded(kv, key, proto->seed, &secs, 1);
    }
    got[0] = got[1] = 0.0;
    for (int c = 0; c < N_CELLS; c++) {
        acc[c] = jobs[c].accuracy, ep[c] = jobs[c].fit.epochs;
        div[c] = jobs[c].fit.diverged, dv[c] = div[c];
        got[0] = fmax(got[0], acc[c]), got[1] += acc[c] == sk[c];
    }
    printf("\n%s\nours:\n", title);
    table_grid(stdout, g->values, N_GRID, g->values, N_GRID, acc, div);
    if (twin && isnan(secs))
        printf("scikit-learn:\n");
    else if (twin)
        printf("scikit-learn (its 36 fits took %.0f s of processor time):\n",
               secs);
    if (twin)
        table_grid(stdout, g->values, N_GRID, g->values, N_GRID, sk, NULL);
    const double *cols[6] = {g->eta, g->lambda, acc, ep, dv, sk};
    return table_columns(dir, name, "eta\tlambda\taccuracy\tepochs\tdiverged"
                         "\tsklearn", cols, 6, N_CELLS, err);
}

/* What the final recipe trains on: the first WARP_IMAGES training images
 * (pixels / 16), each followed by WARP_COPIES warps of it like those row
 * 10 draws (from a stream of their own), written as images for the
 * book's figure (warps.tsv, laid out as hidden_weights.tsv: image, row,
 * col, value). */
enum { WARP_IMAGES = 4, WARP_COPIES = 5 };

static int write_warps(const Cli *cli, const Notebook *nb, const Warp *w,
                       Error *err)
{
    enum { D = DATA_FEATURES, N = WARP_IMAGES * (1 + WARP_COPIES) };
    double pixels[D * N];
    Matrix M = mat_view(pixels, D, N); /* column = image, as Wh's units */
    Rng r;
    rng_seed(&r, cli->seed);
    for (int i = 0; i < WARP_IMAGES; i++) {
        double img[D], out[D];
        for (int d = 0; d < D; d++)
            img[d] = mat_at(&nb->train.X, i, d) / 16.0;
        for (int c = 0; c <= WARP_COPIES; c++) {
            if (c == 0) {
                memcpy(out, img, sizeof out);
            } else {
                WarpDraw draw = augment_draw(w, &r);
                augment_image(out, img, DATA_SIDE, &draw);
            }
            for (int d = 0; d < D; d++)
                pixels[d * N + i * (1 + WARP_COPIES) + c] = out[d];
        }
    }
    return out_hidden_weights(&M, DATA_SIDE, cli->out, "warps.tsv", err);
}

/* The ablation over n seeds from cli->seed on, each on its own split. */
static int show_ablation(const Cli *cli, const AblationRow *rows, int n,
                         const KvFile *kv, Summary *s, Error *err)
{
    Ablation a;
    if (ablation_run(&a, rows, ABLATION_ROWS, cli->data, cli->seed, n, kv,
                     err))
        return -1;
    printf("\n== Ablation: test accuracy over seeds %u to %u ==\n",
           a.seed[0], a.seed[n - 1]);
    ablation_print(stdout, &a, rows);
    printf("(sat0, sat1: share of saturated hidden activations before and "
           "after training)\n\nAny row on one seed: 08-beyond --seed S "
           "--seeds 0 --no-grids and\n");
    for (int r = 0; r < ABLATION_ROWS; r++) {
        char label[16];
        snprintf(label, sizeof label, "%d: ", r);
        recipe_print_options(stdout, label, &rows[r].recipe);
        s->mean[r] = ablation_spread(&a, r, ABL_ACCURACY).mean;
    }
    printf("\nSeed by seed: row 7 and its scikit-learn twin (same weights, "
           "same batches),\nand the final recipe:\n");
    for (int i = 0; i < n; i++)
        printf("  seed %3u  row 7 %.4f  scikit-learn %.4f  final %.4f\n",
               a.seed[i], a.col[ABL_ACCURACY][ABLATION_TWIN * n + i],
               a.col[ABL_SKLEARN][ABLATION_TWIN * n + i],
               a.col[ABL_ACCURACY][ABLATION_FINAL * n + i]);
    s->final_min = ablation_spread(&a, ABLATION_FINAL, ABL_ACCURACY).min;
    s->sk_twin_mean = ablation_spread(&a, ABLATION_TWIN, ABL_SKLEARN).mean;
    int rc = ablation_write(&a, rows, cli->out, err);
    ablation_free(&a);
    return rc;
}

/* Chapter 7's grid again, at most 100 epochs as the notebook's cell 10:
 * the SGD of rows (1)-(4) stopped on the training loss, and Adam as in
 * row 7, each beside scikit-learn's twin; then the final recipe as it
 * stands (300 epochs), which scikit-learn cannot train. */
static int show_grids(const Cli *cli, const Recipe *twin, const Recipe *final,
                      const Notebook *nb, Rng cell3, const Grid *g,
                      const KvFile *kv, Summary *s, Error *err)
{
    Recipe adam = *twin, sgd = *twin;
    adam.fit.max_epochs = sgd.fit.max_epochs = 100;
    sgd.fit.optimizer = OPTIM_SGD, sgd.fit.batch_size = 100;
    RecipeJob proto = {.train = &nb->train, .test = &nb->test,
                       .stream = cell3, .seed = cli->seed};
    printf("\n== The grid again, repaired (lr = eta, mean gradient) ==\n");
    return show_grid("SGD with repairs (1)-(4), stopped on the training "
                     "loss:", &sgd, g, &proto, kv, "sgd_fixed_grid",
                     cli->out, "grid_sgd.tsv", s->grid[0], err) ||
                   show_grid("Adam, as row 7:", &adam, g, &proto,
                             kv, "adam_grid", cli->out, "grid_adam.tsv",
                             s->grid[1], err) ||
                   show_grid("The final recipe (row 10):", final, g, &proto,
                             kv, NULL, cli->out, "grid_final.tsv",
                             s->grid[2], err)
               ? -1 : 0;
}

/* ---- main ---------------------------------------------------------------- */

typedef struct {
    int n_seeds;      /* ablation seeds, from --seed on; 0: none */
    bool grids;       /* run the three grids */
    bool timing;      /* seconds of each section on stderr */
    const char *sk;   /* scikit-learn's numbers */
    bool sk_required; /* --sklearn was given: a missing file is an error */
    const char *save; /* --save: where the network of the options goes */
} Plan;

/* Wall-clock seconds in t[0], processor seconds of all threads in t[1]. */
static void seconds(double t[2])
{
    struct timespec w, p;
    clock_gettime(CLOCK_MONOTONIC, &w);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &p);
    t[0] = w.tv_sec + 1e-9 * w.tv_nsec, t[1] = p.tv_sec + 1e-9 * p.tv_nsec;
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
        summary_int("seeds", p->n_seeds);
        summary_doubles("ablation_mean", s->mean, ABLATION_ROWS);
        summary_double("final_mean", s->mean[ABLATION_FINAL]);
        summary_double("final_min", s->final_min);
        summary_double("twin_mean", s->mean[ABLATION_TWIN]);
        summary_double("sklearn_twin_mean", s->sk_twin_mean);
    }
    if (p->grids) {
        summary_doubles("grid_sgd", s->grid[0], 2);
        summary_doubles("grid_adam", s->grid[1], 2);
        summary_double("grid_final", s->grid[2][0]);
        summary_double("cell10_matches", s->cell10);
    }
    summary_end();
}

/* Everything main promises, in order; returns the exit status. */
static int run(const Cli *cli, const AblationRow *rows, const Recipe *rc,
               const Plan *p)
{
    Error err;
    KvFile kv = {0};
    Notebook nb;
    Summary s = {0};
    Grid g;
    double t[5][2];
    for (int c = 0; c < N_CELLS; c++) {
        g.values[c % N_GRID] = pow(10.0, c % N_GRID - 5); /* logspace */
        g.eta[c] = pow(10.0, c / N_GRID - 5), g.lambda[c] = g.values[c % N_GRID];
    }
    /* scikit-learn's numbers belong to the repository's digits file. */
    char given[PATH_MAX], standard[PATH_MAX];
    bool own_data = cli->data == cli->data_buf ||
                    (realpath(cli->data, given) && realpath(cli->data_buf,
                     standard) && strcmp(given, standard) == 0);
    if ((own_data || p->sk_required) && kv_load(&kv, p->sk, &err) != 0 &&
        p->sk_required)
        return cli_fail(cli, &err);
    if (nb_replay(&nb, cli->data, cli->seed, NB_CELL3, &err) != 0) {
        kv_free(&kv);
        return cli_fail(cli, &err);
    }
    int need = 0; /* the largest batch the other sections use */
    for (int r = 0; (p->n_seeds > 0 || p->grids) && r < ABLATION_ROWS; r++)
        need = rows[r].recipe.fit.batch_size > need
                   ? rows[r].recipe.fit.batch_size : need;
    if (rc->fit.batch_size > nb.train.n || need > nb.train.n) {
        if (rc->fit.batch_size > nb.train.n)
            err_set(&err, "--batch-size: %d is more than the %d training "
                    "images", rc->fit.batch_size, nb.train.n);
        else
            err_set(&err, "%d training images are fewer than the batches of "
                    "%d the ablation and grids use; try --seeds 0 --no-grids",
                    nb.train.n, need);
        nb_free(&nb);
        kv_free(&kv);
        return cli_fail(cli, &err);
    }
    Rng cell3 = nb.rng;
    seconds(t[0]);
    int bad = show_final(cli, rc, &nb, p->save, &s, &err);
    seconds(t[1]);
    bad = bad || show_one_step(cli, &nb, &kv, &s, &err) ||
          (p->grids && show_tutorial_grid(cli, &nb, &g, &kv, &s, &err));
    seconds(t[2]);
    bad = bad || (p->n_seeds > 0 &&
                  show_ablation(cli, rows, p->n_seeds, &kv, &s, &err)) ||
          write_warps(cli, &nb, &rows[ABLATION_FINAL].recipe.fit.warp, &err);
    seconds(t[3]);
    bad = bad || (p->grids && show_grids(cli, &rows[ABLATION_TWIN].recipe,
                                         &rows[ABLATION_FINAL].recipe, &nb,
                                         cell3, &g, &kv, &s, &err));
    seconds(t[4]);
    if (!bad)
        print_summary(&s, p);
    for (int i = 0; p->timing && i < 2; i++)
        fprintf(stderr, "08-beyond: %s seconds: final %.2f, like for like "
                "%.2f, ablation %.2f, grids %.2f\n", i ? "processor" : "wall",
                t[1][i] - t[0][i], t[2][i] - t[1][i], t[3][i] - t[2][i],
                t[4][i] - t[3][i]);
    nb_free(&nb);
    kv_free(&kv);
    return bad ? cli_fail(cli, &err) : 0;
}

int main(int argc, char **argv)
{
    Cli cli = {.program = "08-beyond",
               .purpose = "From the tutorial's network to scikit-learn's "
                          "accuracy, one repair at a time."};
    AblationRow rows[ABLATION_ROWS];
    ablation_rows(rows);
    Recipe rc = rows[ABLATION_FINAL].recipe; /* changed by the options below */
    RecipeCli rcli;
    int no_grids = 0, timing = 0;
    Plan plan = {.n_seeds = 10, .sk = NN_REPO_DIR "/tests/golden/sklearn.txt"};
    const char *sk_default = plan.sk;
    CliOption opts[5 + RECIPE_N_OPTIONS] = {
        {"--seeds", OPT_INT, &plan.n_seeds, 0, MAX_SEEDS,
         "ablation over seeds --seed, --seed + 1, ... (10; 0: none)"},
        {"--no-grids", OPT_FLAG, &no_grids, 0, 0, "skip the grids"},
        {"--sklearn", OPT_STRING, &plan.sk, 0, 0,
         "scikit-learn's numbers (tests/golden/sklearn.txt)"},
        {"--time", OPT_FLAG, &timing, 0, 0, "seconds per section, stderr"},
        {"--save", OPT_STRING, &plan.save, 0, 0,
         "save the network of the options to FILE (for predict)"}};
    recipe_cli_options(opts + 5, &rc, &rcli); /* defaults: the final recipe */
    Error err;
    int status = cli_parse(&cli, argc, argv, opts, 5 + RECIPE_N_OPTIONS,
                           stdout, &err);
    if (status != 0)
        return status > 0 ? 0 : cli_fail(&cli, &err);
    if (recipe_cli_apply(&rc, &rcli, &err) != 0)
        return cli_fail(&cli, &err);
    plan.grids = !no_grids, plan.timing = timing;
    plan.sk_required = plan.sk != sk_default;
    return run(&cli, rows, &rc, &plan);
}
