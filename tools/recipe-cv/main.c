/* recipe-cv: how good is a chapter-8 recipe, judged without test images?
 *
 *   recipe-cv [--seed S] [--seeds N] [--folds K] [--streams M]
 *             [recipe options of 08-beyond]
 *
 * Cross-validation: for each of the seeds S .. S+N-1 (default 0, 1, 2)
 * the notebook's training split (its 1437 images) is cut into K folds by a
 * permutation from a stream seeded with 1000 + seed; each fold in turn is
 * held out while a network trains on the others, and the held-out images
 * it gets wrong are counted.  The test images are never used, so this is
 * how a recipe can be chosen honestly (book, chapter "Closing the gap",
 * step (8)).  The recipe is the one the options describe, by default the
 * final recipe; every network draws its weights and batches from a stream
 * seeded with seed + 100 * fold.
 *
 * --streams M > 0 adds a second, different measurement: the recipe trained
 * on each seed's whole training split M times, from the streams seed,
 * seed + 1000, seed + 2000, ..., and scored on the test split.  That
 * shows how much the result on one split depends on the random stream,
 * but it looks at test images, so it must not be used to choose a recipe.
 *
 * Prints a table and a `summary:` line; writes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ablation.h"
#include "cli.h"
#include "notebook.h"
#include "recipe_cli.h"
#include "summary.h"

#define MAX_FOLDS 20
#define MAX_STREAMS 20

/* Errors of the recipe on each fold of seed's training split: job f
 * trains on all folds but f and scores fold f.  Returns the errors, or -1
 * with a message. */
static int cross_validate(const Recipe *rc, const Notebook *nb,
                          uint32_t seed, int folds, int *errors, Error *err)
{
    int n = nb->train.n, status = 0;
    int *perm = malloc((size_t)n * sizeof *perm);
    int *idx = malloc((size_t)n * sizeof *idx);
    Dataset fit[MAX_FOLDS] = {0}, held[MAX_FOLDS] = {0};
    RecipeJob jobs[MAX_FOLDS];
    if (!perm || !idx)
        status = err_set(err, "out of memory");
    if (status == 0) {
        Rng r;
        rng_seed(&r, 1000 + seed);
        rng_permutation(&r, perm, n);
    }
    for (int f = 0; status == 0 && f < folds; f++) {
        int n_fit = 0, n_held = 0;
        for (int i = 0; i < n; i++) /* held-out rows first, then the rest */
            if (i % folds == f)
                idx[n_held++] = perm[i];
        for (int i = 0; i < n; i++)
            if (i % folds != f)
                idx[n_held + n_fit++] = perm[i];
        if (data_subset(&held[f], &nb->train, idx, n_held) != 0 ||
            data_subset(&fit[f], &nb->train, idx + n_held, n_fit) != 0)
            status = err_set(err, "out of memory");
        jobs[f] = (RecipeJob){.recipe = rc, .train = &fit[f],
                              .test = &held[f], .stream = nb->rng,
                              .seed = seed + 100u * (uint32_t)f};
    }
    if (status == 0)
        status = recipe_run_all(jobs, folds, err);
    for (int f = 0; status == 0 && f < folds; f++)
        errors[f] = held[f].n - (int)(jobs[f].accuracy * held[f].n + 0.5);
    for (int f = 0; f < folds; f++)
        data_free(&fit[f]), data_free(&held[f]);
    free(perm);
    free(idx);
    return status;
}

/* Test errors of the recipe on seed's split, from m streams. */
static int streams(const Recipe *rc, const Notebook *nb, uint32_t seed,
                   int m, int *errors, Error *err)
{
    RecipeJob jobs[MAX_STREAMS];
    for (int k = 0; k < m; k++)
        jobs[k] = (RecipeJob){.recipe = rc, .train = &nb->train,
                              .test = &nb->test, .stream = nb->rng,
                              .seed = seed + 1000u * (uint32_t)k};
    if (recipe_run_all(jobs, m, err) != 0)
        return -1;
    for (int k = 0; k < m; k++)
        errors[k] = nb->test.n - (int)(jobs[k].accuracy * nb->test.n + 0.5);
    return 0;
}

