/* check_ex02.c - chapter 2's exercise: permutation (Fisher-Yates).
 *
 * Learner mode (learn/README.md): a permutation of 8 first, then the
 * permutation of the 1797 images behind the notebook's split.  The
 * diagnoses replay the catalogued mistakes (learn/mistakes/) with
 * rng_interval on a stream seeded the same way.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "learn.h"
#include "notebook.h"
#include "rng.h"
#include "support.h"

#define DATA_FILE NN_REPO_DIR "/data/digits.csv.gz"

static const Exercise permutation = {"permutation",
                                     "lib/rng.c, rng_permutation",
                                     "chapter 2, \"The split scikit-learn "
                                     "makes\""};

/* np.random.seed(0); np.random.permutation(8) */
static const int pm_want[] = {6, 2, 1, 7, 3, 0, 5, 4};
#define PM_N 8

enum { P_FORWARD, P_SATTOLO };

/* The permutation of PM_N from seed 0 as a mistake would draw it. */
static void replay(int *out, int mistake)
{
    Rng r;
    rng_seed(&r, 0);
    for (int i = 0; i < PM_N; i++)
        out[i] = i;
    for (int s = 0; s < PM_N - 1; s++) {
        int i, j;
        if (mistake == P_FORWARD) { /* i = 0, 1, ... with j in [i, n) */
            i = s;
            j = i + (int)rng_interval(&r, (uint32_t)(PM_N - 1 - i));
        } else { /* from the end, j in [0, i): never i itself */
            i = PM_N - 1 - s;
            j = (int)rng_interval(&r, (uint32_t)(i - 1));
        }
        int t = out[i];
        out[i] = out[j];
        out[j] = t;
    }
}

static const char *permutation_diagnose(const double *got,
                                        const double *want, int rows,
                                        int cols)
{
    (void)want;
    int n = rows * cols, seen[PM_N] = {0};
    if (n != PM_N)
        return NULL;
    for (int i = 0; i < n; i++) {
        if (got[i] < 0 || got[i] >= n)
            return "a value outside 0..n-1: was out filled with 0, 1, ..., "
                   "n-1 before the swaps?";
        if (seen[(int)got[i]]++)
            return ex_hint("%g appears twice: the swap lost a value (keep "
                           "one in a temporary)", got[i]);
    }
    static const struct {
        int mistake;
        const char *hint;
    } known[] = {
        {P_FORWARD, "a valid shuffle, but not numpy's: it walks i from the "
                    "front; numpy goes from i = n-1 down to 1"},
        {P_SATTOLO, "j never equals i: rng_interval(r, max) includes max, "
                    "so j = rng_interval(r, i), not i - 1"},
    };
    for (size_t m = 0; m < sizeof known / sizeof known[0]; m++) {
        int alt[PM_N], same = 1;
        replay(alt, known[m].mistake);
        for (int i = 0; i < n; i++)
            same &= got[i] == alt[i];
        if (same)
            return known[m].hint;
    }
    return NULL;
}

START_TEST(permutation_small)
{
    Rng r;
    int got[PM_N];
    for (int i = 0; i < PM_N; i++)
        got[i] = -1;
    rng_seed(&r, 0);
    rng_permutation(&r, got, PM_N);
    ExCase c = {"a permutation of 8",
                "rng_seed(r, 0), n = 8, out filled with -1",
                "out, numpy's permutation(8) after seed(0)"};
    ex_expect_ints(&permutation, &c, got, pm_want, 1, PM_N,
                   permutation_diagnose);
}
END_TEST

START_TEST(permutation_split)
{
    Notebook nb;
    Error err;
    ck_assert_msg(nb_replay(&nb, DATA_FILE, 0, NB_CELL1, &err) == 0, "%s",
                  err.msg);
    int n = nb.all.n, *perm = malloc((size_t)n * sizeof *perm);
    ck_assert(perm != NULL);
    rng_permutation(&nb.rng, perm, n);
    double v[400];
    int got[400], want[400], m = golden(v, 400, 0, "split_test_idx");
    for (int i = 0; i < m; i++) {
        got[i] = perm[i];
        want[i] = (int)v[i];
    }
    free(perm);
    nb_free(&nb);
    ExCase c = {"the notebook's split of seed 0",
                "the stream after cell 1, n = 1797",
                "the first 360 entries: numpy's test indices"};
    ex_expect_ints(&permutation, &c, got, want, 1, m, NULL);
}
END_TEST

Suite *suite_ex02(void)
{
    const ExTests cases[] = {{"permutation", permutation_small, permutation_split}};
    return ex_suite("ex02", cases, sizeof cases / sizeof cases[0]);
}
