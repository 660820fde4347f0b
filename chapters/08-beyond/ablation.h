/* ablation.h - rows of recipes, each trained on several seeds' splits.
 *
 * Chapter 8's ablation.  Every row (a Recipe) is trained on the notebook
 * split of each seed s0, s0 + 1, ..., s0 + n - 1 (nb_replay up to cell 3,
 * so the randn rows draw from where cell 7 starts), all rows x seeds
 * networks in one parallel batch of RecipeJobs (recipe.h), so the results
 * do not depend on the number of threads.  For each row and seed it keeps
 * the test accuracy, the epochs trained, the share of saturated hidden
 * activations before and after training, and, when the row names a twin,
 * scikit-learn's accuracy from a reference file (kv.h) for that seed.
 */
#ifndef NN_ABLATION_H
#define NN_ABLATION_H

#include <stdint.h>
#include <stdio.h>

#include "data.h"
#include "err.h"
#include "kv.h"
#include "out.h"
#include "recipe.h"

typedef struct {
    const char *name; /* one line for tables; no tab */
    const char *twin; /* scikit-learn's twin: its accuracies are the
                       * reference's "<twin>_accuracy" list; or NULL */
    Recipe recipe;
} AblationRow;

/* Chapter 8's rows: 0 is the tutorial's cell 7, each of 1-6 adds one
 * repair, 7 is the best recipe scikit-learn can train too (its twin), 8
 * and 9 change 7's activation, 10 is the final recipe. */
#define ABLATION_ROWS 11
#define ABLATION_TWIN 7
#define ABLATION_FINAL 10

/* Cell 7's recipe: summed gradients, raw pixels, randn weights, batches
 * drawn with choice, 10 epochs of SGD with eta = lambda = 0.1. */
Recipe ablation_tutorial(void);

/* Fills rows[0 .. ABLATION_ROWS - 1] (see above). */
void ablation_rows(AblationRow *rows);

/* The measured columns, in the order of Ablation.col. */
enum { ABL_ACCURACY, ABL_EPOCHS, ABL_SAT0, ABL_SAT1, ABL_SKLEARN, ABL_COLS };

typedef struct {
    int rows, seeds;
    uint32_t *seed;        /* (seeds) */
    double *col[ABL_COLS]; /* (rows, seeds) each, row-major; the scikit-learn
                            * column is NaN where there is no twin */
} Ablation;

/* Trains n_rows rows on the splits of n_seeds >= 1 seeds from seed0 on,
 * each seed splitting its own copy of the images data; kv may be empty.
 * a is filled here; release it with ablation_free.  Returns 0, or -1 with
 * a message (a recipe that does not fit the data, out of memory). */
int ablation_run(Ablation *a, const AblationRow *rows, int n_rows,
                 const Dataset *data, uint32_t seed0, int n_seeds,
                 const KvFile *kv, Error *err);

/* Releases an Ablation; a zeroed one is a no-op. */
void ablation_free(Ablation *a);

/* The spread over the seeds of column c of row r. */
Spread ablation_spread(const Ablation *a, int r, int c);

/* Prints one line per row: name, mean, sd, min and max of the accuracy,
 * and the means of the epochs, the two saturations and scikit-learn's
 * accuracy ("-" without a twin). */
void ablation_print(FILE *f, const Ablation *a, const AblationRow *rows);

/* Adds to the output set (out.h), written when it is committed,
 * dir/ablation.tsv (per row: name, step, mean, sd, min, max, epochs,
 * sat0, sat1, sklearn; the last four are means) and dir/ablation_seeds.tsv
 * (per row and seed: step, seed, accuracy, epochs, sklearn).  Returns 0,
 * or -1 with a message. */
int ablation_write(OutSet *set, const Ablation *a, const AblationRow *rows,
                   const char *dir, Error *err);

#endif
