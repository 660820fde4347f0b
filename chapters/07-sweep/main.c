/* 07-sweep: learning rate x regularisation, 36 networks (cells 8, 9).
 *
 * eta and lambda each take the six values 1e-5 ... 1; for every pair a new
 * network is trained as in chapter 6 and scored on the test set, eta in
 * the outer loop and lambda in the inner, drawing from the stream in the
 * notebook's order.  Book: chapter "Tuning eta and lambda".
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "cli.h"
#include "notebook.h"
#include "out.h"
#include "summary.h"
#include "sweep.h"

/* Cells with eta >= 1e-2 are chaotic with summed gradients (chapter 5):
 * their accuracies depend on the last bits of every sum. */
static int chaotic(double eta) { return eta >= 1e-2; }

/* The run's files, written together (lib/out.h): the grid, and the best
 * network's confusion matrix and hidden-unit input weights (the first
 * D x H of its parameters are Wh, net.h), when one did not diverge. */
static int write_files(const SweepCell *cells, int best, const Notebook *nb,
                       const char *dir, Error *err)
{
    OutSet set;
    FILE *f, *c = NULL, *w = NULL;
    out_set_init(&set);
    if (!(f = out_set_file(&set, dir, "sweep.tsv", err)) ||
        (best >= 0 &&
         (!(c = out_set_file(&set, dir, "confusion.tsv", err)) ||
          !(w = out_set_file(&set, dir, "hidden_weights.tsv", err))))) {
        out_set_free(&set);
        return -1;
    }
    fprintf(f, "eta\tlambda\taccuracy\tdiverged\tdiverged_epoch\t"
               "diverged_step\tchaotic\n");
    for (int i = 0; i < SWEEP_CELLS; i++)
        fprintf(f, "%g\t%g\t%.17g\t%d\t%d\t%d\t%d\n", cells[i].eta,
                cells[i].lambda, cells[i].accuracy, cells[i].status.diverged,
                cells[i].status.diverged_epoch, cells[i].status.diverged_step,
                chaotic(cells[i].eta));
    if (best >= 0) {
        Matrix Wh = mat_view(cells[best].params, nb->net.D, nb->net.H);
        out_write_hidden_weights(w, &Wh, DATA_SIDE);
        if (out_write_confusion(c, cells[best].pred, nb->test.labels,
                                nb->test.n, DATA_CLASSES) != 0) {
            out_set_free(&set);
            return err_set(err, "out of memory");
        }
    }
    return out_set_commit(&set, err);
}

/* ---- memory ------------------------------------------------------------ */

#define BASE_BYTES 8e6 /* the program, its libraries and their buffers */

/* The bytes the run needs, in double so that no product wraps: the data
 * (all N rows, and again split into train and test), the 36 networks
 * drawn ahead and their kept results, and each training thread's trainer
 * (a batch of B rows through the layers: D + 2H + 2K values a row; its
 * gradients, Adam's moments and best copy: 5 sets of P parameters; two
 * orders of the training rows). */
static double need_bytes(const Notebook *nb, int B, int threads)
{
    double D = nb->all.X.cols, H = NB_HIDDEN, K = DATA_CLASSES;
    double P = D * H + H + H * K + K, row = 8 * D + 4;
    double data = 2.0 * nb->all.n * row;
    double cells = SWEEP_CELLS * (2 * 8 * P + 4.0 * nb->test.n);
    double thread = 8 * (double)B * (D + 2 * H + 2 * K) + 5 * 8 * P +
                    8.0 * nb->train.n;
    return BASE_BYTES + data + cells + threads * thread;
}

/* The run's need (need_bytes) in *need, and what it comes from in what
 * (160 bytes), for the messages of cli.h. */
static void memory_need(double *need, char *what, const Notebook *nb,
                        const TrainConfig *cfg)
{
    int threads = 1;
#ifdef _OPENMP
    threads = omp_get_max_threads();
#endif
    *need = need_bytes(nb, cfg->batch_size, threads);
    snprintf(what, 160, "--batch-size %d, %d thread%s and %d training "
             "images", cfg->batch_size, threads, threads == 1 ? "" : "s",
             nb->train.n);
}

static void print_table(const SweepCell *cells)
{
    printf("test accuracy (rows: eta, columns: lambda)\n%8s", "");
    for (int j = 0; j < SWEEP_N; j++)
        printf("  %8g", cells[j].lambda);
    printf("\n");
    for (int i = 0; i < SWEEP_N; i++) {
        printf("%8g", cells[i * SWEEP_N].eta);
        for (int j = 0; j < SWEEP_N; j++) {
            const SweepCell *c = &cells[i * SWEEP_N + j];
            if (c->status.diverged)
                printf("  %8s", "diverged");
            else
                printf("  %8.4f", c->accuracy);
        }
        printf("%s\n", chaotic(cells[i * SWEEP_N].eta) ? "  (chaotic)" : "");
    }
}

