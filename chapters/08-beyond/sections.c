/* sections.c - the sections of chapter 8's report (see sections.h). */
#include "sections.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "netio.h"
#include "out.h"
#include "recipe.h"
#include "summary.h"
#include "table.h"

void grid_init(Grid *g)
{
    for (int c = 0; c < SWEEP_CELLS; c++) {
        g->values[c % SWEEP_N] = pow(10.0, c % SWEEP_N - 5); /* logspace */
        g->eta[c] = pow(10.0, c / SWEEP_N - 5);
        g->lambda[c] = g->values[c % SWEEP_N];
    }
}

/* The network of the options and cell 7's, on this seed; the former's
 * confusion matrix and hidden weights, printed and written. */
int show_final(const Cli *cli, const Recipe *rc, const Notebook *nb,
               Outputs *o, Summary *s, Error *err)
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
    s->final = jobs[0].accuracy;
    s->tutorial = jobs[1].accuracy;
    s->epochs = jobs[0].fit.epochs;
    printf("== Seed %u: the recipe of the options ==\n", cli->seed);
    recipe_print_options(stdout, "", rc);
    printf("%d epochs%s, test accuracy %.4f (cost %.4f)\nthe tutorial's "
           "cell 7 on the same split: %.4f\n\n", jobs[0].fit.epochs,
           jobs[0].fit.diverged ? " (diverged)" : "", s->final, jobs[0].cost,
           s->tutorial);
    table_confusion(counts, DATA_CLASSES, pred, nb->test.labels,
                    nb->test.n);
    table_confusion_print(stdout, counts, DATA_CLASSES);
    for (int c = 0; c < KK; c++) {
        v[c][0] = c / DATA_CLASSES;
        v[c][1] = c % DATA_CLASSES;
        v[c][2] = counts[c];
    }
    free(pred);
    FILE *hw = NULL;
    int bad = table_write(&o->set, o->dir, "confusion.tsv", "true\t"
                          "predicted\tcount", NULL, &v[0][0], KK, 3, err) ||
              !(hw = out_set_file(&o->set, o->dir, "hidden_weights.tsv",
                                  err));
    if (!bad)
        out_write_hidden_weights(hw, &net.Wh, DATA_SIDE);
    /* The network was fed pixels / 16 unless the recipe keeps them raw. */
    if (!bad && o->save)
        bad = netio_write(o->save, &net, rc->raw_pixels ? 1.0 :
                          1.0 / DATA_MAX_PIXEL, o->save_path, err) != 0;
    net_free(&net);
    return bad ? -1 : 0;
}

/* The tutorial's grid (chapter 7's) beside scikit-learn's SGD mapped to it
 * and the Adam grid the notebook ran (its cell 10).  Leaves nb at the end
 * of cell 9. */
int show_tutorial_grid(const Cli *cli, Notebook *nb, const Grid *g,
                       const KvFile *kv, Outputs *o, Summary *s,
                       Error *err)
{
    SweepCell cells[SWEEP_CELLS];
    TrainConfig cfg = train_cell7();
    if (nb_advance(nb, NB_CELL7, err) != 0 ||
        sweep_run(cells, g->values, SWEEP_N, g->values, SWEEP_N, NB_HIDDEN,
                  &nb->train, &nb->test, &nb->rng, &cfg, err) != 0)
        return -1;
    double acc[SWEEP_CELLS], dv[SWEEP_CELLS], sgd[SWEEP_CELLS];
    double adam[SWEEP_CELLS];
    bool div[SWEEP_CELLS];
    for (int c = 0; c < SWEEP_CELLS; c++) {
        acc[c] = cells[c].accuracy;
        div[c] = cells[c].status.diverged;
        dv[c] = div[c];
    }
    sweep_free(cells, SWEEP_CELLS);
    kv_get_seeded(kv, "sgd_grid", cli->seed, sgd, SWEEP_CELLS);
    kv_get_seeded(kv, "tutorial_grid", cli->seed, adam, SWEEP_CELLS);
    kv_get_seeded(kv, "tutorial_grid_matches_notebook", cli->seed,
                  &s->cell10, 1);
    printf("\nTest accuracy, rows eta, columns lambda, in the tutorial's "
           "units.\nOurs, the tutorial's SGD (chapter 7):\n");
    table_grid(stdout, g->values, SWEEP_N, g->values, SWEEP_N, acc, div);
    printf("scikit-learn's SGD, lr = 100 eta, alpha = lambda, 10 epochs "
           "(- : it refused\nnon-finite weights):\n");
    table_grid(stdout, g->values, SWEEP_N, g->values, SWEEP_N, sgd, NULL);
    printf("scikit-learn's default solver, Adam, lr = eta, at most 100 "
           "epochs: the\nnotebook's cell 10, replayed on its own stream:\n");
    table_grid(stdout, g->values, SWEEP_N, g->values, SWEEP_N, adam, NULL);
    if (!isnan(s->cell10))
        printf("(%.0f of these 36 equal what the notebook printed)\n",
               s->cell10);
    const double *cols[6] = {g->eta, g->lambda, acc, dv, sgd, adam};
    return table_columns(&o->set, o->dir, "tutorial_grid.tsv", "eta\t"
                         "lambda\taccuracy\tdiverged\tsklearn_sgd\t"
                         "sklearn_adam", cols, 6, SWEEP_CELLS, err);
}

