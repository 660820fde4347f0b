/* 06-sgd: the tutorial's NeuralNetwork class, minibatch SGD (cells 6, 7).
 *
 * A fresh network (its own randn weights, drawn after cell 3's) learns
 * from minibatches of 100 images, each drawn as np.random.choice(n, 100,
 * replace=False): 14 steps an epoch, 10 epochs.  After every epoch the cost
 * and accuracy on both sets are recorded for the figure.  Book: chapter
 * "Stochastic gradient descent".  --save FILE keeps the trained network
 * (lib/netio.h) for tools/predict.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "netio.h"
#include "notebook.h"
#include "out.h"
#include "summary.h"
#include "train.h"

#define MAX_EPOCHS 100000

/* One line per epoch: cost and accuracy on the training and test sets. */
typedef struct {
    const Dataset *train, *test;
    Work *w;
    double (*rows)[4]; /* (epochs, 4) */
} EpochLog;

static void log_epoch(void *ctx, int epoch, const Net *net, double loss,
                      double val_cost, double val_accuracy)
{
    (void)loss, (void)val_cost, (void)val_accuracy; /* not asked for */
    EpochLog *log = ctx;
    double *r = log->rows[epoch - 1];
    train_evaluate(net, log->train, log->w, &r[0], &r[1], NULL);
    train_evaluate(net, log->test, log->w, &r[2], &r[3], NULL);
    printf("epoch %2d  cost %9.4g / %9.4g  accuracy %.4f / %.4f\n", epoch,
           r[0], r[2], r[1], r[3]);
}

static int write_epochs(double (*rows)[4], int epochs, const char *dir,
                        Error *err)
{
    OutFile o;
    if (out_open(&o, dir, "epochs.tsv", err) != 0)
        return -1;
    fprintf(o.f, "epoch\tcost_train\taccuracy_train\tcost_test\t"
                 "accuracy_test\n");
    for (int e = 0; e < epochs; e++)
        fprintf(o.f, "%d\t%.17g\t%.17g\t%.17g\t%.17g\n", e + 1, rows[e][0],
                rows[e][1], rows[e][2], rows[e][3]);
    return out_commit(&o, err);
}

int main(int argc, char **argv)
{
    Cli cli = {.program = "06-sgd",
               .purpose = "Train the tutorial's NeuralNetwork with minibatch "
                          "SGD (cells 6 and 7)."};
    TrainConfig cfg = train_cell7();
    const char *save = NULL;
    CliOption opts[] = {
        {"--epochs", OPT_INT, &cfg.max_epochs, 1, MAX_EPOCHS, "epochs (10)"},
        {"--batch-size", OPT_INT, &cfg.batch_size, 1, DATA_MAX_ROWS,
         "images per step (100)"},
        {"--eta", OPT_DOUBLE, &cfg.eta, 0, 1e6, "learning rate (0.1)"},
        {"--lambda", OPT_DOUBLE, &cfg.lambda, 0, 1e6, "L2 strength (0.1)"},
        {"--save", OPT_STRING, &save, 0, 0,
         "save the trained network to FILE (for predict)"}};
    Error err;
    int rc = cli_parse(&cli, argc, argv, opts, CLI_COUNT(opts), stdout,
                       &err);
    if (rc != 0)
        return rc > 0 ? 0 : cli_fail(&cli, &err);
    rc = -1; /* until the end is reached */

    Notebook nb = {0};
    Net net = {0};
    Trainer t = {0};
    EpochLog log = {&nb.train, &nb.test, &t.work, NULL};
    if (nb_replay(&nb, cli.data, cli.seed, NB_CELL3, &err) != 0)
        goto out;
    if (cfg.batch_size > nb.train.n) {
        err_set(&err, "--batch-size: %d is more than the %d training images",
                cfg.batch_size, nb.train.n);
        goto out;
    }
    int cap = nb.test.n > cfg.batch_size ? nb.test.n : cfg.batch_size;
    log.rows = malloc((size_t)cfg.max_epochs * sizeof *log.rows);
    if (!log.rows ||
        net_init(&net, DATA_FEATURES, NB_HIDDEN, DATA_CLASSES,
                 ACT_SIGMOID) != 0 ||
        trainer_init(&t, &net, nb.train.n, cap) != 0) {
        err_set(&err, "out of memory");
        goto out;
    }

    printf("eta %g, lambda %g, %d epochs of %d steps, batches of %d\n",
           cfg.eta, cfg.lambda, cfg.max_epochs, nb.train.n / cfg.batch_size,
           cfg.batch_size);
    printf("           (training / test)\n");
    //> train
    net_init_tutorial(&net, &nb.rng); /* NeuralNetwork.__init__ */
    TrainData data = {.train = &nb.train};
    TrainResult res;
    if (train_run(&net, &t, &data, &nb.rng, &cfg, log_epoch, &log, &res,
                  &err) != 0)
        goto out;
    //< train
    double cost = NAN, accuracy = NAN;
    if (res.diverged) {
        summary_diverged(res.diverged_epoch, res.diverged_step);
    } else {
        train_evaluate(&net, &nb.test, &t.work, &cost, &accuracy, NULL);
        printf("Accuracy score on test set: %.17g\n", accuracy);
    }

    if (save && res.diverged) {
        err_set(&err, "--save: the network diverged at epoch %d, step %d; "
                "not saved", res.diverged_epoch, res.diverged_step);
        goto out;
    }
    if ((save && netio_save(&net, 1.0, save, &err) != 0) ||
        write_epochs(log.rows, cfg.max_epochs, cli.out, &err) != 0 ||
        out_hidden_weights(&net.Wh, DATA_SIDE, cli.out,
                           "hidden_weights.tsv", &err) != 0)
        goto out;
    printf("\n");
    summary_begin();
    summary_double("accuracy_test", accuracy);
    summary_double("cost_test", cost);
    summary_int("diverged", res.diverged);
    summary_end();
    rc = 0;
out:
    trainer_free(&t);
    net_free(&net);
    free(log.rows);
    nb_free(&nb);
    return rc == 0 ? 0 : cli_fail(&cli, &err);
}
