/* parallel.h - chapter 10's parts: data-parallel training over MPI ranks
 * (dp.c), chapter 7's sweep split across ranks (psweep.c), chapter 9's
 * network, data and candidates on the ranks (chapter9.c) and the
 * alpha-beta model of an all-reduce (model.h).  main.c reads the options
 * and prints.  Book: chapter "Training on many machines".
 */
#ifndef NN_PARALLEL_H
#define NN_PARALLEL_H

#include <mpi.h>
#include <stdint.h>

#include "err.h"
#include "fashion_data.h"
#include "fashion_progress.h"
#include "fashion_recipe.h"
#include "model.h"
#include "net.h"
#include "notebook.h"
#include "out.h"
#include "train.h"

/* This process among the job's: MPI_COMM_WORLD, its rank, their number. */
typedef struct {
    MPI_Comm comm;
    int rank, ranks;
} Ranks;

/* How the ranks add their gradients. */
typedef enum {
    REDUCE_EXACT, /* the fixed tree of blocks: the same bits for any ranks */
    REDUCE_PLAIN  /* MPI_Allreduce with MPI_SUM: the library's order */
} Reduce;

/* Where the time of dp_train went, and what it sent. */
typedef struct {
    double seconds;      /* training, wall clock on rank 0 */
    double comm_seconds; /* rank 0 inside the all-gather or all-reduce */
    double work_seconds; /* every rank's time summing gradients outside
                          * them, added up over the ranks: what one
                          * process would spend on that arithmetic */
    double step_bytes;   /* the values combined per whole batch, job */
    int steps;           /* batches summed */
    int nodes;           /* tree nodes exchanged per batch (exact), or 1 */
} DpTimes;

/* Returns 1 on every rank when failed is set on any, else 0: how the ranks
 * agree that one of them cannot go on. */
int ranks_any(const Ranks *rk, int failed);

/* Rank owner's len doubles in buf reach rank 0's buf, tagged tag; the
 * other ranks do nothing.  Every rank calls it alike. */
void ranks_to_root(double *buf, int len, int owner, int tag,
                   const Ranks *rk);

/* CRC-32 (zlib) of the bytes of n doubles: the weights' fingerprint. */
uint32_t params_crc(const double *p, size_t n);

/* What the ranks train: a network's shape and start, its data and the
 * training loop's settings.  Chapter 6's on the digits (main.c) or
 * chapter 9's on Fashion-MNIST (ch9_problem). */
typedef struct {
    const char *title;  /* "chapter 6's network" */
    int D, H;           /* inputs, hidden units (K = DATA_CLASSES) */
    Activation act;
    void (*init)(Net *net, Rng *r); /* the starting weights, from rng */
    Rng *rng;           /* the stream every rank holds */
    TrainConfig cfg;    /* grad_block = the blocks' rows */
    TrainData data;
    const Dataset *test;
    int cap;            /* validation rows scored at a time */
    TrainHook hook;     /* after each epoch, on every rank, or NULL */
    void *ctx;
} Problem;

/* train_run (train.h) on every rank with the same arguments, each batch
 * of B rows cut into blocks of b = cfg->grad_block rows (b > 0, blocks.h)
 * shared out among the ranks and their gradients combined by `reduce`:
 * the trainer's BlockSum is this file's, every other choice of cfg
 * (batches, optimiser, schedule, stop rule, warps) and hook (called on
 * every rank) is the trainer's own.  Every rank ends with the same net.
 * With REDUCE_EXACT the result is train_run's without ranks, bit for bit,
 * whatever their number.  The trainer scores validation rows in pieces of
 * max(cap, B).  Returns 0, or -1 on every rank with a message (out of
 * memory on some rank, data that do not fit cfg). */
int dp_train(Net *net, const TrainData *data, Rng *r, const TrainConfig *cfg,
             int cap, Reduce reduce, const Ranks *rk, TrainHook hook,
             void *ctx, TrainResult *st, DpTimes *times, Error *err);

/* One network of the sweep, as rank 0 holds it after psweep_run. */
typedef struct {
    double eta, lambda;
    double accuracy;    /* test accuracy, NaN when diverged */
    TrainResult status;
    int rank;           /* the rank that trained it */
    uint32_t crc;       /* params_crc of its trained weights */
    int *pred;          /* (n_test) test predictions, owned (rank 0) */
} PCell;

/* Chapter 7's sweep over etas x lambdas (n_grid each) from nb (replayed to
 * cell 7), network c trained by rank c % ranks; every rank walks the whole
 * stream, making the draws of the networks it does not train.  On rank 0,
 * cells (n_grid^2) receive every network's results, the same as one
 * process's; on the others, only their own.  Release with psweep_free.
 * Returns 0, or -1 on every rank with a message (out of memory). */
int psweep_run(PCell *cells, const double *grid, int n_grid, Notebook *nb,
               const TrainConfig *base, const Ranks *rk, Error *err);

void psweep_free(PCell *cells, int n);

/* ---- chapter 9 (chapter9.c) --------------------------------------------- */

/* Chapter 9's data and recipe as one rank holds them. */
typedef struct {
    Fashion f;          /* training, validation and test images */
    FashionRecipe rc;
    uint32_t seed;
    Rng rng;            /* after the validation split, as chapter 9's */
    FashionAugment aug; /* chapter 9's augmentation of f.train */
    Progress progress;  /* chapter 9's epoch hook, quiet: it augments */
    double *curves;     /* (5, epochs) the hook's records */
} Ch9;

/* Loads dir's IDX files (the first limit images of each, 0: all) and
 * splits them as chapter 9 does with this seed.  Returns 0, or -1 with a
 * message (fashion_load's).  Release with ch9_free; c must stay where it
 * is while a Problem made from it is in use. */
int ch9_load(Ch9 *c, const char *dir, long limit, const FashionRecipe *rc,
             uint32_t seed, Error *err);
void ch9_free(Ch9 *c);

/* pb = chapter 9's network and settings on c's data, the gradient in
 * blocks of `block` rows. */
void ch9_problem(Problem *pb, Ch9 *c, int block);

/* What chapter 9 does between its start and its first epoch: the first
 * epoch's augmentation, when its recipe has one. */
void ch9_before_training(Ch9 *c);

/* One candidate of chapter 9's sweep and its results on rank 0. */
typedef struct {
    int hidden;
    double lambda;
    double val_accuracy, val_cost; /* of the best epoch's network */
    int best_epoch, epochs, diverged;
    int rank;         /* the rank that trained it */
    uint32_t crc;     /* params_crc of the network kept */
} FCell;

/* Trains this rank's candidates among cells (n, hidden and lambda set;
 * candidate k on rank k % ranks), each exactly as `09-fashion --hidden H
 * --lambda L` with c's other settings: the stream after the split, the
 * one-pass gradient.  Returns 0, or -1 with a message. */
int ch9_sweep(FCell *cells, int n, const Ch9 *c, const Ranks *rk,
              Error *err);

/* Rank 0 receives every candidate's results, in order. */
void ch9_collect(FCell *cells, int n, const Ranks *rk);

#endif