int main(int argc, char **argv)
{
    Cli cli = {.program = "recipe-cv",
               .purpose = "Cross-validate a chapter-8 recipe on training "
                          "images only."};
    AblationRow rows[ABLATION_ROWS];
    ablation_rows(rows);
    Recipe rc = rows[ABLATION_FINAL].recipe; /* changed by the options */
    RecipeCli rcli;
    int n_seeds = 3, folds = 5, m = 0;
    CliOption own[] = {
        {"--seeds", OPT_INT, &n_seeds, 1, 100, "seeds --seed, ... (3)"},
        {"--folds", OPT_INT, &folds, 2, MAX_FOLDS, "folds (5)"},
        {"--streams", OPT_INT, &m, 0, MAX_STREAMS,
         "also test errors from this many streams a seed (0)"}};
    CliOption opts[CLI_COUNT(own) + RECIPE_N_OPTIONS];
    memcpy(opts, own, sizeof own);
    recipe_cli_options(opts + CLI_COUNT(own), &rc, &rcli);
    Error err;
    int status = cli_parse(&cli, argc, argv, opts, CLI_COUNT(opts), stdout,
                           &err);
    if (status != 0)
        return status > 0 ? 0 : cli_fail(&cli, &err);
    if (recipe_cli_apply(&rc, &rcli, &err) != 0)
        return cli_fail(&cli, &err);
    int errors[MAX_FOLDS], test[MAX_STREAMS];
    long cv_errors = 0, cv_images = 0, over = 0, worst = 0;
    recipe_print_options(stdout, "recipe: ", &rc);
    printf("\n  seed  held-out errors per fold");
    printf("%s\n", m > 0 ? "   |  test errors per stream (looks at test "
                           "images!)" : "");
    for (int s = 0; s < n_seeds; s++) {
        uint32_t seed = cli.seed + (uint32_t)s;
        Notebook nb;
        if (nb_replay(&nb, cli.data, seed, NB_CELL3, &err) != 0)
            return cli_fail(&cli, &err);
        if (rc.fit.batch_size > nb.train.n - nb.train.n / folds) {
            nb_free(&nb);
            err_set(&err, "--batch-size: %d is more than the %d images a "
                    "fold trains on", rc.fit.batch_size,
                    nb.train.n - nb.train.n / folds);
            return cli_fail(&cli, &err);
        }
        if (cross_validate(&rc, &nb, seed, folds, errors, &err) != 0 ||
            (m > 0 && streams(&rc, &nb, seed, m, test, &err) != 0)) {
            nb_free(&nb);
            return cli_fail(&cli, &err);
        }
        printf("  %4u ", seed);
        for (int f = 0; f < folds; f++) {
            printf(" %3d", errors[f]);
            cv_errors += errors[f];
        }
        cv_images += nb.train.n;
        if (m > 0)
            printf("   |");
        for (int k = 0; k < m; k++) {
            printf(" %3d", test[k]);
            over += test[k] > nb.test.n / 50; /* below 0.98 */
            worst = test[k] > worst ? test[k] : worst;
        }
        printf("\n");
        nb_free(&nb);
    }
    printf("\ncross-validation: %ld errors in %ld held-out images "
           "(accuracy %.4f)\n", cv_errors, cv_images,
           1.0 - (double)cv_errors / cv_images);
    if (m > 0)
        printf("test: %ld of %d runs below 0.98, the worst with %ld "
               "errors\n", over, m * n_seeds, worst);
    printf("\n");
    summary_begin();
    summary_int("cv_errors", cv_errors);
    summary_int("cv_images", cv_images);
    summary_double("cv_accuracy", 1.0 - (double)cv_errors / cv_images);
    if (m > 0) {
        summary_int("test_runs_below_098", over);
        summary_int("test_worst_errors", worst);
    }
    summary_end();
    return 0;
}
