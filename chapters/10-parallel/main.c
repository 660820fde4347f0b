/* 10-parallel: chapter 6's training and chapter 7's sweep on many
 * processes, with MPI.
 *
 *   mpirun -np 2 build/bin/10-parallel            data-parallel SGD
 *   mpirun -np 2 build/bin/10-parallel --sweep    the 36 networks
 *
 * Run without mpirun it is a job of one rank.  Every rank replays the
 * notebook, so all hold the same data and the same stream.  Training:
 * each batch is cut into fixed blocks shared out among the ranks, whose
 * gradients meet in a fixed tree (--reduce exact, the default: the
 * weights do not depend on the number of ranks) or in MPI_Allreduce
 * (--reduce plain).  Rank 0 prints and writes the files.  Book: chapter
 * "Training on many machines".
 */
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "blocks.h"
#include "cli.h"
#include "notebook.h"
#include "out.h"
#include "parallel.h"
#include "summary.h"

#define N_GRID 6 /* chapter 7's np.logspace(-5, 0, 6) */
#define N_CELLS (N_GRID * N_GRID)

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
    int block, sweep, no_times, fail_rank, kill_rank;
    const char *reduce_name;
    Reduce reduce;
} Options;

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
    for (int k = 0; k < N_LINKS; k++) {
        int p = 2;
        while (p < MODEL_MACHINES && model_ring(p, m, &links[k]) < work / p)
            p++;
        printf("ring on %s: the all-reduce takes longer than the "
               "arithmetic from %d machines\n", links[k].name, p);
    }
    return model_write(set, dir, links, N_LINKS, MODEL_MACHINES, work, m,
                       MODEL_BIG_BATCH, err);
}

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

static int run_training(const Cli *cli, const Options *o, TrainConfig *cfg,
                        const Ranks *rk, Notebook *nb, Error *err)
{
    Net net = {0};
    Work w = {0};
    int failed = net_init(&net, nb->train.X.cols, NB_HIDDEN, DATA_CLASSES,
                          ACT_SIGMOID) != 0 ||
                 work_init(&w, &net, nb->test.n) != 0;
    if (failed)
        err_set(err, "out of memory");
    int rc = fail_any(cli, rk, failed, err);
    if (rc != 0)
        goto out;
    int nb_blocks = blocks_count(cfg->batch_size, o->block);
    if (rk->rank == 0)
        printf("chapter 6's network: %d epochs of %d steps, batches of %d\n"
               "each batch in %d blocks of up to %d rows, on %d rank%s\n",
               cfg->max_epochs, nb->train.n / cfg->batch_size,
               cfg->batch_size,
               nb_blocks, o->block, rk->ranks, rk->ranks == 1 ? "" : "s");
    if (o->kill_rank == rk->rank)
        raise(SIGKILL); /* --kill-rank: as if the machine went away */
    //> train
    TrainResult st;
    DpTimes tm;
    net_init_tutorial(&net, &nb->rng); /* NeuralNetwork.__init__ */
    if (dp_train(&net, &nb->train, &nb->rng, cfg, o->block, o->reduce, rk,
                 &st, &tm, err) != 0)
        rc = fail_any(cli, rk, 1, err);
    //< train
    if (rc != 0)
        goto out;
    uint32_t crc = params_crc(net.params, net.n_params), lo, hi;
    MPI_Allreduce(&crc, &lo, 1, MPI_UINT32_T, MPI_MIN, rk->comm);
    MPI_Allreduce(&crc, &hi, 1, MPI_UINT32_T, MPI_MAX, rk->comm);
    double cost = NAN, accuracy = NAN;
    if (!st.diverged)
        train_evaluate(&net, &nb->test, &w, &cost, &accuracy, NULL);
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
        summary_begin();
        summary_int("ranks", rk->ranks);
        summary_text("reduce", o->reduce_name);
        summary_int("blocks", nb_blocks);
        summary_double("epoch_seconds", epoch_s);
        summary_double("comm_share", share);
        summary_double("step_bytes", tm.step_bytes);
        char hex[9];
        snprintf(hex, sizeof hex, "%08x", (unsigned)crc);
        summary_text("weights_crc", hex);
        summary_int("same_on_all_ranks", lo == hi);
        summary_double("accuracy_test", accuracy);
        summary_int("diverged", st.diverged);
        summary_end();
    }
