/* sections.h - the sections of chapter 8's report, apart from its main.
 *
 * Each show_* function trains what its section needs, prints it on
 * stdout, adds its TSV files to the run's output set and fills its part
 * of the Summary.  Each returns 0, or -1 with a message in err.  Nothing
 * reaches the disk until main commits the set, once every section has
 * succeeded: --out then holds one run's files, whole (lib/out.h).
 */
#ifndef NN_SECTIONS_H
#define NN_SECTIONS_H

#include <stdbool.h>

#include "ablation.h"
#include "augment.h"
#include "cli.h"
#include "err.h"
#include "kv.h"
#include "notebook.h"
#include "out.h"
#include "recipe.h"
#include "rng.h"
#include "sweep.h"

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
    double memory_mb[2];            /* bytes the run needs on one thread,
                                     * and each further thread's (main.c) */
} Summary;

/* The grid's axes per cell, eta[c] and lambda[c], for the TSV files. */
typedef struct {
    double values[SWEEP_N], eta[SWEEP_CELLS], lambda[SWEEP_CELLS];
} Grid;

/* What the command line asked for. */
typedef struct {
    int n_seeds;      /* ablation seeds, from --seed on; 0: none */
    bool grids;       /* run the three grids */
    bool timing;      /* seconds of each section on stderr */
    const char *sk;   /* scikit-learn's numbers */
    bool sk_required; /* --sklearn was given: a missing file is an error */
    const char *save; /* --save: where the network of the options goes */
} Plan;

/* Where the run's files go: one output set, committed by main. */
typedef struct {
    OutSet set;       /* the TSV files and the --save'd network */
    const char *dir;  /* --out */
    FILE *save;       /* the network's stream in set; NULL: no --save */
    const char *save_path; /* --save, for messages */
} Outputs;

/* Fills g: np.logspace(-5, 0, 6) and each cell's eta and lambda. */
void grid_init(Grid *g);

/* The network of the options (rc) and cell 7's, on this seed; the
 * former's confusion matrix and hidden weights, printed and written, and
 * the network written to o->save (lib/netio.h) when that is not NULL. */
int show_final(const Cli *cli, const Recipe *rc, const Notebook *nb,
               Outputs *o, Summary *s, Error *err);

/* The tutorial's grid (chapter 7's) beside scikit-learn's SGD mapped to
 * it and the Adam grid the notebook ran (its cell 10).  Leaves nb at the
 * end of cell 9. */
int show_tutorial_grid(const Cli *cli, Notebook *nb, const Grid *g,
                       const KvFile *kv, Outputs *o, Summary *s,
                       Error *err);

/* The first training images, each followed by warps like those the final
 * recipe draws, written as images for the book's figure (warps.tsv). */
int write_warps(const Cli *cli, const Notebook *nb, const Warp *w,
                Outputs *o, Error *err);

/* Chapter 7's grid again with the repaired SGD, with Adam (row 7) and
 * with the final recipe, each beside scikit-learn's twin where it has
 * one; cell3 is the stream where cell 7 begins. */
int show_grids(const Cli *cli, const Recipe *twin, const Recipe *final,
               const Notebook *nb, Rng cell3, const Grid *g,
               const KvFile *kv, Outputs *o, Summary *s, Error *err);

/* Wall-clock seconds in t[0], processor seconds of all threads in t[1]. */
void seconds(double t[2]);

/* The closing summary line. */
void print_summary(const Summary *s, const Plan *p);

#endif
