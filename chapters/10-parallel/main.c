/* 10-parallel: chapter 6's training and chapter 7's sweep on many
 * processes, with MPI; and chapter 9's network on Fashion-MNIST.
 *
 *   mpirun -np 2 build/bin/10-parallel            data-parallel SGD
 *   mpirun -np 2 build/bin/10-parallel --sweep    the 36 networks
 *   mpirun -np 2 build/bin/10-parallel --fashion  chapter 9's network
 *   mpirun -np 2 build/bin/10-parallel --fashion --sweep
 *                                                 chapter 9's candidates
 *
 * Run without mpirun it is a job of one rank.  Every rank loads the same
 * data and replays the same stream, so all hold the same data and draw
 * the same batches.  Training: each batch is cut into fixed blocks shared
 * out among the ranks, whose gradients meet in a fixed tree (--reduce
 * exact, the default: the weights do not depend on the number of ranks)
 * or in MPI_Allreduce (--reduce plain); the training loop is the
 * library's (train.h), whatever the optimiser, schedule or batches.  Rank
 * 0 prints and writes the files.  Book: chapter "Training on many
 * machines".
 */
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "blocks.h"
#include "cli.h"
#include "fashion_recipe.h"
#include "notebook.h"
#include "out.h"
#include "parallel.h"
#include "summary.h"

#define N_GRID 6 /* chapter 7's np.logspace(-5, 0, 6) */
#define N_CELLS (N_GRID * N_GRID)
#define FASHION_DIR "/usr/share/datasets/fashion-mnist" /* chapter 9's */

/* Chapter 9's candidates for the sweep: rows of its own table (book,
 * "Choosing on validation images"), H by lambda. */
static const int fashion_hidden[] = {100, 256, 512};
static const double fashion_lambda[] = {0.0, 1e-4, 1e-3};
#define N_FH (int)(sizeof fashion_hidden / sizeof fashion_hidden[0])
#define N_FL (int)(sizeof fashion_lambda / sizeof fashion_lambda[0])

static const struct {
    const char *name;
    Reduce reduce;
} reductions[] = {{"exact", REDUCE_EXACT}, {"plain", REDUCE_PLAIN}};
#define N_REDUCTIONS (int)(sizeof reductions / sizeof reductions[0])

/* Two networks for the model: Ethernet at 10 Gbit/s through the kernel's
 * TCP stack, and 100 Gbit/s with remote memory access (a few microseconds
 * from memory to memory).  Latencies are typical values, not measured. */
static const Link links[] = {{"10G", 10e-6, 10e9 / 8},
                             {"100G", 2e-6, 100e9 / 8}};
#define N_LINKS (int)(sizeof links / sizeof links[0])
#define MODEL_MACHINES 64
#define MODEL_BIG_BATCH 10 /* the model's larger batch, in batches */

typedef struct {
    int block, sweep, fashion, no_times, fail_rank, kill_rank, limit;
    const char *reduce_name;
    Reduce reduce;
    FashionRecipe rc; /* --fashion: chapter 9's, with the options' values */
} Options;

/* ---- failing together, writing, the model ------------------------------- */

/* Ends a failed step on every rank: the lowest rank that failed prints
 * its message as one line (naming itself when there are several), and
 * every rank returns 2.  Returns 0 on every rank when none failed. */
static int fail_any(const Cli *cli, const Ranks *rk, int failed,
                    const Error *err)
{
    int mine = failed ? rk->rank : rk->ranks, first;
    MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MIN, rk->comm);
    if (first == rk->ranks)
        return 0;
    if (rk->rank == first && rk->ranks == 1)
        cli_fail(cli, err);
    else if (rk->rank == first)
        fprintf(stderr, "%s: rank %d of %d: %s\n", cli->program, rk->rank,
                rk->ranks, err->msg);
    return 2;
}

static int write_weights(OutSet *set, const Net *net, const char *dir,
                         Error *err)
{
    OutFile o;
    if (out_open_in(&o, set, dir, "weights.bin", err) != 0)
        return -1;
    fwrite(net->params, sizeof *net->params, net->n_params, o.f);
    return out_commit(&o, err);
}