out:
    work_free(&w);
    net_free(&net);
    return rc;
}

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

/* Options every rank parses alike; only rank 0 prints --help or the
 * error, so a bad option gives one line however many ranks there are. */
static int parse(Cli *cli, Options *o, TrainConfig *cfg, int argc, char **argv,
                 const Ranks *rk, Error *err)
{
    CliOption opts[] = {
        {"--epochs", OPT_INT, &cfg->max_epochs, 1, 100000, "epochs (10)"},
        {"--batch-size", OPT_INT, &cfg->batch_size, 1, DATA_MAX_ROWS,
         "images per step (100)"},
        {"--eta", OPT_DOUBLE, &cfg->eta, 0, 1e6, "learning rate (0.1)"},
        {"--lambda", OPT_DOUBLE, &cfg->lambda, 0, 1e6, "L2 strength (0.1)"},
        {"--block", OPT_INT, &o->block, 1, DATA_MAX_ROWS,
         "rows per block of the gradient (10)"},
        {"--reduce", OPT_STRING, &o->reduce_name, 0, 0,
         "exact (fixed tree of blocks) or plain (MPI_Allreduce)"},
        {"--sweep", OPT_FLAG, &o->sweep, 0, 0,
         "train chapter 7's 36 networks across the ranks instead"},
        {"--no-times", OPT_FLAG, &o->no_times, 0, 0,
         "leave out every measured time (the output repeats exactly)"},
        {"--fail-rank", OPT_INT, &o->fail_rank, -1, 1 << 20,
         "for tests: rank R fails after loading the data"},
        {"--kill-rank", OPT_INT, &o->kill_rank, -1, 1 << 20,
         "for tests: rank R kills itself before training"}};
    FILE *help = rk->rank == 0 ? stdout : fopen("/dev/null", "w");
    if (!help)
        return err_set(err, "/dev/null: cannot open");
    int rc = cli_parse(cli, argc, argv, opts, CLI_COUNT(opts), help, err);
    if (help != stdout)
        fclose(help);
    if (rc != 0)
        return rc;
    for (int k = 0; k < N_REDUCTIONS; k++)
        if (strcmp(o->reduce_name, reductions[k].name) == 0) {
            o->reduce = reductions[k].reduce;
            return 0;
        }
    return err_set(err, "--reduce: expected exact or plain, got '%.40s'",
                   o->reduce_name);
}

int main(int argc, char **argv)
{
    MPI_Init(&argc, &argv);
    Ranks rk = {MPI_COMM_WORLD, 0, 1};
    MPI_Comm_rank(rk.comm, &rk.rank);
    MPI_Comm_size(rk.comm, &rk.ranks);
    Cli cli = {.program = "10-parallel",
               .purpose = "Train chapter 6's network, or chapter 7's sweep, "
                          "on MPI ranks (mpirun -np N)."};
    Options o = {.block = 10, .reduce_name = "exact", .fail_rank = -1,
                 .kill_rank = -1};
    TrainConfig cfg = train_cell7();
    Error err;
    Notebook nb = {0};
    int rc = parse(&cli, &o, &cfg, argc, argv, &rk, &err);
    if (rc != 0) { /* the same on every rank */
        rc = rc > 0 ? 0 : rk.rank == 0 ? cli_fail(&cli, &err) : 2;
        goto out;
    }
    int failed = nb_replay(&nb, cli.data, cli.seed,
                           o.sweep ? NB_CELL7 : NB_CELL3, &err) != 0;
    if (!failed && cfg.batch_size > nb.train.n)
        failed = err_set(&err, "--batch-size: %d is more than the %d "
                         "training images", cfg.batch_size, nb.train.n) != 0;
    if (!failed && o.fail_rank == rk.rank)
        failed = err_set(&err, "stopped by --fail-rank (as if its data "
                         "were damaged)") != 0;
    rc = fail_any(&cli, &rk, failed, &err);
    if (rc == 0 && o.sweep)
        rc = run_sweep(&cli, &o, &cfg, &rk, &nb, &err);
    else if (rc == 0)
        rc = run_training(&cli, &o, &cfg, &rk, &nb, &err);
out:
    nb_free(&nb);
    MPI_Finalize();
    return cli_finish(&cli, rc);
}
