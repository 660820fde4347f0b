/* check_10.c - chapter 10 under mpirun: the exact reduction gives the
 * single-process trainer's weights, byte for byte, on 1, 2 and 3 ranks
 * (3 oversubscribed on small machines), for chapter 6's network on the
 * digits and chapter 9's on a look-alike of Fashion-MNIST; the plain
 * MPI_Allreduce may move them; the sweeps split across ranks are chapter
 * 7's and chapter 9's; a rank that fails or dies ends the job with a
 * non-zero status, never a hang; bad options are refused once, however
 * many ranks.  And the alpha-beta model against values worked by hand.
 *
 * Every run goes through `timeout`, so a job that hangs fails its test
 * instead of stopping the suite; a job is killed after JOB_SECONDS.  The
 * bad-option and bad-data cases of one rank are in tests/corpus/cases.txt.
 */
#define _DEFAULT_SOURCE /* popen */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fashion_data.h"
#include "fashion_progress.h"
#include "fashion_recipe.h"
#include "model.h"
#include "notebook.h"
#include "support.h"
#include "train.h"

#define DATA_FILE NN_REPO_DIR "/data/digits.csv.gz"
#define JOB_SECONDS 60 /* a run takes about a second; a hang, forever */
#define EPOCHS 2       /* the small slice: 28 steps of the tutorial's */
#define BLOCK 10       /* the chapter's default rows per block */

/* ---- running a job -------------------------------------------------------- */

/* mpirun with what this machine needs: more ranks than cores, and
 * permission to run as root (which mpirun otherwise refuses). */
static void mpirun_prefix(char *buf, size_t size)
{
    snprintf(buf, size, "timeout -k 5 %d mpirun --oversubscribe%s",
             JOB_SECONDS, geteuid() == 0 ? " --allow-run-as-root" : "");
}

/* Runs `mpirun [mpi_opts] -np P 10-parallel ARGS --out DIR` with stderr
 * folded into the output (malloc'd, to *out); returns the exit status
 * (124 or 137 when timeout had to stop it). */
static int run_job(char **out, int np, const char *mpi_opts, const char *dir,
                   const char *args)
{
    char cmd[4096], pre[256];
    mpirun_prefix(pre, sizeof pre);
    snprintf(cmd, sizeof cmd, "%s %s -np %d %s/10-parallel %s --out %s 2>&1",
             pre, mpi_opts, np, NN_BIN_DIR, args, dir);
    FILE *p = popen(cmd, "r");
    ck_assert_msg(p != NULL, "cannot run %s", cmd);
    size_t len = 0, cap = 1 << 16, got;
    char *buf = malloc(cap);
    ck_assert_ptr_nonnull(buf);
    while ((got = fread(buf + len, 1, cap - len - 1, p)) > 0) {
        len += got;
        if (cap - len < 4096) {
            buf = realloc(buf, cap *= 2);
            ck_assert_ptr_nonnull(buf);
        }
    }
    buf[len] = '\0';
    int status = pclose(p);
    *out = buf;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* Runs a job that must succeed and returns its output. */
static char *job(char *dir, size_t size, int np, const char *args)
{
    char *out;
    temp_dir(dir, size);
    int status = run_job(&out, np, "", dir, args);
    ck_assert_msg(status == 0, "-np %d %s: exit status %d\n%s", np, args,
                  status, out);
    return out;
}

/* The weights a job wrote (dir/weights.bin), n doubles, into w. */
static void read_weights(double *w, size_t n, const char *dir)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/weights.bin", dir);
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "%s is missing", path);
    ck_assert_uint_eq(fread(w, sizeof *w, n, f), n);
    ck_assert_int_eq(fgetc(f), EOF);
    fclose(f);
}

/* ---- the single-process trainer ------------------------------------------ */

/* Chapter 6's network trained by train_run for `epochs` epochs of
 * batches of B, its gradient summed in blocks of `block` rows (0: in one
 * pass), as the chapter trains it: same replay, same draws. */
