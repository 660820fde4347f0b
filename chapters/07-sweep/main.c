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
#include "summary.h"
#include "sweep.h"


/* Cells with eta >= 1e-2 are chaotic with summed gradients (chapter 5):
 * their accuracies depend on the last bits of every sum. */
static int chaotic(double eta) { return eta >= 1e-2; }

static int write_sweep(const SweepCell *cells, const char *dir, Error *err)
{
    OutFile o;
    if (out_open(&o, dir, "sweep.tsv", err) != 0)
        return -1;
    fprintf(o.f, "eta\tlambda\taccuracy\tdiverged\tdiverged_epoch\t"
                 "diverged_step\tchaotic\n");
    for (int c = 0; c < SWEEP_CELLS; c++)
        fprintf(o.f, "%g\t%g\t%.17g\t%d\t%d\t%d\t%d\n", cells[c].eta,
                cells[c].lambda, cells[c].accuracy, cells[c].status.diverged,
                cells[c].status.diverged_epoch, cells[c].status.diverged_step,
                chaotic(cells[c].eta));
    return out_commit(&o, err);
}

/* The best network's hidden-unit input weights, as chapter 6 writes its
 * own: the first D x H parameters are Wh (net.h). */
static int write_best_weights(const SweepCell *cell, const Notebook *nb,
                              const char *dir, Error *err)
{
    Matrix Wh = mat_view(cell->params, nb->net.D, nb->net.H);
    return out_hidden_weights(&Wh, DATA_SIDE, dir, "hidden_weights.tsv", err);
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
                          "each on the test set (cells 8 and 9)."};
    TrainConfig cfg = train_cell7();
    CliOption opts[] = {
        {"--epochs", OPT_INT, &cfg.max_epochs, 1, 100000, "epochs (10)"},
        {"--batch-size", OPT_INT, &cfg.batch_size, 1, DATA_MAX_ROWS,
         "images per step (100)"}};
    Error err;
    int rc = cli_parse(&cli, argc, argv, opts, CLI_COUNT(opts), stdout,
                       &err);
    if (rc != 0)
        return rc > 0 ? 0 : cli_fail(&cli, &err);
    rc = -1; /* until the end is reached */

    Notebook nb = {0};
    SweepCell cells[SWEEP_CELLS] = {{0}};
    if (nb_replay(&nb, cli.data, cli.seed, NB_CELL7, &err) != 0)
        goto out;
    if (cfg.batch_size > nb.train.n) {
        err_set(&err, "--batch-size: %d is more than the %d training images",
                cfg.batch_size, nb.train.n);
        goto out;
    }
    //> grid
    double grid[SWEEP_N]; /* np.logspace(-5, 0, 6) */
    for (int i = 0; i < SWEEP_N; i++)
        grid[i] = pow(10.0, i - 5);
    if (sweep_run(cells, grid, SWEEP_N, grid, SWEEP_N, NB_HIDDEN, &nb.train,
                  &nb.test, &nb.rng, &cfg, &err) != 0)
        goto out;
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
    if (write_sweep(cells, cli.out, &err) != 0 ||
        (best >= 0 && out_confusion(cells[best].pred, nb.test.labels,
                                   nb.test.n, DATA_CLASSES, cli.out,
                                   "confusion.tsv", &err)) ||
        (best >= 0 && write_best_weights(&cells[best], &nb, cli.out, &err)))
        goto out;
    printf("\n");
    summary_begin();
    summary_double("best_eta", best >= 0 ? cells[best].eta : NAN);
    summary_double("best_lambda", best >= 0 ? cells[best].lambda : NAN);
    summary_double("best_accuracy", best >= 0 ? cells[best].accuracy : NAN);
    summary_int("diverged", diverged);
    summary_double("zero_share", (double)zeros / nb.test.n);
    summary_end();
    rc = 0;
out:
    sweep_free(cells, SWEEP_CELLS);
    nb_free(&nb);
    return rc == 0 ? 0 : cli_fail(&cli, &err);
}
