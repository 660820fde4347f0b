/* bench.c - `make bench`: the library against numpy on the tutorial's work.
 *
 * Times, in this process, with several repetitions and their median:
 *   peak       cblas_dgemm on two PEAK_N x PEAK_N matrices: what one core
 *              reaches on a large product, the best of PEAK_REPS, before
 *              and after the workloads (the "machine's peak" below)
 *   forward    one forward pass of the cell-3 network over all 1797 images
 *   fullbatch  cell 5: 1000 full-batch steps on the 1437 training images
 *   sweep      cell 9: the 36 networks, with 1 OpenMP thread and with 2
 *   matmul     C = A B for square n x n matrices, five kernels (naive,
 *              loop order i-p-j, blocked, BLAS, tuned): the speed
 *              appendix's figure
 *   versions   every version of the tuned kernel the processor runs, at
 *              n = VERSIONS_N
 *   shapes     the tutorial's five products per step: the reference
 *              kernel, the BLAS and the tuned kernel
 * and reads numpy's times for the same workloads from the file --numpy
 * names (bench/numpy_ref.py writes it; bench/run.sh runs both).
 *
 * FLOP counts cover the matrix products only (2 m k n each): they are
 * where the work is, and the elementwise rest (sigmoid, softmax, updates)
 * has no agreed count.  A network that diverges stops its arithmetic
 * (train.h), so the sweep counts the steps actually computed.
 *
 * Output: a table on stdout ending in a `summary:` line, and in --out
 * bench.tsv (workloads), matmul.tsv (GFLOP/s against n) and shapes.tsv.
 */
#include <assert.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#if defined(__x86_64__)
#include <pmmintrin.h> /* the FTZ and DAZ switches */
#define HAVE_FLUSH 1
#endif

#include "act.h"
#include "cli.h"
#include "kernels.h"
#include "mat.h"
#include "notebook.h"
#include "out.h"
#include "summary.h"
#include "sweep.h"
#include "train.h"

#ifdef NN_BLAS
#include <cblas.h>
#endif

#define FULL_STEPS 1000 /* cell 5 */
#define PEAK_N 1536     /* large enough for the BLAS to reach its plateau */
#define PEAK_REPS 15    /* products of PEAK_N, 0.1 s each on the book's machine */

/* ---- timing ------------------------------------------------------------- */