/* The model's predictions for this step, on rank 0. */
static int print_model(OutSet *set, double work, double m, const char *dir,
                       Error *err)
{
    printf("\nthe alpha-beta model, speedup for %.3g ms of arithmetic and "
           "%.0f bytes a step:\n%9s", work * 1e3, m, "machines");
    for (int k = 0; k < N_LINKS; k++)
        printf("  ring %-4s  tree %-4s", links[k].name, links[k].name);
    printf("\n");
    for (int p = 2; p <= MODEL_MACHINES; p *= 2) {
        printf("%9d", p);
        for (int k = 0; k < N_LINKS; k++)
            printf("  %9.2f  %9.2f",
                   model_speedup(p, work, model_ring(p, m, &links[k])),
                   model_speedup(p, work, model_tree(p, m, &links[k])));
        printf("\n");
    }
    for (int k = 0; k < N_LINKS; k++)
        printf("ring on %s: the all-reduce takes longer than the "
               "arithmetic from %d machines\n", links[k].name,
               model_ring_crossover(work, m, &links[k], MODEL_MACHINES));
    return model_write(set, dir, links, N_LINKS, MODEL_MACHINES, work, m,
                       MODEL_BIG_BATCH, err);
}

/* ---- data-parallel training --------------------------------------------- */

/* Rank 0's report of a training run. */
static void print_training(const Options *o, const Ranks *rk, int nb,
                           const DpTimes *tm, double epoch_s, double share,
                           const TrainResult *st, double accuracy,
                           uint32_t crc, int same)
{
    printf("reduction: %s", o->reduce_name);
    if (o->reduce == REDUCE_EXACT)
        printf(", a fixed tree over the blocks: %d node%s all-gathered a "
               "step\n", tm->nodes, tm->nodes == 1 ? "" : "s");
    else
        printf(", MPI_Allreduce of each rank's rows\n");
    for (int q = 0; q < rk->ranks; q++) {
        int lo, hi;
        blocks_share(nb, q, rk->ranks, &lo, &hi);
        printf("  rank %d: blocks %d-%d\n", q, lo, hi - 1);
    }
    if (st->diverged)
        summary_diverged(st->diverged_epoch, st->diverged_step);
    else if (o->fashion)
        printf("best validation accuracy %.4f after epoch %d; test "
               "accuracy %.4f\n", st->val_accuracy, st->best_epoch,
               accuracy);
    else
        printf("test accuracy %.4f\n", accuracy);
    printf("every rank holds the same weights: %s, crc %08x\n",
           same ? "yes" : "NO", (unsigned)crc);
    if (!o->no_times)
        printf("time per epoch %.4g s, %.1f %% of it in the %s on rank 0\n",
               epoch_s, 100.0 * share,
               o->reduce == REDUCE_EXACT ? "all-gather" : "all-reduce");
    printf("%.0f bytes combined a step\n", tm->step_bytes);
}

static void print_summary(const Options *o, const Problem *pb,
                          const Ranks *rk, int nb, const DpTimes *tm,
                          double epoch_s, double share, const TrainResult *st,
                          double accuracy, uint32_t crc, int same)
{
    char hex[9];
    snprintf(hex, sizeof hex, "%08x", (unsigned)crc);
    summary_begin();
    summary_int("ranks", rk->ranks);
    summary_text("reduce", o->reduce_name);
    summary_int("blocks", nb);
    summary_text("data", o->fashion ? "fashion" : "digits");
    summary_int("hidden", pb->H);
    summary_int("train_rows", pb->data.train->n);
    summary_int("epochs", pb->cfg.max_epochs);
    summary_double("epoch_seconds", epoch_s);
    summary_double("comm_share", share);
    summary_double("step_seconds", o->no_times || !tm->steps ? NAN :
                   tm->seconds / tm->steps);
    summary_double("step_work_seconds", o->no_times || !tm->steps ? NAN :
                   tm->work_seconds / tm->steps);
    summary_double("step_bytes", tm->step_bytes);
    summary_text("weights_crc", hex);
    summary_int("same_on_all_ranks", same);
    if (o->fashion) {
        summary_double("accuracy_validation", st->val_accuracy);
        summary_int("best_epoch", st->best_epoch);
    }
    summary_double("accuracy_test", accuracy);
    summary_int("diverged", st->diverged);
    summary_end();
}

