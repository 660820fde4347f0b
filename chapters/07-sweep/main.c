/* 07-sweep: learning rate x regularisation, 36 networks (cells 8, 9).
 *
 * eta and lambda each take the six values 1e-5 ... 1; for every pair a new
 * network is trained as in chapter 6 and scored on the test set, eta in
 * the outer loop and lambda in the inner, drawing from the stream in the
 * notebook's order.  Book: chapter "Tuning eta and lambda".
 */
#include <math.h>
#include <stdio.h>

#include "cli.h"
#include "notebook.h"
#include "out.h"
#include "sweep.h"

#define N_GRID 6 /* np.logspace(-5, 0, 6) */
#define N_CELLS (N_GRID * N_GRID)

/* Cells with eta >= 1e-2 are chaotic with summed gradients (chapter 5):
 * their accuracies depend on the last bits of every sum. */
static int chaotic(double eta) { return eta >= 1e-2; }

/* The run's files join one set (lib/out.h), written together at the end. */
static int write_sweep(OutSet *set, const SweepCell *cells, const char *dir,
                       Error *err)
{
    FILE *f = out_set_file(set, dir, "sweep.tsv", err);
    if (!f)
        return -1;
    fprintf(f, "eta\tlambda\taccuracy\tdiverged\tdiverged_epoch\t"
                 "diverged_step\tchaotic\n");
    for (int c = 0; c < N_CELLS; c++)
        fprintf(f, "%g\t%g\t%.17g\t%d\t%d\t%d\t%d\n", cells[c].eta,
                cells[c].lambda, cells[c].accuracy, cells[c].status.diverged,
                cells[c].status.epoch, cells[c].status.step,
                chaotic(cells[c].eta));
    return 0;
}

/* Confusion matrix of one network's test predictions: true x predicted. */
static int write_confusion(OutSet *set, const SweepCell *cell,
                           const Dataset *test, const char *dir, Error *err)
{
    int m[DATA_CLASSES][DATA_CLASSES] = {{0}};
    for (int i = 0; i < test->n; i++)
        m[test->labels[i]][cell->pred[i]]++;
    FILE *f = out_set_file(set, dir, "confusion.tsv", err);
    if (!f)
        return -1;
    fprintf(f, "true\tpredicted\tcount\n");
    for (int t = 0; t < DATA_CLASSES; t++)
        for (int p = 0; p < DATA_CLASSES; p++)
            fprintf(f, "%d\t%d\t%d\n", t, p, m[t][p]);
    return 0;
}

/* The best network's hidden-unit input weights, as chapter 6 writes its
 * own: the first D x H parameters are Wh (net.h). */
static int write_best_weights(OutSet *set, const SweepCell *cell,
                              const Notebook *nb, const char *dir, Error *err)
{
    Matrix Wh = mat_view(cell->params, nb->net.D, nb->net.H);
    FILE *f = out_set_file(set, dir, "hidden_weights.tsv", err);
    if (!f)
        return -1;
    out_write_hidden_weights(f, &Wh, DATA_SIDE);
    return 0;
}

static void print_table(const SweepCell *cells)
{
    printf("test accuracy (rows: eta, columns: lambda)\n%8s", "");
    for (int j = 0; j < N_GRID; j++)
        printf("  %8g", cells[j].lambda);
    printf("\n");
    for (int i = 0; i < N_GRID; i++) {
        printf("%8g", cells[i * N_GRID].eta);
        for (int j = 0; j < N_GRID; j++) {
            const SweepCell *c = &cells[i * N_GRID + j];
            if (c->status.diverged)
                printf("  %8s", "diverged");
            else
                printf("  %8.4f", c->accuracy);
        }
        printf("%s\n", chaotic(cells[i * N_GRID].eta) ? "  (chaotic)" : "");
    }
}