int main(int argc, char **argv)
{
    Cli cli = {.program = "07-sweep",
               .purpose = "Train 36 networks over eta x lambda and score "
                          "each on the test set (cells 8 and 9).",
               .notes = "memory: the run computes what it needs from the "
                        "rows, --batch-size and\nthe threads before it "
                        "trains and refuses a run that cannot fit.  Its "
                        "summary\nstates the need on one thread, "
                        "memory_mb, and each further thread's,\n"
                        "memory_mb_thread (megabytes of 10^6 bytes)."};
    TrainConfig cfg = train_cell7();
    CliOption opts[] = {
        {"--epochs", OPT_INT, &cfg.max_epochs, 1, 100000, "epochs (10)"},
        {"--batch-size", OPT_INT, &cfg.batch_size, 1, DATA_MAX_ROWS,
         "images per step (100)"}};
    Error err;
    int rc = cli_parse(&cli, argc, argv, opts, CLI_COUNT(opts), stdout,
                       &err);
    if (rc != 0)
        return rc > 0 ? cli_finish(&cli, 0) : cli_fail(&cli, &err);
    rc = -1; /* until the end is reached */

    Notebook nb = {0};
    SweepCell cells[SWEEP_CELLS] = {{0}};
    double need = 0;
    char what[160];
    /* The steps are checked before cell 7's draws, long on a big file. */
    if (nb_replay(&nb, cli.data, cli.seed, NB_CELL3, &err) != 0 ||
        train_check_steps(cfg.max_epochs, cfg.batch_size, nb.train.n,
                          &err) != 0 ||
        (memory_need(&need, what, &nb, &cfg),
         cli_memory_check(need, what, &err)) != 0)
        goto out;
    if (nb_advance(&nb, NB_CELL7, &err) != 0)
        goto out;
    //> grid
    double grid[SWEEP_N]; /* np.logspace(-5, 0, 6) */
    for (int i = 0; i < SWEEP_N; i++)
        grid[i] = pow(10.0, i - 5);
    if (sweep_run(cells, grid, SWEEP_N, grid, SWEEP_N, NB_HIDDEN, &nb.train,
                  &nb.test, &nb.rng, &cfg, &err) != 0) {
        if (strstr(err.msg, "out of memory")) /* say what it needed */
            cli_out_of_memory(need, what, &err);
        goto out;
    }
    //< grid
    print_table(cells);

    int best = -1, zeros = 0, diverged = 0;
    for (int c = 0; c < SWEEP_CELLS; c++) {
        diverged += cells[c].status.diverged;
        if (!cells[c].status.diverged &&
            (best < 0 || cells[c].accuracy > cells[best].accuracy))
            best = c;
    }
    for (int i = 0; i < nb.test.n; i++)
        zeros += nb.test.labels[i] == 0;
    printf("\n%d of %d networks diverged.\n", diverged, SWEEP_CELLS);
    printf("In the notebook, networks with large logits overflowed its "
           "softmax: exp gave\ninf, inf/inf gave NaN, argmax of a NaN row is "
           "0, so every image was called\na zero and the printed accuracy "
           "was the share of zeros in the test set,\n%d/%d = %.4f. This "
           "softmax subtracts the row maximum first and cannot\noverflow, "
           "so those networks are scored for what they are.\n", zeros,
           nb.test.n, (double)zeros / nb.test.n);
    printf("Cells marked chaotic (eta >= 0.01) change with the last bits of "
           "the sums;\nthe others reproduce the notebook exactly.\n");

    if (best >= 0)
        printf("\nbest: eta %g, lambda %g, test accuracy %.4f\n",
               cells[best].eta, cells[best].lambda, cells[best].accuracy);
    if (write_files(cells, best, &nb, cli.out, &err) != 0)
        goto out;
    printf("\n");
    summary_begin();
    summary_double("best_eta", best >= 0 ? cells[best].eta : NAN);
    summary_double("best_lambda", best >= 0 ? cells[best].lambda : NAN);
    summary_double("best_accuracy", best >= 0 ? cells[best].accuracy : NAN);
    summary_int("diverged", diverged);
    summary_double("zero_share", (double)zeros / nb.test.n);
    /* The need on one thread, and each further thread's: the output
     * stays the same whatever the number of threads. */
    double one = need_bytes(&nb, cfg.batch_size, 1);
    summary_int("memory_mb", (long)ceil(one / 1e6));
    summary_int("memory_mb_thread",
                (long)ceil((need_bytes(&nb, cfg.batch_size, 2) - one) / 1e6));
    summary_end();
    rc = 0;
out:
    sweep_free(cells, SWEEP_CELLS);
    nb_free(&nb);
    return cli_finish(&cli, rc == 0 ? 0 : cli_fail(&cli, &err));
}