/* Steps in an epoch of n rows: the tutorial's draws make n / B, an epoch
 * of shuffled batches walks all n rows. */
static int epoch_steps(const TrainConfig *cfg, int n)
{
    int B = cfg->batch_size;
    return cfg->batches == BATCH_SHUFFLE ? (n + B - 1) / B : n / B;
}

static int run_training(const Cli *cli, const Options *o, Problem *pb,
                        const Ranks *rk, Error *err)
{
    Net net = {0};
    Work w = {0};
    const TrainConfig *cfg = &pb->cfg;
    int failed = net_init(&net, pb->D, pb->H, DATA_CLASSES, pb->act) != 0 ||
                 work_init(&w, &net, pb->test->n < 1000 ? pb->test->n
                                                        : 1000) != 0;
    if (failed)
        err_set(err, "out of memory");
    int rc = fail_any(cli, rk, failed, err);
    if (rc != 0)
        goto out;
    int nb_blocks = blocks_count(cfg->batch_size, cfg->grad_block);
    if (rk->rank == 0)
        printf("%s, %d-%d-%d: %d epochs of %d steps, batches of %d\n"
               "each batch in %d blocks of up to %d rows, on %d rank%s\n",
               pb->title, net.D, net.H, net.K, cfg->max_epochs,
               epoch_steps(cfg, pb->data.train->n), cfg->batch_size,
               nb_blocks, cfg->grad_block, rk->ranks,
               rk->ranks == 1 ? "" : "s");
    if (o->kill_rank == rk->rank)
        raise(SIGKILL); /* --kill-rank: as if the machine went away */
    //> train
    TrainResult st;
    DpTimes tm;
    pb->init(&net, pb->rng); /* the same start on every rank */
    if (dp_train(&net, &pb->data, pb->rng, cfg, pb->cap, o->reduce, rk,
                 pb->hook, pb->ctx, &st, &tm, err) != 0)
        rc = fail_any(cli, rk, 1, err);
    //< train
    if (rc != 0)
        goto out;
    uint32_t crc = params_crc(net.params, net.n_params), lo, hi;
    MPI_Allreduce(&crc, &lo, 1, MPI_UINT32_T, MPI_MIN, rk->comm);
    MPI_Allreduce(&crc, &hi, 1, MPI_UINT32_T, MPI_MAX, rk->comm);
    double cost = NAN, accuracy = NAN;
    if (!st.diverged)
        train_evaluate(&net, pb->test, &w, &cost, &accuracy, NULL);
    double epoch_s = o->no_times ? NAN : tm.seconds / cfg->max_epochs;
    double share = o->no_times ? NAN : tm.comm_seconds / tm.seconds;
    failed = 0;
    if (rk->rank == 0) {
        print_training(o, rk, nb_blocks, &tm, epoch_s, share, &st, accuracy,
                       crc, lo == hi);
        OutSet set; /* the run's files, written together */
        out_set_init(&set);
        failed = write_weights(&set, &net, cli->out, err) != 0 ||
                 (!o->no_times && tm.steps > 0 &&
                  print_model(&set, tm.work_seconds / tm.steps,
                              tm.step_bytes / tm.nodes, cli->out,
                              err) != 0) ||
                 out_set_commit(&set, err) != 0;
        out_set_free(&set);
    }
    rc = fail_any(cli, rk, failed, err);
    if (rc == 0 && rk->rank == 0) {
        printf("\n");
        print_summary(o, pb, rk, nb_blocks, &tm, epoch_s, share, &st,
                      accuracy, crc, lo == hi);
    }
out:
    work_free(&w);
    net_free(&net);
    return rc;
}