static double clock_s(clockid_t id)
{
    struct timespec t;
    clock_gettime(id, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Wall-clock seconds. */
static double now(void) { return clock_s(CLOCK_MONOTONIC); }

/* Processor seconds of this process, all threads: unlike the wall clock,
 * it does not count the time other programs held the processor. */
static double cpu_now(void) { return clock_s(CLOCK_PROCESS_CPUTIME_ID); }

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *t, int n)
{
    qsort(t, (size_t)n, sizeof *t, cmp_double);
    return n % 2 ? t[n / 2] : 0.5 * (t[n / 2 - 1] + t[n / 2]);
}

/* A timed piece of work: run(ctx) once per repetition. */
typedef void (*Work_fn)(void *ctx);

/* Median wall-clock seconds of reps runs of fn (at most 64), after one
 * warm-up; the median processor seconds go to *cpu and the shortest wall
 * time to *best, each when not NULL. */
static double time_median(Work_fn fn, void *ctx, int reps, double *cpu,
                          double *best)
{
    double t[64], c[64];
    if (reps > 64)
        reps = 64;
    fn(ctx);
    for (int r = 0; r < reps; r++) {
        double t0 = now(), c0 = cpu_now();
        fn(ctx);
        t[r] = now() - t0;
        c[r] = cpu_now() - c0;
    }
    if (cpu)
        *cpu = median(c, reps);
    double m = median(t, reps); /* sorts t */
    if (best)
        *best = t[0];
    return m;
}

/* Repetitions so that reps runs of about `one` seconds take ~budget s. */
static int reps_for(double one, double budget, int lo, int hi)
{
    int r = one > 0 ? (int)(budget / one) : hi;
    return r < lo ? lo : r > hi ? hi : r;
}

/* ---- FLOP counts (matrix products only) --------------------------------- */

/* Forward pass of n rows: X Wh (n,D)(D,H) and A Wo (n,H)(H,K). */
static double flop_forward(double n, const Net *net)
{
    return 2.0 * n * ((double)net->D * net->H + (double)net->H * net->K);
}

/* One training step on n rows: the forward pass and the three products
 * of the backward pass, A^T dZo, dZo Wo^T and X^T dZh (backprop.h). */
static double flop_step(double n, const Net *net)
{
    return 2.0 * n *
           (2.0 * net->D * net->H + 3.0 * (double)net->H * net->K);
}

/* ---- the workloads ------------------------------------------------------ */

typedef struct {
    Notebook *nb;
    Net net;     /* cell 3's network, copied before every run */
    Net start;   /* cell 3's network as drawn */
    Trainer t;
    Work fw;     /* forward pass over all images */
    TrainResult st;
    double grid[SWEEP_N];
    SweepCell cells[SWEEP_CELLS];
    int have_cells;
    int failed;
} Bench;

static void run_forward(void *ctx)
{
    Bench *b = ctx;
    net_forward(&b->fw, &b->start, &b->nb->all.X);
}

static void run_fullbatch(void *ctx)
{
    Bench *b = ctx;
    net_copy(&b->net, &b->start);
    train_full_batch(&b->net, &b->t, &b->nb->train, FULL_STEPS, 0.01, 0.01,
                     NULL, &b->st);
}

static void run_sweep(void *ctx)
{
    Bench *b = ctx;
    TrainConfig cfg = train_cell7();
    Rng r = b->nb->rng; /* the stream as cell 9 finds it */
    if (b->have_cells)
        sweep_free(b->cells, SWEEP_CELLS);
    b->have_cells = 0;
    if (sweep_run(b->cells, b->grid, SWEEP_N, b->grid, SWEEP_N, NB_HIDDEN,
                  &b->nb->train, &b->nb->test, &r, &cfg, NULL) != 0) {
        b->failed = 1;
        return;
    }
    b->have_cells = 1;
}

/* Products computed by the sweep: every step a network made before it
 * diverged, and its test evaluation. */
static double flop_sweep(const Bench *b)
{
    TrainConfig cfg = train_cell7();
    int iterations = b->nb->train.n / cfg.batch_size;
    double steps = 0.0;
    for (int c = 0; c < SWEEP_CELLS; c++) {
        const TrainResult *st = &b->cells[c].status;
        steps += st->diverged ? (st->diverged_epoch - 1) * iterations +
                                    st->diverged_step - 1
                              : cfg.max_epochs * iterations;
    }
    return steps * flop_step(cfg.batch_size, &b->start) +
           SWEEP_CELLS * flop_forward(b->nb->test.n, &b->start);
}

/* 1 when two sweeps gave the same accuracies and predictions, bit for
 * bit (NaN equal to NaN). */
static int same_cells(const SweepCell *a, const SweepCell *b, int n_test)
{
    for (int c = 0; c < SWEEP_CELLS; c++) {
        int both_nan = isnan(a[c].accuracy) && isnan(b[c].accuracy);
        if ((!both_nan && a[c].accuracy != b[c].accuracy) ||
            a[c].status.diverged != b[c].status.diverged ||
            memcmp(a[c].pred, b[c].pred, (size_t)n_test * sizeof *a[c].pred))
            return 0;
    }
    return 1;
}

/* ---- where the sweep's time goes --------------------------------------- */

/* The sweep's pieces, each timed alone as often as the sweep runs it:
 * 36 networks x 10 epochs x 14 steps = 5040 steps, each with the five
 * products of a batch of B = 100, the sigmoid of (100, 50) sums and one
 * minibatch draw (a permutation of the 1437 training rows, as numpy's
 * choice(replace=False) makes it).  What is left of the sweep's time is
 * the rest of the elementwise work (softmax, errors, bias sums, updates),
 * the gathering of batches and the test evaluations. */
typedef struct {
    Bench *b;
    Matrix X, A, Zo, dZo, dZh, gWh, gWo, Z; /* Z: hidden sums to copy */
    int steps;
    int *perm, *idx;
} Parts;

static void run_products(void *ctx)
{
    Parts *p = ctx;
    const Net *net = &p->b->start;
    for (int s = 0; s < p->steps; s++) {
        mat_matmul(&p->A, &p->X, false, &net->Wh, false, false);
        mat_matmul(&p->Zo, &p->A, false, &net->Wo, false, false);
        mat_matmul(&p->gWo, &p->A, true, &p->dZo, false, false);
        mat_matmul(&p->dZh, &p->dZo, false, &net->Wo, true, false);
        mat_matmul(&p->gWh, &p->X, true, &p->dZh, false, false);
    }
}

static void run_sigmoids(void *ctx)
{
    Parts *p = ctx;
    size_t bytes = (size_t)p->A.rows * p->A.cols * sizeof *p->A.data;
    for (int s = 0; s < p->steps; s++) {
        memcpy(p->A.data, p->Z.data, bytes); /* fresh sums each time */
        act_forward(&p->A, ACT_SIGMOID);
    }
}

static void run_draws(void *ctx)
{
    Parts *p = ctx;
    Rng r = p->b->nb->rng;
    int n = p->b->nb->train.n;
    for (int s = 0; s < p->steps; s++)
        rng_choice_noreplace(&r, p->idx, p->X.rows, n, p->perm);
}

/* Processor seconds of the products, the sigmoids and the draws of the
 * sweep's 5040 steps, into t[0..2]; -1 when memory runs out. */
static int measure_parts(double t[3], Bench *b, int reps)
{
    TrainConfig cfg = train_cell7();
    int B = cfg.batch_size, D = b->start.D, H = b->start.H, K = b->start.K;
    Parts p = {.b = b};
    p.steps = SWEEP_CELLS * cfg.max_epochs * (b->nb->train.n / B);
    p.perm = malloc((size_t)b->nb->train.n * sizeof *p.perm);
    p.idx = malloc((size_t)B * sizeof *p.idx);
    int bad = !p.perm || !p.idx || mat_init(&p.X, B, D) ||
              mat_init(&p.A, B, H) || mat_init(&p.Zo, B, K) ||
              mat_init(&p.dZo, B, K) || mat_init(&p.dZh, B, H) ||
              mat_init(&p.gWh, D, H) || mat_init(&p.gWo, H, K) ||
              mat_init(&p.Z, B, H);
    if (!bad) {
        memcpy(p.X.data, b->nb->train.X.data, (size_t)B * D * sizeof(double));
        for (int i = 0; i < B * K; i++)
            p.dZo.data[i] = (double)(i % 11) / 11.0 - 0.5;
        for (int i = 0; i < B * H; i++) /* sums from -6 to 6 */
            p.Z.data[i] = (double)(i % 25) * 0.5 - 6.0;
        time_median(run_products, &p, reps, &t[0], NULL);
        time_median(run_sigmoids, &p, reps, &t[1], NULL);
        time_median(run_draws, &p, reps, &t[2], NULL);
    }
    Matrix *ms[] = {&p.X, &p.A, &p.Zo, &p.dZo, &p.dZh, &p.gWh, &p.gWo, &p.Z};
    for (int i = 0; i < 8; i++)
        mat_free(ms[i]);
    free(p.perm);
    free(p.idx);
    return bad ? -1 : 0;
}

/* ---- subnormal numbers -------------------------------------------------- */

/* In the sweep's networks with large eta the hidden units saturate, and
 * on the way their sums make subnormal numbers (below 2^-1022), which the
 * processor handles slowly, in microcode.  This runs the sweep (median
 * seconds) with the processor told to flush them to zero, results and
 * operands alike (x86's FTZ and DAZ): no longer IEEE arithmetic nor the
 * library's results (numpy does not flush either), only a measure of what
 * the subnormals cost.  NAN where there is no such switch. */
static double sweep_flushed(Bench *b, int reps)
{
#ifdef HAVE_FLUSH
    unsigned int keep = _mm_getcsr();
    _MM_SET_FLUSH_ZERO_MODE(_MM_FLUSH_ZERO_ON);
    _MM_SET_DENORMALS_ZERO_MODE(_MM_DENORMALS_ZERO_ON);
    double t = time_median(run_sweep, b, reps, NULL, NULL);
    _mm_setcsr(keep);
    return t;
#else
    (void)b;
    (void)reps;
    return NAN;
#endif
}

/* ---- the machine's peak ------------------------------------------------- */

typedef struct {
    double *A, *B, *C;
    int n;
    void (*kern)(double *, const double *, const double *, int);
    int version; /* of the tuned kernel, for run_tuned_version */
} Square;

static void run_square(void *ctx)
{
    Square *s = ctx;
    s->kern(s->C, s->A, s->B, s->n);
}

static void run_tuned_version(void *ctx)
{
    Square *s = ctx;
    Matrix A = mat_view(s->A, s->n, s->n), B = mat_view(s->B, s->n, s->n),
           C = mat_view(s->C, s->n, s->n);
    kern_tuned_version_mat(s->version, &C, &A, false, &B, false);
}

#ifdef NN_BLAS
static void kern_blas(double *C, const double *A, const double *B, int n)
{
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, A,
                n, B, n, 0.0, C, n);
}
#endif