static void reference(Net *net, int epochs, int B, int block)
{
    Notebook nb;
    Trainer t;
    Error err;
    TrainConfig cfg = train_cell7();
    cfg.max_epochs = epochs;
    cfg.batch_size = B;
    cfg.grad_block = block;
    ck_assert(nb_replay(&nb, DATA_FILE, 0, NB_CELL3, &err) == 0);
    ck_assert(net_init(net, 64, 50, 10, ACT_SIGMOID) == 0);
    ck_assert(trainer_init(&t, net, nb.train.n, cfg.batch_size) == 0);
    ck_assert(block == 0 ||
              trainer_init_blocks(&t, net, cfg.batch_size, block) == 0);
    net_init_tutorial(net, &nb.rng);
    TrainData data = {.train = &nb.train};
    TrainResult res;
    ck_assert(train_run(net, &t, &data, &nb.rng, &cfg, NULL, NULL, &res,
                        &err) == 0);
    ck_assert(!res.diverged);
    trainer_free(&t);
    nb_free(&nb);
}

static Net ref_blocks, ref_whole;

static void setup(void)
{
    reference(&ref_blocks, EPOCHS, 100, BLOCK);
    reference(&ref_whole, EPOCHS, 100, 0);
}

static void teardown(void)
{
    net_free(&ref_blocks);
    net_free(&ref_whole);
}

/* ---- the tests -------------------------------------------------------------- */

#define QUICK "--epochs 2 --no-times"

/* Summing in blocks moves the bits (else the tests below would prove
 * nothing about the order of the additions): after one step of 1000 rows
 * by rounding only, after 28 steps at this learning rate (chaotic,
 * chapter 7) by whole units. */
START_TEST(blocks_move_the_bits)
{
    Net a, b;
    reference(&a, 1, 1000, 100);
    reference(&b, 1, 1000, 0);
    double one_step = net_max_diff(&a, &b);
    ck_assert_msg(one_step > 0 && one_step < 1e-12, "%g", one_step);
    ck_assert(memcmp(ref_blocks.params, ref_whole.params,
                     ref_blocks.n_params * sizeof(double)) != 0);
    net_free(&a);
    net_free(&b);
}
END_TEST

/* 1, 2 and 3 ranks: the exact reduction's weights are the trainer's. */
START_TEST(exact_is_the_single_process_trainer)
{
    char dir[512], buf[64];
    int np = _i;
    char *out = job(dir, sizeof dir, np, QUICK);
    double *w = malloc(ref_blocks.n_params * sizeof *w);
    ck_assert_ptr_nonnull(w);
    read_weights(w, ref_blocks.n_params, dir);
    size_t differ = 0;
    for (size_t i = 0; i < ref_blocks.n_params; i++)
        differ += memcmp(&w[i], &ref_blocks.params[i], sizeof *w) != 0;
    ck_assert_msg(differ == 0, "-np %d: %zu weights differ from train_run's",
                  np, differ);
    ck_assert_str_eq(summary_value(buf, sizeof buf, out, "ranks") ? buf : "",
                     np == 1 ? "1" : np == 2 ? "2" : "3");
    ck_assert_str_eq(summary_value(buf, sizeof buf, out, "same_on_all_ranks")
                         ? buf : "", "1");
    free(w);
    chapter_done(out, dir);
}
END_TEST

/* The plain path on one rank is the tutorial's trainer (one pass over the
 * batch); on 3 ranks MPI_Allreduce adds three partial sums, which moves
 * the bits: allowed there, never on the exact path. */
