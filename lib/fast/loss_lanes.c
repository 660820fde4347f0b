/* loss_lanes.c - loss_sum_squares for large vectors, in lanes and threads.
 *
 * The default build's loss_sum_squares (loss.h).  Below PAR_ELEMS values
 * (lanes.h; every network of chapters 1 to 8) it is lib/loss.c's loop, one sum
 * from the first value to the last, so the same bits.  A larger vector,
 * such as chapter 9's 401,408 first-layer weights, whose sum of squares
 * the training adds to its reported cost at every step, is cut into at
 * most MAX_PIECES pieces that OpenMP's threads share out; each piece is
 * summed in LANES interleaved partial sums (SIMD lanes), and the partial
 * sums, then the pieces' sums, are added in a fixed order.  That order
 * depends on n alone: the same bits on any number of threads and in every
 * SIMD version, but not the plain loop's bits (the two differ by
 * rounding, tests/check_fast.c bounds by how much).  make FAST=0 builds
 * without this file. */
#include "lanes.h"
#include "loss.h"

#define MAX_PIECES 256 /* pieces of PAR_PIECE (lanes.h) values, doubled in
                          size until there are no more than this */
#define LANES 8

/* The sum of w[i]^2 for i in lo..hi-1 (hi - lo a multiple of LANES, but
 * for the last piece): lane j sums every LANES-th value from lo + j, the
 * lanes are added pairwise, and the tail after the last whole row of
 * lanes goes last, in order. */
static NN_LANES double piece_sum(const double *w, long lo, long hi)
{
    double lane[LANES] = {0.0};
    long whole = lo + (hi - lo) / LANES * LANES;
    for (long i = lo; i < whole; i += LANES)
#pragma omp simd
        for (int j = 0; j < LANES; j++)
            lane[j] += w[i + j] * w[i + j];
    for (int width = LANES / 2; width > 0; width /= 2)
        for (int j = 0; j < width; j++)
            lane[j] += lane[j + width];
    double sum = lane[0];
    for (long i = whole; i < hi; i++)
        sum += w[i] * w[i];
    return sum;
}

double loss_sum_squares(const double *w, long n)
{
    if (n < PAR_ELEMS) { /* lib/loss.c's loop */
        double sum = 0.0;
        for (long i = 0; i < n; i++)
            sum += w[i] * w[i];
        return sum;
    }
    long size = PAR_PIECE;
    while ((n + size - 1) / size > MAX_PIECES)
        size *= 2;
    int pieces = (int)((n + size - 1) / size);
    double part[MAX_PIECES]; /* (pieces) */
#pragma omp parallel for schedule(static)
    for (int c = 0; c < pieces; c++)
        part[c] = piece_sum(w, c * size,
                            (c + 1) * size < n ? (c + 1) * size : n);
    double sum = 0.0;
    for (int c = 0; c < pieces; c++)
        sum += part[c];
    return sum;
}