/* Chapter 6's network on the digits, as the notebook's cell 7 trains it. */
static void digits_problem(Problem *pb, Notebook *nb, const TrainConfig *cfg,
                           int block)
{
    memset(pb, 0, sizeof *pb);
    pb->title = "chapter 6's network";
    pb->D = nb->train.X.cols;
    pb->H = NB_HIDDEN;
    pb->act = ACT_SIGMOID;
    pb->init = net_init_tutorial; /* NeuralNetwork.__init__ */
    pb->rng = &nb->rng;
    pb->cfg = *cfg;
    pb->cfg.grad_block = block;
    pb->data.train = &nb->train;
    pb->test = &nb->test;
    pb->cap = cfg->batch_size;
}

/* ---- chapter 7's sweep -------------------------------------------------- */

static int write_sweep(const PCell *cells, const char *dir, Error *err)
{
    OutFile o;
    if (out_open(&o, dir, "sweep.tsv", err) != 0)
        return -1;
    fprintf(o.f, "eta\tlambda\taccuracy\tdiverged\tdiverged_epoch\t"
                 "diverged_step\trank\tweights_crc\n");
    for (int c = 0; c < N_CELLS; c++)
        fprintf(o.f, "%g\t%g\t%.17g\t%d\t%d\t%d\t%d\t%08x\n", cells[c].eta,
                cells[c].lambda, cells[c].accuracy, cells[c].status.diverged,
                cells[c].status.diverged_epoch, cells[c].status.diverged_step,
                cells[c].rank, (unsigned)cells[c].crc);
    return out_commit(&o, err);
}

/* Rank 0's table, as chapter 7 prints it, and the best network. */
static int report_sweep(const PCell *cells, const Ranks *rk, double seconds,
                        int no_times, const char *dir, Error *err)
{
    printf("test accuracy (rows: eta, columns: lambda), %d rank%s\n%8s",
           rk->ranks, rk->ranks == 1 ? "" : "s", "");
    for (int j = 0; j < N_GRID; j++)
        printf("  %8g", cells[j].lambda);
    printf("\n");
    int best = -1, diverged = 0;
    uint32_t crcs[N_CELLS];
    for (int c = 0; c < N_CELLS; c++) {
        const PCell *p = &cells[c];
        if (c % N_GRID == 0)
            printf("%8g", p->eta);
        if (p->status.diverged)
            printf("  %8s", "diverged");
        else
            printf("  %8.4f", p->accuracy);
        if (c % N_GRID == N_GRID - 1)
            printf("\n");
        diverged += p->status.diverged;
        if (!p->status.diverged &&
            (best < 0 || p->accuracy > cells[best].accuracy))
            best = c;
        crcs[c] = p->crc;
    }
    if (write_sweep(cells, dir, err) != 0)
        return -1;
    printf("\n");
    summary_begin();
    summary_int("ranks", rk->ranks);
    summary_double("sweep_seconds", no_times ? NAN : seconds);
    summary_double("best_eta", best >= 0 ? cells[best].eta : NAN);
    summary_double("best_lambda", best >= 0 ? cells[best].lambda : NAN);
    summary_double("best_accuracy", best >= 0 ? cells[best].accuracy : NAN);
    summary_int("diverged", diverged);
    char hex[9];
    snprintf(hex, sizeof hex, "%08x",
             (unsigned)params_crc((const double *)crcs,
                                  sizeof crcs / sizeof(double)));
    summary_text("cells_crc", hex);
    summary_end();
    return 0;
}

static int run_sweep(const Cli *cli, const Options *o, const TrainConfig *cfg,
                     const Ranks *rk, Notebook *nb, Error *err)
{
    double grid[N_GRID]; /* np.logspace(-5, 0, 6) */
    for (int i = 0; i < N_GRID; i++)
        grid[i] = pow(10.0, i - 5);
    PCell cells[N_CELLS];
    MPI_Barrier(rk->comm);
    double start = MPI_Wtime();
    int failed = psweep_run(cells, grid, N_GRID, nb, cfg, rk, err) != 0;
    int rc = fail_any(cli, rk, failed, err);
    if (rc != 0)
        return rc;
    double seconds = MPI_Wtime() - start;
    failed = rk->rank == 0 &&
             report_sweep(cells, rk, seconds, o->no_times, cli->out, err);
    psweep_free(cells, N_CELLS);
    return fail_any(cli, rk, failed, err);
}