START_TEST(plain_may_differ)
{
    char d1[512], d3[512];
    size_t n = ref_whole.n_params;
    double *w = malloc(n * sizeof *w);
    ck_assert_ptr_nonnull(w);
    char *o1 = job(d1, sizeof d1, 1, QUICK " --reduce plain");
    read_weights(w, n, d1);
    ck_assert(memcmp(w, ref_whole.params, n * sizeof *w) == 0);
    char *o3 = job(d3, sizeof d3, 3, QUICK " --reduce plain");
    read_weights(w, n, d3);
    ck_assert_msg(memcmp(w, ref_whole.params, n * sizeof *w) != 0,
                  "3 ranks' MPI_Allreduce gave the one-pass bits");
    ck_assert(memcmp(w, ref_blocks.params, n * sizeof *w) != 0);
    free(w);
    chapter_done(o1, d1);
    chapter_done(o3, d3);
}
END_TEST

/* Chapter 7's sweep on 2 ranks: the same table and the same weights
 * (their CRCs) as on one rank, only the column naming the rank that
 * trained each network differs; and chapter 7's own accuracies. */
START_TEST(sweep_is_chapter_7s)
{
    char d1[512], d2[512], d7[512], a[64], b[64];
    char *o1 = job(d1, sizeof d1, 1, "--sweep --epochs 1 --no-times");
    char *o2 = job(d2, sizeof d2, 2, "--sweep --epochs 1 --no-times");
    ck_assert_ptr_nonnull(summary_value(a, sizeof a, o1, "cells_crc"));
    ck_assert_ptr_nonnull(summary_value(b, sizeof b, o2, "cells_crc"));
    ck_assert_str_eq(a, b);
    char *o7 = run_chapter(d7, sizeof d7, "07-sweep --epochs 1");
    /* Chapter 7's file and this one share their first six columns. */
    char cmd[8192], *diff;
    snprintf(cmd, sizeof cmd, "cut -f1-6 %s/sweep.tsv > %s/six && cut -f1-6 "
             "%s/sweep.tsv | cmp - %s/six && cut -f1-6,8 %s/sweep.tsv > "
             "%s/seven && cut -f1-6,8 %s/sweep.tsv | cmp - %s/seven 2>&1",
             d1, d1, d7, d1, d1, d1, d2, d1);
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    char line[256] = "";
    diff = fgets(line, sizeof line, p);
    int status = pclose(p);
    ck_assert_msg(status == 0 && diff == NULL, "sweep.tsv differs: %s",
                  line);
    chapter_done(o1, d1);
    chapter_done(o2, d2);
    chapter_done(o7, d7);
}
END_TEST

/* Lines in text. */
static int lines(const char *text)
{
    int n = 0;
    for (const char *p = text; *p; p++)
        n += *p == '\n';
    return n;
}

/* A rank that cannot go on: the job ends with status 2 and the failing
 * rank's one line (mpirun -q keeps mpirun's own notes out). */
START_TEST(failing_rank_ends_the_job)
{
    char dir[512], *out;
    temp_dir(dir, sizeof dir);
    int status = run_job(&out, 2, "-q", dir, "--fail-rank 1");
    ck_assert_msg(status == 2, "status %d\n%s", status, out);
    ck_assert_msg(lines(out) == 1 &&
                  strncmp(out, "10-parallel: rank 1 of 2: stopped by "
                          "--fail-rank", 37) == 0, "%s", out);
    chapter_done(out, dir);
}
END_TEST

/* A rank killed while the other waits for it in the first all-gather:
 * mpirun ends the job, with a non-zero status, long before the timeout. */
START_TEST(killed_rank_ends_the_job)
{
    char dir[512], *out;
    temp_dir(dir, sizeof dir);
    int status = run_job(&out, 2, "", dir, "--kill-rank 1");
    ck_assert_msg(status != 0 && status != 124, "status %d\n%s", status,
                  out);
    ck_assert_msg(strstr(out, "summary:") == NULL, "%s", out);
    chapter_done(out, dir);
}
END_TEST