static int square_init(Square *s, int n)
{
    s->n = n;
    s->A = malloc((size_t)n * n * sizeof *s->A);
    s->B = malloc((size_t)n * n * sizeof *s->B);
    s->C = malloc((size_t)n * n * sizeof *s->C);
    if (!s->A || !s->B || !s->C)
        return -1;
    for (long i = 0; i < (long)n * n; i++) {
        s->A[i] = (double)(i % 17) / 17.0 - 0.5;
        s->B[i] = (double)(i % 13) / 13.0 - 0.5;
    }
    return 0;
}

static void square_free(Square *s)
{
    free(s->A);
    free(s->B);
    free(s->C);
}

/* GFLOP/s of an n x n product that took t seconds. */
static double square_rate(int n, double t)
{
    return 2.0 * n * (double)n * n / t / 1e9;
}

/* GFLOP/s of run (run_square or run_tuned_version) on s, n x n, median
 * over enough runs for ~budget s. */
static double square_gflops(Square *s, Work_fn run, double budget)
{
    double one = now();
    run(s);
    one = now() - one;
    int reps = reps_for(one, budget, 3, 51);
    return square_rate(s->n, time_median(run, s, reps, NULL, NULL));
}

/* The peak is the best of PEAK_REPS products, not their median: it is
 * what the processor can do, and a slow repetition only says that another
 * program (or virtual machine) had the core for a while.  On a busy
 * machine a median would lower the peak and flatter every fraction of it.
 * main measures it twice, before and after the workloads. */