int main(int argc, char **argv)
{
    Cli cli = {.program = "07-sweep",
               .purpose = "Train 36 networks over eta x lambda and score "
                          "each on the test set (cells 8 and 9)."};
    SgdConfig cfg = nb_cell7_config();
    CliOption opts[] = {
        {"--epochs", OPT_INT, &cfg.epochs, 1, 100000, "epochs (10)"},
        {"--batch-size", OPT_INT, &cfg.batch_size, 1, DATA_MAX_ROWS,
         "images per step (100)"}};
    Error err;
    int rc = cli_parse(&cli, argc, argv, opts, 2, stdout, &err);
    if (rc != 0)
        return rc > 0 ? cli_finish(&cli, 0) : cli_fail(&cli, &err);

    /* The notebook's cell 7 (chapter 6's network, batches of 100) runs
     * before the sweep: its draws come first in the stream. */
    Notebook nb;
    SgdConfig cell7 = nb_cell7_config();
    if (nb_replay(&nb, cli.data, cli.seed, NB_CELL3, &err) != 0)
        return cli_fail(&cli, &err);
    if (train_check_steps(cfg.epochs, cfg.batch_size, nb.train.n, &err) ||
        (nb.train.n < cell7.batch_size &&
         err_set(&err, "%s: %d training images; the notebook's cell 7, "
                 "which the sweep follows, draws batches of %d, so the file "
                 "needs at least %d images", cli.data, nb.train.n,
                 cell7.batch_size, cell7.batch_size * 5 / 4)) ||
        nb_advance(&nb, NB_CELL7, &err) != 0) {
        nb_free(&nb);
        return cli_fail(&cli, &err);
    }
    //> grid
    double grid[N_GRID]; /* np.logspace(-5, 0, 6) */
    for (int i = 0; i < N_GRID; i++)
        grid[i] = pow(10.0, i - 5);
    SweepCell cells[N_CELLS];
    if (sweep_run(cells, grid, N_GRID, grid, N_GRID, NB_HIDDEN, &nb.train,
                  &nb.test, &nb.rng, &cfg, &err) != 0) {
        nb_free(&nb);
        return cli_fail(&cli, &err);
    }
    //< grid
    print_table(cells);

    int best = -1, zeros = 0, diverged = 0;
    for (int c = 0; c < N_CELLS; c++) {
        diverged += cells[c].status.diverged;
        if (!cells[c].status.diverged &&
            (best < 0 || cells[c].accuracy > cells[best].accuracy))
            best = c;
    }
    for (int i = 0; i < nb.test.n; i++)
        zeros += nb.test.labels[i] == 0;
    printf("\n%d of %d networks diverged.\n", diverged, N_CELLS);
    printf("In the notebook, networks with large logits overflowed its "
           "softmax: exp gave\ninf, inf/inf gave NaN, argmax of a NaN row is "
           "0, so every image was called\na zero and the printed accuracy "
           "was the share of zeros in the test set,\n%d/%d = %.4f. This "
           "softmax subtracts the row maximum first and cannot\noverflow, "
           "so those networks are scored for what they are.\n", zeros,
           nb.test.n, (double)zeros / nb.test.n);
    printf("Cells marked chaotic (eta >= 0.01) change with the last bits of "
           "the sums;\nthe others reproduce the notebook exactly.\n");

    rc = 0;
    if (best >= 0)
        printf("\nbest: eta %g, lambda %g, test accuracy %.4f\n",
               cells[best].eta, cells[best].lambda, cells[best].accuracy);
    OutSet set;
    out_set_init(&set);
    if (write_sweep(&set, cells, cli.out, &err) != 0 ||
        (best >= 0 &&
         write_confusion(&set, &cells[best], &nb.test, cli.out, &err)) ||
        (best >= 0 &&
         write_best_weights(&set, &cells[best], &nb, cli.out, &err))) {
        out_set_free(&set);
        rc = cli_fail(&cli, &err);
    } else if (out_set_commit(&set, &err) != 0) {
        rc = cli_fail(&cli, &err);
    }
    if (rc == 0) {
        printf("\n");
        summary_begin();
        summary_double("best_eta", best >= 0 ? cells[best].eta : NAN);
        summary_double("best_lambda", best >= 0 ? cells[best].lambda : NAN);
        summary_double("best_accuracy",
                       best >= 0 ? cells[best].accuracy : NAN);
        summary_int("diverged", diverged);
        summary_double("zero_share", (double)zeros / nb.test.n);
        summary_end();
    }
    sweep_free(cells, N_CELLS);
    nb_free(&nb);
    return cli_finish(&cli, rc);
}
