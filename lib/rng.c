/* rng.c - numpy's legacy RandomState (see rng.h and the book's appendix). */
#include "rng.h"

#include <math.h>
#include <string.h>

/* ---- MT19937 ------------------------------------------------------------ */

void rng_seed(Rng *r, uint32_t seed)
{
    /* init_genrand (Matsumoto & Nishimura 1998): numpy uses it for an
     * integer seed; init_by_array is only for list seeds. */
    r->key[0] = seed;
    for (int i = 1; i < RNG_N; i++) {
        uint32_t prev = r->key[i - 1];
        r->key[i] = 1812433253u * (prev ^ (prev >> 30)) + (uint32_t)i;
    }
    r->pos = RNG_N; /* the first draw twists */
    r->has_gauss = 0;
    r->gauss = 0.0;
}

/* The twist's step for word i, from its neighbour above (k1) and the word
 * 397 places on (k397): the top bit of k[i], the low 31 of k1, shifted
 * and mixed with the twist matrix's row 0x9908b0df when the low bit is 1
 * (-(y & 1) is all ones or all zeros). */
static inline uint32_t twist_word(uint32_t ki, uint32_t k1, uint32_t k397)
{
    uint32_t y = (ki & 0x80000000u) | (k1 & 0x7fffffffu);
    return k397 ^ (y >> 1) ^ (-(y & 1u) & 0x9908b0dfu);
}

/* Regenerates all 624 words in place, i ascending: later words see the
 * already updated earlier ones, as the reference implementation does.
 * The loop is split where an index would wrap around the end: words 0..226
 * take their k397 from the old words ahead, words 227..622 from the new
 * words 227 places back, and word 623 has k[0] as its neighbour.  No index
 * needs a division. */
static void twist(Rng *r)
{
    uint32_t *k = r->key;
    enum { M = 397, N = RNG_N };
    for (int i = 0; i < N - M; i++)
        k[i] = twist_word(k[i], k[i + 1], k[i + M]);
    for (int i = N - M; i < N - 1; i++)
        k[i] = twist_word(k[i], k[i + 1], k[i + M - N]);
    k[N - 1] = twist_word(k[N - 1], k[0], k[M - 1]);
}

/* Tempering turns a state word into an output. */
static inline uint32_t temper(uint32_t y)
{
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
}

uint32_t rng_next32(Rng *r)
{
    if (r->pos == RNG_N) {
        twist(r);
        r->pos = 0;
    }
    return temper(r->key[r->pos++]);
}

/* ---- doubles and Gaussians ---------------------------------------------- */

double rng_double(Rng *r)
{
    /* Two separate statements fix the order of the draws: a comes first. */
    uint32_t a = rng_next32(r) >> 5; /* top 27 bits */
    uint32_t b = rng_next32(r) >> 6; /* top 26 bits */
    return ((double)a * 67108864.0 + (double)b) / 9007199254740992.0;
}

double rng_gauss(Rng *r)
{
    if (r->has_gauss) {
        double v = r->gauss;
        r->has_gauss = 0;
        r->gauss = 0.0;
        return v;
    }
    double x1, x2, r2;
    do { /* a point uniform in the unit disc, not at its centre */
        x1 = 2.0 * rng_double(r) - 1.0;
        x2 = 2.0 * rng_double(r) - 1.0;
        r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    double f = sqrt(-2.0 * log(r2) / r2);
    r->gauss = f * x1; /* numpy caches the x1 partner ... */
    r->has_gauss = 1;
    return f * x2;     /* ... and returns the x2 partner first */
}

void rng_gauss_fill(Rng *r, double *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = rng_gauss(r);
}

/* ---- bounded integers --------------------------------------------------- */

/* The smallest 2^k - 1 >= max. */
static uint32_t mask_of(uint32_t max)
{
    uint32_t mask = max;
    mask |= mask >> 1;
    mask |= mask >> 2;
    mask |= mask >> 4;
    mask |= mask >> 8;
    mask |= mask >> 16;
    return mask;
}

uint32_t rng_interval(Rng *r, uint32_t max)
{
    if (max == 0)
        return 0; /* no draw at all */
    uint32_t mask = mask_of(max), v;
    do /* masked rejection: whole draws until one, masked, is at most max */
        v = rng_next32(r) & mask;
    while (v > max);
    return v;
}

void rng_choice(Rng *r, int *out, int k, int n)
{
    for (int i = 0; i < k; i++)
        out[i] = (int)rng_interval(r, (uint32_t)(n - 1));
}

/* ---- the plain permutation ----------------------------------------------
 *
 * The default build replaces the two functions here with
 * lib/fast/shuffle.c's, which make the same draws and swaps faster (the
 * sweep makes ten million of them); make FAST=0 builds these. */
#ifndef NN_FAST
/* Fisher-Yates from the end, as numpy's legacy shuffle: for i = n-1 down
 * to 1, out[i] swaps with out[j], j = rng_interval(r, i). */
void rng_permutation(Rng *r, int *out, int n)
{
    for (int i = 0; i < n; i++)
        out[i] = i;
    for (int i = n - 1; i >= 1; i--) {
        int j = (int)rng_interval(r, (uint32_t)i);
        int t = out[i];
        out[i] = out[j];
        out[j] = t;
    }
}

void rng_skip_permutation(Rng *r, int n)
{
    for (int i = n - 1; i >= 1; i--)
        rng_interval(r, (uint32_t)i);
}
#endif

void rng_choice_noreplace(Rng *r, int *out, int k, int n, int *work)
{
    rng_permutation(r, work, n);
    memcpy(out, work, (size_t)k * sizeof *out);
}
