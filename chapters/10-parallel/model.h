/* model.h - the alpha-beta model of an all-reduce on p machines, and the
 * speedup of data-parallel training it predicts (model.c).  Plain
 * arithmetic, no MPI: the tests call it directly.  Book: chapter
 * "Training on many machines", section "A model of many machines".
 */
#ifndef NN_MODEL_H
#define NN_MODEL_H

#include "err.h"
#include "out.h"

/* A network in the alpha-beta model: a message of m bytes between two
 * machines takes alpha + m / bandwidth seconds (beta = 1 / bandwidth). */
typedef struct {
    const char *name;
    double alpha;     /* latency, seconds */
    double bandwidth; /* bytes per second */
} Link;

/* Seconds an all-reduce of m bytes takes on p >= 1 machines (0 on one):
 *   ring  reduce-scatter then all-gather, 2 (p - 1) rounds of m / p bytes:
 *         2 (p - 1) alpha + 2 (p - 1) / p * m * beta
 *   tree  reduce up a binary tree, broadcast down, 2 ceil(log2 p) rounds
 *         of all m bytes: 2 ceil(log2 p) (alpha + m * beta) */
double model_ring(int p, double m, const Link *l);
double model_tree(int p, double m, const Link *l);

/* Speedup on p machines for work seconds of arithmetic per step, split
 * evenly, and an all-reduce taking comm seconds: work / (work / p + comm).
 * At most p; equal to p only when comm is 0. */
double model_speedup(int p, double work, double comm);

/* The fewest machines, from 2, on which the ring's all-reduce of m bytes
 * takes at least the arithmetic left to each, work / p; max_p when none
 * up to max_p does. */
int model_ring_crossover(double work, double m, const Link *l, int max_p);

/* Adds dir/model.tsv to the run's output set (lib/out.h): for p =
 * 1..max_p the speedup of ring and tree on each of the n links, for a
 * step of work seconds and m bytes, and with a batch `scale` times larger
 * (work * scale seconds, same m).  Returns 0 or -1 with a message. */
int model_write(OutSet *set, const char *dir, const Link *links, int n,
                int max_p, double work, double m, double scale, Error *err);

#endif