/* ---- chapter 9's candidates --------------------------------------------- */

static int write_fashion_sweep(const FCell *cells, int n, const char *dir,
                               Error *err)
{
    OutFile o;
    if (out_open(&o, dir, "sweep.tsv", err) != 0)
        return -1;
    fprintf(o.f, "hidden\tlambda\tval_accuracy\tval_cost\tbest_epoch\t"
                 "epochs\tdiverged\trank\tweights_crc\n");
    for (int k = 0; k < n; k++)
        fprintf(o.f, "%d\t%g\t%.17g\t%.17g\t%d\t%d\t%d\t%d\t%08x\n",
                cells[k].hidden, cells[k].lambda, cells[k].val_accuracy,
                cells[k].val_cost, cells[k].best_epoch, cells[k].epochs,
                cells[k].diverged, cells[k].rank, (unsigned)cells[k].crc);
    return out_commit(&o, err);
}

/* Rank 0's table of validation accuracies and the best candidate, by
 * chapter 9's rule (train_better). */
static int report_fashion_sweep(const FCell *cells, const Ranks *rk,
                                const Ch9 *c, double seconds, int no_times,
                                const char *dir, Error *err)
{
    printf("chapter 9's candidates, %d epochs on %d training images, %d "
           "rank%s\nbest validation accuracy (rows: H, columns: lambda)\n"
           "%8s", c->rc.epochs, c->f.train.n, rk->ranks,
           rk->ranks == 1 ? "" : "s", "");
    for (int j = 0; j < N_FL; j++)
        printf("  %8g", fashion_lambda[j]);
    printf("\n");
    int best = -1;
    uint32_t crcs[N_FH * N_FL];
    for (int k = 0; k < N_FH * N_FL; k++) {
        const FCell *p = &cells[k];
        if (k % N_FL == 0)
            printf("%8d", p->hidden);
        printf("  %8.4f", p->val_accuracy);
        if (k % N_FL == N_FL - 1)
            printf("\n");
        if (best < 0 || train_better(p->val_cost, p->val_accuracy,
                                     cells[best].val_cost,
                                     cells[best].val_accuracy))
            best = k;
        crcs[k] = p->crc;
    }
    if (write_fashion_sweep(cells, N_FH * N_FL, dir, err) != 0)
        return -1;
    char hex[9];
    snprintf(hex, sizeof hex, "%08x",
             (unsigned)params_crc((const double *)crcs,
                                  sizeof crcs / sizeof(double)));
    printf("\n");
    summary_begin();
    summary_int("ranks", rk->ranks);
    summary_text("data", "fashion");
    summary_int("train_rows", c->f.train.n);
    summary_int("epochs", c->rc.epochs);
    summary_double("sweep_seconds", no_times ? NAN : seconds);
    summary_int("best_hidden", cells[best].hidden);
    summary_double("best_lambda", cells[best].lambda);
    summary_double("best_accuracy_validation", cells[best].val_accuracy);
    summary_text("cells_crc", hex);
    summary_end();
    return 0;
}

//> fashion-sweep
static int run_fashion_sweep(const Cli *cli, const Options *o, const Ch9 *c,
                             const Ranks *rk, Error *err)
{
    FCell cells[N_FH * N_FL] = {{0}};
    for (int k = 0; k < N_FH * N_FL; k++) {
        cells[k].hidden = fashion_hidden[k / N_FL];
        cells[k].lambda = fashion_lambda[k % N_FL];
    }
    MPI_Barrier(rk->comm);
    double start = MPI_Wtime();
    int rc = fail_any(cli, rk, ch9_sweep(cells, N_FH * N_FL, c, rk, err),
                      err);
    if (rc != 0)
        return rc;
    ch9_collect(cells, N_FH * N_FL, rk);
    double seconds = MPI_Wtime() - start;
    int failed = rk->rank == 0 &&
                 report_fashion_sweep(cells, rk, c, seconds, o->no_times,
                                      cli->out, err) != 0;
    return fail_any(cli, rk, failed, err);
}
//< fashion-sweep

