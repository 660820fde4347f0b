/* check_robust.c - numbers that stay numbers: the softmax at logits of
 * +-1000, divergence caught and reported, and every chapter giving the same
 * bytes twice for the same seed. */
#define _DEFAULT_SOURCE /* setenv, unsetenv */
#include <check.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "loss.h"
#include "notebook.h"
#include "support.h"
#include "sweep.h"
#include "train.h"

#define DATA_FILE NN_REPO_DIR "/data/digits.csv.gz"
#define K 10
#define TOL_SUM 1e-15 /* probabilities of a row add up to 1 within this */

/* ---- the stable softmax and cross-entropy ------------------------------- */

/* Rows of logits at +-1000: exp(1000) is inf and exp(-1000) is 0 in double
 * precision, so a softmax that did not subtract the row maximum would
 * return NaN or divide by zero on every row here. */
static const double rows[][K] = {
    {1000, -1000, -1000, -1000, -1000, -1000, -1000, -1000, -1000, -1000},
    {-1000, -1000, -1000, -1000, -1000, -1000, -1000, -1000, -1000, -1000},
    {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000},
    {-1000, 1000, 0, 0, 0, 0, 0, 0, 0, 999},
};
#define N_ROWS (int)(sizeof rows / sizeof rows[0])

START_TEST(softmax_is_finite_at_plus_minus_1000)
{
    Matrix Z;
    double lse[N_ROWS];
    ck_assert_int_eq(mat_init(&Z, N_ROWS, K), 0);
    memcpy(Z.data, rows, sizeof rows);
    act_softmax(&Z, lse);
    for (int i = 0; i < N_ROWS; i++) {
        double sum = 0.0;
        for (int k = 0; k < K; k++) {
            double p = mat_at(&Z, i, k);
            ck_assert_msg(isfinite(p) && p >= 0.0 && p <= 1.0,
                          "row %d: p[%d] = %g", i, k, p);
            sum += p;
        }
        ck_assert_double_eq_tol(sum, 1.0, TOL_SUM);
        ck_assert(isfinite(lse[i]));
    }
    ck_assert(mat_at(&Z, 0, 0) == 1.0 && mat_at(&Z, 0, 1) == 0.0);
    ck_assert_double_eq_tol(mat_at(&Z, 1, 3), 0.1, TOL_SUM);
    ck_assert_double_eq_tol(mat_at(&Z, 2, 9), 0.1, TOL_SUM);
    /* Row 3: p1 / p9 = e, and the rest underflow to 0. */
    ck_assert_double_eq_tol(mat_at(&Z, 3, 1) / mat_at(&Z, 3, 9), M_E, 1e-15);
    ck_assert(mat_at(&Z, 3, 0) == 0.0);
    /* log sum_j e^z_j, exactly as far as doubles go. */
    ck_assert(lse[0] == 1000.0);
    ck_assert_double_eq_tol(lse[1], -1000.0 + log(10.0), 1e-12);
    ck_assert_double_eq_tol(lse[2], 1000.0 + log(10.0), 1e-12);
    ck_assert_double_eq_tol(lse[3], 1000.0 + log(1.0 + exp(-1.0)), 1e-12);
    mat_free(&Z);
}
END_TEST

/* The cross-entropy through the log-sum-exp: a true class whose
 * probability underflows to exactly 0 still costs a finite 2000, where
 * -log p would be +inf. */
START_TEST(cross_entropy_is_finite_at_plus_minus_1000)
{
    Matrix Zo, P;
    double lse[N_ROWS];
    int labels[N_ROWS] = {1, 4, 7, 0};
    ck_assert_int_eq(mat_init(&Zo, N_ROWS, K), 0);
    ck_assert_int_eq(mat_init(&P, N_ROWS, K), 0);
    memcpy(Zo.data, rows, sizeof rows);
    memcpy(P.data, rows, sizeof rows);
    act_softmax(&P, lse);
    ck_assert(mat_at(&P, 0, 1) == 0.0); /* -log p would be inf */
    Zo.rows = P.rows = 1;
    ck_assert(loss_xent(&Zo, lse, labels) == 2000.0);
    Zo.rows = P.rows = N_ROWS;
    double want = (2000.0 + log(10.0) + log(10.0) +
                   2000.0 + log(1.0 + exp(-1.0))) / N_ROWS;
    ck_assert_double_eq_tol(loss_xent(&Zo, lse, labels), want, 1e-12);
    mat_free(&Zo);
    mat_free(&P);
}
END_TEST

