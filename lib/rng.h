/* rng.h - numpy's legacy RandomState, draw for draw.
 *
 * The tutorial seeds numpy's global stream with np.random.seed(0) and then
 * calls choice, train_test_split (a permutation), randn and choice without
 * replacement.  This module makes exactly the same draws, so a C program and
 * the Python notebook given the same seed see the same numbers.  The
 * algorithms follow numpy 1.24's legacy code paths; the book's appendix
 * "The random stream" explains each one.
 *
 * Reference sequence (a test asserts it): after rng_seed(&r, 0) the first
 * three rng_next32 values are 2357136044, 2546248239, 3071714933, and the
 * first rng_gauss value is 1.764052345967664.
 *
 * Floating point: build without contraction (-ffp-contract=off) and without
 * -ffast-math, or about one Gaussian in seven differs in its last bits.
 *
 * An Rng is plain data: copying the struct copies the stream position, which
 * is how the sweep hands each network its own place in the stream.
 */
#ifndef NN_RNG_H
#define NN_RNG_H

#include <stddef.h>
#include <stdint.h>

#define RNG_N 624 /* words of MT19937 state */

typedef struct {
    uint32_t key[RNG_N]; /* MT19937 state vector */
    int pos;             /* next word to temper; RNG_N forces a twist */
    int has_gauss;       /* 1 when a second Gaussian is cached */
    double gauss;        /* the cached Gaussian (legacy polar method) */
} Rng;

/* Seeds the stream as np.random.seed(seed) does for an integer seed
 * (MT19937 init_genrand) and clears the Gaussian cache. */
void rng_seed(Rng *r, uint32_t seed);

/* Next raw 32-bit output of MT19937 (numpy: random_raw). */
uint32_t rng_next32(Rng *r);

/* Uniform double in [0, 1) with 53 random bits, made from two 32-bit
 * draws (numpy: random_sample). */
double rng_double(Rng *r);

/* Standard normal by the legacy polar method with its one-value cache
 * (numpy: randn, standard_normal). */
double rng_gauss(Rng *r);

/* Fills out[0..n-1] with n Gaussians in order: randn(rows, cols) is
 * rng_gauss_fill(r, out, rows*cols) in row-major order. */
void rng_gauss_fill(Rng *r, double *out, size_t n);

/* Uniform integer in [0, max] by masked rejection on whole 32-bit draws;
 * max == 0 draws nothing (numpy: random_interval, legacy bounded ints).
 * max must be below 2^32. */
uint32_t rng_interval(Rng *r, uint32_t max);

/* out[0..k-1] = k integers uniform in [0, n), drawn with replacement
 * (numpy: choice(n, size=k) and randint(0, n, k)).  n >= 1. */
void rng_choice(Rng *r, int *out, int k, int n);

/* out[0..n-1] = a random permutation of 0..n-1 by Fisher-Yates from the
 * end (numpy: permutation(n), and shuffle's swap sequence). */
void rng_permutation(Rng *r, int *out, int n);

/* Makes the draws of rng_permutation(r, ., n) without building the
 * permutation: used to move a stream past a network's minibatch draws. */
void rng_skip_permutation(Rng *r, int n);

/* out[0..k-1] = choice(n, size=k, replace=False): the first k entries of a
 * full permutation of n.  work holds n ints; 1 <= k <= n. */
void rng_choice_noreplace(Rng *r, int *out, int k, int n, int *work);

#endif