/* A bad option on 3 ranks: one line, status 2, nothing written. */
START_TEST(bad_option_is_one_line)
{
    char dir[512], *out;
    temp_dir(dir, sizeof dir);
    int status = run_job(&out, 3, "-q", dir, "--reduce sum");
    ck_assert_int_eq(status, 2);
    ck_assert_str_eq(out, "10-parallel: --reduce: expected exact or plain, "
                          "got 'sum'\n");
    free(out);
    status = run_job(&out, 2, "-q", dir, "--hidden 8");
    ck_assert_int_eq(status, 2);
    ck_assert_str_eq(out, "10-parallel: --hidden, --flips, --shifts and "
                          "--limit need --fashion\n");
    free(out);
    status = run_job(&out, 2, "-q", dir, "--fashion --data /nonexistent");
    ck_assert_int_eq(status, 2);
    ck_assert_str_eq(out, "10-parallel: rank 0 of 2: /nonexistent: No such "
                          "file or directory\n");
    chapter_done(out, dir);
}
END_TEST

/* ---- chapter 9's network ------------------------------------------------- */

/* A look-alike of Fashion-MNIST (tests/support.c): 240 training images
 * (200 to train on, 40 held out) and 60 test images.  Batches of 30 make
 * six whole batches and a short seventh of 20 rows each epoch; blocks of
 * 4 rows make 8 blocks of a whole batch (the last of 2 rows) and 5 of the
 * short one. */
#define F_TRAIN_IMAGES 240
#define F_TEST_IMAGES 60
#define F_HIDDEN 16
#define F_EPOCHS 3
#define F_BATCH 30
#define F_BLOCK 4
#define F_ARGS "--fashion --data %s --hidden 16 --epochs 3 --batch-size 30 " \
               "--flips 1 --shifts 1 --no-times"

static char fdata[512];
static Net ref_fashion;

/* Chapter 9's network, recipe and augmented images (mirrored and
 * shifted), trained by train_run
 * in one process with its gradient in blocks of `block` rows: the split,
 * the start and the augmentation's stream as chapter 9 makes them
 * (chapters/09-fashion/main.c), with seed 0. */
static void fashion_reference(Net *net, int block)
{
    FashionRecipe rc = fashion_recipe();
    rc.hidden = F_HIDDEN;
    rc.epochs = F_EPOCHS;
    rc.batch = F_BATCH;
    rc.flips = 1;
    rc.shifts = 1;
    Fashion f;
    Rng r;
    Error err;
    Trainer t;
    TrainConfig cfg;
    TrainResult res;
    double curves[5][F_EPOCHS];
    rng_seed(&r, 0);
    ck_assert_msg(fashion_load(&f, fdata, 0, rc.batch, &r, &err) == 0, "%s",
                  err.msg);
    ck_assert_int_eq(f.train.n, 200);
    ck_assert(net_init(net, f.train.X.cols, rc.hidden, DATA_CLASSES,
                       rc.act) == 0);
    fashion_init_glorot(net, &r);
    fashion_train_config(&cfg, &rc);
    cfg.grad_block = block;
    ck_assert(trainer_init(&t, net, f.train.n, 1000) == 0);
    ck_assert(trainer_init_blocks(&t, net, rc.batch, block) == 0);
    FashionAugment aug;
    ck_assert(fashion_augment_init(&aug, &f.train, f.side, &rc, &err) == 0);
    ck_assert(fashion_augment_on(&aug));
    Progress p = {.epochs = rc.epochs, .rows = f.train.n, .quiet = true,
                  .loss = curves[0], .val_cost = curves[1],
                  .val_acc = curves[2], .secs = curves[3], .cpu = curves[4],
                  .train = &f.train, .augment = &aug};
    rng_seed(&p.augment_rng, 0 ^ 0x9e3779b9u);
    fashion_augment(&aug, &f.train, &p.augment_rng);
    TrainData data = {.train = &f.train, .val = &f.val};
    ck_assert(train_run(net, &t, &data, &r, &cfg, progress_on_epoch, &p,
                        &res, &err) == 0);
    ck_assert(!res.diverged);
    ck_assert_int_eq(res.epochs, F_EPOCHS);
    trainer_free(&t);
    fashion_augment_free(&aug);
    fashion_free(&f);
}