/* A whole forward pass whose logits are +-1000: probabilities, cost and
 * predictions all stay numbers. */
START_TEST(forward_pass_with_huge_logits)
{
    Net net;
    Work w;
    Matrix X;
    int labels[3] = {0, 3, 9}, pred[3];
    ck_assert_int_eq(net_init(&net, 4, 3, K, ACT_SIGMOID), 0);
    ck_assert_int_eq(work_init(&w, &net, 3), 0);
    ck_assert_int_eq(mat_init(&X, 3, 4), 0);
    for (int k = 0; k < K; k++)
        net.bo[k] = k == 3 ? 1000.0 : -1000.0; /* Wo = 0: Zo = bo */
    net_forward(&w, &net, &X);
    for (long i = 0; i < 3L * K; i++)
        ck_assert(isfinite(w.P.data[i]));
    double cost = loss_xent(&w.Zo, w.lse, labels);
    ck_assert_double_eq_tol(cost, (2000.0 + 0.0 + 2000.0) / 3, 1e-12);
    net_predict(pred, &net, &X, &w);
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(pred[i], 3);
    mat_free(&X);
    work_free(&w);
    net_free(&net);
}
END_TEST

/* ---- divergence --------------------------------------------------------- */

static Notebook nb;

static void setup_nb(void)
{
    Error err;
    ck_assert_msg(nb_replay(&nb, DATA_FILE, 0, NB_CELL3, &err) == 0, "%s",
                  err.msg);
}

static void teardown_nb(void) { nb_free(&nb); }

/* With every activation and both gradient scalings, a learning rate of
 * 1e308 is caught: the status says where, the cost kept is the last
 * finite one, the parameters are those of the last good step, and every
 * minibatch draw is still made. */
START_TEST(huge_learning_rate_is_caught)
{
    Activation act = (Activation)(_i % 3);
    TrainConfig cfg = train_cell7();
    cfg.eta = 1e308;
    cfg.max_epochs = 2;
    cfg.mean_grad = _i >= 3;
    Net net;
    Trainer t;
    TrainResult st;
    ck_assert_int_eq(net_init(&net, 64, 50, K, act), 0);
    ck_assert_int_eq(trainer_init(&t, &net, nb.train.n, 100), 0);
    net_init_tutorial(&net, &nb.rng);
    Rng skip = nb.rng;
    ck_assert_int_eq(train_run(&net, &t, &(TrainData){.train = &nb.train},
                               &nb.rng, &cfg, NULL, NULL, &st, NULL), 0);
    ck_assert_msg(st.diverged, "%s, mean %d: not diverged", act_name(act),
                  cfg.mean_grad);
    ck_assert(st.diverged_epoch >= 1 && st.diverged_epoch <= cfg.max_epochs);
    ck_assert(st.diverged_step >= 1 && st.diverged_step <= nb.train.n / cfg.batch_size);
    ck_assert(isfinite(st.cost));
    train_skip_draws(&skip, nb.train.n, &cfg);
    ck_assert(memcmp(skip.key, nb.rng.key, sizeof skip.key) == 0);
    ck_assert_int_eq(skip.pos, nb.rng.pos);
    ck_assert_int_eq(skip.has_gauss, nb.rng.has_gauss);
    trainer_free(&t);
    net_free(&net);
}
END_TEST

/* In a sweep, a diverging network is marked, its accuracy is NaN rather
 * than a number, and its neighbours train exactly as if it had not. */
START_TEST(sweep_marks_diverged_cells_only)
{
    TrainConfig cfg = train_cell7();
    cfg.max_epochs = 1;
    const double bad[3] = {0.1, 1e308, 0.1}, good[3] = {0.1, 0.2, 0.1};
    const double lambda[1] = {0.1};
    SweepCell a[3], b[3];
    Rng r1 = nb.rng, r2 = nb.rng;
    Error err;
    ck_assert(sweep_run(a, bad, 3, lambda, 1, 50, &nb.train, &nb.test, &r1,
                        &cfg, &err) == 0);
    ck_assert(sweep_run(b, good, 3, lambda, 1, 50, &nb.train, &nb.test,
                        &r2, &cfg, &err) == 0);
    ck_assert(a[1].status.diverged);
    ck_assert(isnan(a[1].accuracy));
    ck_assert(!a[0].status.diverged && !a[2].status.diverged);
    ck_assert(a[0].accuracy == b[0].accuracy);
    ck_assert(a[2].accuracy == b[2].accuracy);
    ck_assert(memcmp(a[2].pred, b[2].pred, nb.test.n * sizeof *a[2].pred)
              == 0);
    ck_assert(memcmp(&r1, &r2, sizeof r1) == 0);
    sweep_free(a, 3);
    sweep_free(b, 3);
}
END_TEST

