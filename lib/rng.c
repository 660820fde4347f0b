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

/* Regenerates all 624 words in place, i ascending: later words see the
 * already updated earlier ones, as the reference implementation does. */
static void twist(Rng *r)
{
    for (int i = 0; i < RNG_N; i++) {
        uint32_t y = (r->key[i] & 0x80000000u) |
                     (r->key[(i + 1) % RNG_N] & 0x7fffffffu);
        uint32_t next = r->key[(i + 397) % RNG_N] ^ (y >> 1);
        r->key[i] = (y & 1u) ? next ^ 0x9908b0dfu : next;
    }
}

uint32_t rng_next32(Rng *r)
{
    if (r->pos == RNG_N) {
        twist(r);
        r->pos = 0;
    }
    uint32_t y = r->key[r->pos++];
    y ^= y >> 11; /* tempering */
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
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

uint32_t rng_interval(Rng *r, uint32_t max)
{
    if (max == 0)
        return 0; /* no draw at all */
    uint32_t mask = max; /* smallest 2^k - 1 >= max */
    mask |= mask >> 1;
    mask |= mask >> 2;
    mask |= mask >> 4;
    mask |= mask >> 8;
    mask |= mask >> 16;
    uint32_t v;
    do
        v = rng_next32(r) & mask;
    while (v > max);
    return v;
}

void rng_choice(Rng *r, int *out, int k, int n)
{
    for (int i = 0; i < k; i++)
        out[i] = (int)rng_interval(r, (uint32_t)(n - 1));
}

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
        (void)rng_interval(r, (uint32_t)i);
}

void rng_choice_noreplace(Rng *r, int *out, int k, int n, int *work)
{
    rng_permutation(r, work, n);
    memcpy(out, work, (size_t)k * sizeof *out);
}
