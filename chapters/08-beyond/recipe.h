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
#include "data.h"
#include "err.h"
#include "init.h"
#include "net.h"
#include "rng.h"
#include "train.h"

typedef struct {
    bool raw_pixels;     /* true: feed the pixels 0..16 as the tutorial */
    Init init;           /* the weights, and with them the stream */
    double init_gain;    /* glorot: its bounds times this (0 counts as 1) */
    Activation act;      /* hidden layer */
    int hidden;          /* H */
    double val_fraction; /* of train held out for STOP_VALIDATION */
    TrainConfig fit;       /* the training loop */
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
    TrainResult fit;   /* what training did (diverged, epochs, ...) */
    double saturated[2]; /* share of saturated hidden activations
                          * (act.h) on the training set, before and
                          * after training */
} RecipeJob;

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

/* The warps the final recipe trains on (augment.h): up to 10 degrees of
 * rotation, 10 % of zoom, a shear of 0.1 and a move of one pixel. */
#define RECIPE_WARP ((Warp){10.0, 0.1, 0.1, 1.0})

/* The Glorot gain r asks for: init_gain, where 0 counts as 1. */
double recipe_gain(const Recipe *r);

/* The shortest %g form of x that reads back as x, into out (size
 * bytes). */
void recipe_shortest(char *out, size_t size, double x);

/* Mean, sample standard deviation (0 for n = 1), smallest and largest of
 * n >= 1 values. */
typedef struct {
    double mean, sd, min, max;
} Spread;

void recipe_spread(Spread *s, const double *x, int n);

#endif
