/* shuffle.c - numpy's legacy permutation, arranged for speed.
 *
 * The default build's rng_permutation and rng_skip_permutation (rng.h):
 * the same draws and the same swaps as lib/rng.c's Fisher-Yates loop,
 * with the generator's state words twisted and tempered in SIMD lanes
 * (lanes.h) and no branch on a rejected draw.  The permutation and the
 * stream position afterwards are the same bits (tests/check_fast.c).
 * make FAST=0 builds without this file.  The twist, its word and the
 * tempering are lib/rng.c's, repeated here so that they can run in
 * lanes. */
#include "lanes.h"
#include "rng.h"

/* The twist's step for word i, from its neighbour above (k1) and the word
 * 397 places on (k397): the top bit of k[i], the low 31 of k1, shifted
 * and mixed with the twist matrix's row 0x9908b0df when the low bit is 1
 * (-(y & 1) is all ones or all zeros). */
static inline uint32_t twist_word(uint32_t ki, uint32_t k1, uint32_t k397)
{
    uint32_t y = (ki & 0x80000000u) | (k1 & 0x7fffffffu);
    return k397 ^ (y >> 1) ^ (-(y & 1u) & 0x9908b0dfu);
}

/* lib/rng.c's twist in SIMD lanes: later words see the already updated
 * earlier ones, as the reference implementation does.
 * The loop is split where an index would wrap around the end: words 0..226
 * take their k397 from the old words ahead, words 227..622 from the new
 * words 227 places back (far enough for SIMD lanes), and word 623 has k[0]
 * as its neighbour.  No index needs a division. */
static NN_LANES void twist(Rng *r)
{
    uint32_t *k = r->key;
    enum { M = 397, N = RNG_N };
#pragma omp simd
    for (int i = 0; i < N - M; i++)
        k[i] = twist_word(k[i], k[i + 1], k[i + M]);
#pragma omp simd safelen(N - M)
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

/* out[k] = temper(key[k]) for k = from..RNG_N-1, in SIMD lanes. */
static NN_LANES void temper_words(uint32_t *out, const uint32_t *key,
                                  int from)
{
#pragma omp simd
    for (int k = from; k < RNG_N; k++)
        out[k] = temper(key[k]);
}

/* Fisher-Yates from the end, as numpy's legacy shuffle: for i = n-1 down
 * to 1, j = rng_interval(r, i), then out[i] and out[j] swap (out NULL:
 * the draws only).  The same draws and swaps as lib/rng.c's loop,
 * arranged for speed (the sweep makes ten million of them):
 *   - the state's words are tempered all at once, in SIMD lanes, into
 *     tempered[], whenever the state is new (and at the start, from
 *     r->pos on: all the words left, even when a small n needs a few);
 *   - one loop over those 32-bit outputs rather than a loop of rejection
 *     loops: a draw v above i is rejected, "swaps" out[i] with itself and
 *     keeps i, so the processor has no branch to guess wrong on the one
 *     draw in three or so that is rejected;
 *   - the mask is the same while i stays above half of it, and the inner
 *     loop runs over such a band of i, or until the state's 624 words are
 *     used up, so it checks neither for a new mask nor for a twist. */
static void shuffle(Rng *r, int *out, int n)
{
    int i = n - 1;
    if (i < 1)
        return; /* no draw at all */
    uint32_t mask = mask_of((uint32_t)i);
    uint32_t tempered[RNG_N]; /* the outputs of the state's words */
    int pos = r->pos; /* in a register: out[] could alias r->pos */
    temper_words(tempered, r->key, pos);
    while (i >= 1) {
        if (pos == RNG_N) {
            twist(r);
            pos = 0;
            temper_words(tempered, r->key, 0);
        }
        /* Until i falls to half the mask or the state runs out. */
        int low = (int)(mask >> 1);
        while (i > low && pos < RNG_N) {
            uint32_t v = tempered[pos++] & mask;
            int accept = v <= (uint32_t)i;
            if (out) {
                int j = accept ? (int)v : i;
                int t = out[i];
                out[i] = out[j];
                out[j] = t;
            }
            i -= accept;
        }
        if (i <= low)
            mask >>= 1;
    }
    r->pos = pos;
}

void rng_permutation(Rng *r, int *out, int n)
{
    for (int i = 0; i < n; i++)
        out[i] = i;
    shuffle(r, out, n);
}

void rng_skip_permutation(Rng *r, int n)
{
    shuffle(r, NULL, n);
}