static void fashion_setup(void)
{
    temp_dir(fdata, sizeof fdata);
    write_fashion_dir(fdata, F_TRAIN_IMAGES, F_TEST_IMAGES, 0);
    fashion_reference(&ref_fashion, F_BLOCK);
}

static void fashion_teardown(void)
{
    net_free(&ref_fashion);
    remove_dir(fdata);
}

/* 1, 2 and 3 ranks: Adam, the cosine schedule, shuffled epochs with a
 * short last batch, ReLU, mirrored and shifted images, and the exact
 * reduction's weights are still the single-process trainer's. */
START_TEST(fashion_exact_is_the_single_process_trainer)
{
    char dir[512], args[1024], buf[64];
    int np = _i;
    snprintf(args, sizeof args, F_ARGS " --block %d", fdata, F_BLOCK);
    char *out = job(dir, sizeof dir, np, args);
    size_t n = ref_fashion.n_params;
    double *w = malloc(n * sizeof *w);
    ck_assert_ptr_nonnull(w);
    read_weights(w, n, dir);
    size_t differ = 0;
    for (size_t i = 0; i < n; i++)
        differ += memcmp(&w[i], &ref_fashion.params[i], sizeof *w) != 0;
    ck_assert_msg(differ == 0, "-np %d: %zu of %zu weights differ from "
                  "train_run's\n%s", np, differ, n, out);
    ck_assert_str_eq(summary_value(buf, sizeof buf, out, "data") ? buf : "",
                     "fashion");
    ck_assert_str_eq(summary_value(buf, sizeof buf, out, "blocks") ? buf
                                                                   : "",
                     "8");
    free(w);
    chapter_done(out, dir);
}
END_TEST

/* Blocks as large as a batch are one block, one pass: chapter 9's own
 * arithmetic, so 10-parallel on 2 ranks scores what 09-fashion scores
 * (with --no-refit: the network chapter 10 trains is the validated run's,
 * and it is that one's test accuracy). */
START_TEST(fashion_one_block_is_chapter_9)
{
    char d10[512], d9[512], args[1024], a[64], b[64];
    snprintf(args, sizeof args, F_ARGS " --block %d", fdata, F_BATCH);
    char *o10 = job(d10, sizeof d10, 2, args);
    char *o9 = run_chapter(d9, sizeof d9, "09-fashion --data %s --hidden 16 "
                           "--epochs 3 --batch-size 30 --flips 1 --shifts 1 "
                           "--no-refit --quiet",
                           fdata);
    const char *keys[] = {"accuracy_validation", "accuracy_test",
                          "best_epoch"};
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
        ck_assert_msg(summary_value(a, sizeof a, o10, keys[k]) &&
                      summary_value(b, sizeof b, o9, keys[k]),
                      "%s missing", keys[k]);
        ck_assert_msg(strcmp(a, b) == 0, "%s: %s on the ranks, %s in "
                      "chapter 9", keys[k], a, b);
    }
    chapter_done(o10, d10);
    chapter_done(o9, d9);
}
END_TEST

/* Runs cmd through the shell and returns its first line of output
 * (malloc'd), for a value cut out of a file. */
static char *first_line(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    char *line = calloc(1, 4096);
    ck_assert_ptr_nonnull(line);
    if (!fgets(line, 4096, p))
        line[0] = '\0';
    pclose(p);
    line[strcspn(line, "\n")] = '\0';
    return line;
}

/* Chapter 9's nine candidates on 3 ranks, with mirrored images: the file
 * rank 0 writes is one rank's, but for the column naming the rank, and
 * the last candidate, the third its rank trains, scores on validation
 * what 09-fashion alone scores with its settings.  Mirroring changes the
 * images in place, so that holds only when each candidate starts from a
 * fresh copy of them. */