static double measure_peak(void)
{
#ifdef NN_BLAS
    Square s;
    double g = NAN;
    if (square_init(&s, PEAK_N) == 0) {
        s.kern = kern_blas;
        double best;
        time_median(run_square, &s, PEAK_REPS, NULL, &best);
        g = square_rate(PEAK_N, best);
    }
    square_free(&s);
    return g;
#else
    return NAN;
#endif
}

/* ---- GFLOP/s against size (the appendix's figure) ----------------------- */

static const int sizes[] = {8,   16,  24,  32,  48,  64,  96,  128, 192,
                            256, 384, 512, 768, 1024};
#define N_SIZES (int)(sizeof sizes / sizeof sizes[0])
#define NAIVE_MAX 512 /* the naive loop beyond this takes seconds */

static int write_matmul(const char *dir, double budget, Error *err)
{
    OutFile o;
    if (out_open(&o, dir, "matmul.tsv", err) != 0)
        return -1;
    fprintf(o.f, "n\tnaive\tloop_order\tblocked\tblas\ttuned\n");
    for (int i = 0; i < N_SIZES; i++) {
        Square s;
        int n = sizes[i];
        if (square_init(&s, n) != 0) {
            square_free(&s);
            out_abort(&o);
            return err_set(err, "bench: out of memory");
        }
        double g[5] = {NAN, NAN, NAN, NAN, NAN};
        void (*kerns[5])(double *, const double *, const double *, int) = {
            kern_naive, kern_ipj, kern_blocked, NULL, kern_tuned_square};
#ifdef NN_BLAS
        kerns[3] = kern_blas;
#endif
        for (int k = 0; k < 5; k++) {
            if (!kerns[k] || (k == 0 && n > NAIVE_MAX))
                continue;
            s.kern = kerns[k];
            g[k] = square_gflops(&s, run_square, budget);
        }
        fprintf(o.f, "%d\t%.4g\t%.4g\t%.4g\t%.4g\t%.4g\n", n, g[0], g[1],
                g[2], g[3], g[4]);
        printf("  n=%4d  naive %6.2f  loop order %6.2f  blocked %6.2f  "
               "blas %6.2f  tuned %6.2f GFLOP/s\n", n, g[0], g[1], g[2], g[3],
               g[4]);
        fflush(stdout);
        square_free(&s);
    }
    return out_commit(&o, err);
}

/* Prints the rate of every version of the tuned kernel that the processor
 * runs, at n = VERSIONS_N. */
#define VERSIONS_N 256

static int print_versions(double budget, Error *err)
{
    Square s;
    if (square_init(&s, VERSIONS_N) != 0) {
        square_free(&s);
        return err_set(err, "bench: out of memory");
    }
    printf("the tuned kernel's versions at n = %d (kern_tuned calls the "
           "first):\n", VERSIONS_N);
    for (int v = 0; v < kern_tuned_versions(); v++) {
        s.version = v;
        printf("  %-10s %6.2f GFLOP/s\n", kern_tuned_version_name(v),
               square_gflops(&s, run_tuned_version, budget));
    }
    square_free(&s);
    return 0;
}

/* ---- the tutorial's shapes ---------------------------------------------- */

typedef struct {
    const char *name;
    int m, k, n;
    bool ta, tb;
} Shape;

typedef struct {
    Matrix A, B, C;
    const Shape *sh;
    void (*mm)(Matrix *, const Matrix *, bool, const Matrix *, bool, bool);
} ShapeRun;

#ifdef NN_BLAS
/* The product as one cblas_dgemm call, without mat_matmul's choices (a
 * small B^T transposed first, tall products in slices): what they gain. */
static void one_dgemm(Matrix *C, const Matrix *A, bool ta, const Matrix *B,
                      bool tb, bool accumulate)
{
    int k = ta ? A->rows : A->cols;
    cblas_dgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans,
                tb ? CblasTrans : CblasNoTrans, C->rows, C->cols, k, 1.0,
                A->data, A->cols, B->data, B->cols, accumulate ? 1.0 : 0.0,
                C->data, C->cols);
}
#endif

