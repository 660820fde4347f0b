/* fashion_progress.h - what chapter 9 records after each epoch, and its
 * progress line on stderr (a bar that rewrites itself on a terminal,
 * plain lines otherwise).
 */
#ifndef NN_FASHION_PROGRESS_H
#define NN_FASHION_PROGRESS_H

#include <stdbool.h>

#include "data.h"
#include "fashion_recipe.h"
#include "net.h"
#include "rng.h"

/* What the epoch hook records; the caller points the arrays at storage of
 * `epochs` values each and sets the rest before training. */
typedef struct {
    int epochs, rows;      /* planned epochs, rows one epoch trains on */
    bool quiet, tty;       /* no clock and no progress line; stderr a tty */
    bool refit;            /* the refit: lines say so, no validation */
    double start, last;    /* clock at the start, after the last epoch */
    double cpu_last;       /* processor seconds after the last epoch */
    double *loss, *val_cost, *val_acc, *secs; /* (epochs) per epoch */
    double *cpu;           /* (epochs) processor seconds per epoch */
    Dataset *train;        /* the images augment changes between epochs */
    FashionAugment *augment; /* or NULL: no augmentation */
    Rng augment_rng;       /* the augmentation's own stream */
} Progress;

/* Seconds on a monotonic clock. */
double progress_now(void);

/* Processor seconds this process has used: on a busy machine, closer to
 * what a run on a quiet one takes than the clock on the wall. */
double progress_cpu_now(void);

/* The median of v (n > 0 values); v is reordered. */
double progress_median(double *v, int n);

/* The training loop's epoch hook (lib/train.h), ctx a Progress: keeps the
 * curves, augments the images for the next epoch, prints the line. */
void progress_on_epoch(void *ctx, int e, const Net *net, double loss,
                       double val_cost, double val_acc);

#endif
