/* recipe.h - one network from start to finish, and many of them at once.
 *
 * A Recipe holds every choice chapter 8 varies.  Running it on one seed's
 * notebook split (a RecipeJob) means: copy the data, divide the pixels by
 * 16 (unless raw_pixels), pick the stream, draw the weights (init.h),
 * split off a validation set when the stop rule needs one, train (fit.h)
 * and score the test set.
 *
 * The stream follows the initialisation:
 *   randn   draws from the notebook's stream where cell 7 begins (after
 *           cell 3), as cell 7 does: with the tutorial's other settings the
 *           job trains exactly cell 7's network (chapter 6).
 *   glorot  draws from a fresh stream seeded with the seed, the stream
 *           MLPClassifier(random_state=seed) draws its weights and its
 *           shuffles from.
 * Every draw depends only on the seed and the recipe, so a job's result
 * does not depend on which thread runs it or on the other jobs.
 */
#ifndef NN_RECIPE_H
#define NN_RECIPE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "act.h"
#include "cli.h"
#include "data.h"
#include "err.h"
#include "fit.h"
#include "init.h"
#include "net.h"
#include "rng.h"

typedef struct {
    bool raw_pixels;     /* true: feed the pixels 0..16 as the tutorial */
    Init init;           /* the weights, and with them the stream */
    double init_gain;    /* glorot: its bounds times this (0 counts as 1) */
    Activation act;      /* hidden layer */
    int hidden;          /* H */
    double val_fraction; /* of train held out for FIT_STOP_VALIDATION */
    FitConfig fit;       /* the training loop */
} Recipe;

/* One network to train: inputs, then results. */
typedef struct {
    const Recipe *recipe;
    const Dataset *train, *test; /* one seed's notebook split, raw pixels */
    Rng stream;                  /* the notebook's stream after cell 3 */
    uint32_t seed;               /* the notebook's seed */
    int *pred;       /* (test->n) receives the predictions when not NULL */
    Net *net;        /* receives the trained network when not NULL
                      * (allocated by the run; release with net_free) */
    double accuracy; /* on test, of the parameters training kept */
    double cost;     /* mean cross-entropy on test */
    FitResult fit;   /* what training did (diverged, epochs, ...) */
    double saturated[2]; /* share of saturated hidden activations on the
                          * training set, before and after training */
} RecipeJob;

/* A hidden activation counts as saturated when the slope f'(z) there is
 * below 4 % of the activation's steepest: a (1 - a) < 0.01 for the
 * sigmoid (|z| > 4.6), 1 - a^2 < 0.04 for tanh (|z| > 2.3), a = 0 for
 * relu.  Its gradient is then all but cut off (book, chapter "Closing the
 * gap"). */
#define RECIPE_SATURATED 0.04

/* Runs one job, filling its results.  A diverged network is scored with
 * the parameters it had when it diverged (fit.h never takes the step that
 * fails) and job->fit.diverged says so.  Returns 0, or -1 with a message
 * (out of memory, a validation split that leaves a part empty). */
int recipe_run(RecipeJob *job, Error *err);

/* Runs n independent jobs, in parallel when built with OpenMP; the results
 * are the same for any number of threads.  Returns 0, or -1 with the
 * message of the first job (in array order) that failed. */
int recipe_run_all(RecipeJob *jobs, int n, Error *err);

/* Trains base over an eta x lambda grid: cell i * n_lambda + j is base
 * with fit.eta = etas[i] and fit.lambda = lambdas[j], run on the split,
 * stream and seed of proto.  recipes and jobs (n_eta * n_lambda each)
 * receive every cell's recipe and its job with the results.  Runs as
 * recipe_run_all; returns what it returns. */
int recipe_grid(RecipeJob *jobs, Recipe *recipes, const Recipe *base,
                const double *etas, int n_eta, const double *lambdas,
                int n_lambda, const RecipeJob *proto, Error *err);

/* Writes into buf (size bytes) the options of chapter 8's program that
 * select r, for instance "--sum-gradients --raw-pixels --init randn
 * --batches choice ...", so that a printed result can be rerun.  The
 * learning rate and lambda are written in the fewest digits that read
 * back exactly.  Warps are written as "--no-warps" or nothing: the
 * program offers one warp, RECIPE_WARP, and its defaults (the final
 * recipe) have it on.  Returns buf. */
char *recipe_options(char *buf, size_t size, const Recipe *r);

/* Prints prefix and recipe_options(r) on f, broken before an option
 * (never between an option and its value) into lines of at most 72
 * columns with a shell continuation, so that it can be pasted as it is. */
void recipe_print_options(FILE *f, const char *prefix, const Recipe *r);

/* The command-line switches that set a recipe (chapter 8's program),
 * named as recipe_options writes them.  recipe_cli_options fills
 * RECIPE_N_OPTIONS entries of opts for cli_parse, pointing into r and into
 * c; after parsing, recipe_cli_apply moves what c collected into r.  The
 * defaults are r's values when recipe_cli_options is called. */
#define RECIPE_N_OPTIONS 15

/* The warps the final recipe trains on (augment.h): up to 10 degrees of
 * rotation, 10 % of zoom, a shear of 0.1 and a move of one pixel. */
#define RECIPE_WARP ((Warp){10.0, 0.1, 0.1, 1.0})

typedef struct {
    int sum, raw, no_warps; /* --sum-gradients, --raw-pixels, --no-warps */
    const char *names[6];   /* --init, --batches, --optimizer,
                             * --activation, --stop, --schedule */
    char help[12][64];      /* help lines of the options that take a
                             * value, with their defaults */
} RecipeCli;

void recipe_cli_options(CliOption *opts, Recipe *r, RecipeCli *c);

/* Returns 0, or -1 with a message naming the option whose name is
 * unknown. */
int recipe_cli_apply(Recipe *r, const RecipeCli *c, Error *err);

/* Mean, sample standard deviation (0 for n = 1), smallest and largest of
 * n >= 1 values. */
typedef struct {
    double mean, sd, min, max;
} Spread;

void recipe_spread(Spread *s, const double *x, int n);

#endif