/* The product by the tuned kernel, which never accumulates (nor does the
 * bench ask it to). */
static void tuned(Matrix *C, const Matrix *A, bool ta, const Matrix *B,
                  bool tb, bool accumulate)
{
    assert(!accumulate);
    (void)accumulate;
    kern_tuned_mat(C, A, ta, B, tb);
}

static void run_shape(void *ctx)
{
    ShapeRun *s = ctx;
    s->mm(&s->C, &s->A, s->sh->ta, &s->B, s->sh->tb, false);
}

static int write_shapes(const char *dir, double budget, Error *err)
{
    const int B = 100, N = 1437, D = 64, H = 50, K = 10;
    const Shape shapes[] = {
        {"X_Wh", B, D, H, false, false},  {"A_Wo", B, H, K, false, false},
        {"At_dZo", H, B, K, true, false}, {"dZo_Wot", B, K, H, false, true},
        {"Xt_dZh", D, B, H, true, false}, {"X_Wh_full", N, D, H, false, false},
        {"Xt_dZh_full", D, N, H, true, false}};
    OutFile o;
    if (out_open(&o, dir, "shapes.tsv", err) != 0)
        return -1;
    fprintf(o.f, "product\tm\tk\tn\treference_gflops\tmat_matmul_gflops"
                 "\tone_dgemm_gflops\ttuned_gflops\n");
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        const Shape *sh = &shapes[i];
        ShapeRun s = {.sh = sh};
        if (mat_init(&s.A, sh->ta ? sh->k : sh->m, sh->ta ? sh->m : sh->k) ||
            mat_init(&s.B, sh->tb ? sh->n : sh->k, sh->tb ? sh->k : sh->n) ||
            mat_init(&s.C, sh->m, sh->n)) {
            out_abort(&o);
            return err_set(err, "bench: out of memory");
        }
        for (long j = 0; j < (long)s.A.rows * s.A.cols; j++)
            s.A.data[j] = (double)(j % 7) / 7.0;
        for (long j = 0; j < (long)s.B.rows * s.B.cols; j++)
            s.B.data[j] = (double)(j % 5) / 5.0;
        double flop = 2.0 * sh->m * sh->k * sh->n;
        double g[4] = {NAN, NAN, NAN, NAN};
        void (*mm[4])(Matrix *, const Matrix *, bool, const Matrix *, bool,
                      bool) = {mat_matmul_ref, mat_matmul, NULL, tuned};
#ifdef NN_BLAS
        mm[2] = one_dgemm;
#endif
        for (int v = 0; v < 4; v++) {
            if (!mm[v])
                continue;
            s.mm = mm[v];
            double one = now();
            run_shape(&s);
            one = now() - one;
            g[v] = flop /
                   time_median(run_shape, &s, reps_for(one, budget, 5, 64),
                               NULL, NULL) /
                   1e9;
        }
        fprintf(o.f, "%s\t%d\t%d\t%d\t%.4g\t%.4g\t%.4g\t%.4g\n", sh->name,
                sh->m, sh->k, sh->n, g[0], g[1], g[2], g[3]);
        printf("  %-12s %4d x %4d x %4d   reference %6.2f   mat_matmul "
               "(%s) %6.2f   one dgemm %6.2f   tuned %6.2f GFLOP/s\n",
               sh->name, sh->m, sh->k, sh->n, g[0], mat_backend(), g[1], g[2],
               g[3]);
        mat_free(&s.A);
        mat_free(&s.B);
        mat_free(&s.C);
    }
    return out_commit(&o, err);
}

/* ---- numpy's times ------------------------------------------------------ */

/* Median wall-clock seconds of workload name in the numpy file (lines
 * `numpy<TAB>name<TAB>median<TAB>min<TAB>reps<TAB>cpu_median`), NaN when
 * absent; its median processor seconds go to *cpu, its shortest wall time
 * to *best. */
static double numpy_time(const char *path, const char *name, double *cpu,
                         double *best)
{
    double t = NAN;
    *cpu = *best = NAN;
    FILE *f = path ? fopen(path, "r") : NULL;
    if (!f)
        return t;
    char line[512], key[64];
    double med, low, c;
    int reps;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "numpy\t%63s\t%lf\t%lf\t%d\t%lf", key, &med, &low,
                   &reps, &c) == 5 &&
            strcmp(key, name) == 0) {
            t = med;
            *cpu = c;
            *best = low;
        }
    fclose(f);
    return t;
}

/* The BLAS line numpy_ref.py wrote ("# blas: ..."), or "unknown". */
static void numpy_blas(char *buf, size_t size, const char *path)
{
    snprintf(buf, size, "unknown");
    FILE *f = path ? fopen(path, "r") : NULL;
    if (!f)
        return;
    char line[512];
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "# blas: ", 8) == 0) {
            line[strcspn(line, "\n")] = '\0';
            snprintf(buf, size, "%s", line + 8);
        }
    fclose(f);
}