/* ---- options ------------------------------------------------------------ */

/* Does argv ask for chapter 9's network?  Its defaults differ, so this is
 * known before the options are read. */
static int wants_fashion(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--fashion") == 0)
            return 1;
    return 0;
}

/* Options every rank parses alike; only rank 0 prints --help or the
 * error, so a bad option gives one line however many ranks there are. */
static int parse(Cli *cli, Options *o, TrainConfig *cfg, int argc, char **argv,
                 const Ranks *rk, Error *err)
{
    FashionRecipe *rc = &o->rc;
    int fashion = wants_fashion(argc, argv);
    /* Either mode's values land in cfg; --fashion copies them to rc. */
    if (fashion) {
        cfg->max_epochs = rc->epochs;
        cfg->batch_size = rc->batch;
        cfg->eta = rc->eta;
        cfg->lambda = rc->lambda;
    }
    CliOption opts[] = {
        {"--epochs", OPT_INT, &cfg->max_epochs, 1, 100000,
         "epochs (10; --fashion: chapter 9's)"},
        {"--batch-size", OPT_INT, &cfg->batch_size, 1, DATA_MAX_ROWS,
         "images per step (100)"},
        {"--eta", OPT_DOUBLE, &cfg->eta, 0, 1e6,
         "learning rate (0.1; --fashion: chapter 9's)"},
        {"--lambda", OPT_DOUBLE, &cfg->lambda, 0, 1e6,
         "L2 strength (0.1; --fashion: chapter 9's)"},
        {"--block", OPT_INT, &o->block, 1, DATA_MAX_ROWS,
         "rows per block of the gradient (10)"},
        {"--reduce", OPT_STRING, &o->reduce_name, 0, 0,
         "exact (fixed tree of blocks) or plain (MPI_Allreduce)"},
        {"--sweep", OPT_FLAG, &o->sweep, 0, 0,
         "train chapter 7's 36 networks (--fashion: chapter 9's 9 "
         "candidates) across the ranks instead"},
        {"--fashion", OPT_FLAG, &o->fashion, 0, 0,
         "chapter 9's network and recipe on Fashion-MNIST; --data DIR"},
        {"--hidden", OPT_INT, &rc->hidden, 1, 4096,
         "--fashion: hidden units H (chapter 9's)"},
        {"--flips", OPT_INT, &rc->flips, 0, 1,
         "--fashion: 1 mirrors a random half of the images each epoch (0)"},
        {"--shifts", OPT_INT, &rc->shifts, 0, 1,
         "--fashion: 1 moves every image by up to a pixel each epoch"},
        {"--limit", OPT_INT, &o->limit, 0, 10000000,
         "--fashion: the first N images of each file (0: all)"},
        {"--no-times", OPT_FLAG, &o->no_times, 0, 0,
         "leave out every measured time (the output repeats exactly)"},
        {"--fail-rank", OPT_INT, &o->fail_rank, -1, 1 << 20,
         "for tests: rank R fails after loading the data"},
        {"--kill-rank", OPT_INT, &o->kill_rank, -1, 1 << 20,
         "for tests: rank R kills itself before training"}};
    FILE *help = rk->rank == 0 ? stdout : fopen("/dev/null", "w");
    if (!help)
        return err_set(err, "/dev/null: cannot open");
    int rc_parse = cli_parse(cli, argc, argv, opts, CLI_COUNT(opts), help,
                             err);
    if (help != stdout)
        fclose(help);
    if (rc_parse != 0)
        return rc_parse;
    FashionRecipe chosen = fashion_recipe();
    if (!fashion && (rc->hidden != chosen.hidden || rc->flips != chosen.flips
                     || rc->shifts != chosen.shifts || o->limit != 0))
        return err_set(err, "--hidden, --flips, --shifts and --limit need "
                       "--fashion");
    if (fashion) {
        rc->epochs = cfg->max_epochs;
        rc->batch = cfg->batch_size;
        rc->eta = cfg->eta;
        rc->lambda = cfg->lambda;
    }
    for (int k = 0; k < N_REDUCTIONS; k++)
        if (strcmp(o->reduce_name, reductions[k].name) == 0) {
            o->reduce = reductions[k].reduce;
            return 0;
        }
    return err_set(err, "--reduce: expected exact or plain, got '%.40s'",
                   o->reduce_name);
}