/* Trains base over the grid on this seed's split and prints it beside
 * scikit-learn's twin `twin` from the reference; writes dir/name (eta,
 * lambda, accuracy, epochs, diverged, sklearn).  got[0] = our best cell,
 * got[1] = how many cells equal scikit-learn's. */
static int show_grid(const char *title, const Recipe *base, const Grid *g,
                     const RecipeJob *proto, const KvFile *kv,
                     const char *twin, Outputs *o, const char *name,
                     double got[2], Error *err)
{
    Recipe r[SWEEP_CELLS];
    RecipeJob jobs[SWEEP_CELLS];
    double acc[SWEEP_CELLS], ep[SWEEP_CELLS], dv[SWEEP_CELLS];
    double sk[SWEEP_CELLS], secs;
    bool div[SWEEP_CELLS];
    char key[64];
    if (recipe_grid(jobs, r, base, g->values, SWEEP_N, g->values, SWEEP_N,
                    proto, err) != 0)
        return -1;
    for (int c = 0; c < SWEEP_CELLS; c++)
        sk[c] = NAN;
    secs = NAN;
    if (twin) {
        kv_get_seeded(kv, twin, proto->seed, sk, SWEEP_CELLS);
        snprintf(key, sizeof key, "%s_seconds", twin);
        kv_get_seeded(kv, key, proto->seed, &secs, 1);
    }
    got[0] = got[1] = 0.0;
    for (int c = 0; c < SWEEP_CELLS; c++) {
        acc[c] = jobs[c].accuracy;
        ep[c] = jobs[c].fit.epochs;
        div[c] = jobs[c].fit.diverged;
        dv[c] = div[c];
        got[0] = fmax(got[0], acc[c]);
        got[1] += acc[c] == sk[c];
    }
    printf("\n%s\nours:\n", title);
    table_grid(stdout, g->values, SWEEP_N, g->values, SWEEP_N, acc, div);
    if (twin && isnan(secs))
        printf("scikit-learn:\n");
    else if (twin)
        printf("scikit-learn (its 36 fits took %.0f s of processor time):\n",
               secs);
    if (twin)
        table_grid(stdout, g->values, SWEEP_N, g->values, SWEEP_N, sk, NULL);
    const double *cols[6] = {g->eta, g->lambda, acc, ep, dv, sk};
    return table_columns(&o->set, o->dir, name, "eta\tlambda\taccuracy\t"
                         "epochs\tdiverged\tsklearn", cols, 6, SWEEP_CELLS,
                         err);
}

/* What the final recipe trains on: the first WARP_IMAGES training images
 * (pixels / 16), each followed by WARP_COPIES warps of it like those row
 * 10 draws (from a stream of their own), written as images for the
 * book's figure (warps.tsv, laid out as hidden_weights.tsv: image, row,
 * col, value). */
enum { WARP_IMAGES = 4, WARP_COPIES = 5 };

int write_warps(const Cli *cli, const Notebook *nb, const Warp *w,
                Outputs *o, Error *err)
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
    FILE *f = out_set_file(&o->set, o->dir, "warps.tsv", err);
    if (!f)
        return -1;
    out_write_hidden_weights(f, &M, DATA_SIDE);
    return 0;
}

/* Chapter 7's grid again, at most 100 epochs as the notebook's cell 10:
 * the SGD of rows (1)-(4) stopped on the training loss, and Adam as in
 * row 7, each beside scikit-learn's twin; then the final recipe as it
 * stands (300 epochs), which scikit-learn cannot train. */
int show_grids(const Cli *cli, const Recipe *twin, const Recipe *final,
               const Notebook *nb, Rng cell3, const Grid *g,
               const KvFile *kv, Outputs *o, Summary *s, Error *err)
{
    Recipe adam = *twin, sgd = *twin;
    adam.fit.max_epochs = sgd.fit.max_epochs = 100;
    sgd.fit.optimizer = OPTIM_SGD;
    sgd.fit.batch_size = 100;
    RecipeJob proto = {.train = &nb->train, .test = &nb->test,
                       .stream = cell3, .seed = cli->seed};
    printf("\n== The grid again, repaired (lr = eta, mean gradient) ==\n");
    return show_grid("SGD with repairs (1)-(4), stopped on the training "
                     "loss:", &sgd, g, &proto, kv, "sgd_fixed_grid",
                     o, "grid_sgd.tsv", s->grid[0], err) ||
                   show_grid("Adam, as row 7:", &adam, g, &proto,
                             kv, "adam_grid", o, "grid_adam.tsv",
                             s->grid[1], err) ||
                   show_grid("The final recipe (row 10):", final, g, &proto,
                             kv, NULL, o, "grid_final.tsv",
                             s->grid[2], err)
               ? -1 : 0;
}

/* Wall-clock seconds in t[0], processor seconds of all threads in t[1]. */
void seconds(double t[2])
{
    struct timespec w, p;
    clock_gettime(CLOCK_MONOTONIC, &w);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &p);
    t[0] = w.tv_sec + 1e-9 * w.tv_nsec;
    t[1] = p.tv_sec + 1e-9 * p.tv_nsec;
}

void print_summary(const Summary *s, const Plan *p)
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
    summary_int("memory_mb", (long)ceil(s->memory_mb[0] / 1e6));
    summary_int("memory_mb_thread", (long)ceil(s->memory_mb[1] / 1e6));
    summary_end();
}