/* ---- report ------------------------------------------------------------- */

typedef struct {
    const char *name;
    double flop, numpy, ours; /* wall-clock seconds, medians */
    int reps;
    double numpy_cpu, ours_cpu;   /* processor seconds, medians */
    double numpy_best, ours_best; /* wall-clock seconds, shortest runs */
} Row;

static void print_row(const Row *r, double peak)
{
    double g = r->flop / r->ours / 1e9;
    printf("%-15s %8.3g %8.4f %8.4f %6.2fx %7.2f %5.1f%% | %8.4f %8.4f "
           "%6.2fx\n", r->name, r->flop, r->numpy, r->ours,
           r->numpy / r->ours, g, 100.0 * g / peak, r->numpy_cpu,
           r->ours_cpu, r->numpy_cpu / r->ours_cpu);
}

static int write_rows(const char *dir, const Row *rows, int n, double peak,
                      Error *err)
{
    OutFile o;
    if (out_open(&o, dir, "bench.tsv", err) != 0)
        return -1;
    fprintf(o.f, "workload\tflop\tnumpy_s\tours_s\tratio\tgflops\t"
                 "peak_fraction\treps\tnumpy_cpu_s\tours_cpu_s\t"
                 "numpy_best_s\tours_best_s\tbest_ratio\n");
    for (int i = 0; i < n; i++) {
        const Row *r = &rows[i];
        double g = r->flop / r->ours / 1e9;
        fprintf(o.f, "%s\t%.6g\t%.6g\t%.6g\t%.4g\t%.4g\t%.4g\t%d\t%.6g\t"
                     "%.6g\t%.6g\t%.6g\t%.4g\n",
                r->name, r->flop, r->numpy, r->ours, r->numpy / r->ours, g,
                g / peak, r->reps, r->numpy_cpu, r->ours_cpu, r->numpy_best,
                r->ours_best, r->numpy_best / r->ours_best);
    }
    fprintf(o.f, "peak\t%.6g\tnan\tnan\tnan\t%.4g\t1\t0\tnan\tnan\tnan"
                 "\tnan\tnan\n",
            2.0 * PEAK_N * (double)PEAK_N * PEAK_N, peak);
    return out_commit(&o, err);
}

/* The first number of /proc/loadavg: other work on the machine skews every
 * timing, so the report shows it.  NaN where there is no such file. */
static double load_average(void)
{
    double l = NAN;
    FILE *f = fopen("/proc/loadavg", "r");
    if (f) {
        if (fscanf(f, "%lf", &l) != 1)
            l = NAN;
        fclose(f);
    }
    return l;
}

static const char *blas_name(char *buf, size_t size)
{
#if defined(NN_BLAS) && defined(OPENBLAS_VERSION)
    char v[64]; /* OPENBLAS_VERSION is " OpenBLAS 0.3.21 ": trim it */
    const char *p = OPENBLAS_VERSION;
    p += strspn(p, " ");
    snprintf(v, sizeof v, "%s", p);
    for (size_t n = strlen(v); n > 0 && v[n - 1] == ' '; n--)
        v[n - 1] = '\0';
    snprintf(buf, size, "%s, core %s", v, openblas_get_corename());
#elif defined(NN_BLAS)
    snprintf(buf, size, "cblas");
#else
    snprintf(buf, size, "none (make BLAS=none)");
#endif
    return buf;
}

/* ---- main --------------------------------------------------------------- */

static int bench_init(Bench *b, Notebook *nb)
{
    memset(b, 0, sizeof *b);
    b->nb = nb;
    for (int i = 0; i < SWEEP_N; i++)
        b->grid[i] = pow(10.0, i - 5);
    if (net_init(&b->net, nb->net.D, nb->net.H, nb->net.K, nb->net.act) ||
        net_init(&b->start, nb->net.D, nb->net.H, nb->net.K, nb->net.act) ||
        trainer_init(&b->t, &b->net, nb->train.n, nb->train.n) ||
        work_init(&b->fw, &b->net, nb->all.n))
        return -1;
    net_copy(&b->start, &nb->net);
    return 0;
}

static void bench_free(Bench *b)
{
    if (b->have_cells)
        sweep_free(b->cells, SWEEP_CELLS);
    net_free(&b->net);
    net_free(&b->start);
    trainer_free(&b->t);
    work_free(&b->fw);
}