START_TEST(fashion_sweep_is_one_process)
{
    char d1[512], d3[512], d9[512], args[1024], a[64], b[64], cmd[4096];
    snprintf(args, sizeof args, "--fashion --sweep --data %s --epochs 2 "
             "--batch-size 30 --flips 1 --no-times", fdata);
    char *o1 = job(d1, sizeof d1, 1, args);
    char *o3 = job(d3, sizeof d3, 3, args);
    ck_assert_ptr_nonnull(summary_value(a, sizeof a, o1, "cells_crc"));
    ck_assert_ptr_nonnull(summary_value(b, sizeof b, o3, "cells_crc"));
    ck_assert_str_eq(a, b);
    snprintf(cmd, sizeof cmd, "cut -f1-7,9 %s/sweep.tsv > %s/seven && "
             "cut -f1-7,9 %s/sweep.tsv | cmp - %s/seven >/dev/null && "
             "cut -f8 %s/sweep.tsv | sort -u | paste -sd,", d1, d1, d3, d1,
             d3);
    char *ranks = first_line(cmd);
    ck_assert_msg(strcmp(ranks, "0,1,2,rank") == 0, "sweep.tsv differs "
                  "or not every rank trained: '%s'", ranks);
    free(ranks);
    snprintf(cmd, sizeof cmd, "awk -F'\t' '$1 == 512 && $2 == 0.001 "
             "{ print $3 }' %s/sweep.tsv", d3);
    char *acc = first_line(cmd);
    char *o9 = run_chapter(d9, sizeof d9, "09-fashion --data %s --hidden 512 "
                           "--lambda 0.001 --epochs 2 --batch-size 30 "
                           "--flips 1 --no-refit --quiet",
                           fdata);
    ck_assert_ptr_nonnull(summary_value(a, sizeof a, o9,
                                        "accuracy_validation"));
    ck_assert_msg(acc[0] && strtod(acc, NULL) == strtod(a, NULL),
                  "the sweep's %s, chapter 9's %s", acc, a);
    free(acc);
    chapter_done(o1, d1);
    chapter_done(o3, d3);
    chapter_done(o9, d9);
}
END_TEST

/* ---- the alpha-beta model (model.h) ------------------------------------ */

/* 10 Gbit/s with 10 microseconds of latency, as the chapter's first link:
 * beta = 8e-10 s a byte; a message of 1e6 bytes, 1e-5 + 8e-4 s. */
static const Link ten_g = {"10G", 10e-6, 10e9 / 8};
#define M 1e6          /* bytes */
#define TOL_MODEL 1e-12 /* relative: a few roundings of a short formula */

/* Values worked by hand from the formulas in model.h. */
START_TEST(model_known_values)
{
    /* ring, p = 4: 2*3*1e-5 + 2*3/4 * 1e6 * 8e-10 = 6e-5 + 1.2e-3 */
    ck_assert(close_rel(model_ring(4, M, &ten_g), 1.26e-3, TOL_MODEL));
    /* ring, p = 2: 2*1e-5 + 1 * 8e-4 */
    ck_assert(close_rel(model_ring(2, M, &ten_g), 8.2e-4, TOL_MODEL));
    /* tree, p = 4: 2*2*(1e-5 + 8e-4); p = 5 rounds log2 up to 3 */
    ck_assert(close_rel(model_tree(4, M, &ten_g), 3.24e-3, TOL_MODEL));
    ck_assert(close_rel(model_tree(5, M, &ten_g), 4.86e-3, TOL_MODEL));
    /* one machine sends nothing */
    ck_assert_double_eq(model_ring(1, M, &ten_g), 0.0);
    ck_assert_double_eq(model_tree(1, M, &ten_g), 0.0);
    /* 10 ms of arithmetic on 4 machines and the ring above:
     * 0.01 / (0.0025 + 0.00126) */
    ck_assert(close_rel(model_speedup(4, 0.01, 1.26e-3), 0.01 / 3.76e-3,
                        TOL_MODEL));
    /* ring(p) against 0.01 / p: 6 machines 1.4333e-3 < 1.6667e-3, 7
     * machines 1.4914e-3 > 1.4286e-3 */
    ck_assert_int_eq(model_ring_crossover(0.01, M, &ten_g, 64), 7);
    ck_assert_int_eq(model_ring_crossover(0.01, M, &ten_g, 5), 5);
}
END_TEST

