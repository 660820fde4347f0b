/* parallel.h - chapter 10's parts: data-parallel SGD over MPI ranks
 * (dp.c), chapter 7's sweep split across ranks (psweep.c) and the
 * alpha-beta model of an all-reduce (model.c).  main.c reads the options
 * and prints.  Book: chapter "Training on many machines".
 */
#ifndef NN_PARALLEL_H
#define NN_PARALLEL_H

#include <mpi.h>
#include <stdint.h>

#include "err.h"
#include "out.h"
#include "net.h"
#include "notebook.h"
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
    double work_seconds; /* every rank's time outside them, summed: what
                          * one process would spend on the arithmetic */
    double step_bytes;   /* the values combined per step, whole job */
    int steps;           /* steps made */
    int nodes;           /* tree nodes exchanged per step (exact), or 1 */
} DpTimes;

/* Returns 1 on every rank when failed is set on any, else 0: how the ranks
 * agree that one of them cannot go on. */
int ranks_any(const Ranks *rk, int failed);

/* CRC-32 (zlib) of the bytes of n doubles: the weights' fingerprint. */
uint32_t params_crc(const double *p, size_t n);

/* Minibatch SGD as train_run does it with cfg (train.h: the same draws
 * from r, the same step, divergence marked the same way; batches drawn
 * with BATCH_CHOICE, the SGD update, no stop rule, no schedule, no warps:
 * main.c offers no others), with each batch of B rows cut
 * into blocks of b rows (blocks.h) shared out among the ranks, and the
 * gradient combined by `reduce`.  Every rank must call it with the same
 * arguments; every rank ends with the same net.  With REDUCE_EXACT the
 * result is train_run's with cfg->grad_block = b, bit for bit, whatever the
 * number of ranks.  Returns 0, or -1 on every rank with a message (out of
 * memory on some rank). */
int dp_train(Net *net, const Dataset *train, Rng *r, const TrainConfig *cfg,
             int b, Reduce reduce, const Ranks *rk, TrainResult *st,
             DpTimes *times, Error *err);

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

/* A network in the alpha-beta model: a message of m bytes between two
 * machines takes alpha + m / bandwidth seconds. */
typedef struct {
    const char *name;
    double alpha;     /* latency, seconds */
    double bandwidth; /* bytes per second */
} Link;

/* Seconds an all-reduce of m bytes takes on p machines: the ring
 * (reduce-scatter then all-gather, 2 (p - 1) messages of m / p each) and
 * the binary tree (reduce up, broadcast down, 2 ceil(log2 p) messages of
 * m each). */
double model_ring(int p, double m, const Link *l);
double model_tree(int p, double m, const Link *l);

/* Speedup on p machines for work seconds of arithmetic per step, split
 * evenly, and an all-reduce taking comm seconds: work / (work / p + comm). */
double model_speedup(int p, double work, double comm);

/* Adds dir/model.tsv to the run's output set (lib/out.h): for p =
 * 1..max_p the speedup of ring and tree on each of the n links, for a
 * step of work seconds and m bytes, and with a batch `scale` times larger
 * (work * scale seconds, same m).  Returns 0 or -1 with a message. */
int model_write(OutSet *set, const char *dir, const Link *links, int n,
                int max_p, double work, double m, double scale, Error *err);

#endif