/* The chapters tell the reader: 06 with a learning rate of 1e6 says where
 * it diverged and reports no accuracy in its summary. */
START_TEST(chapter_06_reports_divergence)
{
    char dir[512], cmd[1024], buf[64], *out;
    temp_dir(dir, sizeof dir);
    snprintf(cmd, sizeof cmd, "06-sgd --eta 1e6 --out %s", dir);
    ck_assert_int_eq(run_program(&out, cmd), 0);
    ck_assert_msg(strstr(out, "diverged at epoch ") != NULL, "%s", out);
    ck_assert_ptr_nonnull(summary_value(buf, sizeof buf, out, "diverged"));
    ck_assert_str_eq(buf, "1");
    ck_assert_ptr_nonnull(summary_value(buf, sizeof buf, out,
                                        "accuracy_test"));
    ck_assert_str_eq(buf, "nan");
    free(out);
    remove_dir(dir);
}
END_TEST

START_TEST(chapter_05_reports_divergence)
{
    char dir[512], cmd[1024], buf[64], *out;
    temp_dir(dir, sizeof dir);
    snprintf(cmd, sizeof cmd, "05-backprop --eta 1e6 --steps 100 --out %s",
             dir);
    ck_assert_int_eq(run_program(&out, cmd), 0);
    ck_assert_ptr_nonnull(summary_value(buf, sizeof buf, out, "diverged"));
    ck_assert_str_eq(buf, "1");
    free(out);
    remove_dir(dir);
}
END_TEST

/* ---- determinism -------------------------------------------------------- */

/* Options that keep each chapter quick here (mk/robust.mk has the same
 * list for the sanitizer and valgrind runs); a chapter not listed runs
 * with its defaults. */
static const struct {
    const char *chapter, *args;
} quick[] = {
    {"05-backprop", "--steps 30"},
    {"06-sgd", "--epochs 3"},
    {"07-sweep", "--epochs 1"},
    {"08-beyond", "--seeds 0 --no-grids --epochs 1"},
    {"09-fashion", "--limit 1200 --epochs 1 --hidden 16 --quiet"},
    {"10-parallel", "--epochs 2 --no-times"},
};

static char chapters[32][64];
static int n_chapters;

/* The chapters, as the Makefile finds them: chapters/NN-name/main.c. */
static void find_chapters(void)
{
    DIR *d = opendir(NN_REPO_DIR "/chapters");
    struct dirent *e;
    char path[1024];
    struct stat st;
    while (d && (e = readdir(d)) != NULL && n_chapters < 32) {
        snprintf(path, sizeof path, NN_REPO_DIR "/chapters/%s/main.c",
                 e->d_name);
        if (e->d_name[0] >= '0' && e->d_name[0] <= '9' &&
            strlen(e->d_name) < 64 && stat(path, &st) == 0)
            strcpy(chapters[n_chapters++], e->d_name);
    }
    if (d)
        closedir(d);
    qsort(chapters, n_chapters, sizeof chapters[0],
          (int (*)(const void *, const void *))strcmp);
}

/* Runs chapter with args and the seed into a fresh directory (in dir) and
 * returns its output, with that directory's name replaced by OUT. */
static char *run_into(char *dir, size_t size, const char *chapter,
                      const char *args, int *status)
{
    char cmd[2048], *out;
    temp_dir(dir, size);
    snprintf(cmd, sizeof cmd, "%s --seed 5 %s --out %s", chapter, args, dir);
    *status = run_program(&out, cmd);
    size_t n = strlen(dir);
    for (char *p = out; (p = strstr(p, dir)) != NULL;) {
        memcpy(p, "OUT", 3);
        memmove(p + 3, p + n, strlen(p + n) + 1);
    }
    return out;
}