/* ---- the run ------------------------------------------------------------ */

/* Every rank loads the same data; the lowest rank that cannot says why.
 * Returns 0 on every rank, or 2 on every rank. */
static int load(const Cli *cli, const Options *o, const TrainConfig *cfg,
                const Ranks *rk, Notebook *nb, Ch9 *c, Error *err)
{
    int failed;
    if (o->fashion) {
        const char *dir = cli->data == cli->data_buf ? FASHION_DIR
                                                     : cli->data;
        failed = ch9_load(c, dir, o->limit, &o->rc, cli->seed, err) != 0;
    } else {
        failed = nb_replay(nb, cli->data, cli->seed,
                           o->sweep ? NB_CELL7 : NB_CELL3, err) != 0;
        if (!failed && cfg->batch_size > nb->train.n)
            failed = err_set(err, "--batch-size: %d is more than the %d "
                             "training images", cfg->batch_size,
                             nb->train.n) != 0;
    }
    if (!failed && o->fail_rank == rk->rank)
        failed = err_set(err, "stopped by --fail-rank (as if its data "
                         "were damaged)") != 0;
    return fail_any(cli, rk, failed, err);
}

int main(int argc, char **argv)
{
    MPI_Init(&argc, &argv);
    Ranks rk = {MPI_COMM_WORLD, 0, 1};
    MPI_Comm_rank(rk.comm, &rk.rank);
    MPI_Comm_size(rk.comm, &rk.ranks);
    Cli cli = {.program = "10-parallel",
               .purpose = "Train chapter 6's network, chapter 7's sweep or "
                          "(--fashion) chapter 9's network on MPI ranks "
                          "(mpirun -np N).",
               .data_help = "PATH   the digits file (default "
                            "data/digits.csv.gz), or with --fashion the "
                            "directory of the four IDX files (default "
                            FASHION_DIR ")"};
    Options o = {.block = 10, .reduce_name = "exact", .fail_rank = -1,
                 .kill_rank = -1, .rc = fashion_recipe()};
    TrainConfig cfg = train_cell7();
    Error err;
    Notebook nb = {0};
    Ch9 c9 = {0};
    Problem pb;
    int rc = parse(&cli, &o, &cfg, argc, argv, &rk, &err);
    if (rc != 0) { /* the same on every rank */
        rc = rc > 0 ? 0 : rk.rank == 0 ? cli_fail(&cli, &err) : 2;
        goto out;
    }
    rc = load(&cli, &o, &cfg, &rk, &nb, &c9, &err);
    if (rc == 0 && o.fashion && o.sweep) {
        rc = run_fashion_sweep(&cli, &o, &c9, &rk, &err);
    } else if (rc == 0 && o.fashion) {
        ch9_problem(&pb, &c9, o.block);
        ch9_before_training(&c9);
        rc = run_training(&cli, &o, &pb, &rk, &err);
    } else if (rc == 0 && o.sweep) {
        rc = run_sweep(&cli, &o, &cfg, &rk, &nb, &err);
    } else if (rc == 0) {
        digits_problem(&pb, &nb, &cfg, o.block);
        rc = run_training(&cli, &o, &pb, &rk, &err);
    }
out:
    ch9_free(&c9);
    nb_free(&nb);
    MPI_Finalize();
    return cli_finish(&cli, rc);
}
