/* check_extwister.c - the extra exercises of appendix "The random
 * stream": temper and twist, the two halves of the Mersenne Twister's
 * next word (rng_next32).
 *
 * Learner mode (learn/README.md): temper on six words worked out from
 * MT19937's definition, with the state set by hand so no twist happens;
 * twist against its definition written out here, then against numpy's
 * first draws and the 10000th output for seed 5489, the value the C++
 * standard gives for std::mt19937.
 */
#include <check.h>
#include <string.h>

#include "learn.h"
#include "rng.h"
#include "support.h"

#define TW_SECTION \
    "appendix \"The random stream\", section \"The Mersenne Twister\""

/* ---- temper ----------------------------------------------------------- */

static const Exercise temper_ex = {"temper", "lib/rng.c, temper",
                                   TW_SECTION};

static const uint32_t tm_words[] = {0u, 1u, 0x80000000u, 0xffffffffu,
                                    123456789u, 0xdeadbeefu};
static const uint32_t tm_want[] = {0u, 4194449u, 2282758660u, 1876958200u,
                                   39661819u, 3759560541u};
#define TM_N 6

enum { T_NO_18, T_LEFT_11, T_MASKS_SWAPPED };

static uint32_t tempered(uint32_t y, int mistake)
{
    y ^= mistake == T_LEFT_11 ? y << 11 : y >> 11;
    y ^= (y << 7) & (mistake == T_MASKS_SWAPPED ? 0xefc60000u : 0x9d2c5680u);
    y ^= (y << 15) & (mistake == T_MASKS_SWAPPED ? 0x9d2c5680u : 0xefc60000u);
    if (mistake != T_NO_18)
        y ^= y >> 18;
    return y;
}

static const char *temper_diagnose(const double *got, const double *want,
                                   int rows, int cols)
{
    (void)want;
    if (rows * cols != TM_N)
        return NULL;
    static const struct {
        int mistake;
        const char *hint;
    } known[] = {
        {T_NO_18, "the last step, y ^= y >> 18, is missing"},
        {T_LEFT_11, "the first step shifts left: it is y ^= y >> 11"},
        {T_MASKS_SWAPPED, "the two masks are swapped: 0x9d2c5680 goes with "
                          "<< 7, 0xefc60000 with << 15"},
    };
    for (size_t m = 0; m < sizeof known / sizeof known[0]; m++) {
        int same = 1;
        for (int i = 0; i < TM_N; i++)
            same &= got[i] == (double)tempered(tm_words[i], known[m].mistake);
        if (same)
            return known[m].hint;
    }
    return NULL;
}

START_TEST(temper_words)
{
    Rng r;
    rng_seed(&r, 0);
    memcpy(r.key, tm_words, sizeof tm_words);
    r.pos = 0; /* the next draws temper key[0], key[1], ... */
    double got[TM_N], want[TM_N], before[TM_N];
    for (int i = 0; i < TM_N; i++) {
        got[i] = rng_next32(&r);
        want[i] = tm_want[i];
        before[i] = tm_words[i];
    }
    ExCase c = {"six state words", "key[0..5] = 0, 1, 0x80000000, "
                "0xffffffff, 123456789, 0xdeadbeef, pos = 0",
                "rng_next32, six times"};
    ex_expect_changed(&temper_ex, &c, before, got, want, 1, TM_N, 0.0,
                      temper_diagnose);
}
END_TEST

/* ---- twist ------------------------------------------------------------ */

static const Exercise twist_ex = {"twist", "lib/rng.c, twist",
                                  TW_SECTION};

/* MT19937's twist as its definition states it, one word at a time with
 * indices taken mod 624 (the loop in rng.c splits it to avoid that). */
static void twist_by_definition(uint32_t *k)
{
    for (int i = 0; i < RNG_N; i++) {
        uint32_t y = (k[i] & 0x80000000u) | (k[(i + 1) % RNG_N] & 0x7fffffffu);
        k[i] = k[(i + 397) % RNG_N] ^ (y >> 1) ^ (y & 1u ? 0x9908b0dfu : 0u);
    }
}

static int tw_first_wrong; /* first wrong word of the state, or -1 */

static const char *twist_diagnose(const double *got, const double *want,
                                  int rows, int cols)
{
    (void)got;
    (void)want;
    (void)rows;
    (void)cols;
    if (tw_first_wrong == RNG_N - 1)
        return "only the last word (623) is wrong: its neighbour is k[0], "
               "and it needs its own step after the loops";
    if (tw_first_wrong == RNG_N - 397 - 1)
        return "words from 226 on are wrong: the first loop must cover "
               "i = 0 .. 226 (i < 624 - 397)";
    if (tw_first_wrong == RNG_N - 397)
        return "words from 227 on are wrong: from there, k[i + 397] wraps "
               "to k[i + 397 - 624], a word this twist already renewed";
    if (tw_first_wrong > 0)
        return ex_hint("the state after the twist is right up to word %d "
                       "and wrong from there", tw_first_wrong);
    return NULL;
}

START_TEST(twist_state)
{
    Rng r;
    rng_seed(&r, 0);
    uint32_t want_key[RNG_N];
    memcpy(want_key, r.key, sizeof want_key);
    static double before[RNG_N];
    for (int i = 0; i < RNG_N; i++)
        before[i] = r.key[i];
    twist_by_definition(want_key);
    rng_next32(&r); /* the first draw twists */
    tw_first_wrong = -1;
    for (int i = 0; i < RNG_N && tw_first_wrong < 0; i++)
        if (r.key[i] != want_key[i])
            tw_first_wrong = i;
    double got[RNG_N], want[RNG_N];
    for (int i = 0; i < RNG_N; i++) {
        got[i] = r.key[i];
        want[i] = want_key[i];
    }
    ExCase c = {"the first twist after seed 0",
                "the state rng_seed(r, 0) leaves", "key after one draw"};
    ex_expect_changed(&twist_ex, &c, before, got, want, 1, RNG_N, 0.0,
                      twist_diagnose);
}
END_TEST

START_TEST(twist_draws)
{
    Rng r;
    rng_seed(&r, 0);
    double got[10], want[10];
    ck_assert_int_eq(golden(want, 10, 0, "mt32_first10"), 10);
    for (int i = 0; i < 10; i++)
        got[i] = rng_next32(&r);
    ExCase c = {"numpy's first draws", "rng_seed(r, 0)",
                "the first 10 rng_next32 (numpy's random_raw)"};
    ex_expect(&twist_ex, &c, got, want, 1, 10, 0.0, NULL);
    rng_seed(&r, 5489);
    uint32_t v = 0;
    for (int i = 0; i < 10000; i++)
        v = rng_next32(&r);
    double g = v, w = 4123659995.0;
    ExCase d = {"sixteen twists", "rng_seed(r, 5489)",
                "the 10000th rng_next32 (std::mt19937's reference value)"};
    ex_expect(&twist_ex, &d, &g, &w, 1, 1, 0.0, NULL);
}
END_TEST

Suite *suite_extwister(void)
{
    const ExTests cases[] = {{"temper", temper_words, NULL},
                             {"twist", twist_state, twist_draws}};
    return ex_suite("extwister", cases, sizeof cases / sizeof cases[0]);
}