/* What must hold whatever the numbers: no speedup beyond p and the ring's
 * bytes bounded by 2 m beta; a faster link or a larger batch never
 * lowers the speedup nor brings the crossover nearer; the ring sends
 * fewer bytes than the tree from 3 machines on (its latency, 2 (p - 1)
 * alpha, passes the tree's 2 ceil(log2 p) alpha, so only the bytes are
 * compared); the tree never gets faster with more machines. */
START_TEST(model_invariants)
{
    const Link fast = {"100G", 2e-6, 100e9 / 8};
    const Link no_latency = {"bytes", 0.0, 10e9 / 8};
    double works[] = {1e-4, 1e-3, 1e-2, 1e-1};
    double sizes[] = {1e3, 3e5, 3e6, 1e8};
    for (size_t w = 0; w < sizeof works / sizeof *works; w++)
        for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
            double t = works[w], m = sizes[k];
            for (int p = 1; p <= 64; p++) {
                double ring = model_ring(p, m, &ten_g);
                double s = model_speedup(p, t, ring);
                ck_assert(s <= p * (1 + TOL_MODEL));
                ck_assert(s > 0);
                /* bytes term below 2 m beta, latency term 2 (p - 1) alpha */
                ck_assert(ring <= 2.0 * (p - 1) * ten_g.alpha +
                                      2.0 * m / ten_g.bandwidth);
                ck_assert(model_speedup(p, t, model_ring(p, m, &fast)) >=
                          s);
                ck_assert(model_speedup(p, 10 * t, ring) >= s);
                if (p >= 3) /* bytes alone: 2 (p-1)/p < 2 ceil(log2 p) */
                    ck_assert(model_ring(p, m, &no_latency) <
                              model_tree(p, m, &no_latency));
                ck_assert(model_tree(p, m, &ten_g) >=
                          model_tree(p - 1 > 0 ? p - 1 : 1, m, &ten_g));
            }
            ck_assert_int_le(model_ring_crossover(t, m, &ten_g, 64),
                             model_ring_crossover(10 * t, m, &ten_g, 64));
            ck_assert_int_le(model_ring_crossover(t, m, &ten_g, 64),
                             model_ring_crossover(t, m, &fast, 64));
        }
}
END_TEST

Suite *suite_10(void)
{
    Suite *s = suite_create("10");
    TCase *model = tcase_create("model");
    tcase_add_test(model, model_known_values);
    tcase_add_test(model, model_invariants);
    suite_add_tcase(s, model);
    TCase *fashion = tcase_create("fashion");
    tcase_add_unchecked_fixture(fashion, fashion_setup, fashion_teardown);
    tcase_set_timeout(fashion, 4 * JOB_SECONDS);
    tcase_add_loop_test(fashion, fashion_exact_is_the_single_process_trainer,
                        1, 4);
    tcase_add_test(fashion, fashion_one_block_is_chapter_9);
    tcase_add_test(fashion, fashion_sweep_is_one_process);
    suite_add_tcase(s, fashion);
    TCase *tc = tcase_create("mpirun");
    tcase_add_unchecked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 4 * JOB_SECONDS);
    tcase_add_test(tc, blocks_move_the_bits);
    tcase_add_loop_test(tc, exact_is_the_single_process_trainer, 1, 4);
    tcase_add_test(tc, plain_may_differ);
    tcase_add_test(tc, sweep_is_chapter_7s);
    tcase_add_test(tc, failing_rank_ends_the_job);
    tcase_add_test(tc, killed_rank_ends_the_job);
    tcase_add_test(tc, bad_option_is_one_line);
    suite_add_tcase(s, tc);
    return s;
}