/* Every file of a is in b with the same bytes, and b has no others. */
static void assert_same_files(const char *a, const char *b,
                              const char *chapter)
{
    int na = 0, nb_files = 0;
    DIR *d = opendir(b);
    struct dirent *e;
    ck_assert_ptr_nonnull(d);
    while ((e = readdir(d)) != NULL)
        nb_files += e->d_name[0] != '.';
    closedir(d);
    d = opendir(a);
    ck_assert_ptr_nonnull(d);
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        size_t la, lb;
        char *fa = read_whole(a, e->d_name, &la);
        char *fb = read_whole(b, e->d_name, &lb);
        ck_assert_msg(la == lb && memcmp(fa, fb, la) == 0,
                      "%s: %s differs between two runs", chapter, e->d_name);
        free(fa);
        free(fb);
        na++;
    }
    closedir(d);
    ck_assert_int_eq(na, nb_files);
}

/* Sets (or with value NULL, removes) an environment variable and returns
 * its old value, malloc'd, or NULL. */
static char *swap_env(const char *name, const char *value)
{
    const char *old = getenv(name);
    char *keep = old ? strdup(old) : NULL;
    if (value)
        setenv(name, value, 1);
    else
        unsetenv(name);
    return keep;
}

/* Runs chapter twice with the same seed, the second time with the
 * variable env set to value when env is not NULL; both runs must print
 * and write the same bytes. */
static void assert_same_runs(const char *chapter, const char *args,
                             const char *env, const char *value)
{
    char d1[512], d2[512];
    int s1, s2;
    char *o1 = run_into(d1, sizeof d1, chapter, args, &s1);
    char *keep = env ? swap_env(env, value) : NULL;
    char *o2 = run_into(d2, sizeof d2, chapter, args, &s2);
    if (env) {
        free(swap_env(env, keep));
        free(keep);
    }
    ck_assert_msg(s1 == 0 && s2 == 0, "%s: status %d and %d: %s", chapter,
                  s1, s2, o1);
    ck_assert_msg(strcmp(o1, o2) == 0, "%s: two runs with seed 5%s%s "
                  "printed different things", chapter, env ? ", then " : "",
                  env ? env : "");
    assert_same_files(d1, d2, chapter);
    free(o1);
    free(o2);
    remove_dir(d1);
    remove_dir(d2);
}

static const char *quick_args(const char *chapter)
{
    for (size_t q = 0; q < sizeof quick / sizeof quick[0]; q++)
        if (strcmp(quick[q].chapter, chapter) == 0)
            return quick[q].args;
    return "";
}

START_TEST(same_seed_same_bytes)
{
    ck_assert_msg(_i < n_chapters, "no chapters found");
    assert_same_runs(chapters[_i], quick_args(chapters[_i]), NULL, NULL);
}
END_TEST

/* The sweep trains its networks in parallel: one OpenMP thread or two
 * must not change a byte.  The BLAS is held to one thread, so only the
 * sweep's own threads vary. */
START_TEST(sweep_thread_count_changes_nothing)
{
    char *blas = swap_env("OPENBLAS_NUM_THREADS", "1");
    char *omp = swap_env("OMP_NUM_THREADS", "2");
    assert_same_runs("07-sweep", "--epochs 1", "OMP_NUM_THREADS", "1");
    free(swap_env("OMP_NUM_THREADS", omp));
    free(swap_env("OPENBLAS_NUM_THREADS", blas));
    free(omp);
    free(blas);
}
END_TEST

Suite *suite_robust(void)
{
    Suite *s = suite_create("robust");
    TCase *tc = tcase_create("stable");
    tcase_add_test(tc, softmax_is_finite_at_plus_minus_1000);
    tcase_add_test(tc, cross_entropy_is_finite_at_plus_minus_1000);
    tcase_add_test(tc, forward_pass_with_huge_logits);
    suite_add_tcase(s, tc);

    TCase *dv = tcase_create("divergence");
    tcase_add_checked_fixture(dv, setup_nb, teardown_nb);
    tcase_set_timeout(dv, 120);
    tcase_add_loop_test(dv, huge_learning_rate_is_caught, 0, 6);
    tcase_add_test(dv, sweep_marks_diverged_cells_only);
    tcase_add_test(dv, chapter_06_reports_divergence);
    tcase_add_test(dv, chapter_05_reports_divergence);
    suite_add_tcase(s, dv);

    TCase *det = tcase_create("determinism");
    find_chapters();
    tcase_set_timeout(det, 300);
    tcase_add_loop_test(det, same_seed_same_bytes, 0,
                        n_chapters > 0 ? n_chapters : 1);
    tcase_add_test(det, sweep_thread_count_changes_nothing);
    suite_add_tcase(s, det);
    return s;
}