int main(int argc, char **argv)
{
    Cli cli = {.program = "bench",
               .purpose = "time the library against numpy (make bench)"};
    int reps = 5, quick = 0;
    const char *numpy = NULL;
    CliOption opts[] = {
        {"--reps", OPT_INT, &reps, 1, 64, "repetitions per workload (5)"},
        {"--numpy", OPT_STRING, &numpy, 0, 0,
         "numpy's times, as bench/numpy_ref.py writes them"},
        {"--quick", OPT_FLAG, &quick, 0, 0,
         "only the matrix-size figure and the shapes (seconds)"}};
    Error err;
    int rc = cli_parse(&cli, argc, argv, opts, CLI_COUNT(opts), stdout,
                       &err);
    if (rc != 0)
        return rc > 0 ? 0 : cli_fail(&cli, &err);
#if defined(NN_BLAS) && defined(OPENBLAS_VERSION)
    openblas_set_num_threads(1); /* single-thread numbers, as numpy's */
#endif
    char name[256], nblas[512];
    numpy_blas(nblas, sizeof nblas, numpy);
    printf("ours:  mat_matmul = %s; BLAS %s; 1 thread unless stated\n",
           mat_backend(), blas_name(name, sizeof name));
    printf("numpy: %s\n", nblas);
    printf("tuned kernel: the %s version\n", kern_tuned_version_name(0));
    printf("load average at the start: %.2f (%d cores)\n", load_average(),
           omp_get_num_procs());

    double peak = measure_peak();
    printf("peak:  cblas_dgemm %d x %d x %d: %.2f GFLOP/s (best of %d)\n\n",
           PEAK_N, PEAK_N, PEAK_N, peak, PEAK_REPS);
    printf("GFLOP/s against n (C = A B, n x n):\n");
    if (write_matmul(cli.out, quick ? 0.05 : 0.2, &err) != 0)
        return cli_fail(&cli, &err);
    printf("\n");
    if (print_versions(quick ? 0.05 : 0.2, &err) != 0)
        return cli_fail(&cli, &err);
    printf("\nthe tutorial's products:\n");
    if (write_shapes(cli.out, quick ? 0.05 : 0.2, &err) != 0)
        return cli_fail(&cli, &err);
    if (quick)
        return 0;

    Notebook nb;
    Bench b;
    if (nb_replay(&nb, cli.data, cli.seed, NB_CELL7, &err) != 0)
        return cli_fail(&cli, &err);
    if (bench_init(&b, &nb) != 0) {
        bench_free(&b);
        nb_free(&nb);
        err_set(&err, "bench: out of memory");
        return cli_fail(&cli, &err);
    }

    Row rows[4] = {{.name = "forward", .reps = 101},
                   {.name = "fullbatch", .reps = reps},
                   {.name = "sweep", .reps = reps},
                   {.name = "sweep_2threads", .reps = reps}};
    rows[0].flop = flop_forward(nb.all.n, &b.start);
    rows[0].numpy = numpy_time(numpy, "forward", &rows[0].numpy_cpu,
                               &rows[0].numpy_best);
    rows[0].ours = time_median(run_forward, &b, rows[0].reps,
                               &rows[0].ours_cpu, &rows[0].ours_best);
    rows[1].flop = FULL_STEPS * flop_step(nb.train.n, &b.start);
    rows[1].numpy = numpy_time(numpy, "fullbatch", &rows[1].numpy_cpu,
                               &rows[1].numpy_best);
    rows[1].ours = time_median(run_fullbatch, &b, reps, &rows[1].ours_cpu,
                               &rows[1].ours_best);
    int full_diverged = b.st.diverged;
    omp_set_num_threads(1);
    double sweep1 = time_median(run_sweep, &b, reps, &rows[2].ours_cpu,
                                &rows[2].ours_best);
    SweepCell one[SWEEP_CELLS];
    memcpy(one, b.cells, sizeof one);
    b.have_cells = 0; /* keep the 1-thread predictions in `one` */
    omp_set_num_threads(2);
    double sweep2 = time_median(run_sweep, &b, reps, &rows[3].ours_cpu,
                                &rows[3].ours_best);
    if (b.failed) {
        sweep_free(one, SWEEP_CELLS);
        bench_free(&b);
        nb_free(&nb);
        err_set(&err, "bench: out of memory in the sweep");
        return cli_fail(&cli, &err);
    }
    int identical = same_cells(one, b.cells, nb.test.n);
    rows[2].flop = rows[3].flop = flop_sweep(&b);
    rows[2].numpy = rows[3].numpy = numpy_time(
        numpy, "sweep", &rows[2].numpy_cpu, &rows[2].numpy_best);
    rows[3].numpy_best = rows[2].numpy_best;
    rows[3].numpy_cpu = NAN; /* two threads' processor time adds up */
    rows[2].ours = sweep1;
    rows[3].ours = sweep2;
    sweep_free(one, SWEEP_CELLS);

    double parts[3];
    omp_set_num_threads(1);
    double flushed = sweep_flushed(&b, reps); /* one thread */
    if (b.failed || measure_parts(parts, &b, reps) != 0) {
        bench_free(&b);
        nb_free(&nb);
        err_set(&err, "bench: out of memory");
        return cli_fail(&cli, &err);
    }

    /* A busy spell can last as long as the peak's 15 products: measure it
     * again after the workloads and keep the better of the two. */
    double again = measure_peak();
    printf("\npeak again, after the workloads: %.2f GFLOP/s; the better of "
           "the two, %.2f, is the peak below\n", again,
           again > peak ? again : peak);
    if (again > peak)
        peak = again;

    printf("\n%-15s %8s %8s %8s %7s %6s %6s | %8s %8s %7s\n", "workload",
           "FLOP", "numpy s", "ours s", "ratio", "GFLOP/s", "peak",
           "numpy", "ours", "ratio");
    printf("%-15s %8s %8s %8s %7s %6s %6s | %26s\n", "", "", "wall",
           "wall", "", "", "", "processor seconds");
    for (int i = 0; i < 4; i++)
        print_row(&rows[i], peak);
    printf("ratio of the shortest runs (noise only ever slows a run down):\n"
           "               ");
    for (int i = 0; i < 4; i++)
        printf(" %s %.2fx%s", rows[i].name,
               rows[i].numpy_best / rows[i].ours_best, i < 3 ? "," : "\n");
    printf("\nFLOP: matrix products only, 2mkn each; forward = 2N(DH+HK), "
           "step = 2n(2DH+3HK);\n      the sweep counts the steps each "
           "network computed before diverging.\n");
    printf("full batch diverged: %s\n", full_diverged ? "yes" : "no");
    double speedup_best = rows[2].ours_best / rows[3].ours_best;
    printf("sweep: 2 threads %.2fx faster than 1 (shortest runs: %.2fx); "
           "results identical: %s\n",
           sweep1 / sweep2, speedup_best, identical ? "yes" : "NO");
    double rest = rows[2].ours_cpu - parts[0] - parts[1] - parts[2];
    printf("sweep, 1 thread, in processor seconds: %.3f, of which products "
           "%.3f,\n      sigmoids %.3f, minibatch draws %.3f, the rest %.3f\n",
           rows[2].ours_cpu, parts[0], parts[1], parts[2], rest);
    printf("sweep, 1 thread, with subnormals flushed to zero (not IEEE, "
           "not the library's\n      results): %.3f s, %.3f s less\n",
           flushed, sweep1 - flushed);
    printf("load average at the end: %.2f\n", load_average());
    if (write_rows(cli.out, rows, 4, peak, &err) != 0) {
        bench_free(&b);
        nb_free(&nb);
        return cli_fail(&cli, &err);
    }

    summary_begin();
    summary_text("backend", mat_backend());
    summary_text("tuned_version", kern_tuned_version_name(0));
    summary_double("peak_gflops", peak);
    const char *keys[] = {"forward", "fullbatch", "sweep", "sweep2"};
    for (int i = 0; i < 4; i++) {
        char k[64];
        double g = rows[i].flop / rows[i].ours / 1e9;
        snprintf(k, sizeof k, "%s_numpy_s", keys[i]);
        summary_double(k, rows[i].numpy);
        snprintf(k, sizeof k, "%s_s", keys[i]);
        summary_double(k, rows[i].ours);
        snprintf(k, sizeof k, "%s_ratio", keys[i]);
        summary_double(k, rows[i].numpy / rows[i].ours);
        snprintf(k, sizeof k, "%s_gflops", keys[i]);
        summary_double(k, g);
        snprintf(k, sizeof k, "%s_peak_fraction", keys[i]);
        summary_double(k, g / peak);
        snprintf(k, sizeof k, "%s_cpu_s", keys[i]);
        summary_double(k, rows[i].ours_cpu);
        snprintf(k, sizeof k, "%s_numpy_cpu_s", keys[i]);
        summary_double(k, rows[i].numpy_cpu);
        snprintf(k, sizeof k, "%s_cpu_ratio", keys[i]);
        summary_double(k, rows[i].numpy_cpu / rows[i].ours_cpu);
        snprintf(k, sizeof k, "%s_best_ratio", keys[i]);
        summary_double(k, rows[i].numpy_best / rows[i].ours_best);
    }
    summary_double("sweep_thread_speedup", sweep1 / sweep2);
    summary_double("sweep_thread_speedup_best", speedup_best);
    summary_double("sweep_products_s", parts[0]);
    summary_double("sweep_sigmoids_s", parts[1]);
    summary_double("sweep_draws_s", parts[2]);
    summary_double("sweep_rest_s", rest);
    summary_double("sweep_flushed_s", flushed);
    summary_int("sweep_identical", identical);
    summary_end();
    bench_free(&b);
    nb_free(&nb);
    return identical ? 0 : 1;
}
